"""Scores two hint models side by side (lesson 06a's measurements): before and after a refit.

Each is paired with the shipped automatic model, as the package ships them. On imagenet-sample's validation photos (256
protocol): the hint curve with points drawn uniformly, each the pixel's real color (06a's own measure), and with Zhang et
al. 2017's sweep protocol (points around the centre, each the mean of a 6×6 square); the hint model alone without hints;
the spread of one hint (`hint_spread`, one uniformly drawn hint a photo, its color the mean of a 3×3 square). On
tiny-imagenet's validation photos (64 protocol): the uniform curve. On the bundled coffee photo: the spread of a red hint
on the saucer, and a picture (gray | automatic | each model with that hint). Writes nbs/images/study/hints.json and
nbs/images/hint-spread.jpg, and prints the table.

    python scripts/hint_study.py --before OLD.pt --after NEW.pt [--imagenet DIR] [--tiny DIR] [--limit N]
"""
import argparse, json, time
from pathlib import Path
import numpy as np, torch
from PIL import Image
from colorgan.core import load_rgb, sample_photos
from colorgan.evaluation import protocol_photos
from colorgan.inference import Colorizer
from colorgan.models import SHIPPED_MODEL, read_model
from colorgan.hints import hint_curve, hint_spread, mean_spread

SAUCER_HINT = (130, 300, '#d81f1f') # lesson 06a's red hint on the coffee photo's saucer
COUNTS = (0, 1, 2, 5, 10, 20)

def score(model:Path, sets:dict, coffee:np.ndarray)->dict:
    col = Colorizer.from_pretrained(SHIPPED_MODEL, device='cpu')
    col = Colorizer(col.G, col.model_config, 'cpu', render_size=col.render_size, hint_model=str(model))
    alone = Colorizer(col.hint_G, device='cpu', render_size=col.render_size)
    ck = read_model(model)
    out = dict(model=str(model), command=ck.get('command'), minutes=round(sum(float(r['seconds']) for r in ck['history']) / 60, 1))
    for name, photos in sets.items():
        out[f'{name}: uniform'] = hint_curve(col, photos, COUNTS, progress=False)
        out[f'{name}: alone, no hints'] = hint_curve(alone, photos, (0,), progress=False)[0]
        if min(photos[0].shape[:2]) >= 128:
            out[f'{name}: centred 6x6'] = hint_curve(col, photos, COUNTS, placement='gaussian', patch=6, progress=False)
            out[f'{name}: spread'] = mean_spread(col, photos)
    s = hint_spread(col, coffee, SAUCER_HINT)
    out['saucer'] = dict(region=s['region'], outside=s['outside'], region_pixels=s['region_pixels'])
    return out, np.asarray(col(coffee, hints=[SAUCER_HINT])), np.asarray(col(coffee))

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--before', required=True); p.add_argument('--after', required=True)
    p.add_argument('--imagenet', default='../shared/data/imagenet-sample'); p.add_argument('--tiny', default='../shared/data/tiny-imagenet')
    p.add_argument('--limit', type=int, default=None, help='at most this many photos a set (a quick check)')
    p.add_argument('--out', default='nbs/images')
    a = p.parse_args()
    torch.set_num_threads(2)
    sets = {}
    if Path(a.imagenet).is_dir(): sets['imagenet-sample'] = protocol_photos(a.imagenet, 256, a.limit, valid_every=10)[0]
    if Path(a.tiny).is_dir(): sets['tiny-imagenet'] = protocol_photos(a.tiny, 64, a.limit, valid_every=25)[0]
    coffee = np.asarray(load_rgb(sample_photos()[2]))
    t = time.time()
    (before, hb, auto), (after, ha, _) = score(Path(a.before), sets, coffee), score(Path(a.after), sets, coffee)
    rec = dict(before=before, after=after, saucer_hint=SAUCER_HINT, seconds=round(time.time() - t))
    out = Path(a.out); (out / 'study').mkdir(parents=True, exist_ok=True)
    (out / 'study' / 'hints.json').write_text(json.dumps(rec, indent=1))
    gray = np.repeat(np.asarray(Image.fromarray(coffee).convert('L'))[..., None], 3, 2)
    strip = np.concatenate([np.asarray(Image.fromarray(x).resize((300, 200), Image.LANCZOS)) for x in (gray, auto, hb, ha)], 1)
    Image.fromarray(strip).save(out / 'hint-spread.jpg', quality=85)
    for k in before:
        if isinstance(before[k], dict) and 10 in before[k]:
            print(f"{k}: 0 → 10 hints, before {before[k][0]['psnr']:.2f} → {before[k][10]['psnr']:.2f} dB; after {after[k][0]['psnr']:.2f} → {after[k][10]['psnr']:.2f} dB")
        elif k in ('saucer',) or k.endswith('spread') or k.endswith('no hints'): print(f'{k}: before {before[k]}; after {after[k]}')
    print(f"{rec['seconds']} s; wrote {out / 'study' / 'hints.json'} and {out / 'hint-spread.jpg'}")

if __name__ == '__main__': main()
