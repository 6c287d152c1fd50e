#!/usr/bin/env bash
# Sets up what is missing, then runs the main job: the built-in model upscales the shipped sample frame
# and writes out/sample-x2.png and out/side-by-side.png (bicubic | ours).
#   scripts/demo.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "$root"
dotnet build demo/GdpoRealtime.Demo.csproj -c Release --verbosity quiet --nologo
mkdir -p out
dotnet demo/bin/Release/net10.0/gdpo-sr.dll upscale demo/samples/sample-frame.png out/sample-x2.png --side-by-side out/side-by-side.png "$@"
