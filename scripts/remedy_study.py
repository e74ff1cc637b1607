"""The remedy study of lesson 04: which change against desaturation pays, for the same CPU time?

Every variant starts from the same L1 warm-up (a `model.pt` trained on tiny-imagenet at 64 px) and
trains for the same number of minutes on tiny-imagenet at 64 px. Each is then scored on
imagenet-sample's 100 validation photos (256-px protocol, rendered at 64 px like training) and on
tiny-imagenet's 2,020 validation photos (64-px protocol), beside the gray and mean-ab baselines.

    python scripts/remedy_study.py --init runs/warmup64/model.pt --minutes 7

Runs resume where they stopped; finished variants are not trained again. Results go to
runs/study/results.json, and a summary (the results and a picture grid) to nbs/images/study/.
"""
import argparse, json, sys, time
from pathlib import Path
import numpy as np, torch
from PIL import Image
from colorgan.core import join_ab, AB_SCALE
from colorgan.models import load_checkpoint
from colorgan.training import TrainConfig, train
from colorgan.losses import ClassificationLoss, annealed_mean
from colorgan.evaluation import evaluate, protocol_crop
from colorgan.inference import Colorizer
from colorgan.data import check_image, split_files
from colorgan.core import list_files

DATA = Path(__file__).resolve().parents[1].parent/'shared'/'data'
VARIANTS = { # name: TrainConfig overrides (all from the same warm-up, for the same minutes)
    'L1 only': dict(gan_fraction=0.),
    'GAN vanilla, L1×100': dict(gan_fraction=1.),
    'GAN lsgan, L1×100': dict(gan_fraction=1., gan_loss='lsgan'),
    'GAN hinge, L1×100': dict(gan_fraction=1., gan_loss='hinge'),
    'GAN vanilla, L1×10': dict(gan_fraction=1., l1_weight=10.),
    'GAN vanilla, L1×100, EMA': dict(gan_fraction=1., ema=0.999),
    'L1 + classification': dict(gan_fraction=0., class_weight=0.05),
    'GAN hinge, BatchNorm D': dict(gan_fraction=1., gan_loss='hinge', d_norm='batch'), # lesson 03's failing D, against 'GAN hinge, L1×100' (spectral norm)
}
def slug(name): return ''.join(c if c.isalnum() else '-' for c in name.lower()).strip('-').replace('--', '-')

def classifier_colorizer(run:Path, render_size:int):
    "The classification head's own colors (annealed mean), for the run that trained one."
    col = Colorizer.from_pretrained(run/'model.pt', device='cpu')
    head = ClassificationLoss(col.G, at='last') # the same head as the run's, hooked on the generator's last layer's input
    head.load_state_dict(load_checkpoint(run/'checkpoints'/'last.pt')['classification']); head.head.eval()
    @torch.no_grad()
    def fn(a):
        col.G(col.model_input(Image.fromarray(a), render_size))
        return join_ab(a, annealed_mean(head.logits(), head.centers)[0] * AB_SCALE)
    return fn

def score(model_path:Path, extra:dict=None, baselines:bool=False)->dict:
    "Metrics of a model (rendered at 64 px), and optionally of the baselines, on both validation sets."
    col = Colorizer.from_pretrained(model_path, device='cpu')
    cols = {'model': lambda x: np.asarray(col(x, render_size=64)), **(extra or {})}
    r = {}
    for set_name, src, size, every in [('imagenet-sample', DATA/'imagenet-sample', 256, 10), ('tiny-imagenet', DATA/'tiny-imagenet', 64, 25)]:
        ev = evaluate(str(src), cols, size=size, valid_every=every, fid=False, progress=False, baselines=baselines)
        r[set_name] = {k: {m: v[m] for m in ('psnr', 'ssim', 'colorfulness', 'delta_cf', 'real_colorfulness', 'ab_l1')}
                       for k, v in ev['results'].items()}
        r[set_name]['n_images'] = ev['n_images']
    return r

def grid(models:dict, path:Path, n:int=6):
    "Rows of gray | each model | real on the first `n` imagenet-sample validation photos (256 protocol at 128 px, rendered at 64 px)."
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    reals = valid_reals(128, n)
    rows = [('gray', [join_ab(r, torch.zeros(2, 1, 1)) for r in reals])]
    for name, m in models.items():
        if callable(m): fn = m
        else:
            col = Colorizer.from_pretrained(m, device='cpu'); fn = lambda r, col=col: np.asarray(col(r, render_size=64))
        rows.append((name, [fn(r) for r in reals]))
    rows.append(('real', reals))
    fig, axs = plt.subplots(len(rows), n, figsize=(2.0 + 1.1 * n, 1.1 * len(rows)), squeeze=False)
    for i, (name, imgs) in enumerate(rows):
        for j, im in enumerate(imgs): axs[i, j].imshow(im); axs[i, j].set_xticks([]); axs[i, j].set_yticks([])
        axs[i, 0].set_ylabel(name, rotation=0, ha='right', va='center', fontsize=8)
    fig.subplots_adjust(left=2.0 / (2.0 + 1.1 * n), right=0.995, top=0.995, bottom=0.005, wspace=0.03, hspace=0.03)
    path.parent.mkdir(parents=True, exist_ok=True); fig.savefig(path, dpi=72, pil_kwargs=dict(quality=85)); plt.close(fig)

def valid_reals(size:int=128, n:int=None)->list:
    "imagenet-sample's usable validation photos, center-cropped by the 256 protocol to `size` px."
    reals = []
    for f in split_files(list_files(DATA/'imagenet-sample'), valid_every=10)[1]:
        try: reals.append(np.asarray(protocol_crop(check_image(f), size)))
        except Exception: continue
        if n and len(reals) == n: break
    return reals

def l1_vs_gan(l1:Path, gan:Path, folder:Path):
    "Lesson 04's pictures of what the GAN adds: photos (L1 only | GAN | real) and the ab histograms of all validation photos."
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    from colorgan.core import rgb_to_lab, image_to_tensor
    from colorgan.data import ab_histogram, plot_ab_histogram
    reals = valid_reals()
    cols = {name: Colorizer.from_pretrained(m, device='cpu') for name, m in [('L1 only', l1), ('GAN (hinge)', gan)]}
    outs = {name: [np.asarray(c(r, render_size=64)) for r in reals] for name, c in cols.items()}
    outs['real'] = reals
    grid({'L1 only': l1, 'GAN (hinge)': gan}, folder/'l1_vs_gan.jpg', n=6)
    fig, axs = plt.subplots(1, 3, figsize=(12, 4))
    for ax, (name, imgs) in zip(axs, outs.items()):
        ab = torch.stack([rgb_to_lab(image_to_tensor(i))[1:] for i in imgs]) / AB_SCALE
        plot_ab_histogram(ab_histogram(ab), ax, f'{name}: ab of {len(imgs)} photos')
    fig.tight_layout(); fig.savefig(folder/'ab_l1_vs_gan.png', dpi=72); plt.close(fig)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--init', default='runs/warmup64/model.pt'); ap.add_argument('--minutes', type=float, default=7.)
    ap.add_argument('--out', default='runs/study'); ap.add_argument('--bs', type=int, default=32)
    ap.add_argument('--only', nargs='*', help='variants to run (default: all)')
    a = ap.parse_args()
    out, tiny = Path(a.out), DATA/'tiny-imagenet'
    out.mkdir(parents=True, exist_ok=True)
    res_path = out/'results.json'
    results = json.loads(res_path.read_text()) if res_path.exists() else {}
    if 'warm-up (start)' not in results:
        results['warm-up (start)'] = {**score(Path(a.init), baselines=True), 'train_minutes': 0, 'config': {}}
        res_path.write_text(json.dumps(results, indent=1))
    for name, kw in VARIANTS.items():
        if a.only and name not in a.only: continue
        run = out/slug(name)
        if not (run/'done').exists():
            t0 = time.time()
            cfg = TrainConfig(str(tiny), out=str(run), size=64, bs=a.bs, valid_every=25, minutes=a.minutes, init=a.init,
                              checkpoint_minutes=3, n_samples=8, **kw)
            tr = train(cfg, resume=(run/'checkpoints'/'last.pt').exists())
            if tr.stopped_early: sys.exit(f'{name}: stopped early; run again to resume')
            (run/'done').write_text(f'{time.time() - t0:.0f}')
        if name in results: continue
        r = score(run/'model.pt', {'annealed mean': classifier_colorizer(run, 64)} if kw.get('class_weight') else None)
        r['train_minutes'] = a.minutes; r['config'] = kw
        results[name] = r
        res_path.write_text(json.dumps(results, indent=1))
        print(name, {s: (round(r[s]['model']['psnr'], 2), round(r[s]['model']['colorfulness'], 1)) for s in ('imagenet-sample', 'tiny-imagenet')}, flush=True)

    done = {}
    for n, kw in VARIANTS.items():
        if not (out/slug(n)/'done').exists(): continue
        done[n] = out/slug(n)/'model.pt'
        if kw.get('class_weight'): done['classifier, annealed mean'] = classifier_colorizer(out/slug(n), 64)
    grid({'warm-up (start)': Path(a.init), **done}, Path('nbs/images/study/remedies.jpg'))
    if 'L1 only' in done and 'GAN hinge, L1×100' in done:
        l1_vs_gan(done['L1 only'], done['GAN hinge, L1×100'], Path('nbs/images/study'))
    Path('nbs/images/study/remedies.json').write_text(json.dumps(results, indent=1))

if __name__ == '__main__': main()
