#!/usr/bin/env bash
# The recipe of src/Trainer/RECIPE.md end to end, as the shipped default model is made: capture training
# frames and a stretch of frames apart for scoring with the demo's renderer, stage 1, GDPO on several seeds
# with shuffled-advantage controls (the same settings) and a same-budget supervised baseline, then
# `gdpo-sr eval` of them all on the frames captured apart. Each step's output is kept in OUT; started again
# with the same command, a killed run skips what is finished and resumes the training it was in.
#
#   scripts/train-default.sh [OUT]        (default: runs/default)
#
#   PROFILE=cpu   the budget of RECIPE.md section 5, for a CPU (about 40 minutes on 2 cores)
#   PROFILE=smoke a few steps of everything (a minute or two): checks the pipeline, not a model
#   PROFILE=gpu   the full budget, --device cuda (on the GPU machine: run it under .device/boot.sh with
#                 GDPO_SR="dotnet .device/bin/GdpoRealtime.Tests/gdpo-sr.dll")
#   SEEDS="1 2 3" GDPO seeds (each with its shuffled control)
#   MIX="DIR ..."  folders mixed into the captured frames for training, in equal shares (for example the
#                 images of scripts/fetch-training-data.sh, so the model also knows photographs)
#   GDPO_SR: the gdpo-sr command to use
#   (default: build this checkout and run it)
# OUT/summary.txt ends with the evaluation table and every run's throughput.
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
    device=cpu size=320x180
    capture=(--frames 32 --interval 1.4)
    stage1=(--steps 20 --batch 4)
    stage2=(--steps 4 --batch 2 --lr 2e-5) ;;
  cpu)
    device=cpu size=960x540
    capture=(--frames 200 --interval 0.225)
    stage1=(--steps 1500 --batch 16)
    stage2=(--steps 400 --batch 4 --lr 2e-5) ;;
  gpu)
    device=cuda size=1920x1080
    capture=(--frames 400 --interval 0.1125)
    stage1=(--steps 6000 --batch 32)
    stage2=(--steps 600 --batch 8 --lr 2e-5) ;;
  *) echo "error: PROFILE '$profile' is not cpu or gpu" >&2; exit 2 ;;
esac

# Stage 1 and GDPO settings of RECIPE.md section 5 (the trust region on smooth regions included).
pretrain=(--crop 32 --min-texture 0.6 --adversarial-weight 0.02 --adversarial-start 300 --discriminator-channels 16
          --denoising-weight 0.03 --noise-strength-min 0.5 --smooth-weight 8)
tune=(--crop 32 --group 6 --omega 5000 --texture-weight 2 --fidelity-region smooth --min-texture 0.3
      --eval-items 32 --eval-every 100 --checkpoint-every 100)
anchor=(--smooth-anchor 30)

data=(--data train)
for dir in ${MIX:-}; do data+=(--data "$(cd "$dir" && pwd)"); done

mkdir -p "$out"
cd "$out"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a progress.log; }

# capture NAME ARGS...: a capture folder, resumed when a previous capture was cut short.
capture() {
  local name=$1; shift
  if [[ -f $name/manifest.json ]]; then
    "${gdpo_sr[@]}" capture --out "$name" --resume "$@"
  else
    "${gdpo_sr[@]}" capture --out "$name" "$@"
  fi
}

# train KIND NAME ARGS...: one training run; skipped when NAME.gdpo exists, resumed when its state does.
train() {
  local kind=$1 name=$2; shift 2
  if [[ -f $name.gdpo ]]; then log "$name: done before"; return; fi
  local resume=()
  [[ -f $name-run/state.gdporun ]] && resume=(--resume)
  log "$name: $kind ${resume[*]}"
  "${gdpo_sr[@]}" train "$kind" "${data[@]}" --out "$name.gdpo" --device "$device" "${resume[@]}" "$@" | tee "$name.txt"
}

log "capture (profile $profile)"
capture train --size "$size" "${capture[@]}"
capture heldout --size "$size" --frames 40 --start 45 --interval 0.375

train pretrain stage1 "${pretrain[@]}" "${stage1[@]}"
models=(--model stage1.gdpo --label stage1)
for seed in $seeds; do
  train gdpo "gdpo-s$seed" --model stage1.gdpo --mode gdpo --seed "$seed" "${tune[@]}" "${anchor[@]}" "${stage2[@]}"
  train gdpo "shuffled-s$seed" --model stage1.gdpo --mode shuffled --seed "$seed" "${tune[@]}" "${anchor[@]}" "${stage2[@]}"
  models+=(--model "gdpo-s$seed.gdpo" --label "gdpo-s$seed" --model "shuffled-s$seed.gdpo" --label "shuffled-s$seed")
done
for seed in 1 2; do
  train gdpo "supervised-s$seed" --model stage1.gdpo --mode supervised --seed "$seed" "${tune[@]}" "${stage2[@]}"
  models+=(--model "supervised-s$seed.gdpo" --label "supervised-s$seed")
done

log "eval on the frames captured apart"
"${gdpo_sr[@]}" eval --data heldout --all-held-out "${models[@]}" --model default --label built-in \
  --min-texture 0.6 --eval-items 256 --crops crops.png --plot tradeoff.png --json scores.json --device "$device" >eval.txt
{ cat eval.txt; echo; grep -H "throughput" ./*.txt | grep -v eval.txt; } >summary.txt
log "wrote $out/summary.txt, $out/tradeoff.png, $out/crops.png"
cat summary.txt
