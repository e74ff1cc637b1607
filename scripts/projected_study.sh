#!/bin/bash
# Lesson 04's projected discriminator (lesson 03's ProjectedDiscriminator: Projected GAN, Sauer et al. 2021, on frozen
# ImageNet Lite0 features, with L beside them), against today's PatchGAN, each with and without the Lite0 feature loss
# (a feature-matching term through the same frozen network). All four GAN arms start from one L1 warm-up of the shipped
# model, get the same minutes, one thread each, and run at the same time, so they share the machine alike.
# `python scripts/projected_study.py` then scores them against the warm-up's saturation line.
#
#   warm:               L1 only from the shipped model, both cores, WARM_MINUTES (10): the arms' start and their line
#   today:              warm + hinge GAN + 100 × L1, the shipped model's PatchGAN continued
#   feature:            the same + the Lite0 feature loss (weight 1)
#   projected:          warm + hinge GAN + 100 × L1 against a new projected D (--d-arch projected)
#   projected-feature:  the same + the Lite0 feature loss (weight 1)
#
#   [MINUTES=24] [WARM_MINUTES=10] bash scripts/projected_study.sh [TINY_IMAGENET_FOLDER] [OUT]
set -u
TINY=${1:-../shared/data/tiny-imagenet}; OUT=${2:-runs/projected}
M=${MINUTES:-24}
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
mkdir -p $OUT
T="$TINY --valid-every 25 --size 96 --bs 32"
OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 colorgan train $T --init colorgan/weights/colorgan-lite0.pt --minutes ${WARM_MINUTES:-10} \
  --gan-fraction 0 --out $OUT/warm > $OUT/warm.log 2>&1 || exit 1
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 # one thread per arm: a side-by-side comparison
gan() { colorgan train $T --init $OUT/warm/model.pt --minutes $M --gan-fraction 1 "${@:2}" --out $OUT/$1 > $OUT/$1.log 2>&1; }
gan today &
gan feature --feature-weight 1 &
gan projected --d-arch projected &
gan projected-feature --d-arch projected --feature-weight 1 &
wait
