"""Throughput and memory of text -> geocoded, merged events, on one core, start-up included.

Run: python benchmarks/bench_pipeline.py [--sizes 10 20 40] [--styles news dense real] [--keep DIR]
                                         [--no-bytecode]

For each style and size a JSONL corpus is generated (benchmarks/make_corpus.py),
then a fresh Python process pinned to one core runs the whole extraction
(import, gazetteer and matcher load, reading, extraction, geocoding, merging)
over it. The wall time is taken around that process, so start-up is included;
so is its CPU time (the process's own user and system time, start-up included),
the figure to compare on a machine shared with other work, where wall time
varies by half between identical runs; the peak resident memory is the
process's own high-water mark. Writing the map
and layers is not included: that is the cost of the output, not of reading text.
The measured process keeps the bytecode Python compiles (in the corpus folder), as an
installed geomap does; ``--no-bytecode`` measures a start that compiles geomap's sources
every time, as this machine's environment (``PYTHONDONTWRITEBYTECODE=1``) otherwise makes it.

Three styles of corpus: "news" is calibrated to real reporting (the seed
articles: sentence length and share of strike sentences, see
benchmarks/corpus_stats.py); "dense" packs about twice as many strike
sentences into a kilobyte, a stress case for the sentence reader; "real" is
made of the real development set's own sentences, as dense in strike
sentences as real strike stories (benchmarks/real_corpus.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import STYLES, write_corpus  # noqa: E402

_CHILD = """
import json, os, resource, sys, time
os.sched_setaffinity(0, {0})
from geomap.pipeline import extract_events
result = extract_events([sys.argv[1]])
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"documents": result.documents, "events": len(result.events),
                  "mentions": len(result.mentions), "peak_mb": peak_kb / 1024,
                  "cpu_s": time.process_time()}))
"""


def child_environment(pycache: Path | None) -> dict[str, str]:
    """The environment of the measured process: with ``pycache``, Python keeps the bytecode it
    compiles there, as it does for any user (and pip at install time); without, every run
    compiles geomap's sources again.

    This machine's environment sets ``PYTHONDONTWRITEBYTECODE=1``, which no install of geomap
    has: a run here would otherwise pay some 630 M instructions of compiling at every start
    (docs/scale.md, "Reading faster, eleventh round").
    """
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def measure(corpus: Path, repeat: int = 1, env: dict[str, str] | None = None) -> dict:
    """Run one extraction over ``corpus`` in a fresh pinned process ``repeat`` times.

    Returns the figures of the median run (by wall time) and the slowest time:
    this machine's speed drifts by several per cent from run to run; ``cpu_s`` is
    the median CPU time of the runs (start-up included). ``env``: the process's environment
    (:func:`child_environment`).
    """
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _CHILD, str(corpus)], capture_output=True, text=True,
                             check=True, env=env)
        elapsed = time.perf_counter() - start
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        figures["seconds"] = elapsed
        runs.append(figures)
    cpu = sorted(r["cpu_s"] for r in runs)[len(runs) // 2]
    runs.sort(key=lambda r: r["seconds"])
    figures = runs[len(runs) // 2]
    size_mb = corpus.stat().st_size / 1e6
    figures.update(size_mb=size_mb, mb_per_s=size_mb / figures["seconds"], slowest=runs[-1]["seconds"],
                   cpu_s=cpu, cpu_mb_per_s=size_mb / cpu)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 20, 40])
    parser.add_argument("--styles", nargs="+", default=["news", "dense", "real"], choices=STYLES)
    parser.add_argument("--keep", type=Path, help="keep the generated corpora in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus; the median is printed")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile geomap's sources at every start (as with PYTHONDONTWRITEBYTECODE=1), "
                             "instead of keeping the bytecode as an installed geomap does")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = child_environment(None if args.no_bytecode else folder / "pycache")
    print("bytecode: compiled at every start" if args.no_bytecode
          else f"bytecode: kept (in {folder / 'pycache'}), as an installed geomap keeps it")
    # A first tiny run builds the gazetteer cache (and the bytecode), so every measured run
    # starts alike.
    warm = folder / "warm.jsonl"
    write_corpus(warm, 0.05)
    measure(warm, env=env)
    for style in args.styles:
        print(f"\n{style} corpus (median of {args.repeat} runs)")
        print(f"{'size MB':>8} {'docs':>7} {'events':>7} {'seconds':>8} {'slowest':>8} {'MB/s':>6} "
              f"{'CPU s':>7} {'MB/CPU s':>8} {'peak RSS MB':>12}")
        rows = []
        for size in args.sizes:
            corpus = folder / f"{style}_{size:g}mb.jsonl"
            if not corpus.exists():
                write_corpus(corpus, size, style=style)
            row = measure(corpus, args.repeat, env)
            rows.append(row)
            print(f"{row['size_mb']:8.1f} {row['documents']:7d} {row['events']:7d} {row['seconds']:8.2f} "
                  f"{row['slowest']:8.2f} {row['mb_per_s']:6.2f} {row['cpu_s']:7.2f} "
                  f"{row['cpu_mb_per_s']:8.2f} {row['peak_mb']:12.0f}")
        if len(rows) > 1:
            # The cost of each further megabyte, start-up set aside: level when the cost is linear.
            steps = [(b["seconds"] - a["seconds"]) / (b["size_mb"] - a["size_mb"])
                     for a, b in itertools.pairwise(rows)]
            print(f"seconds per further MB: {', '.join(f'{x:.3f}' for x in steps)} "
                  "(linear cost: these stay level)")


if __name__ == "__main__":
    main()
