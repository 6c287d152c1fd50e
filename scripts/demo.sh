#!/usr/bin/env bash
# Sets up what is missing, then runs the main job, the demo: the live viewer in a window when there is a
# display (a Vulkan-rendered scene upscaled by the built-in model, split view against bilinear or the
# supersampled native frame), otherwise the headless demo, which renders frames along the camera path
# and writes them, out/comparison.png and out/timings.csv, and prints a timing summary.
#   scripts/demo.sh [gdpo-sr demo options, e.g. --headless, --frames N, --size WxH]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "$root"
dotnet build src/Cli/GdpoRealtime.Cli.csproj -c Release --verbosity quiet --nologo
exec dotnet src/Cli/bin/Release/net10.0/gdpo-sr.dll demo --out out "$@"
