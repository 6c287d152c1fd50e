#!/usr/bin/env bash
# Packs the engine libraries, builds the engine-integration sample (samples/EngineIntegration) against the packed
# packages as an engine's own project would, and runs it: its own Vulkan device and queue (the first GPU; lavapipe
# without one), a test image upscaled for three frames, the last written to out/engine-integration.png and checked
# against the host-memory path. Runs under the Khronos validation layer when it is installed, and fails on any error
# the layer reports. Exit code 0: the sample passed.
#   scripts/sample.sh [--no-build] [IMAGE]      (--no-build: pack what the last Release build made, as CI does)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
pack=(--libraries)
image=tests/Images/photo-coffee-cup.png
for argument in "$@"; do
  case $argument in
    --no-build) pack+=(--no-build) ;;
    -*) echo "usage: scripts/sample.sh [--no-build] [IMAGE]" >&2; exit 2 ;;
    *) image=$argument ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/pack.sh "${pack[@]}"

# The packages of this version were just made: restore them into a folder of the sample's own, emptied first, so that a
# copy of the same version left in NuGet's global cache by an earlier pack is never used. Everything else (TorchSharp,
# libtorch, Silk.NET) is read from the global cache, as a fallback folder, instead of being downloaded again.
version=$(dotnet msbuild src/Runtime/GdpoRealtime.Runtime.csproj -getProperty:Version)
global=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rm -rf artifacts/sample-packages
sample=samples/EngineIntegration/EngineIntegration.csproj
properties=(-p:GdpoRealtimeVersion="$version" -p:RestorePackagesPath="$root/artifacts/sample-packages" -p:RestoreFallbackFolders="$global")
dotnet restore "$sample" --force --verbosity quiet "${properties[@]}"
dotnet build "$sample" -c Release --no-restore --nologo --verbosity quiet "${properties[@]}"

layer=/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json
if [[ -f $layer ]]; then export VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation; echo "sample: under the Khronos validation layer"; fi
log=$(mktemp)
set +e
dotnet samples/EngineIntegration/bin/Release/net10.0/EngineIntegration.dll "$image" out/engine-integration.png --frames 3 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
set -e
if grep -q "Validation Error" "$log"; then
  echo "sample: FAILED: the validation layer reported errors (above)" >&2
  code=1
fi
rm -f "$log"
exit "$code"
