"""Run every lesson the way a learner opens it: the notebook alone in an empty folder, colorgan installed as a package
(not from this clone), at COLORGAN_SCALE=test, with no development data beside it. Any error fails the run.

    python scripts/lessons_alone.py [--only 04_training] [--timeout 900]

Run it with the Python of an environment where colorgan was installed with `pip install .` (CI does so in a fresh
environment, without network: `unshare -n`). Prints one line per lesson and `N passed, M failed`.
"""
import argparse, os, shutil, sys, tempfile, time
from unittest import mock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def own_kernel()->dict:
    "A kernel spec for this very Python, on a JUPYTER_PATH of its own: a 'python3' spec elsewhere (a user's, another environment's) can't take its place."
    import json
    d = Path(tempfile.mkdtemp(prefix='lessons-alone-kernel-'))
    (d/'kernels'/'colorgan-alone').mkdir(parents=True)
    (d/'kernels'/'colorgan-alone'/'kernel.json').write_text(json.dumps(dict(
        argv=[sys.executable, '-m', 'ipykernel_launcher', '-f', '{connection_file}'], display_name='colorgan, installed', language='python')))
    return dict(JUPYTER_PATH=str(d))

def run_alone(nb:Path, timeout:int)->tuple[bool, str, float]:
    "Execute `nb` alone in a fresh folder; (passed, the first error or '', seconds)."
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    work = Path(tempfile.mkdtemp(prefix=f'lesson-{nb.stem}-'))
    try:
        shutil.copy(nb, work/nb.name)
        book = nbformat.read(work/nb.name, as_version=4)
        t = time.time()
        env = dict(os.environ, COLORGAN_SCALE='test', MPLBACKEND='module://matplotlib_inline.backend_inline', **KERNEL)
        client = NotebookClient(book, timeout=timeout, kernel_name='colorgan-alone', resources={'metadata': {'path': str(work)}})
        try:
            with mock.patch.dict(os.environ, env): client.execute() # the kernel nbclient starts inherits it
        except CellExecutionError as e:
            return False, str(e).strip().splitlines()[-1][:500], time.time() - t
        except Exception as e:
            return False, f'{type(e).__name__}: {e}'[:500], time.time() - t
        return True, '', time.time() - t
    finally: shutil.rmtree(work, ignore_errors=True)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--only', nargs='*', help='lesson names (without .ipynb) to run; default: every lesson')
    ap.add_argument('--timeout', type=int, default=900, help='seconds a cell may take')
    a = ap.parse_args()
    import importlib.util
    spec = importlib.util.find_spec('colorgan')
    if spec is None: sys.exit('lessons_alone.py: colorgan is not installed in this environment (pip install . first)')
    if Path(spec.origin).resolve().parent == ROOT/'colorgan': sys.exit(f'lessons_alone.py: colorgan is imported from this clone ({spec.origin}), not from an installed package')
    KERNEL = own_kernel()
    lessons = sorted(ROOT.glob('nbs/[0-9]*.ipynb'))
    if a.only: lessons = [l for l in lessons if l.stem in a.only]
    passed = failed = 0
    for nb in lessons:
        ok, why, secs = run_alone(nb, a.timeout)
        print(f'{nb.name:24s} {"passed" if ok else "FAILED"} in {secs:5.0f} s' + ('' if ok else f': {why}'), flush=True)
        passed += ok; failed += not ok
    print(f'{passed} of {passed + failed} lessons ran alone to the end' + (f'; {failed} stopped' if failed else ''))
    sys.exit(1 if failed or not passed else 0)
