"""What lesson 04's study scripts share: the photos of a grid, the grid itself, and the table of scores against the
saturation line. Imported by scripts/quality_study.py, objective_study.py, encoder_study.py and ship_study.py."""
from pathlib import Path
import numpy as np
from PIL import Image

def keep(m:dict, keys=('psnr', 'ssim', 'colorfulness', 'delta_cf', 'ab_l1'))->dict:
    "The numbers of an evaluation result worth recording, rounded to 3 decimals."
    return {k: round(m[k], 3) for k in keys if m.get(k) is not None}

def even_picks(files:list, n:int=6)->list:
    "`n` files evenly spread over a sorted list (a grid's photos, not chosen by eye)."
    return [files[i] for i in np.linspace(0, len(files) - 1, n).round().astype(int)]

def save_columns(cols:dict, # label → one PIL image per row: gray | each model | real
                 dest:Path, side:int=128, header:float=0.4, fontsize:int=9, wrap:bool=False):
    "A grid with one column per label (its title on top), each image drawn at `side` points, saved as a JPEG."
    import matplotlib; matplotlib.use('Agg')
    from matplotlib.figure import Figure
    n = len(next(iter(cols.values())))
    fig = Figure(figsize=(len(cols) * side / 72, n * side / 72 + header))
    axs = fig.subplots(n, len(cols), squeeze=False)
    for j, (label, ims) in enumerate(cols.items()):
        axs[0, j].set_title(label.replace(', ', ',\n') if wrap else label, fontsize=fontsize)
        for i, im in enumerate(ims): axs[i, j].imshow(im.resize((side * 2, side * 2))); axs[i, j].axis('off')
    fig.subplots_adjust(0.002, 0.002, 0.998, 1 - header / (n * side / 72 + header), 0.02, 0.02)
    fig.savefig(dest, dpi=72, pil_kwargs=dict(quality=85))

def line_table(scores:dict, what:str='the margin above the saturation line', width:int=28)->str:
    "PSNR / SSIM / colorfulness of every model on every set, with its margin above its saturation line where it has one."
    rows = []
    for s, sc in scores.items():
        rows.append(f"{s} ({sc['n_images']} photos): PSNR / SSIM / colorfulness, and {what}")
        for label, m in sc.items():
            if not isinstance(m, dict) or 'psnr' not in m: continue
            line = m.get('line')
            ln = f"   line gain {line['gain']:.2f}: {line['above']:+.2f} dB" if line and line.get('gain') is not None else ''
            rows.append(f"  {label:{width}s} {m['psnr']:6.2f} / {m['ssim']:.3f} / {m['colorfulness']:5.1f}{ln}")
        rows.append(f"  {'real photos':{width}s}        —   /  —    / {sc['real_colorfulness']:5.1f}")
    return '\n'.join(rows)
