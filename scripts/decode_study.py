"""Can the classification head's distribution be decoded off the saturation line? Lesson 04's question for item "color as a
distribution": a uniform blend of the head's annealed mean into the regression output moves along the line (more color, less
PSNR). This script tries two decodings that use more of the distribution than its mean, on one model, with no training:

- *confidence-gated*: each pixel takes the annealed mean in proportion to how sure the head is there (its largest bin
  probability p at T = 1): share 0 where p ≤ lo, the full share where p ≥ hi, linear between; sure pixels get the head's
  color, unsure ones keep the regression output's safe mean.
- *hue of the regression, chroma of the head*: the regression output's direction in ab (its hue) is kept and only its length
  (its chroma) is taken from the blend; a wrong hue costs more PSNR than a pale one.

It scores each on imagenet-sample's validation photos (256 protocol, the model rendering at 96 px as in the other studies)
against the saturation line of the model's own regression output, records how sure the head is (the distribution of p
over all cells of its quarter-resolution output on those photos), and writes nbs/images/study/decode.json. One model, no seed involved (no training).

    python scripts/decode_study.py [MODEL]   # default runs/ship2/warmup.pt: the L1 model with the head that lesson 04 scores
"""
import json, sys
from pathlib import Path
import numpy as np, torch
from colorgan.inference import Colorizer
from colorgan.losses import annealed_mean
from colorgan.evaluation import evaluate
from study_common import keep
from objective_study import as_fn # a colorizer as `evaluate` calls it, rendering at 96 px

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent/'shared'/'data'/'imagenet-sample'
T = 0.5 # the temperature of --decode 0.5,share

def uniform(share):
    "The --decode T,share blend: `share` of the annealed mean everywhere."
    return lambda reg, am, p: share * am + (1 - share) * reg

def gated(share, lo, hi):
    "`share` of the annealed mean where the head's largest probability p ≥ hi, none where p ≤ lo."
    return lambda reg, am, p: (w := ((p - lo) / (hi - lo)).clamp(0, 1) * share) * am + (1 - w) * reg

def hue_kept(share):
    "The regression output's hue with the chroma of the `share` blend."
    def f(reg, am, p):
        r = reg.norm(dim=1, keepdim=True).clamp(min=1e-4)
        return reg / r * (share * am + (1 - share) * reg).norm(dim=1, keepdim=True)
    return f

VARIANTS = {'regression': lambda reg, am, p: reg, 'blend 0.25': uniform(0.25), 'blend 0.5': uniform(0.5),
            'gated 1, p 0.1–0.3': gated(1, 0.1, 0.3), 'gated 1, p 0.05–0.2': gated(1, 0.05, 0.2), 'gated 0.5, p 0.02–0.1': gated(0.5, 0.02, 0.1),
            'hue kept, blend 0.25': hue_kept(0.25), 'hue kept, blend 0.5': hue_kept(0.5), 'hue kept, blend 1': hue_kept(1.)}

class Decoded(torch.nn.Module):
    "The model's regression output and its head's annealed mean and sureness, combined by `fn`; records p for the statistics."
    def __init__(self, amg, fn, record=None):
        super().__init__(); self.amg, self.fn, self.record = amg, fn, record
        self.multiple, self.hints = amg.multiple, False
    def forward(self, x):
        reg = self.amg.G(x); cls = self.amg.cls[0]; logits = cls.logits()
        p = torch.softmax(logits.float(), 1).amax(1, keepdim=True)
        if self.record is not None: self.record.append(p.flatten())
        return self.fn(reg, self.amg.upsample(annealed_mean(logits, cls.centers, T), x), self.amg.upsample(p, x))

if __name__ == '__main__':
    torch.set_num_threads(1)
    model = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT/'runs'/'ship2'/'warmup.pt')
    base = Colorizer.from_pretrained(model, device='cpu', decode={'T': T, 'share': 1.}) # its G is the AnnealedMeanG of the head
    ps = []
    fns = {}
    for name, fn in VARIANTS.items():
        col = Colorizer(Decoded(base.G, fn, ps if name == 'regression' else None), base.model_config, 'cpu', render_size=96)
        fns[name] = as_fn(col)
    r = evaluate(str(DATA), fns, size=256, valid_every=10, fid=False, progress=False, reference='regression')
    p = torch.cat(ps).numpy()
    sure = {'median': round(float(np.median(p)), 3), **{f'share p ≥ {t}': round(float((p >= t).mean()), 3) for t in (0.05, 0.1, 0.2, 0.3, 0.5)}}
    out = dict(model=str(model.relative_to(ROOT)) if model.is_relative_to(ROOT) else str(model), n_images=r['n_images'], T=T,
               gray=keep(r['results']['gray']), sureness=sure, results={})
    for name in VARIANTS:
        m = out['results'][name] = keep(r['results'][name])
        if name in r['line']: m['line'] = {k: round(v, 3) for k, v in r['line'][name].items()}
    print(f"{out['model']} on imagenet-sample ({out['n_images']} photos): PSNR / colorfulness, margin above the regression output's line")
    print(f"  {'gray':24s} {out['gray']['psnr']:6.2f} / {out['gray']['colorfulness']:5.1f}")
    for name, m in out['results'].items():
        ln = f"   {m['line']['above']:+.2f} dB" if 'line' in m else ''
        print(f"  {name:24s} {m['psnr']:6.2f} / {m['colorfulness']:5.1f}{ln}")
    print("the head's largest bin probability p over all cells of its quarter-resolution output:", ', '.join(f'{k} {v}' for k, v in sure.items()))
    dest = ROOT/'nbs'/'images'/'study'/'decode.json'
    dest.write_text(json.dumps(out, indent=1, ensure_ascii=False) + '\n'); print('wrote', dest)
