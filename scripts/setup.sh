#!/usr/bin/env bash
# Installs whatever GdpoRealtime needs that this Debian 12 machine lacks, then restores the solution.
# Safe to run again: it only installs what is missing.
#   scripts/setup.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages: fonts for image captions and plots, unzip for the training-data script, and the
# Vulkan stack (lavapipe, a CPU Vulkan driver, and the Khronos validation layer every Vulkan test runs
# under), GLFW and Xvfb for the renderer and viewer.
packages=(ca-certificates wget unzip fonts-dejavu-core libvulkan1 mesa-vulkan-drivers vulkan-validationlayers glslc libglfw3 xvfb xauth)

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "error: '$*' needs root; run this script as root or install sudo." >&2; return 1
  fi
}

# Runs an apt command, waiting (and saying so) while another package manager holds apt's or dpkg's lock, for
# example an unattended upgrade on a fresh machine, instead of failing at once.
apt_waiting() {
  local waited=0 output
  while true; do
    if output=$(as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 "$@" 2>&1); then return 0; fi
    if ! grep -qiE "could not get lock|unable to lock|is held by process" <<<"$output"; then echo "$output" >&2; return 1; fi
    if ((waited >= 1800)); then
      echo "error: another package manager has held apt's lock for 30 minutes; finish it (ps aux | grep -E 'apt|dpkg'), then run this again." >&2
      return 1
    fi
    ((waited == 0)) && echo "setup: another package manager holds apt's lock ($(grep -oiE 'held by process [0-9]+ \([^)]*\)' <<<"$output" | head -1)); waiting for it to finish..."
    sleep 10
    waited=$((waited + 10))
  done
}

missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt_waiting update -qq
  apt_waiting install -y -qq --no-install-recommends "${missing[@]}"
fi

# .NET 10 SDK, from Microsoft's Debian 12 repository when absent.
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "setup: installing the .NET 10 SDK"
  tmp=$(mktemp -d)
  wget -q -O "$tmp/ms.deb" https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb
  apt_waiting install -y -qq "$tmp/ms.deb"
  apt_waiting update -qq
  apt_waiting install -y -qq dotnet-sdk-10.0
  rm -rf "$tmp"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore "$root/GdpoRealtime.sln" --verbosity quiet
