#!/bin/bash
# The quality comparison of lesson 04 ("More compute, or a sharper view?"): two ways to spend 70 more CPU-minutes on the
# shipped model, trained side by side on one thread each, then scored by `colorgan evaluate` on both validation sets,
# each against its own L1 warm-up's saturation line (lesson 05). `python scripts/quality_study.py` then gathers the
# table, the saturation-line points and the picture grid. Run from the repository's root on an otherwise idle 2-core
# machine (about 85 minutes in all):
#
#   bash scripts/quality_study.sh [TINY_IMAGENET_FOLDER] [IMAGENET_SAMPLE_FOLDER] [OUT]
set -u
TINY=${1:-../shared/data/tiny-imagenet}; SAMPLE=${2:-../shared/data/imagenet-sample}; OUT=${3:-runs}
SHIPPED=colorgan/weights/colorgan-lite0.pt
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1 MPLBACKEND=Agg # one thread per run: a side-by-side comparison
mkdir -p $OUT/eval

# 1. the two arms at once, 70 minutes each, both from the shipped model
#  longer:  today's recipe, continued: 35 min more L1 on tiny-imagenet at 96 px, then 35 min of hinge GAN
colorgan train $TINY --valid-every 25 --init $SHIPPED --size 96 --bs 32 --minutes 70 --gan-fraction 0.5 \
  --out $OUT/longer > $OUT/longer.log 2>&1 &
#  sharper: imagenet-sample's 900 training photos (short side 256), random crops of 176 px: 10.5 min L1, then 59.5 min GAN
#           (a first try with 35 min of L1 overfitted: validation PSNR peaked after 3 of its epochs, 7 minutes, and fell)
colorgan train $SAMPLE --valid-every 10 --init $SHIPPED --size 176 --bs 16 --minutes 70 --gan-fraction 0.85 \
  --out $OUT/sharper > $OUT/sharper.log 2>&1 &
wait

# 2. scores: imagenet-sample's validation photos (256 protocol) and tiny-imagenet's (64 protocol), each model against
#    the saturation line of an L1 model: its own warm-up; the shipped model's is gone, so it gets the `longer` warm-up
#    (the L1 continuation of the shipped model itself)
ev() { # name model render_size reference
  colorgan evaluate $SAMPLE --valid-every 10 --model $2 --render-size $3 --reference $4 --report $OUT/eval/$1-in > $OUT/eval/$1-in.log 2>&1
  colorgan evaluate $TINY --valid-every 25 --size 64 --model $2 --render-size $3 --reference $4 --report $OUT/eval/$1-tiny > $OUT/eval/$1-tiny.log 2>&1
}
( ev shipped $SHIPPED 96 $OUT/longer/warmup.pt; ev longer $OUT/longer/model.pt 96 $OUT/longer/warmup.pt ) &
( ev sharper $OUT/sharper/model.pt 176 $OUT/sharper/warmup.pt
  for rs in 96 128 256; do # the render size that wins on the validation photos
    colorgan evaluate $SAMPLE --valid-every 10 --model $OUT/sharper/model.pt --render-size $rs --reference $OUT/sharper/warmup.pt \
      --report $OUT/eval/sharper-in-r$rs > $OUT/eval/sharper-in-r$rs.log 2>&1
  done ) &
wait
