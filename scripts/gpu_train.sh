#!/usr/bin/env bash
# A GPU run of colorgan's shipping recipe, prepared on a CPU machine and run on a GPU machine in one command.
#
# The shipped model (colorgan/weights/colorgan-lite0.pt) learned on Tiny ImageNet at 96 px on a CPU. What a GPU adds
# is the sharper view: fine-tuning it on photos that have the pixels (imagenet-sample's 900 training photos, short
# side 256) at random crops of SIZE px, with mixed precision: an L1 phase, then the hinge GAN, as on the CPU.
#
#   bash scripts/gpu_train.sh prepare [IMAGENET_SAMPLE]  # on a machine with the data and the package registry:
#                                                        #   .whl/ (the wheels a bare PyTorch image lacks) and .gpu/ (the photos)
#   bash scripts/gpu_train.sh run                        # on the GPU machine, from the repository's root, with .whl/ and .gpu/
#                                                        #   beside it: installs the wheels, trains, evaluates, writes to $OUT
#   bash scripts/gpu_train.sh --dry-run                  # all of the above for a few steps on this CPU, into a temporary folder
#
# Settings (environment variables): MINUTES (training time in minutes, default 8), SIZE (crop size, 192),
# BS (batch size, 32), GAN_FRACTION (0.5), INIT (the model to start from, the shipped one). The model and the
# report land in $OUT (default: runs/gpu): model.pt (fp16), history.csv, evaluation.json, evaluation.txt, train.log.
# To reproduce the run on a CPU in more time: the same `colorgan train` line below without --amp, with --minutes
# about 60x larger (lesson 04 measures the CPU's photos per second at each size).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
PACK=.gpu/imagenet-sample
WHEELS="fastai==2.8.* fastcore fastprogress fastdownload fasttransform plum-dispatch beartype"

exclude() { mkdir -p .git/info; for p in "$@"; do grep -qxF "$p" .git/info/exclude 2>/dev/null || echo "$p" >> .git/info/exclude; done; }

pack() { # SRC DEST [N]: the photos of SRC (all, or every (count/N)-th), as they are, in DEST; the split rule keeps working
  local src=$1 dest=$2 n=${3:-0}
  [ -d "$src" ] || { echo "gpu_train.sh: $src: no such folder (give the imagenet-sample folder)" >&2; exit 2; }
  rm -rf "$dest"; mkdir -p "$dest"
  if [ "$n" -gt 0 ]; then find "$src" -maxdepth 1 -type f | sort | awk -v n="$n" "NR <= n" | xargs -I{} cp {} "$dest"/ # awk reads it all: no SIGPIPE under pipefail
  else cp "$src"/* "$dest"/; fi
  echo "packed $(ls "$dest" | wc -l) photos, $(du -sm "$dest" | cut -f1) MiB, in $dest"
}

train_and_evaluate() { # PY OUT DEVICE_FLAGS... : the run itself
  local py=$1 out=$2; shift 2
  local run=$out/run; mkdir -p "$run"
  local init=${INIT:-colorgan/weights/colorgan-lite0.pt}
  echo "== training from $init on $PACK: ${MINUTES:-8} min, crops of ${SIZE:-192} px, batch ${BS:-32}"
  "$py" -m colorgan.cli train "$PACK" --valid-every 10 --init "$init" --size "${SIZE:-192}" --bs "${BS:-32}" \
    --minutes "${MINUTES:-8}" --gan-fraction "${GAN_FRACTION:-0.5}" --out "$run" "$@" 2>&1 | tee "$out/train.log"
  echo "== evaluating on the validation photos (256 protocol), against the run's own L1 warm-up"
  local dev=cpu; "$py" -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" && dev=cuda
  "$py" -m colorgan.cli evaluate "$PACK" --valid-every 10 --model "$run/model.pt" --render-size "${SIZE:-192}" \
    --device "$dev" --report "$run/eval" --json "$out/evaluation.json" ${LIMIT:+--limit $LIMIT} 2>&1 | tee "$out/evaluation.txt"
  cp "$run/model.pt" "$run/history.csv" "$out"/
  echo "== wrote $(ls "$out" | grep -v '^run$' | tr '\n' ' ')to $out"
}

case "$mode" in
  prepare)
    src=${2:-../shared/data/imagenet-sample}
    exclude /.whl/ /.gpu/
    pack "$src" "$PACK"
    rm -rf .whl; mkdir -p .whl
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
      --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform any \
      -d .whl $WHEELS
    echo "wheels: $(ls .whl | tr '\n' ' ')($(du -sm .whl | cut -f1) MiB)"
    echo "on the GPU machine: bash scripts/gpu_train.sh run   (carry .whl and .gpu)";;
  run)
    [ -d "$PACK" ] && [ -d .whl ] || { echo "gpu_train.sh: .gpu/ or .whl/ is missing: run 'bash scripts/gpu_train.sh prepare' first" >&2; exit 2; }
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 MPLBACKEND=Agg
    nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
    train_and_evaluate python3 "${OUT:-runs/gpu}" --amp --num-workers 8;;
  --dry-run)
    # everything but the wheels (this environment has colorgan's dependencies) on a few photos for a few steps
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    src=${2:-../shared/data/imagenet-sample}
    if [ -d "$src" ]; then PACK=$tmp/pack; pack "$src" "$PACK" 40
    else PACK=$tmp/pack; mkdir -p "$PACK"; python3 -c "import shutil, sys; from colorgan.core import sample_photos; [shutil.copy(p, sys.argv[1]) for p in sample_photos()]" "$PACK"
         echo "no $src here: the dry run uses scikit-image's bundled photos"; fi
    export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
    MINUTES=${MINUTES:-0.4} SIZE=${SIZE:-64} BS=${BS:-4} LIMIT=4 train_and_evaluate "${PYTHON:-python3}" "${OUT:-$tmp/out}" --cpu --checkpoint-minutes 1
    ls "${OUT:-$tmp/out}"/model.pt "${OUT:-$tmp/out}"/evaluation.json >/dev/null
    echo "dry run: passed";;
  *) sed -n '2,20p' "$0"; [ "$mode" = -h ] || [ "$mode" = --help ] || exit 2;;
esac
