#!/usr/bin/env bash
# Sets up what is missing, then builds and runs the whole test suite (NUnit on Microsoft.Testing.Platform).
# The Vulkan tests run on lavapipe (a CPU driver) when there is no GPU; the window tests need a display,
# so without one the suite runs inside a virtual X server (xvfb-run).
#   scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "$root"
test=(dotnet test --project tests/GdpoRealtime.Tests.csproj -c Release "$@")
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" "${test[@]}"
fi
exec "${test[@]}"
