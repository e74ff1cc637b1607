"""Lesson 04's objective comparison: what the GAN phase is asked, at equal CPU time, from the same L1 start.

The runs are made by scripts/objective_study.sh. This script scores every model with `colorgan.evaluation.evaluate` on
imagenet-sample's validation photos (256 protocol) and tiny-imagenet's (64 protocol), each against the saturation line
of the L1 model it started from (lesson 05): `warm` for today's recipe and the two anchor losses, the classification
run's own warm-up for it. The classification run is also scored through its head's annealed mean (lesson 03c) at
T = 0.2, 0.3, 0.38 and 0.5. It writes nbs/images/study/objective.json, prints the table, and draws
nbs/images/study/objective.jpg: gray | each GAN model | real on the six validation photos of the quality grid.

    [MINUTES=30] python scripts/objective_study.py --runs runs
"""
import argparse, json, os, re, tempfile
from pathlib import Path
import numpy as np
import torch
from PIL import Image
from colorgan.core import list_files
from colorgan.data import split_files, check_image
from colorgan.evaluation import evaluate, protocol_crop, gray_baseline
from colorgan.inference import Colorizer
from colorgan.cli import parse_decode
from colorgan.models import load_checkpoint, export_model
from study_common import keep as _keep, even_picks, save_columns, line_table

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT/'colorgan'/'weights'/'colorgan-lite0.pt'
DATA = ROOT.parent/'shared'/'data'
M = int(os.environ.get('MINUTES', 30)) # minutes per stage, as objective_study.sh was run with
TEMPERATURES = (0.2, 0.3, 0.38, 0.5)
GROUPS = { # reference (an L1 model) → the candidates placed against its saturation line: label → (model file in --runs, what it is)
    'warm': {'warm (L1)': ('warm/model.pt', f'shipped + {M} min L1 on tiny-imagenet, 96 px'),
             'shipped (colorgan-lite0)': (None, '60 min, one thread: L1 36 min, hinge GAN 24 min (the model card)'),
             'today': ('today/model.pt', f'warm + {M} min hinge GAN + 100 × L1'),
             'feature': ('feature/model.pt', f'warm + {M} min GAN + Lite0 feature loss, weight 1'),
             'colorful': ('colorful/model.pt', f'warm + {M} min GAN + colorfulness loss, weight 0.5')},
    'classes: its L1 warm-up': {'classes: its L1 warm-up': ('classes/warmup.pt', f'shipped + {M} min L1 + classification loss (1/4 resolution, 0.05)'),
                                'classes': ('classes/model.pt', f'+ {M} min hinge GAN + 100 × L1 + classification loss'),
                                **{f'classes, annealed mean T={t}': ('classes/model.pt', f"the classification head's annealed mean, T = {t}")
                                   for t in TEMPERATURES}},
}
SETS = (('imagenet-sample', 'imagenet-sample', 256, 10), ('tiny-imagenet', 'tiny-imagenet', 64, 25))

def colorizer(runs:Path, label:str, f:str)->Colorizer:
    "The model of a label: its regression output, its classification head's annealed mean ('annealed mean T=…'), or a blend ('blend T=…[ share=…]', half of each unless a share is given)."
    path = SHIPPED if f is None else runs/f
    m = re.search(r'(annealed mean|blend) T=([0-9.]+)(?: share=([0-9.]+))?', label)
    if not m: return Colorizer.from_pretrained(path, device='cpu')
    if not load_checkpoint(path).get('classifier'): # a model file from before model files kept the head: the run's last checkpoint has it
        path = export_model(path.parent/'checkpoints'/'last.pt', Path(tempfile.mkdtemp())/path.name, half=False, render_size=96)
    share = '1' if m[1] == 'annealed mean' else m[3] or '0.5'
    return Colorizer.from_pretrained(path, device='cpu', decode=parse_decode(f'{m[2]},{share}')) # the --decode option's own parser and checks

def as_fn(col:Colorizer): return lambda a: np.asarray(col(Image.fromarray(a), render_size=96))

def score(runs:Path, groups:dict=GROUPS)->dict:
    "Every model on both validation sets, each against its group's saturation line."
    out = {}
    for set_name, folder, size, every in SETS:
        s = out[set_name] = {}
        for ref, members in groups.items():
            fns = {label: as_fn(colorizer(runs, label, f)) for label, (f, _) in members.items()}
            r = evaluate(str(DATA/folder), fns, size=size, valid_every=every, fid=False, progress=False, reference=ref if ref in fns else next(iter(fns)))
            s.update(n_images=r['n_images'], real_colorfulness=round(r['results']['gray']['real_colorfulness'], 2),
                     gray=_keep(r['results']['gray']), **{'mean ab': _keep(r['results']['mean_ab'])})
            for label in members:
                s[label] = _keep(r['results'][label])
                line = r.get('line', {}).get(label)
                if line: s[label]['line'] = {k: (round(v, 3) if v is not None else None) for k, v in line.items()}
                s[label]['reference'] = ref
    return out

def seen(runs:Path, f:str)->dict:
    "Photos each phase of a run saw, and its minutes (from the model file's history): what equal CPU time bought each arm."
    out = {}
    for h in load_checkpoint(SHIPPED if f is None else runs/f).get('history') or []: # the shipped file keeps its run's history
        d = out.setdefault(h['phase'], dict(photos=0, minutes=0.))
        d['photos'] += round(h['seconds'] * h['images_per_s']); d['minutes'] = round(d['minutes'] + h['seconds'] / 60, 1)
    return out

def table(scores:dict)->str: return line_table(scores, 'the margin above the saturation line of the L1 model it started from', 34)

def short(label:str)->str:
    "A grid column's title: a label, shortened to fit over a 128-px column."
    label = {'previous (colorgan-lite0 before)': 'previous model', 'ship: its L1 warm-up': 'L1 warm-up', 'ship': 'shipped now'}.get(label, label)
    for a, b in [('classes, annealed mean ', 'classes, AM '), ('ship, annealed mean ', 'AM '), ('ship, blend ', 'blend '), (' share=', ', share ')]:
        label = label.replace(a, b)
    return label

def grid(runs:Path, dest:Path, labels:list, side:int=128, n:int=6, groups:dict=GROUPS, titles:dict=None):
    "gray | each model | real for n imagenet-sample validation photos evenly spread over the sorted split (the quality grid's)."
    picks = even_picks(split_files(list_files(DATA/'imagenet-sample'), valid_every=10)[1], n)
    reals = [protocol_crop(check_image(f), 256) for f in picks]
    cols = {'gray': [Image.fromarray(gray_baseline(np.asarray(r))) for r in reals]}
    files_of = {label: f for members in groups.values() for label, (f, _) in members.items()}
    for label in labels:
        col = colorizer(runs, label, files_of[label])
        cols[(titles or {}).get(label) or short(label)] = [col(r, render_size=96) for r in reals]
    cols['real'] = reals
    save_columns(cols, dest, side)
    return [p.name for p in picks]

def study_main(doc:str, name:str, groups:dict, grid_labels:list, titles:dict=None, **meta):
    "The command line every study script shares: score `groups`, print the table, draw the grid (column titles: `titles`, else `short`), write images/study/<name>.json."
    ap = argparse.ArgumentParser(description=doc.split('\n\n')[0])
    ap.add_argument('--runs', default='runs', help="folder of the runs (the study's shell script's OUT, or the folder that holds it)")
    ap.add_argument('--out', default=str(ROOT/'nbs'/'images'/'study'), help=f'where {name}.json and {name}.jpg go')
    ap.add_argument('--threads', type=int, default=2, help='CPU threads for the scoring')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    runs, out = Path(a.runs), Path(a.out)
    scores = score(runs, groups)
    print(table(scores))
    photos = grid(runs, out/f'{name}.jpg', grid_labels, groups=groups, titles=titles)
    rec = dict(models={label: dict(file=f or 'colorgan/weights/colorgan-lite0.pt', reference=ref, what=what, seen=seen(runs, f))
                       for ref, members in groups.items() for label, (f, what) in members.items()},
               **meta, photos=photos, scores=scores)
    (out/f'{name}.json').write_text(json.dumps(rec, indent=1))
    print(f"wrote {out/f'{name}.json'} and {out/f'{name}.jpg'}")

if __name__ == '__main__':
    study_main(__doc__, 'objective', GROUPS, ['shipped (colorgan-lite0)', 'today', 'feature', 'colorful', 'classes', 'classes, annealed mean T=0.38'],
               threads=1, seed=42, minutes=dict(l1=M, gan=M), render_size=96)
