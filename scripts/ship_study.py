"""Scores the shipping run of scripts/ship_train.sh (colorgan-lite0 since it shipped) against the model it continued and its own L1 model's saturation line.

The run (runs/ship) continued the previously shipped model on both cores: L1 with the classification head as an
auxiliary loss, then a GAN phase with the Lite0 feature loss too. This script scores, on imagenet-sample's validation
photos (256 protocol) and tiny-imagenet's (64 protocol), each against the saturation line of the run's L1 model
(warmup.pt), through the shipped file (colorgan/weights/colorgan-lite0.pt, its export at fp16 with the head): its
regression output (how it colors by default), its head's annealed mean at T = 0.38, 0.5 and 1, and blends of the
regression output with the annealed mean. The model it continued is read from runs/previous-lite0.pt
(`git show 144f6fa:colorgan/weights/colorgan-lite0.pt > runs/previous-lite0.pt`). It writes
nbs/images/study/ship.json and ship.jpg (the six photos of the other grids) and prints the table.

    python scripts/ship_study.py --runs runs
"""
from pathlib import Path
import objective_study as o # its colorizer reads the labels: 'annealed mean T=…' and 'blend T=…' decode the head (lesson 06)

TEMPERATURES = (0.38, 0.5, 1.0)
BLENDS = ('T=0.5 share=0.25', 'T=0.5 share=0.5', 'T=1.0 share=0.5')
GROUPS = {'ship: its L1 warm-up': {
    'ship: its L1 warm-up': ('ship/warmup.pt', 'the previous model + 75 min L1 with the classification loss (1/4 resolution, 0.05), both cores'),
    'previous (colorgan-lite0 before)': ('previous-lite0.pt', '60 min, one thread: L1 36 min, hinge GAN 24 min'),
    'ship': (None, '+ 73 min hinge GAN + 100 × L1 + classification loss + Lite0 feature loss (weight 1), both cores: the regression output, what ships'),
    **{f'ship, annealed mean T={t}': (None, f"the classification head's annealed mean, T = {t}") for t in TEMPERATURES},
    **{f'ship, blend {b}': (None, f"{b.split('share=')[1]} of the annealed mean at {b.split()[0]}, the rest the regression output") for b in BLENDS}}}

if __name__ == '__main__':
    o.study_main(__doc__, 'ship', GROUPS, ['previous (colorgan-lite0 before)', 'ship: its L1 warm-up', 'ship', 'ship, blend T=0.5 share=0.25', 'ship, annealed mean T=0.38'],
                 threads=2, seed=42, render_size=96)
