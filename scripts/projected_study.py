"""Scores lesson 04's projected-discriminator comparison (scripts/projected_study.sh).

Every model is scored with `colorgan.evaluation.evaluate` on imagenet-sample's validation photos (256 protocol) and
tiny-imagenet's (64 protocol), against the saturation line of the L1 warm-up the four GAN arms started from; the shipped
model is placed against the same line. It writes nbs/images/study/projected.json and projected.jpg (gray | each model |
real on the quality grid's six photos) and prints the table.

    [MINUTES=24] python scripts/projected_study.py --runs runs
"""
import os
import objective_study as o

M = int(os.environ.get('MINUTES', 24)) # minutes per GAN arm, as projected_study.sh was run with
GROUPS = {'warm (L1)': {
    'warm (L1)': ('projected/warm/model.pt', 'shipped + L1 on tiny-imagenet, 96 px, both cores'),
    'shipped (colorgan-lite0)': (None, '60 min, one thread: L1 36 min, hinge GAN 24 min (the model card)'),
    'today': ('projected/today/model.pt', f'warm + {M} min hinge GAN + 100 × L1 against the PatchGAN'),
    'feature': ('projected/feature/model.pt', '… + the Lite0 feature loss, weight 1'),
    'projected': ('projected/projected/model.pt', f'warm + {M} min hinge GAN + 100 × L1 against a new projected D'),
    'projected + feature': ('projected/projected-feature/model.pt', '… + the Lite0 feature loss, weight 1')}}

if __name__ == '__main__':
    o.study_main(__doc__, 'projected', GROUPS, ['shipped (colorgan-lite0)', 'today', 'feature', 'projected', 'projected + feature'],
                 threads=1, seed=42, minutes=dict(gan=M), render_size=96)
