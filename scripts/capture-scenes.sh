#!/usr/bin/env bash
# Captures the many-scene training set and, apart from it, the held-apart scene that every figure uses:
#   OUT/train             every training scene ('all-training') x every texture source (the procedural set
#                         and each folder of data/images), FRAMES_PER pairs each, on all camera paths and
#                         lightings, about half of them jittered (--jitter mixed)
#   OUT/heldout-harbour   the held-apart scene with its own textures (data/heldout/openarena), never trained on
# A capture that is cut short continues where it stopped when the same command is run again.
#
#   scripts/capture-scenes.sh [OUT]        (default: data/captures)
#
#   SIZE=960x540       ground-truth size (low-res is half of it), as scripts/train-default.sh's cpu profile
#   FRAMES_PER=24      pairs per scene and texture source (7 scenes x 5 sources x 24 = 840 pairs)
#   HELDOUT_FRAMES=48  pairs of the held-apart scene
#   SEED=1             which images each scene draws from a folder, and which pairs are jittered
#   GDPO_SR            the gdpo-sr command to use (default: build this checkout and run it)
# About 5 minutes (more on a busy machine) and 0.7 GB at the defaults on 2 CPU cores with lavapipe; train with --data OUT/train
# (add MIX=data/images to keep photographs) and score with 'gdpo-sr eval --data OUT/heldout-harbour --all-held-out'.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/data/captures}
size=${SIZE:-960x540}
per=${FRAMES_PER:-24}
heldout_frames=${HELDOUT_FRAMES:-48}
seed=${SEED:-1}
images=$root/data/images
heldout_textures=$root/data/heldout/openarena

if [[ -z ${GDPO_SR:-} ]]; then
  bash "$root/scripts/setup.sh"
  (cd "$root" && dotnet build src/Cli/GdpoRealtime.Cli.csproj -c Release --verbosity quiet --nologo)
  GDPO_SR="dotnet $root/src/Cli/bin/Release/net10.0/gdpo-sr.dll"
fi
read -r -a gdpo_sr <<<"$GDPO_SR"

if [[ ! -d $images || ! -f $heldout_textures/HELD-APART ]]; then
  echo "Texture folders are missing: fetching them (scripts/fetch-training-data.sh)"
  bash "$root/scripts/fetch-training-data.sh" "$images"
fi

sources=(--textures procedural)
for folder in "$images"/*/; do sources+=(--textures "${folder%/}"); done
scenes=$("${gdpo_sr[@]}" scenes --scene all-training --names | wc -l)
frames=$((scenes * (${#sources[@]} / 2) * per))
# A scene's pairs span one loop of its 60 s camera paths; consecutive pairs take turns on its paths.
interval=$(awk -v n="$per" 'BEGIN { printf "%.4f", 59 / n }')
heldout_interval=$(awk -v n="$heldout_frames" 'BEGIN { printf "%.4f", 59 / n }')

mkdir -p "$out"
started=$(date +%s)
echo "training set: $scenes scenes x $((${#sources[@]} / 2)) texture sources x $per pairs = $frames pairs of $size -> $out/train"
"${gdpo_sr[@]}" capture --scene all-training "${sources[@]}" --frames "$frames" --out "$out/train" --size "$size" \
  --interval "$interval" --jitter mixed --seed "$seed"
middle=$(date +%s)
echo "held-apart scene: $heldout_frames pairs -> $out/heldout-harbour"
"${gdpo_sr[@]}" capture --scene heldout-harbour --textures "$heldout_textures" --frames "$heldout_frames" --out "$out/heldout-harbour" \
  --size "$size" --interval "$heldout_interval" --jitter mixed --seed "$seed"
ended=$(date +%s)
echo "done in $((ended - started)) s (training set $((middle - started)) s, held-apart scene $((ended - middle)) s):"
du -sh "$out/train" "$out/heldout-harbour"
