#!/bin/bash
# The objective comparison of lesson 04 ("What the GAN phase is asked"): four ways to spend the same CPU time on the
# shipped model, one thread per arm, scored by `colorgan evaluate` on both validation sets against the saturation line
# of the L1 model they start from (lesson 05). `python scripts/objective_study.py` then gathers the table and the grid.
#
#   warm:      L1 only, 30 min from the shipped model: the L1 warm-up that three arms share, and their line
#   today:     warm, then 30 min of today's GAN phase (hinge + 100 × L1)
#   feature:   warm, then 30 min of GAN + the Lite0 feature loss (weight 1, lesson 03c)
#   colorful:  warm, then 30 min of GAN + DDColor's colorfulness loss (weight 0.5, lesson 03c)
#   classes:   its own 30 min of L1 + the classification loss at 1/4 resolution (weight 0.05), then 30 min of GAN with it;
#              scored as the GAN's regression output and as the head's annealed mean at T = 0.2, 0.3, 0.38, 0.5
#
# Every arm gets 30 one-thread minutes of GAN after 30 of L1 (the three GAN arms share theirs). Two run at a time on a
# 2-core machine (idle, ideally: each log says how many photos its run saw), about 95 minutes in all, then 20 of scoring. MINUTES=20 gives every stage 20 minutes
# instead of 30 (about 65 in all); each run's log says how many photos it saw:
#
#   [MINUTES=30] bash scripts/objective_study.sh [TINY_IMAGENET_FOLDER] [IMAGENET_SAMPLE_FOLDER] [OUT]
set -u
TINY=${1:-../shared/data/tiny-imagenet}; SAMPLE=${2:-../shared/data/imagenet-sample}; OUT=${3:-runs}
SHIPPED=colorgan/weights/colorgan-lite0.pt
M=${MINUTES:-30}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1 MPLBACKEND=Agg # one thread per run: a side-by-side comparison
mkdir -p $OUT/eval
T="$TINY --valid-every 25 --size 96 --bs 32"
gan() { colorgan train $T --init $OUT/warm/model.pt --minutes $M --gan-fraction 1 "${@:2}" --out $OUT/$1 > $OUT/$1.log 2>&1; }

colorgan train $T --init $SHIPPED --minutes $((2 * M)) --gan-fraction 0.5 --class-weight 0.05 --out $OUT/classes > $OUT/classes.log 2>&1 &
colorgan train $T --init $SHIPPED --minutes $M --gan-fraction 0 --out $OUT/warm > $OUT/warm.log 2>&1
gan today
wait
gan feature --feature-weight 1 &
gan colorful --colorfulness-weight 0.5
wait
