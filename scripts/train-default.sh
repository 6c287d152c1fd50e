#!/usr/bin/env bash
# The recipe of src/Trainer/RECIPE.md end to end, as the shipped default model is made: the many-scene capture
# set and the held-apart scene (scripts/capture-scenes.sh), stage 1 on those captures mixed with the packaged
# images, GDPO on several seeds with shuffled-advantage controls (the same settings) and a same-budget
# supervised baseline, then `gdpo-sr eval` of them all on the held-apart scene and on the test photographs.
# Each step's output is kept in OUT; started again with the same command, a killed run skips what is
# finished and resumes the capture or training it was in.
#
#   scripts/train-default.sh [OUT]        (default: runs/default)
#
#   PROFILE=cpu   the shipped model's budget, for a CPU (about 2 hours on 2 cores, captures included)
#   PROFILE=smoke a few steps of everything on a few small captures: checks the pipeline, not a model
#   PROFILE=gpu   more steps and bigger batches, --device cuda (on a machine with an NVIDIA GPU: see README)
#   SEEDS="1 2 3" GDPO seeds (each with its shuffled control)
#   CAPTURES=DIR  where the capture set is made or found (default: data/captures; smoke: OUT/captures)
#   MIX="DIR ..." image folders mixed into the captured frames in equal shares (default: data/images, so the
#                 model also knows photographs; MIX= trains on captures only)
#   GDPO_SR: the gdpo-sr command to use
#   (default: build this checkout and run it)
# OUT/summary.txt holds both evaluation tables and every run's throughput.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-runs/default}
profile=${PROFILE:-cpu}
seeds=${SEEDS:-1 2 3}

if [[ -z ${GDPO_SR:-} ]]; then
  bash "$root/scripts/setup.sh"
  (cd "$root" && dotnet build src/Cli/GdpoRealtime.Cli.csproj -c Release --verbosity quiet --nologo)
  GDPO_SR="dotnet $root/src/Cli/bin/Release/net10.0/gdpo-sr.dll"
fi
read -r -a gdpo_sr <<<"$GDPO_SR"

case $profile in
  smoke)
    device=cpu captures=${CAPTURES:-}
    capture_env=(SIZE=320x180 FRAMES_PER=1 HELDOUT_FRAMES=4)
    stage1=(--steps 20 --batch 4 --crop 32)
    stage2=(--steps 4 --batch 2 --lr 2e-5)
    eval_items=16 ;;
  cpu)
    device=cpu captures=${CAPTURES:-$root/data/captures}
    capture_env=(SIZE=960x540)
    stage1=(--steps 5000 --batch 16 --crop 48)
    stage2=(--steps 400 --batch 4 --lr 2e-5)
    eval_items=256 ;;
  gpu)
    device=cuda captures=${CAPTURES:-$root/data/captures}
    capture_env=(SIZE=960x540)
    stage1=(--steps 12000 --batch 32 --crop 64)
    stage2=(--steps 600 --batch 8 --lr 2e-5)
    eval_items=256 ;;
  *) echo "error: PROFILE '$profile' is not smoke, cpu or gpu" >&2; exit 2 ;;
esac

# Stage 1 and GDPO settings of RECIPE.md section 5 (the trust region on smooth regions included).
pretrain=(--adversarial-weight 0 --denoising-weight 0 --noise-strength-min 0 --eval-items 32 --eval-every 500 --checkpoint-every 250)
tune=(--crop 32 --group 6 --omega 5000 --texture-weight 2 --fidelity-region smooth --min-texture 0.3
      --eval-items 32 --eval-every 100 --checkpoint-every 100)
anchor=(--smooth-anchor 30)

# Every gdpo-sr command runs from the repository root with paths relative to it, so the models' training
# records (command and data, which ship inside the built-in model) hold no path of this machine.
mkdir -p "$out"
out=$(realpath "$out")
captures=$(realpath -m "${captures:-$out/captures}")
mix=()
for dir in ${MIX-$root/data/images}; do mix+=("$(realpath -m "$dir")"); done
cd "$root"
out=$(realpath --relative-to=. "$out")
captures=$(realpath --relative-to=. "$captures")
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$out/progress.log"; }

log "captures (profile $profile) in $captures"
env "${capture_env[@]}" GDPO_SR="$GDPO_SR" bash scripts/capture-scenes.sh "$captures" | tee -a "$out/progress.log"
data=(--data "$captures/train")
for dir in "${mix[@]}"; do data+=(--data "$(realpath --relative-to=. "$dir")"); done

# train KIND NAME ARGS...: one training run; skipped when NAME.gdpo exists, resumed when its state does.
train() {
  local kind=$1 name=$2; shift 2
  if [[ -f $out/$name.gdpo ]]; then log "$name: done before"; return; fi
  local resume=()
  [[ -f $out/$name-run/state.gdporun ]] && resume=(--resume)
  log "$name: $kind ${resume[*]}"
  "${gdpo_sr[@]}" train "$kind" "${data[@]}" --out "$out/$name.gdpo" --device "$device" "${resume[@]}" "$@" | tee "$out/$name.txt"
}

train pretrain stage1 "${pretrain[@]}" "${stage1[@]}"
models=(--model "$out/stage1.gdpo" --label stage1)
for seed in $seeds; do
  train gdpo "gdpo-s$seed" --model "$out/stage1.gdpo" --mode gdpo --seed "$seed" "${tune[@]}" "${anchor[@]}" "${stage2[@]}"
  train gdpo "shuffled-s$seed" --model "$out/stage1.gdpo" --mode shuffled --seed "$seed" "${tune[@]}" "${anchor[@]}" "${stage2[@]}"
  models+=(--model "$out/gdpo-s$seed.gdpo" --label "gdpo-s$seed" --model "$out/shuffled-s$seed.gdpo" --label "shuffled-s$seed")
done
for seed in 1 2; do
  train gdpo "supervised-s$seed" --model "$out/stage1.gdpo" --mode supervised --seed "$seed" "${tune[@]}" "${stage2[@]}"
  models+=(--model "$out/supervised-s$seed.gdpo" --label "supervised-s$seed")
done
models+=(--model default --label built-in)

log "eval on the held-apart scene"
"${gdpo_sr[@]}" eval --data "$captures/heldout-harbour" --all-held-out "${models[@]}" --min-texture 0.3 --eval-items "$eval_items" \
  --crops "$out/crops-harbour.png" --plot "$out/tradeoff-harbour.png" --json "$out/scores-harbour.json" --device "$device" >"$out/eval-harbour.txt"
log "eval on the test photographs (whole images)"
"${gdpo_sr[@]}" eval --data tests/Images --all-held-out "${models[@]}" --eval-tile 0 \
  --crops "$out/crops-photos.png" --json "$out/scores-photos.json" --device "$device" >"$out/eval-photos.txt"
{ echo "held-apart scene ($captures/heldout-harbour)"; cat "$out/eval-harbour.txt"; echo
  echo "test photographs (tests/Images)"; cat "$out/eval-photos.txt"; echo
  grep -H "throughput" "$out"/*.txt | grep -v eval-; } >"$out/summary.txt"
log "wrote $out/summary.txt, crops-harbour.png, tradeoff-harbour.png, crops-photos.png"
cat "$out/summary.txt"
