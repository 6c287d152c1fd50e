#!/usr/bin/env bash
# Packs gdpo-sr as a .NET tool (GdpoRealtime.Cli), installs it from the local feed into a temporary tool path as a user
# would ('dotnet tool install'), and runs it: 'gdpo-sr --help', then 'gdpo-sr upscale' of a test image on the CPU, checking
# the PNG it writes is twice the input's size. Removes the installed tool afterwards. Exit code 0: the tool works.
#   scripts/tool.sh [--no-build]      (--no-build: pack what the last Release build made, as CI does)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
pack=()
for argument in "$@"; do
  case $argument in
    --no-build) pack+=(--no-build) ;;
    *) echo "usage: scripts/tool.sh [--no-build]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/pack.sh "${pack[@]}" | grep GdpoRealtime.Cli
version=$(dotnet msbuild src/Cli/GdpoRealtime.Cli.csproj -getProperty:Version)
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
# A tool path of its own, and the sample's nuget.config: GdpoRealtime packages come from the feed just packed only.
dotnet tool install GdpoRealtime.Cli --version "$version" --tool-path "$tools/bin" --configfile samples/EngineIntegration/nuget.config
echo "tool: installed $(du -sh "$tools" | cut -f1) in the tool path"
"$tools/bin/gdpo-sr" --help | head -4
input=tests/Images/photo-coffee-cup.png
"$tools/bin/gdpo-sr" upscale "$input" "$tools/upscaled.png"
# The PNG's IHDR: width and height as big-endian 32-bit numbers at bytes 16 to 23.
read -r width height < <(od -An -tu1 -j16 -N8 "$tools/upscaled.png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8}')
if [[ $width -ne 256 || $height -ne 256 ]]; then
  echo "tool: FAILED: gdpo-sr upscale wrote a ${width}x${height} PNG from the 128x128 $input (expected 256x256)" >&2
  exit 1
fi
echo "tool: PASSED (gdpo-sr $("$tools/bin/gdpo-sr" --version) installed, upscaled $input to 256x256)"
