"""The colorize app in a real browser: `colorgan app` serves it (Voilà), headless Chromium uses it as a person would.

    python scripts/browser_test.py [--shots browser-screenshots] [--chromium /usr/bin/chromium] [--record nbs/images/web/app.json]

Steps, each followed by a check of the page and a screenshot: the page renders; pick a bundled photo; move the
render-size slider; upload a good JPEG, then the same file again (colorized twice); a corrupt one (an error line,
no traceback); a 14 MB photo (over the 10 MiB a websocket message may carry by default) and one over the app's
upload limit (a line naming it); an 8x8 photo, then a bundled one (the render size comes back); two color hints
clicked on the photo (the colors there move toward the ones picked), one removed, then all cleared; a tall 600x3000
photo (shown whole, the save link in view without scrolling); then a second tab colorizes a 1920x1080 photo and the
memory of the server and that tab's fresh kernel is measured; then four more tabs are opened and all six closed, and the kernels left under
the server's PID are counted until the idle culler has removed them all. Every wait is bounded; every process
started here is stopped by its PID. Exit code 0 when every check passed, 1 with one line saying which failed.
"""
import argparse, os, shutil, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path

class Failed(Exception): pass

RECORD = {} # what was measured, for --record

STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]' # an output box of text written to stderr (a warning, a traceback)
LIMIT_MB, IDLE_MINUTES = 20, 0.5 # the app's upload limit and kernel idle time in this test (the defaults are 50 MB and 2 minutes)

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def wait_for_port(port, proc, timeout, name='colorgan app'):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None: raise Failed(f'{name} exited with code {proc.returncode} before serving')
        with socket.socket() as s:
            if s.connect_ex(('127.0.0.1', port)) == 0: return
        time.sleep(0.3)
    raise Failed(f'{name} did not open port {port} within {timeout} s')

def stop(proc, name):
    "Stop a process group started here: SIGTERM, then SIGKILL after 10 s."
    if proc is None or proc.poll() is not None: return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        try: proc.wait(10)
        except subprocess.TimeoutExpired: os.killpg(proc.pid, signal.SIGKILL); proc.wait(10)
    except ProcessLookupError: pass
    print(f'stopped {name} (pid {proc.pid})')

def kernels(server_pid):
    "PIDs and resident MB of the kernels the server started (its child processes running ipykernel)."
    out = subprocess.run(['ps', '-o', 'pid=,rss=,args=', '--ppid', str(server_pid)], capture_output=True, text=True).stdout
    return {int(l.split()[0]): int(l.split()[1]) / 1024 for l in out.splitlines() if 'ipykernel' in l}

def rss_mb(pid):
    return int(subprocess.run(['ps', '-o', 'rss=', '-p', str(pid)], capture_output=True, text=True).stdout.strip() or 0) / 1024

def photos(folder:Path):
    "The files a user might upload: good, corrupt, large, over the limit, tiny, tall and full HD."
    import numpy as np
    from PIL import Image
    from colorgan.core import sample_photos, load_rgb
    rocket = load_rgb(sample_photos()[3])
    f = {k: folder/n for k, n in dict(good='my-photo.jpg', bad='broken.jpg', large='large.png', over='over-limit.png',
                                       tiny='tiny.png', tall='tall.jpg', hd='full-hd.jpg').items()}
    rocket.resize((600, 400)).save(f['good'], quality=90)
    data = f['good'].read_bytes(); f['bad'].write_bytes(data[:len(data) // 2])
    rng = np.random.default_rng(0) # noise does not compress: PNGs of a known size
    def noisy(side): return Image.fromarray((np.asarray(rocket.resize((side, side))) * 0.7 + rng.integers(0, 77, (side, side, 3))).astype(np.uint8))
    noisy(2400).save(f['large']); noisy(2900).save(f['over'])
    rocket.resize((8, 8)).save(f['tiny']); rocket.resize((600, 3000)).save(f['tall'], quality=90)
    rocket.resize((1920, 1080)).save(f['hd'], quality=90)
    mb = {k: p.stat().st_size / 2**20 for k, p in f.items()}
    if not (10 < mb['large'] < LIMIT_MB < mb['over'] < 2 * LIMIT_MB): raise Failed(f'test files of the wrong size: {mb}')
    return f, mb

def run(shots:Path, chromium:str, timeout:float):
    from playwright.sync_api import sync_playwright
    shots.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix='colorgan-browser-'))
    f, mb = photos(tmp)
    port = free_port()
    log = open(tmp/'app.log', 'w')
    app = subprocess.Popen([sys.executable, '-m', 'colorgan.cli', 'app', '--port', str(port), '--no-browser', '--max-upload-mb', str(LIMIT_MB),
                            '--idle-minutes', str(IDLE_MINUTES)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp)
    print(f'colorgan app started (pid {app.pid}) on port {port}')
    ms = int(timeout * 1000)
    try:
        wait_for_port(port, app, timeout)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=['--no-sandbox', '--disable-dev-shm-usage'])
            try:
                ctx = browser.new_context(viewport={'width': 1400, 'height': 1000})
                page = ctx.new_page()
                errors = []
                page.on('pageerror', lambda e: errors.append(str(e)))
                n = [0]
                def shot(name):
                    n[0] += 1; page.screenshot(path=str(shots/f'{n[0]:02d}-{name}.png'), full_page=True)
                def status(): return page.locator('.colorgan-status').inner_text(timeout=ms)
                def history():
                    "Every text the status line has shown, in order (recorded in the page, so no state is missed between two polls)."
                    return page.evaluate('window.colorganStatus || []')
                def record():
                    page.evaluate('''() => { const el = document.querySelector('.colorgan-status'); window.colorganStatus = [el.innerText];
                        new MutationObserver(() => window.colorganStatus.push(el.innerText)).observe(el, {subtree: true, childList: true, characterData: true}); }''')
                def until(what, done):
                    "Wait until `done(texts the status showed since the last step)` holds; return those texts."
                    t0 = time.time()
                    while time.time() - t0 < timeout:
                        new = history()[mark[0]:]
                        if done(new): mark[0] = len(history()); return new
                        time.sleep(0.1)
                    raise Failed(f'{what}: the page did not answer within {timeout:.0f} s (status: {status()!r}, shown since the step began: {history()[mark[0]:]})')
                mark = [0]
                def colorized(name): return lambda new: any(f'{name}: colorized at render size' in s for s in new)
                def upload(path):
                    "Click the upload button and answer the file chooser it opens, as a user does."
                    with page.expect_file_chooser(timeout=ms) as chooser: page.locator('.widget-upload').first.click(timeout=ms)
                    chooser.value.set_files(str(path), timeout=ms)
                    return time.time()
                def no_traceback(what):
                    text = page.inner_text('body', timeout=ms)
                    if 'Traceback' in text: raise Failed(f'{what}: the page shows a traceback')
                    n_err = page.locator(STDERR).count()
                    if n_err: raise Failed(f'{what}: the page shows {n_err} stderr box(es), e.g. {page.locator(STDERR).first.inner_text()[:200]!r}')
                def slider(): return int(page.locator('.widget-readout').first.inner_text(timeout=ms))
                def hint(): return page.locator('.colorgan-hint').inner_text(timeout=ms)

                def open_app():
                    "Load the app in `page` and wait for its first picture; then record what its status line shows."
                    page.goto(f'http://127.0.0.1:{port}/', wait_until='load', timeout=ms)
                    page.wait_for_selector('.colorgan-status', timeout=ms)
                    t0 = time.time()
                    while 'colorized at render size' not in status():
                        if time.time() - t0 > timeout: raise Failed(f'the widget did not finish its first picture within {timeout:.0f} s')
                        time.sleep(0.2)
                    record(); mark[0] = len(history())
                open_app()
                print('rendered:', status()); no_traceback('first render'); shot('rendered')
                if f'up to {LIMIT_MB} MB' not in page.inner_text('body'): raise Failed(f'the page does not state the upload limit ({LIMIT_MB} MB)')

                page.locator('select').first.select_option('coffee', timeout=ms)
                until('picking coffee', colorized('coffee')); print('picked a photo:', status()); no_traceback('picking a photo'); shot('picked-coffee')

                readout = page.locator('.widget-readout').first
                readout.click(timeout=ms); page.keyboard.press('Control+A'); page.keyboard.type('192'); page.keyboard.press('Enter')
                until('moving the slider', lambda new: any('colorized at render size 192' in s for s in new))
                print('moved the slider:', status()); no_traceback('moving the slider'); shot('slider-192')

                upload(f['good']); until('uploading a good JPEG', colorized('my-photo.jpg')); print('uploaded a photo:', status())
                if not page.locator('img.colorgan-original').is_visible(): raise Failed('uploading a color photo: its original is not shown')
                upload(f['good']); new = until('uploading the same JPEG again', colorized('my-photo.jpg'))
                print('uploaded the same file again:', new)
                if not page.locator('.widget-upload').first.inner_text().strip().endswith('(0)'): raise Failed('the upload button still counts a file')
                no_traceback('uploading a good JPEG twice'); shot('uploaded-twice')

                src = page.locator('img.colorgan-colorized').get_attribute('src', timeout=ms)
                upload(f['bad']); until('uploading a corrupt JPEG', lambda new: any('broken.jpg' in s for s in new))
                s = status(); print('uploaded a corrupt file:', s)
                if 'truncated' not in s: raise Failed(f'uploading a corrupt JPEG: the error line does not give the reason: {s!r}')
                if page.locator('img.colorgan-colorized').get_attribute('src') != src: raise Failed('uploading a corrupt JPEG: the last picture was replaced')
                no_traceback('uploading a corrupt JPEG'); shot('corrupt-upload')

                t_up = upload(f['large'])
                new = until(f'uploading a {mb["large"]:.0f} MB photo', colorized('large.png'))
                print(f'uploaded a {mb["large"]:.1f} MB photo ({time.time() - t_up:.1f} s): {new}')
                RECORD.update(large_upload_mb=round(mb['large'], 1), large_upload_s=round(time.time() - t_up, 1))
                if not new[0].startswith('reading large.png'): raise Failed(f'a large upload: the first thing shown is not that it is being read: {new}')
                upload(f['over']); until('uploading a photo over the limit', lambda new: any('over-limit.png' in s for s in new))
                s = status(); print(f'uploaded {mb["over"]:.1f} MB:', s)
                if f'upload limit of {LIMIT_MB} MB' not in s: raise Failed(f'an upload over the limit: the line does not say so: {s!r}')
                no_traceback('large uploads'); shot('over-limit')

                upload(f['tiny']); until('uploading an 8x8 photo', colorized('tiny.png'))
                print(f'uploaded an 8x8 photo: slider {slider()}, hint {hint()!r}')
                if slider() != 64 or '8×8' not in hint(): raise Failed(f'an 8x8 photo: slider {slider()}, hint {hint()!r}')
                page.locator('select').first.select_option('coffee', timeout=ms); until('picking a photo after the tiny one', colorized('coffee'))
                print(f'picked coffee after it: slider {slider()}, hint {hint()!r}')
                if slider() != 192: raise Failed(f'after an 8x8 photo the render size stayed at {slider()}, not the 192 chosen before')
                if 'stops at 384 px' not in hint(): raise Failed(f'the hint does not give the slider\'s end for coffee (600x400: 384 px): {hint()!r}')
                shot('tiny-then-coffee')

                # color hints: pick a color, click a place on the input picture, twice; the colors there must move toward the ones picked
                import base64, io
                import numpy as np
                from PIL import Image
                from skimage.color import rgb2lab
                def picture():
                    "The colorized photo at full resolution, as the save link holds it, in Lab."
                    href = page.locator('.colorgan-download a').get_attribute('href', timeout=ms)
                    return rgb2lab(np.asarray(Image.open(io.BytesIO(base64.b64decode(href.split(',', 1)[1]))).convert('RGB')))
                before, clicks = picture(), [(0.3, 0.6, '#1f4fd8'), (0.75, 0.3, '#d81f1f')]
                box = page.locator('img.colorgan-input').bounding_box()
                for i, (fx, fy, c) in enumerate(clicks):
                    field = page.locator('.colorgan-hint-color input[type="text"]')
                    field.fill(c, timeout=ms); field.press('Enter', timeout=ms)
                    page.locator('img.colorgan-input').click(position={'x': fx * box['width'], 'y': fy * box['height']}, timeout=ms)
                    until(f'clicking hint {i + 1}', lambda new, k=i + 1: any(f'with {k} hint' in s for s in new))
                after = picture()
                print('two hints clicked:', status(), '|', page.locator('.colorgan-hint-list').inner_text(timeout=ms).replace('\n', ' '))
                if page.locator('.colorgan-remove-hint').count() != 2: raise Failed('two hints clicked, but the list does not show two')
                H, W = after.shape[:2]
                for fx, fy, c in clicks:
                    want = rgb2lab(np.array([[[int(c[k:k + 2], 16) for k in (1, 3, 5)]]], np.uint8))[0, 0, 1:]
                    y, x = int(fy * H), int(fx * W)
                    d0, d1 = (float(np.linalg.norm(img[y, x, 1:] - want)) for img in (before, after))
                    print(f'  at ({x}, {y}) of the {W}x{H} photo: ab distance to {c} {d0:.1f} without the hint, {d1:.1f} with it')
                    if not d1 < d0 - 5: raise Failed(f'a hint in {c} at ({x}, {y}) did not move the color there toward it ({d0:.1f} -> {d1:.1f})')
                shot('two-hints')
                page.locator('.colorgan-remove-hint').first.click(timeout=ms)
                until('removing a hint', lambda new: any('with 1 hint' in s for s in new))
                page.locator('.colorgan-clear-hints').click(timeout=ms)
                until('clearing the hints', lambda new: any(s.endswith('colorized at render size 192') for s in new))
                if page.locator('.colorgan-remove-hint').count(): raise Failed('the hints were cleared, but the list still shows some')
                print('removed one hint, then cleared them:', status()); no_traceback('color hints')

                upload(f['tall']); until('uploading a 600x3000 photo', colorized('tall.jpg'))
                page.evaluate('window.scrollTo(0, 0)')
                img = page.locator('img.colorgan-colorized').bounding_box(); link = page.locator('.colorgan-download a').bounding_box()
                print(f'a tall photo: shown {img["width"]:.0f}x{img["height"]:.0f} px, the save link\'s bottom at {link["y"] + link["height"]:.0f} px')
                if img['y'] + img['height'] > 1000 or link['y'] + link['height'] > 1000: raise Failed(f'a tall photo does not fit the window: picture {img}, link {link}')
                if abs(img['width'] / img['height'] - 0.2) > 0.03: raise Failed(f'a tall photo is shown stretched: {img["width"]:.0f}x{img["height"]:.0f}')
                no_traceback('a tall photo'); page.screenshot(path=str(shots/f'{n[0] + 1:02d}-tall.png')); n[0] += 1

                if errors: raise Failed(f'the page raised JavaScript errors: {errors[:3]}')

                # memory: a new tab (a fresh kernel, so no earlier upload inflates it) colorizes one 1920x1080 photo
                before = set(kernels(app.pid))
                first, page = page, ctx.new_page() # the helpers above now drive the new tab
                open_app()
                fresh = set(kernels(app.pid)) - before
                if len(fresh) != 1: raise Failed(f'a new tab started {len(fresh)} kernels, not one')
                upload(f['hd']); until('uploading a 1920x1080 photo', colorized('full-hd.jpg'))
                server, kernel = rss_mb(app.pid), kernels(app.pid)[fresh.pop()]
                print(f'memory with one 1920x1080 photo colorized in a new tab: server {server:.0f} MB + its kernel {kernel:.0f} MB = {server + kernel:.0f} MB')
                first_kernel = max((kernels(app.pid).get(k, 0) for k in before), default=0) # the first tab's kernel, after the whole session above
                print(f'the first tab\'s kernel, after that session: {first_kernel:.0f} MB')
                RECORD.update(server_mb=round(server), fresh_kernel_mb=round(kernel), session_kernel_mb=round(first_kernel))

                tabs = [page] + [ctx.new_page() for _ in range(4)]
                for t in tabs[1:]: t.goto(f'http://127.0.0.1:{port}/', wait_until='load', timeout=ms)
                for t in tabs[1:]: t.wait_for_selector('img.colorgan-colorized[src^="blob:"], img.colorgan-colorized[src^="data:"]', timeout=ms)
                opened = kernels(app.pid); print(f'{len(opened)} kernels with six tabs open')
                if len(opened) != 6: raise Failed(f'six open tabs, {len(opened)} kernels')
                for t in [first, *tabs]: t.close()
                t0, limit = time.time(), IDLE_MINUTES * 60 + 60 # the idle time, the culler's interval, and slack
                while kernels(app.pid) and time.time() - t0 < limit: time.sleep(2)
                left = kernels(app.pid)
                print(f'tabs closed: {len(left)} kernels left after {time.time() - t0:.0f} s')
                RECORD.update(idle_minutes=IDLE_MINUTES, kernels_gone_after_s=round(time.time() - t0), tabs=6)
                if left: raise Failed(f'{len(left)} kernels still running {limit:.0f} s after their tabs were closed')
            finally: browser.close()
    finally:
        stop(app, 'colorgan app'); log.close()
        if os.environ.get('KEEP_APP_LOG'): print((tmp/'app.log').read_text()[-3000:])
        shutil.rmtree(tmp, ignore_errors=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shots', default='browser-screenshots', help='folder for the screenshots')
    ap.add_argument('--chromium', default=shutil.which('chromium') or shutil.which('chromium-browser'), help='the browser to drive')
    ap.add_argument('--timeout', type=float, default=120., help='seconds any one wait may take')
    ap.add_argument('--record', help='write what was measured (memory, upload and culling times) to this JSON file')
    a = ap.parse_args()
    if not a.chromium: sys.exit('browser test: no chromium found (install Debian\'s chromium, or pass --chromium)')
    t0 = time.time()
    from playwright.sync_api import Error as PlaywrightError
    try: run(Path(a.shots), a.chromium, a.timeout)
    except Failed as e: sys.exit(f'browser test FAILED: {e}')
    except PlaywrightError as e: sys.exit(f'browser test FAILED: {str(e).splitlines()[0]}') # a bounded wait ran out, or the browser failed
    if a.record:
        import json, platform
        RECORD.update(cpus=os.cpu_count(), machine=platform.machine(), seconds=round(time.time() - t0))
        Path(a.record).write_text(json.dumps(RECORD, indent=1)); print(f'measurements in {a.record}')
    print(f'browser test passed in {time.time() - t0:.0f} s; screenshots in {a.shots}/')

if __name__ == '__main__': main()
