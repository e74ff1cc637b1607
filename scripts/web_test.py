"""The page that colorizes in the browser itself, in a real browser: `colorgan export-web --serve` writes and serves it, headless Chromium uses it.

    python scripts/web_test.py [--shots web-screenshots] [--chromium /usr/bin/chromium] [--measure nbs/images/web/parity.json]

Steps, each checked: the page opens with a bundled photo colorized; a photo is uploaded from disk (the file chooser, as
a person does); two hints are clicked on it and the colors there move toward the ones picked; "fill the region" is
ticked, and the page colors as `Colorizer` does given the points the page spread the hints to; a third hint spreads over the
segments the worker kept from the first (it segments a photo once); one hint is removed, then all cleared; the save button gives a PNG of the photo's full size whose lightness is the photo's; and the page's colors
match `Colorizer` in Python at the same render size on two photos (PSNR >= 45 dB, mean |delta L| <= 0.5), once with
three hints. With --measure it also scores the six bundled photos and ten of imagenet-sample's validation photos
with and without three hints, times a 1920x1080 and a 12-megapixel photo, samples the memory of the browser's
processes and counts the bytes the page downloads, and writes all of it to a JSON file. Every wait is bounded; every
process started here is stopped by its PID. Exit code 0 when every check passed, 1 with one line saying which failed.
"""
import argparse, gzip, io, json, os, shutil, signal, socket, subprocess, sys, tempfile, threading, time
from pathlib import Path
import numpy as np
from PIL import Image

from browser_test import Failed, free_port, stop, wait_for_port # the app's browser test, beside this one
from colorgan.metrics import psnr as _psnr

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent/'shared'/'data'/'imagenet-sample'
PSNR_MIN, DL_MAX = 45., 0.5

def lab(a): from skimage.color import rgb2lab; return rgb2lab(np.asarray(a)[..., :3])

def psnr(a, b): return float(_psnr(np.asarray(a)[..., :3], np.asarray(b)[..., :3])[0]) # colorgan.metrics, on 8-bit RGB

class Memory(threading.Thread):
    "Samples the summed resident memory of the browser's renderer processes (the tab and its worker) every 0.2 s."
    def __init__(self, browser_pid):
        super().__init__(daemon=True); self.pid, self.peak, self.on = browser_pid, 0., True
    def run(self):
        while self.on:
            out = subprocess.run(['ps', '-eo', 'pid=,ppid=,rss=,args='], capture_output=True, text=True).stdout
            mb = sum(int(l.split()[2]) / 1024 for l in out.splitlines() if '--type=renderer' in l)
            self.peak = max(self.peak, mb); time.sleep(0.2)

def run(shots:Path, chromium:str, timeout:float, measure:Path=None):
    from playwright.sync_api import sync_playwright
    from colorgan.core import sample_photos, load_rgb
    from colorgan.inference import Colorizer
    shots.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix='colorgan-web-'))
    site, port = tmp/'site', free_port()
    log = open(tmp/'serve.log', 'w')
    server = subprocess.Popen([sys.executable, '-m', 'colorgan.cli', 'export-web', str(site), '--serve', '--port', str(port)],
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    print(f'colorgan export-web --serve started (pid {server.pid}) on port {port}')
    col = Colorizer.from_pretrained(device='cpu')
    ms = int(timeout * 1000)
    rocket = load_rgb(sample_photos()[3])
    good = tmp/'my-photo.jpg'; rocket.resize((600, 400)).save(good, quality=90)
    try:
        wait_for_port(port, server, 3 * timeout, 'colorgan export-web --serve')
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=['--no-sandbox', '--disable-dev-shm-usage'])
            mem = None
            try:
                ctx = browser.new_context(viewport={'width': 1400, 'height': 1000}, accept_downloads=True)
                page = ctx.new_page()
                errors, got = [], {}
                page.on('pageerror', lambda e: errors.append(str(e)))
                def on_response(r):
                    try: got[r.url] = len(r.body())
                    except Exception: pass
                page.on('response', on_response)
                n = [0]
                def shot(name): n[0] += 1; page.screenshot(path=str(shots/f'{n[0]:02d}-{name}.png'), full_page=True)
                def status(): return page.locator('#status').inner_text(timeout=ms)
                def until(what, done):
                    t0 = time.time()
                    while time.time() - t0 < timeout:
                        s = status()
                        if done(s): return s
                        if errors: raise Failed(f'{what}: the page raised {errors[0]}')
                        time.sleep(0.1)
                    raise Failed(f'{what}: the page did not answer within {timeout:.0f} s (status: {status()!r})')
                def colorized(name, k=0):
                    return lambda s: s.startswith(f'{name}: colorized at render size') and (f'with {k} hint' in s if k else 'hint' not in s)
                def upload(path, k=0):
                    with page.expect_file_chooser(timeout=ms) as chooser: page.locator('#file').click(timeout=ms)
                    chooser.value.set_files(str(path), timeout=ms)
                    return until(f'uploading {Path(path).name}', colorized(Path(path).name, k))
                def saved():
                    "The PNG the save button gives."
                    with page.expect_download(timeout=ms) as d: page.locator('#save').click(timeout=ms)
                    return d.value.suggested_filename, Image.open(d.value.path()).convert('RGB')
                def click_hints(points, before=0):
                    "Click the before picture at fractions of its size with colors, after `before` hints already given; return the hints as the page holds them."
                    box = page.locator('#before').bounding_box()
                    for i, (fx, fy, c) in enumerate(points, before + 1):
                        page.locator('#color').evaluate(f'(el) => {{ el.value = "{c}"; }}')
                        page.locator('#before').click(position={'x': fx * box['width'], 'y': fy * box['height']}, timeout=ms)
                        until(f'clicking hint {i}', lambda s, k=i: 'colorized' in s and f'with {k} hint' in s)
                    return page.evaluate('window.colorgan.hints.map(h => [h.x, h.y, h.color])')
                def parity(path, points=()):
                    "PSNR and mean |delta L| between the page's photo and Colorizer's, at the model's render size."
                    upload(path)
                    hints = click_hints(points) if points else None
                    name, png = saved()
                    ref = col(load_rgb(path), render_size=col.render_size, hints=hints)
                    if png.size != ref.size: raise Failed(f'{Path(path).name}: the page saved {png.size}, Python gives {ref.size}')
                    return psnr(png, ref), float(np.abs(lab(png)[..., 0] - lab(ref)[..., 0]).mean())

                page.goto(f'http://127.0.0.1:{port}/', wait_until='load', timeout=ms)
                if not page.evaluate('crossOriginIsolated'): raise Failed('the page served by colorgan export-web --serve is not cross-origin isolated')
                first = until('the first picture', colorized('coffee.png'))
                print('opened:', first); shot('opened')
                browser_pid = None
                try: browser_pid = browser.process.pid if hasattr(browser, 'process') else None
                except Exception: pass
                mem = Memory(browser_pid); mem.start()

                print('uploaded a photo:', upload(good)); shot('uploaded')
                name, plain = saved()
                print(f'saved {name}: {plain.size[0]}x{plain.size[1]}')
                if name != 'my-photo-colorized.png' or plain.size != (600, 400): raise Failed(f'the saved PNG is {name} {plain.size}, not my-photo-colorized.png (600, 400)')
                dL = float(np.abs(lab(plain)[..., 0] - lab(Image.open(good).convert('RGB'))[..., 0]).mean())
                if dL > 1.: raise Failed(f'the saved PNG\'s lightness is not the photo\'s: mean |delta L| {dL:.2f}')
                print(f'  its lightness is the photo\'s: mean |delta L| {dL:.3f}')

                clicks = [(0.3, 0.6, '#1f4fd8'), (0.75, 0.3, '#d81f1f')]
                click_hints(clicks); shot('two-hints')
                _, hinted = saved()
                a0, a1 = lab(plain), lab(hinted)
                for fx, fy, c in clicks:
                    want = lab(np.array([[[int(c[k:k + 2], 16) for k in (1, 3, 5)]]], np.uint8))[0, 0, 1:]
                    y, x = int(fy * 400), int(fx * 600)
                    d0, d1 = np.linalg.norm(a0[y, x, 1:] - want), np.linalg.norm(a1[y, x, 1:] - want)
                    print(f'  hint {c} at ({x}, {y}): ab distance to it {d0:.1f} -> {d1:.1f}')
                    if not d1 < d0 - 5: raise Failed(f'the hint {c} did not move the color at ({x}, {y}) toward it ({d0:.1f} -> {d1:.1f})')
                # "fill the region": the worker repeats each hint over its segment of the gray photo (color.js's spreadHints, the
                # port of colorgan.hints.spread_hints); Colorizer given the same points must color as the page does
                page.locator('#fill').check(timeout=ms); until('filling the regions', lambda s: 'colorized' in s and 'with 2 hints, each filling its region' in s)
                spread = page.evaluate('window.colorgan.result.spread.map(h => [h.x, h.y, h.color])'); shot('filled')
                spread_ms = page.evaluate('window.colorgan.result.ms.spread')
                _, filled = saved()
                from colorgan.hints import gray_segments # spread_hints' segments, to check where the page put its points
                seg, fs = gray_segments(Image.open(good).convert('RGB'))
                at = lambda x, y: seg[min(int(y * fs), seg.shape[0] - 1), min(int(x * fs), seg.shape[1] - 1)]
                inside = [at(x, y) == at(*h[:2]) for h in spread[:2] for x, y, c in spread[2:] if c == h[2]]
                if len(spread) != 18 or len(inside) != 16 or not all(inside):
                    raise Failed(f'the page filled 2 hints with {len(spread)} points, {sum(inside)} of the added ones in their hint\'s segment (want 18 and 16)')
                ref = col(Image.open(good).convert('RGB'), render_size=col.render_size, hints=spread)
                fill_psnr = psnr(filled, ref)
                print(f'  filled: {len(spread)} points for 2 hints, every added one in its hint\'s segment (spread in {spread_ms:.0f} ms); '
                      f'the page against Colorizer given the same points: PSNR {fill_psnr:.1f} dB')
                if fill_psnr < PSNR_MIN: raise Failed(f'with "fill the region" the page colors unlike Colorizer given the same points (PSNR {fill_psnr:.1f} dB)')
                if np.array_equal(np.asarray(filled), np.asarray(hinted)): raise Failed('"fill the region" changed nothing')
                # a third click on the same photo: the worker keeps the photo's segments and spreads without segmenting again
                click_hints([(0.5, 0.8, '#2ca02c')], before=2)
                third = page.evaluate('({reused: window.colorgan.result.reused, n: window.colorgan.result.spread.length, ms: window.colorgan.result.ms.spread})')
                if not third['reused'] or third['n'] != 27:
                    raise Failed(f'a third hint on the same photo: {third["n"]} points (want 27), its segments {"reused" if third["reused"] else "made again"}')
                print(f'  a third hint: the photo\'s segments reused, spread in {third["ms"]:.0f} ms (the first fill, which segmented: {spread_ms:.0f} ms)')
                page.locator('.remove-hint').nth(2).click(timeout=ms); until('removing the third hint', lambda s: 'colorized' in s and 'with 2 hints, each filling its region' in s)
                page.locator('#fill').uncheck(timeout=ms); until('unfilling', lambda s: 'colorized' in s and 'with 2 hints' in s and 'filling' not in s)
                if page.locator('.remove-hint').count() != 2: raise Failed('two hints clicked, but the list does not show two')
                page.locator('.remove-hint').first.click(timeout=ms); until('removing a hint', lambda s: 'colorized' in s and 'with 1 hint' in s)
                page.locator('#clear').click(timeout=ms); until('clearing the hints', colorized('my-photo.jpg'))
                if page.locator('.remove-hint').count(): raise Failed('the hints were cleared, but the list still shows some')
                print('removed one hint, then cleared them:', status()); shot('cleared')

                bad = tmp/'broken.jpg'; bad.write_bytes(good.read_bytes()[:500])
                with page.expect_file_chooser(timeout=ms) as chooser: page.locator('#file').click(timeout=ms)
                chooser.value.set_files(str(bad), timeout=ms)
                s = until('uploading a corrupt file', lambda s: s.startswith('broken.jpg'))
                print('uploaded a corrupt file:', s)
                if 'cannot decode' not in s: raise Failed(f'a corrupt file: the line does not say why: {s!r}')

                three = [(0.25, 0.5, '#1f4fd8'), (0.7, 0.3, '#d81f1f'), (0.5, 0.8, '#2ca02c')]
                photos = [sample_photos()[2], good] # coffee (PNG) and a JPEG
                if measure:
                    photos = list(sample_photos())
                    if SAMPLE.is_dir():
                        from colorgan.data import split_files
                        from colorgan.core import list_files
                        val = split_files(list_files(SAMPLE), valid_every=10)[1]
                        photos += [val[i] for i in np.linspace(0, len(val) - 1, 10).round().astype(int)]
                    else: print(f'imagenet-sample is not at {SAMPLE}: parity on the six bundled photos only')
                rows = []
                for p in photos:
                    for pts in ((), three):
                        ps, dl = parity(p, pts)
                        rows.append(dict(photo=Path(p).name, hints=len(pts), psnr=round(ps, 2), dL=round(dl, 4)))
                        print(f'  parity {Path(p).name}, {len(pts)} hints: PSNR {ps:.1f} dB, mean |delta L| {dl:.3f}')
                        page.locator('#clear').click(timeout=ms) if pts else None
                        if pts: until('clearing the hints', colorized(Path(p).name))
                worst = min(r['psnr'] for r in rows), max(r['dL'] for r in rows)
                if worst[0] < PSNR_MIN or worst[1] > DL_MAX: raise Failed(f'parity with Python: PSNR down to {worst[0]:.1f} dB, mean |delta L| up to {worst[1]:.3f} (need >= {PSNR_MIN}, <= {DL_MAX})')
                print(f'parity with Python on {len(rows)} renders: PSNR >= {worst[0]:.1f} dB, mean |delta L| <= {worst[1]:.3f}'); shot('parity')
                if not measure: return
                speed = {}
                for label, size in (('1920x1080', (1920, 1080)), ('12 MP (4000x3000)', (4000, 3000))):
                    f = tmp/f'{size[0]}x{size[1]}.jpg'; rocket.resize(size, Image.BICUBIC).save(f, quality=90)
                    upload(f); upload(f) # the second: the model and the runtime already loaded
                    r = page.evaluate('window.colorgan.result')
                    speed[label] = dict(total_s=round(r['ms']['total'] / 1000, 3), input_s=round(r['ms']['input'] / 1000, 3), model_s=round(r['ms']['model'] / 1000, 3),
                                        join_s=round(r['ms']['join'] / 1000, 3), threads=r['threads'])
                    print(f'  {label}: {speed[label]}')
                mem.on = False; mem.join(2)
                served = {k.rsplit(f':{port}/', 1)[-1]: v for k, v in got.items() if f':{port}/' in k}
                on_disk = lambda k: site/k.split('?')[0]
                byts = dict(total=sum(served.values()), models=sum(v for k, v in served.items() if k.startswith('models/')),
                            runtime=sum(v for k, v in served.items() if k.startswith('ort/')),
                            page=sum(v for k, v in served.items() if k.endswith(('.js', '.html', '.json', '.mjs')) and not k.startswith('ort/')),
                            compressed=sum(len(gzip.compress(on_disk(k).read_bytes(), 6)) for k in served if on_disk(k).is_file()))
                rec = dict(chromium=browser.version, cpu=f'{os.cpu_count()} cores', threads=speed['1920x1080']['threads'],
                           fill=dict(points=len(spread), psnr=round(fill_psnr, 2), spread_ms=round(spread_ms, 1), reused_spread_ms=round(third['ms'], 1)),
                           parity=dict(n=len(rows), photos=len(photos), psnr_min=worst[0], psnr_median=float(np.median([r['psnr'] for r in rows])),
                                       dL_max=worst[1], rows=rows), speed=speed, memory_mb=round(mem.peak, 1), bytes=byts,
                           files=sorted(served))
                measure.parent.mkdir(parents=True, exist_ok=True); measure.write_text(json.dumps(rec, indent=1))
                print(f'wrote {measure}: memory peak {mem.peak:.0f} MB, downloaded {byts["total"] / 2**20:.1f} MiB')
            finally:
                if mem: mem.on = False
                browser.close()
    finally:
        stop(server, 'colorgan export-web --serve'); log.close()
        shutil.rmtree(tmp, ignore_errors=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shots', default='web-screenshots', help='folder for the screenshots')
    ap.add_argument('--chromium', default=shutil.which('chromium') or shutil.which('chromium-browser'), help='the browser to drive')
    ap.add_argument('--timeout', type=float, default=120., help='seconds any one wait may take')
    ap.add_argument('--measure', default=None, help='also measure parity on 16 photos, speed, memory and bytes; write them to this JSON file')
    a = ap.parse_args()
    if not a.chromium: sys.exit('web test: no chromium found (install Debian\'s chromium, or pass --chromium)')
    t0 = time.time()
    try: run(Path(a.shots), a.chromium, a.timeout, Path(a.measure) if a.measure else None)
    except Failed as e: print(f'web test FAILED: {e}'); sys.exit(1)
    print(f'web test passed in {time.time() - t0:.0f} s')

if __name__ == '__main__': main()
