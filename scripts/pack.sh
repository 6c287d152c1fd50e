#!/usr/bin/env bash
# Packs the NuGet packages into artifacts/packages (git-ignored; the local feed the samples build against):
# GdpoRealtime.Runtime and GdpoRealtime.Interop (the engine libraries, with their .snupkg symbols) and GdpoRealtime.Cli
# (gdpo-sr as a .NET tool), then lists them with their sizes.
#   scripts/pack.sh [--no-build] [--libraries]
#     --no-build   pack what the last Release build made (CI packs after the test build)
#     --libraries  the two libraries only (the tool, with libtorch inside, takes about 20 s more)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=()
projects=(src/Runtime/GdpoRealtime.Runtime.csproj src/Interop/GdpoRealtime.Interop.csproj src/Cli/GdpoRealtime.Cli.csproj)
for argument in "$@"; do
  case $argument in
    --no-build) build=(--no-build) ;;
    --libraries) projects=("${projects[@]:0:2}") ;;
    *) echo "usage: scripts/pack.sh [--no-build] [--libraries]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in "${projects[@]}"; do
  id=$(basename "$project" .csproj)
  rm -f artifacts/packages/"$id".*.nupkg artifacts/packages/"$id".*.snupkg  # no older version left for a restore to pick
  dotnet pack "$project" -c Release "${build[@]}" --nologo --verbosity quiet
done
ls -l artifacts/packages | awk 'NR > 1 {printf "pack: %-45s %9.3f MB\n", $9, $5 / 1e6}'
