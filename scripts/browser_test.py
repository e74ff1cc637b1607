"""The colorize widget in a real browser: Voilà serves apps/colorize.ipynb, headless Chromium uses it.

    python scripts/browser_test.py [--shots browser-screenshots] [--chromium /usr/bin/chromium]

Steps, each followed by a check of the page and a screenshot: the page renders; pick a bundled photo;
move the render-size slider; upload a good JPEG; upload a corrupt one (an error line, no traceback);
pick a bundled photo again. Every wait is bounded; every process started here is stopped by its PID.
Exit code 0 when every check passed, 1 with one line saying which failed.
"""
import argparse, os, shutil, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT/'apps'/'colorize.ipynb'

class Failed(Exception): pass

STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]' # an output box of text written to stderr (a warning, a traceback)

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def wait_for_port(port, proc, timeout):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None: raise Failed(f'Voilà exited with code {proc.returncode} before serving')
        with socket.socket() as s:
            if s.connect_ex(('127.0.0.1', port)) == 0: return
        time.sleep(0.3)
    raise Failed(f'Voilà did not open port {port} within {timeout} s')

def stop(proc, name):
    "Stop a process group started here: SIGTERM, then SIGKILL after 10 s."
    if proc is None or proc.poll() is not None: return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        try: proc.wait(10)
        except subprocess.TimeoutExpired: os.killpg(proc.pid, signal.SIGKILL); proc.wait(10)
    except ProcessLookupError: pass
    print(f'stopped {name} (pid {proc.pid})')

def photos(folder:Path):
    "A good JPEG (a bundled photo, resized) and a corrupt one (the same, cut in half)."
    from PIL import Image
    from colorgan.core import sample_photos, load_rgb
    good, bad = folder/'my-photo.jpg', folder/'broken.jpg'
    load_rgb(sample_photos()[3]).resize((600, 400)).save(good, quality=90)
    data = good.read_bytes(); bad.write_bytes(data[:len(data) // 2])
    return good, bad

def run(shots:Path, chromium:str, timeout:float):
    from playwright.sync_api import sync_playwright
    shots.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix='colorgan-browser-'))
    good, bad = photos(tmp)
    port = free_port()
    log = open(tmp/'voila.log', 'w')
    voila = subprocess.Popen([sys.executable, '-m', 'voila', str(APP), '--no-browser', f'--port={port}', '--Voila.ip=127.0.0.1',
                              f'--Voila.root_dir={APP.parent}'], stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=APP.parent)
    print(f'Voilà started (pid {voila.pid}) on port {port}')
    ms = int(timeout * 1000)
    try:
        wait_for_port(port, voila, timeout)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=['--no-sandbox', '--disable-dev-shm-usage'])
            try:
                page = browser.new_page(viewport={'width': 1400, 'height': 1000})
                errors = []
                page.on('pageerror', lambda e: errors.append(str(e)))
                n = [0]
                def shot(name):
                    n[0] += 1; page.screenshot(path=str(shots/f'{n[0]:02d}-{name}.png'), full_page=True)
                def status(): return page.locator('.colorgan-status').inner_text(timeout=ms)
                def colorized_src(): return page.locator('img.colorgan-colorized').get_attribute('src', timeout=ms)
                def settled(before_src, what):
                    "Wait until the render that `what` started has finished and changed the colorized picture."
                    t0 = time.time()
                    while time.time() - t0 < timeout:
                        s = status()
                        if 'colorizing' not in s and colorized_src() != before_src and 'colorized at render size' in s: return s
                        time.sleep(0.2)
                    raise Failed(f'{what}: the colorized picture did not change within {timeout:.0f} s (status: {status()!r})')
                def upload(path):
                    "Click the upload button and answer the file chooser it opens, as a user does."
                    with page.expect_file_chooser(timeout=ms) as chooser: page.locator('.widget-upload').first.click(timeout=ms)
                    chooser.value.set_files(str(path), timeout=ms)
                def no_traceback(what):
                    text = page.inner_text('body', timeout=ms)
                    if 'Traceback' in text: raise Failed(f'{what}: the page shows a traceback')
                    n_err = page.locator(STDERR).count()
                    if n_err: raise Failed(f'{what}: the page shows {n_err} stderr box(es), e.g. {page.locator(STDERR).first.inner_text()[:200]!r}')
                page.goto(f'http://127.0.0.1:{port}/', wait_until='load', timeout=ms)
                page.wait_for_selector('img.colorgan-colorized', timeout=ms)
                t0 = time.time()
                while 'colorized at render size' not in status():
                    if time.time() - t0 > timeout: raise Failed(f'the widget did not finish its first picture within {timeout:.0f} s')
                    time.sleep(0.2)
                print('rendered:', status()); no_traceback('first render'); shot('rendered')

                src = colorized_src()
                page.locator('select').first.select_option('coffee', timeout=ms)
                print('picked a photo:', settled(src, 'picking coffee')); no_traceback('picking a photo'); shot('picked-coffee')

                src = colorized_src()
                readout = page.locator('.widget-readout').first
                readout.click(timeout=ms); page.keyboard.press('Control+A'); page.keyboard.type('192'); page.keyboard.press('Enter')
                s = settled(src, 'moving the slider'); print('moved the slider:', s)
                if 'render size 192' not in s: raise Failed(f'moving the slider: expected render size 192, got {s!r}')
                no_traceback('moving the slider'); shot('slider-192')

                src = colorized_src()
                upload(good)
                s = settled(src, 'uploading a good JPEG'); print('uploaded a photo:', s)
                if 'my-photo.jpg' not in s: raise Failed(f'uploading a good JPEG: the status does not name it: {s!r}')
                if not page.locator('img.colorgan-original').is_visible(): raise Failed('uploading a color photo: its original is not shown')
                no_traceback('uploading a good JPEG'); shot('uploaded')

                src = colorized_src()
                upload(bad)
                t0 = time.time()
                while 'broken.jpg' not in status():
                    if time.time() - t0 > timeout: raise Failed(f'uploading a corrupt JPEG: no error line within {timeout:.0f} s (status: {status()!r})')
                    time.sleep(0.2)
                s = status(); print('uploaded a corrupt file:', s)
                if 'truncated' not in s: raise Failed(f'uploading a corrupt JPEG: the error line does not give the reason: {s!r}')
                if colorized_src() != src: raise Failed('uploading a corrupt JPEG: the last picture was replaced')
                no_traceback('uploading a corrupt JPEG'); shot('corrupt-upload')

                src = colorized_src()
                page.locator('select').first.select_option('chelsea', timeout=ms)
                s = settled(src, 'picking a photo after the uploads'); print('picked a photo again:', s)
                if 'chelsea' not in s: raise Failed(f'picking a photo after the uploads: {s!r}')
                no_traceback('picking a photo after the uploads'); shot('picked-again')
                if errors: raise Failed(f'the page raised JavaScript errors: {errors[:3]}')
            finally: browser.close()
    finally:
        stop(voila, 'Voilà'); log.close()
        if os.environ.get('KEEP_VOILA_LOG'): print((tmp/'voila.log').read_text()[-3000:])
        shutil.rmtree(tmp, ignore_errors=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shots', default='browser-screenshots', help='folder for the screenshots')
    ap.add_argument('--chromium', default=shutil.which('chromium') or shutil.which('chromium-browser'), help='the browser to drive')
    ap.add_argument('--timeout', type=float, default=120., help='seconds any one wait may take')
    a = ap.parse_args()
    if not a.chromium: sys.exit('browser test: no chromium found (install Debian\'s chromium, or pass --chromium)')
    t0 = time.time()
    from playwright.sync_api import Error as PlaywrightError
    try: run(Path(a.shots), a.chromium, a.timeout)
    except Failed as e: sys.exit(f'browser test FAILED: {e}')
    except PlaywrightError as e: sys.exit(f'browser test FAILED: {str(e).splitlines()[0]}') # a bounded wait ran out, or the browser failed
    print(f'browser test passed in {time.time() - t0:.0f} s; screenshots in {a.shots}/')

if __name__ == '__main__': main()
