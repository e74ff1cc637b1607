"""Scores the third run (runs/ship3): the L1 model of the second shipping run (runs/ship2/warmup.pt) continued with the L1 loss
and the classification loss alone (no GAN phase) on both cores:

    OMP_NUM_THREADS=2 colorgan train TINY_IMAGENET --valid-every 25 --size 96 --bs 32 --init runs/ship2/warmup.pt \\
        --minutes 95 --gan-fraction 0 --class-weight 0.05 --out runs/ship3

It is lesson 04's lead after the second run: an L1 phase with the classification loss, decoded through its head. The run's
model is its own L1 model, so every row is placed against the line of its regression output. It scores, on imagenet-sample's
validation photos (256 protocol) and tiny-imagenet's (64 protocol): the shipped model and its `--decode 0.5,0.25` blend, the
model the run continued (ship2's L1 model) and its quarter blend, and the run's model with a quarter, three eighths and half of
its head's annealed mean at T = 0.5. The share is chosen on Tiny ImageNet's validation photos, by a rule fixed before the run:
the largest share whose PSNR there is at least the shipped model's. It writes nbs/images/study/ship3.json and ship3.jpg (the six
photos of the other grids) and prints the table.

    python scripts/ship3_study.py --runs runs
"""
import objective_study as o # its colorizer reads the labels: 'blend T=…' decodes the head (lesson 06)

GROUPS = {'ship3': {
    'ship3': ('ship3/model.pt', "ship2's L1 model + 95 min L1 with the classification loss (1/4 resolution, 0.05), both cores: the regression output"),
    'ship3, blend T=0.5 share=0.25': ('ship3/model.pt', "a quarter of its head's annealed mean at T = 0.5, the rest the regression output"),
    'ship3, blend T=0.5 share=0.375': ('ship3/model.pt', "three eighths of it"),
    'ship3, blend T=0.5 share=0.5': ('ship3/model.pt', "half and half"),
    'ship2: its L1 warm-up': ('ship2/warmup.pt', 'the model the run continued: the shipped model + 75 min L1 with the classification loss'),
    'ship2: its L1 warm-up, blend T=0.5 share=0.25': ('ship2/warmup.pt', "its head: a quarter of its annealed mean at T = 0.5"),
    'shipped (colorgan-lite0)': (None, 'the model the package ships: 60 min on one thread, then 150 min of the shipping recipe on both cores'),
    'shipped, blend T=0.5 share=0.25': (None, "its --decode 0.5,0.25: a quarter of the head's annealed mean at T = 0.5")}}

TITLES = {'shipped (colorgan-lite0)': 'shipped', 'shipped, blend T=0.5 share=0.25': 'shipped, blend',
          'ship2: its L1 warm-up': 'ship2 L1 model', 'ship3, blend T=0.5 share=0.25': 'ship3, blend 1/4',
          'ship3, blend T=0.5 share=0.5': 'ship3, blend 1/2'}

if __name__ == '__main__':
    o.study_main(__doc__, 'ship3', GROUPS, ['shipped (colorgan-lite0)', 'shipped, blend T=0.5 share=0.25', 'ship2: its L1 warm-up', 'ship3',
                  'ship3, blend T=0.5 share=0.25', 'ship3, blend T=0.5 share=0.5'], titles=TITLES,
                 threads=2, seed=42, render_size=96)
