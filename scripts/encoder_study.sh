#!/bin/bash
# The deciding comparison of lesson 04: from-scratch `small` against `lite0` (EfficientNet-Lite0 encoder), then four
# remedies on lite0, then `colorgan evaluate` of every model. Run from the repository's root, on an otherwise idle
# 2-core machine (about 2 h 20 min in all); `python scripts/encoder_study.py` then gathers the table and the picture.
#
#   bash scripts/encoder_study.sh [TINY_IMAGENET_FOLDER] [IMAGENET_SAMPLE_FOLDER] [OUT]
set -u
TINY=${1:-../shared/data/tiny-imagenet}; SAMPLE=${2:-../shared/data/imagenet-sample}; OUT=${3:-runs/cmp}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1 MPLBACKEND=Agg # one thread per run
mkdir -p $OUT/eval

# 1. the two recipes at once, 60 minutes each
colorgan train $TINY --valid-every 25 --arch small --size 64 --bs 32 --minutes 60 --gan-fraction 0.5 --out $OUT/small > $OUT/small.log 2>&1 &
colorgan train $TINY --valid-every 25 --arch lite0 --pretrained --size 96 --bs 32 --minutes 60 --gan-fraction 0.4 --frozen-fraction 0.2 \
  --out $OUT/lite0 > $OUT/lite0.log 2>&1 &
wait

# 2. remedies: 24-minute GAN phases from lite0's L1 warm-up (the length of its own GAN phase), two at a time
G="--valid-every 25 --init $OUT/lite0/warmup.pt --size 96 --bs 32 --minutes 24 --gan-fraction 1.0"
colorgan train $TINY $G --l1-weight 30 --out $OUT/r_l1w30 > $OUT/r_l1w30.log 2>&1 &
colorgan train $TINY $G --ema 0.999 --out $OUT/r_ema > $OUT/r_ema.log 2>&1 &
wait
colorgan train $TINY $G --lr 5e-5 --out $OUT/r_lr > $OUT/r_lr.log 2>&1 &
colorgan train $TINY $G --class-weight 0.05 --class-at last --out $OUT/r_class > $OUT/r_class.log 2>&1 &
wait

# 3. scores: imagenet-sample's validation photos (256 protocol) and tiny-imagenet's (64 protocol), at each model's training size
ev() { # name model render_size
  colorgan evaluate $SAMPLE --valid-every 10 --model $2 --render-size $3 --report $OUT/eval/$1-in > $OUT/eval/$1-in.log 2>&1
  colorgan evaluate $TINY --valid-every 25 --size 64 --model $2 --render-size $3 --report $OUT/eval/$1-tiny > $OUT/eval/$1-tiny.log 2>&1
}
( ev small_l1 $OUT/small/warmup.pt 64; ev small $OUT/small/model.pt 64; ev r_lr $OUT/r_lr/model.pt 96 ) &
( ev lite0_l1 $OUT/lite0/warmup.pt 96; ev lite0 $OUT/lite0/model.pt 96; ev r_l1w30 $OUT/r_l1w30/model.pt 96
  ev r_ema $OUT/r_ema/model.pt 96; ev r_class $OUT/r_class/model.pt 96 ) &
wait
