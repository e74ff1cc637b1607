#!/bin/bash
# A shipping-scale run of lesson 04's best objective so far, on both cores: the shipped model continued (`--init`)
# with the classification head at 1/4 resolution as an auxiliary loss (weight 0.05) through an L1 phase, then a GAN
# phase that adds the Lite0 feature loss (weight 1). scripts/ship_study.py then scores (with `evaluate`) its regression output and the
# head's annealed mean against the saturation line of the run's own L1 model (runs/ship/warmup.pt).
#
#   [MINUTES=95] bash scripts/ship_train.sh [TINY_IMAGENET_FOLDER] [OUT] [more train options, e.g. --max-minutes 78]
#
# A run planned for more minutes than one sitting stops at --max-minutes with an intact checkpoint; the same command
# with --resume continues it where it stopped.
set -u
TINY=${1:-../shared/data/tiny-imagenet}; OUT=${2:-runs/ship}
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 PYTHONUNBUFFERED=1 MPLBACKEND=Agg # a shipping run: both cores
colorgan train $TINY --valid-every 25 --size 96 --bs 32 --init colorgan/weights/colorgan-lite0.pt \
  --minutes ${MINUTES:-95} --gan-fraction 0.5 --class-weight 0.05 --feature-weight 1 --out $OUT "${@:3}"
