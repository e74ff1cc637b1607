"""Lesson 04's quality comparison: more compute on today's recipe against a sharper view, both from the shipped model.

The runs and their scores are made by scripts/quality_study.sh. This script gathers the scores (each model against its
L1 warm-up's saturation line) into nbs/images/study/quality.json, traces each warm-up's saturation line on
imagenet-sample's validation photos for gains 1.0-2.0, prints the table, and draws nbs/images/study/quality.jpg:
gray | each model | real on six validation photos evenly spread over the sorted validation split (not chosen by eye).

    python scripts/quality_study.py --runs runs
"""
import argparse, json
from pathlib import Path
import numpy as np
from PIL import Image
from colorgan.core import list_files
from colorgan.data import split_files
from colorgan.evaluation import protocol_crop, gray_baseline, saturation_line
from colorgan.inference import Colorizer
from study_common import keep, even_picks, save_columns, line_table

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT/'colorgan'/'weights'/'colorgan-lite0.pt'
MODELS = { # label: (evaluation name, model file inside --runs or None for the shipped one, render size, its L1 reference, what it is)
    'shipped (colorgan-lite0)': ('shipped', None, 96, 'longer/warmup.pt', '60 min, one thread: L1 36 min, hinge GAN 24 min (the model card)'),
    'longer: its L1 warm-up': ('longer_l1', 'longer/warmup.pt', 96, None, 'shipped + 35 min L1 on tiny-imagenet, 96 px'),
    'longer': ('longer', 'longer/model.pt', 96, 'longer/warmup.pt', 'shipped + 35 min L1 + 35 min hinge GAN on tiny-imagenet, 96 px'),
    'sharper: its L1 warm-up': ('sharper_l1', 'sharper/warmup.pt', 176, None, 'shipped + 10.5 min L1 on imagenet-sample train, 176-px crops'),
    'sharper': ('sharper', 'sharper/model.pt', 176, 'sharper/warmup.pt', 'shipped + 10.5 min L1 + 59.5 min hinge GAN on imagenet-sample train, 176-px crops'),
}
SETS = (('imagenet-sample', 'in'), ('tiny-imagenet', 'tiny'))

def _keep(m): return keep(m, ('psnr', 'ssim', 'colorfulness', 'delta_cf'))

def gather(runs:Path)->dict:
    "Scores of every model, its saturation-line point and the baselines, per validation set."
    out = {}
    for label, (name, f, rs, ref, _) in MODELS.items():
        for set_name, suffix in SETS:
            # a warm-up is scored as the 'reference' of its GAN model's evaluation
            ev_name, key = (name[:-3], 'reference') if name.endswith('_l1') else (name, 'model')
            p = runs/'eval'/f'{ev_name}-{suffix}'/'evaluation.json'
            if not p.exists(): continue
            r = json.loads(p.read_text())
            s = out.setdefault(set_name, {'n_images': r['n_images'], 'real_colorfulness': round(r['results']['model']['real_colorfulness'], 2),
                                          'gray': _keep(r['results']['gray']), 'mean ab': _keep(r['results']['mean_ab'])})
            s[label] = _keep(r['results'][key])
            if key == 'model' and r.get('line'): s[label]['line'] = {k: (round(v, 3) if v is not None else None) for k, v in r['line']['model'].items()}
    for rs in (96, 128, 256): # the sharper model at other render sizes
        p = runs/'eval'/f'sharper-in-r{rs}'/'evaluation.json'
        if p.exists():
            r = json.loads(p.read_text()); m = _keep(r['results']['model']); m['line'] = {k: round(v, 3) for k, v in r['line']['model'].items()}
            out['imagenet-sample'][f'sharper, render {rs}'] = m
    return out

def val_photos(folder:Path)->list:
    return split_files(list_files(folder), valid_every=10)[1]

def lines(runs:Path, folder:Path)->dict:
    "Each L1 warm-up's saturation line on imagenet-sample's validation photos (256 protocol), gains 1.0-2.0."
    from colorgan.data import check_image
    from colorgan.core import ImageError
    reals = []
    for f in val_photos(folder):
        try: reals.append(np.asarray(protocol_crop(check_image(f), 256)))
        except ImageError: pass
    out = {}
    for label in ('longer: its L1 warm-up', 'sharper: its L1 warm-up'):
        _, f, rs, _, _ = MODELS[label]
        col = Colorizer.from_pretrained(runs/f, device='cpu')
        outs = [np.asarray(col(r, render_size=rs)) for r in reals]
        out[label] = [{k: round(v, 3) for k, v in d.items()} for d in saturation_line(outs, reals, gains=np.linspace(1, 2, 11))]
    return out

def table(scores:dict)->str: return line_table(scores)

def grid(runs:Path, folder:Path, dest:Path, side:int=128, n:int=6):
    "gray | each GAN model | real for n validation photos evenly spread over the sorted split."
    from colorgan.data import check_image
    picks = even_picks(val_photos(folder), n)
    reals = [protocol_crop(check_image(f), 256) for f in picks]
    cols = {'gray': [Image.fromarray(gray_baseline(np.asarray(r))) for r in reals]}
    for label in ('shipped (colorgan-lite0)', 'longer', 'sharper'):
        _, f, rs, _, _ = MODELS[label]
        col = Colorizer.from_pretrained(SHIPPED if f is None else runs/f, device='cpu')
        cols[label] = [col(r, render_size=rs) for r in reals]
    cols['real'] = reals
    save_columns(cols, dest, side)
    return [p.name for p in picks]

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--runs', default='runs', help='folder of the runs and their evaluations (quality_study.sh\'s OUT)')
    ap.add_argument('--sample', default=str(ROOT.parent/'shared'/'data'/'imagenet-sample'), help='the imagenet-sample folder')
    ap.add_argument('--out', default=str(ROOT/'nbs'/'images'/'study'), help='where quality.json and quality.jpg go')
    a = ap.parse_args()
    runs, out, folder = Path(a.runs), Path(a.out), Path(a.sample)
    scores = gather(runs)
    print(table(scores))
    photos = grid(runs, folder, out/'quality.jpg')
    rec = dict(models={k: dict(file=v[1] or 'colorgan/weights/colorgan-lite0.pt', render_size=v[2], reference=v[3], what=v[4]) for k, v in MODELS.items()},
               threads=1, seed=42, photos=photos, scores=scores, lines=lines(runs, folder))
    (out/'quality.json').write_text(json.dumps(rec, indent=1))
    print(f"wrote {out/'quality.json'} and {out/'quality.jpg'}")
