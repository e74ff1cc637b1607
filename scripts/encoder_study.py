"""The deciding comparison of lesson 04: the from-scratch `small` U-Net against the `lite0` U-Net on a pretrained
EfficientNet-Lite0 encoder, and the remedies tried on `lite0`, all trained on tiny-imagenet on one CPU thread each.

The runs and their scores are made by scripts/encoder_study.sh (about 2 h 20 min on an idle 2-core machine).

This script gathers the scores into nbs/images/study/encoder.json, prints them as a table, and draws the picture grid
nbs/images/study/encoder.jpg: gray | every model | real, on imagenet-sample validation photos of skies, grass, skin and food.

    python scripts/encoder_study.py --runs runs/cmp
"""
import argparse, json
from pathlib import Path
import numpy as np
from PIL import Image
from colorgan.evaluation import protocol_crop, gray_baseline
from colorgan.inference import Colorizer
from study_common import keep, save_columns

ROOT = Path(__file__).resolve().parents[1]
MODELS = { # label: (model file inside --runs, render size, what it is)
    'small, L1 only': ('small/warmup.pt', 64, 'from-scratch U-Net, its L1 warm-up (30 min)'),
    'small, GAN': ('small/model.pt', 64, "from-scratch U-Net, today's recipe: 30 min L1 + 30 min hinge GAN, L1×100"),
    'lite0, L1 only': ('lite0/warmup.pt', 96, 'EfficientNet-Lite0 U-Net, its L1 warm-up (7 min frozen + 29 min unfrozen)'),
    'lite0, GAN': ('lite0/model.pt', 96, 'lite0 warm-up + 24 min hinge GAN, L1×100'),
    'lite0, GAN L1×30': ('r_l1w30/model.pt', 96, 'from the lite0 warm-up: 24 min GAN, L1 weight 30'),
    'lite0, GAN + EMA': ('r_ema/model.pt', 96, 'from the lite0 warm-up: 24 min GAN, EMA of G (0.999)'),
    'lite0, GAN lr/4': ('r_lr/model.pt', 96, 'from the lite0 warm-up: 24 min GAN at lr 5e-5'),
    'lite0, GAN + classes': ('r_class/model.pt', 96, 'from the lite0 warm-up: 24 min GAN + classification loss (0.05)'),
}
EVAL_NAMES = {'small, L1 only': 'small_l1', 'small, GAN': 'small', 'lite0, L1 only': 'lite0_l1', 'lite0, GAN': 'lite0',
              'lite0, GAN L1×30': 'r_l1w30', 'lite0, GAN + EMA': 'r_ema', 'lite0, GAN lr/4': 'r_lr', 'lite0, GAN + classes': 'r_class',
              'shipped before (colorgan-small)': 'shipped'}
KEYS = ('psnr', 'ssim', 'colorfulness') # what encoder.json records
PHOTOS = ['alp', 'breakwater', 'zebra', 'flamingo', 'academic_gown', 'tricycle', 'orange', 'French_loaf'] # skies, grass, skin, food

def gather(runs:Path)->dict:
    "Scores of every evaluated model and of the baselines, per validation set."
    out = {}
    for label, name in EVAL_NAMES.items():
        for set_name, suffix in (('imagenet-sample', 'in'), ('tiny-imagenet', 'tiny')):
            f = runs/'eval'/f'{name}-{suffix}'/'evaluation.json'
            if not f.exists(): continue
            r = json.loads(f.read_text())
            s = out.setdefault(set_name, {'n_images': r['n_images'], 'real_colorfulness': round(r['results']['model']['real_colorfulness'], 2),
                                          'gray': keep(r['results']['gray'], KEYS), 'mean ab': keep(r['results']['mean_ab'], KEYS)})
            s[label] = keep(r['results']['model'], KEYS)
    return out

def table(scores:dict)->str:
    sets = list(scores)
    rows = ['| method | ' + ' | '.join(f'{s}: PSNR / SSIM / colorfulness' for s in sets) + ' |', '|---|' + '---|' * len(sets)]
    for label in ['gray', 'mean ab', *EVAL_NAMES]:
        if any(label in scores[s] for s in sets):
            rows.append(f'| {label} | ' + ' | '.join(f"{scores[s][label]['psnr']:.2f} / {scores[s][label]['ssim']:.3f} / {scores[s][label]['colorfulness']:.1f}"
                                                   if label in scores[s] else '—' for s in sets) + ' |')
    rows.append('| real photos | ' + ' | '.join(f"— / — / {scores[s]['real_colorfulness']:.1f}" for s in sets) + ' |')
    return '\n'.join(rows)

def grid(runs:Path, dest:Path, side:int=112):
    "gray | each model | real for the PHOTOS, as one JPEG with a header row of labels."
    folder = ROOT.parent/'shared'/'data'/'imagenet-sample'
    reals = [protocol_crop(Image.open(next(folder.glob(f'*_{p}.jpg')))) for p in PHOTOS]
    cols = {'gray': [Image.fromarray(gray_baseline(np.asarray(r))) for r in reals]}
    for label, (f, rs, _) in MODELS.items():
        if not (runs/f).exists(): continue
        col = Colorizer.from_pretrained(runs/f, device='cpu')
        cols[label] = [col(r, render_size=rs) for r in reals]
    cols['real'] = reals
    save_columns(cols, dest, side, header=0.5, fontsize=8, wrap=True)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--runs', default='runs/cmp', help='folder of the comparison runs and their evaluations')
    ap.add_argument('--out', default=str(ROOT/'nbs'/'images'/'study'), help='where encoder.json and encoder.jpg go')
    a = ap.parse_args()
    runs, out = Path(a.runs), Path(a.out)
    scores = gather(runs)
    (out/'encoder.json').write_text(json.dumps(dict(models={k: dict(file=v[0], render_size=v[1], what=v[2]) for k, v in MODELS.items()},
                                                    photos=PHOTOS, scores=scores), indent=1))
    print(table(scores))
    grid(runs, out/'encoder.jpg')
    print(f"wrote {out/'encoder.json'} and {out/'encoder.jpg'}")
