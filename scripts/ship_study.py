"""Scores the shipping-scale run of scripts/ship_train.sh against the shipped model and its own L1 model's saturation line.

The run (runs/ship) continued the shipped model on both cores: L1 with the classification head as an auxiliary loss,
then a GAN phase with the Lite0 feature loss too. This script scores, on imagenet-sample's validation photos (256
protocol) and tiny-imagenet's (64 protocol), each against the saturation line of the run's L1 model (warmup.pt):
its regression output, its head's annealed mean at T = 0.38, 0.5 and 1, and half-and-half blends of the regression
output with the annealed mean. It writes nbs/images/study/ship.json and ship.jpg (the six photos of the other grids)
and prints the table.

    python scripts/ship_study.py --runs runs
"""
from pathlib import Path
import objective_study as o # its colorizer reads the labels: 'annealed mean T=…' and 'blend T=…' decode the head (lesson 06)

TEMPERATURES = (0.38, 0.5, 1.0)
BLENDS = (0.38, 0.5)
GROUPS = {'ship: its L1 warm-up': {
    'ship: its L1 warm-up': ('ship/warmup.pt', 'shipped + L1 with the classification loss (1/4 resolution, 0.05), both cores'),
    'shipped (colorgan-lite0)': (None, '60 min, one thread: L1 36 min, hinge GAN 24 min (the model card)'),
    'ship': ('ship/model.pt', '+ hinge GAN + 100 × L1 + classification loss + Lite0 feature loss (weight 1), both cores'),
    **{f'ship, annealed mean T={t}': ('ship/model.pt', f"the classification head's annealed mean, T = {t}") for t in TEMPERATURES},
    **{f'ship, blend T={t}': ('ship/model.pt', f'half the regression output, half the annealed mean at T = {t}') for t in BLENDS}}}

if __name__ == '__main__':
    o.study_main(__doc__, 'ship', GROUPS, ['shipped (colorgan-lite0)', 'ship: its L1 warm-up', 'ship', 'ship, annealed mean T=0.5', 'ship, blend T=0.5'],
                 threads=2, seed=42, render_size=96)
