"""Scores the second shipping run of scripts/ship_train.sh (runs/ship2: the shipped colorgan-lite0 continued 150 more minutes
on both cores, run in sittings with --max-minutes and --resume) against the model it continued, and both against the
saturation line of the run's own L1 model (runs/ship2/warmup.pt).

Run it before the candidate replaces colorgan/weights/colorgan-lite0.pt: the shipped file is the baseline here. It
scores, on imagenet-sample's validation photos (256 protocol) and tiny-imagenet's (64 protocol): the shipped model, its
`--decode 0.5,0.25` blend, the run's L1 warm-up, the run's model (its regression output), that model's same blend and its
head's annealed mean (T = 0.38, `--decode annealed`). The L1 warm-up learned the classification loss too, so its head is
scored as well: a quarter and a half of its annealed mean at T = 0.5, and the annealed mean alone at T = 0.38. It writes nbs/images/study/ship2.json and ship2.jpg (the six photos of the other grids) and prints the table. The
candidate ships if it beats the shipped model on both PSNR and colorfulness on imagenet-sample and lies above its line.

    python scripts/ship2_study.py --runs runs
"""
import objective_study as o # its colorizer reads the labels: 'blend T=…' decodes the head (lesson 06)

GROUPS = {'ship2: its L1 warm-up': {
    'ship2: its L1 warm-up': ('ship2/warmup.pt', 'the shipped model + 75 min L1 with the classification loss (1/4 resolution, 0.05), both cores'),
    'ship2: its L1 warm-up, blend T=0.5 share=0.25': ('ship2/warmup.pt', "the L1 model's head: a quarter of its annealed mean at T = 0.5, the rest its regression output"),
    'ship2: its L1 warm-up, blend T=0.5 share=0.5': ('ship2/warmup.pt', "the same, half and half"),
    'ship2: its L1 warm-up, annealed mean T=0.38': ('ship2/warmup.pt', "the L1 model's head alone, T = 0.38"),
    'shipped (colorgan-lite0)': (None, 'the model the package ships: 60 min on one thread, then 150 min of this recipe on both cores'),
    'shipped, blend T=0.5 share=0.25': (None, "its --decode 0.5,0.25: a quarter of the head's annealed mean at T = 0.5"),
    'ship2': ('ship2/model.pt', '+ 75 min hinge GAN + 100 × L1 + classification loss + Lite0 feature loss (weight 1), both cores: the regression output'),
    'ship2, blend T=0.5 share=0.25': ('ship2/model.pt', "a quarter of the head's annealed mean at T = 0.5, the rest the regression output"),
    'ship2, annealed mean T=0.38': ('ship2/model.pt', "the classification head's annealed mean alone, T = 0.38 (its --decode annealed)")}}

TITLES = {'shipped (colorgan-lite0)': 'shipped', 'shipped, blend T=0.5 share=0.25': 'shipped, blend', # the grid's column titles, short
          'ship2: its L1 warm-up': 'ship2 L1 warm-up', 'ship2, blend T=0.5 share=0.25': 'ship2, blend', # enough for a 128-px column
          'ship2, annealed mean T=0.38': 'ship2, AM 0.38'}

if __name__ == '__main__':
    o.study_main(__doc__, 'ship2', GROUPS, ['shipped (colorgan-lite0)', 'shipped, blend T=0.5 share=0.25', 'ship2: its L1 warm-up', 'ship2', 'ship2, blend T=0.5 share=0.25',
                  'ship2, annealed mean T=0.38'], titles=TITLES,
                 threads=2, seed=42, render_size=96)
