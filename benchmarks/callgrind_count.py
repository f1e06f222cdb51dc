"""CPU instructions the pipeline spends on the benchmark slices, start-up subtracted.

Run: python benchmarks/callgrind_count.py [--slices dense news] [--code DIR] [--cache DIR] [--skip-teardown]

Wall time on a shared machine varies by half between identical runs, so the cost of reading
is counted in instructions under ``valgrind --tool=callgrind``, which does not depend on the
load. The slices are the ones the README's callgrind tables were counted on: the whole
records of the dense and news corpora (``benchmarks/make_corpus.py``, seed 7) that fit in
0.6 and 1.2 MB. Each count is a fresh ``python`` process under callgrind that loads the
gazetteer and matcher, runs ``geomap.pipeline.extract_events`` (reading, geocoding,
merging) over a small warm-up file (the first 0.05 MB of the dense corpus), and then over
the slice; the same process run with no slice gives start-up plus warm-up, and the figure
printed is the difference. ``PYTHONHASHSEED=0`` and ``OPENBLAS_NUM_THREADS=1``, and the cache
folder is warmed by one uncounted run first, so a count never includes building a cache.

``--skip-teardown`` ends each counted process with ``os._exit(0)`` after the slice: the interpreter's
teardown (freeing every object) varies from run to run by up to some 20 M instructions, nearly all
in ``_PyObject_Free`` (two counts of the same start-up and warm-up differed by 18 M, all of it
there), which is most of the 10 M the counts moved between runs. Without teardown the same code
and cache give the same count to the instruction. The README's figures before this option were
counted with teardown; compare like with like.

``--code DIR`` counts another checkout of geomap (put first on ``PYTHONPATH``; give it
its own ``--cache``, since versions sharing one cache folder rebuild each other's caches):
that is how the reference commit is counted with the same slices and the same method.
Needs valgrind (a measuring tool only: ``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SLICES = {"dense": ("dense", 0.6), "news": ("news", 1.2)}

_CHILD = """
import sys
import geomap
from geomap.pipeline import extract_events
print(geomap.__file__, file=sys.stderr)  # which checkout was counted (see _instructions)
extract_events([sys.argv[1]])
if sys.argv[2] != "-":
    extract_events([sys.argv[2]])
"""
# (--skip-teardown: see the docstring)
_NO_TEARDOWN = """
import os
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
"""


def _slice(path: Path, style: str, size_mb: float) -> None:
    """Write the whole records of ``style``'s corpus that fit in ``size_mb`` megabytes."""
    full = path.with_suffix(".full")
    write_corpus(full, size_mb, style=style)  # writes until it reaches the size: drop its last record
    lines = full.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-1]))
    full.unlink()


def _instructions(python: str, env: dict[str, str], warm: Path, target: str, out: Path, child: str = _CHILD,
                  ) -> int:
    """Instructions callgrind collects for one run of the child over ``target`` ("-": none)."""
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", python, "-c", child,
           str(warm), target]
    done = subprocess.run(cmd, env=env, cwd=env["PYTHONPATH"], capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if f"{env['PYTHONPATH']}/geomap/__init__.py" not in done.stderr:  # "python -c" puts its folder first
        raise SystemExit(f"counted another checkout than {env['PYTHONPATH']}")
    if found is None:
        raise SystemExit(f"callgrind printed no count for {target}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", nargs="+", choices=sorted(SLICES), default=["dense", "news"])
    parser.add_argument("--code", type=Path, default=ROOT, help="the geomap checkout to count")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--cache", type=Path, help="GEOMAP_CACHE_DIR for the counted runs")
    parser.add_argument("--work", type=Path, help="folder for the slices and callgrind files")
    parser.add_argument("--skip-teardown", action="store_true",
                        help="end each counted process without the interpreter's teardown (see above)")
    args = parser.parse_args()
    child = _CHILD + _NO_TEARDOWN if args.skip_teardown else _CHILD
    work = args.work or Path(tempfile.mkdtemp(prefix="geomap-callgrind-"))
    work.mkdir(parents=True, exist_ok=True)
    warm = work / "warm.jsonl"
    write_corpus(warm, 0.05, style="dense")
    paths = {}
    for name in args.slices:
        style, size = SLICES[name]
        paths[name] = work / f"{name}.jsonl"
        _slice(paths[name], style, size)
    # One OpenBLAS thread: numpy's BLAS threads (numpy comes with geopandas) otherwise add 6-31 M
    # instructions that vary from run to run.
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(args.code.resolve()),
               GEOMAP_CACHE_DIR=str(args.cache or work / "cache"), OPENBLAS_NUM_THREADS="1")
    for _ in range(2):  # builds or refreshes the caches, uncounted (some versions need two runs)
        subprocess.run([args.python, "-c", _CHILD, str(warm), "-"], env=env, cwd=env["PYTHONPATH"],
                       check=True, capture_output=True)
    base = _instructions(args.python, env, warm, "-", work / "callgrind.empty.out", child)
    print(f"code {args.code}; start-up and warm-up: {base:,} instructions"
          + (" (no teardown)" if args.skip_teardown else ""))
    for name, path in paths.items():
        total = _instructions(args.python, env, warm, str(path), work / f"callgrind.{name}.out", child)
        print(f"{name} slice ({path.stat().st_size:,} bytes): {total - base:,} instructions "
              f"({(total - base) / 1e6:,.0f} M; total {total:,})", flush=True)


if __name__ == "__main__":
    main()
