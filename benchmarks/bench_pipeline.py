"""Throughput and memory of text -> geocoded, merged events, on one core, start-up included.

Run: python benchmarks/bench_pipeline.py [--sizes 10 20 40] [--keep DIR]

For each size a news-like JSONL corpus is generated (benchmarks/make_corpus.py),
then a fresh Python process pinned to one core runs the whole extraction
(import, gazetteer load, automaton build, reading, extraction, geocoding,
merging) over it. The wall time is taken around that process, so start-up is
included; the peak resident memory is the process's own high-water mark.
Writing the map and layers is not included: that is the cost of the output,
not of reading text.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402

_CHILD = """
import json, os, resource, sys
os.sched_setaffinity(0, {0})
from geomap.pipeline import extract_events
result = extract_events([sys.argv[1]])
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"documents": result.documents, "events": len(result.events),
                  "mentions": len(result.mentions), "peak_mb": peak_kb / 1024}))
"""


def measure(corpus: Path) -> dict:
    """Run one extraction over ``corpus`` in a fresh pinned process; return its figures."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD, str(corpus)], capture_output=True, text=True,
                         check=True)
    elapsed = time.perf_counter() - start
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    size_mb = corpus.stat().st_size / 1e6
    figures.update(size_mb=size_mb, seconds=elapsed, mb_per_s=size_mb / elapsed)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 20, 40])
    parser.add_argument("--keep", type=Path, help="keep the generated corpora in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    # A first tiny run builds the gazetteer cache, so every measured run starts alike.
    warm = folder / "warm.jsonl"
    write_corpus(warm, 0.05)
    measure(warm)
    print(f"{'size MB':>8} {'docs':>7} {'events':>7} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12}")
    rows = []
    for size in args.sizes:
        corpus = folder / f"corpus_{size:g}mb.jsonl"
        if not corpus.exists():
            write_corpus(corpus, size)
        row = measure(corpus)
        rows.append(row)
        print(f"{row['size_mb']:8.1f} {row['documents']:7d} {row['events']:7d} {row['seconds']:8.2f} "
              f"{row['mb_per_s']:6.2f} {row['peak_mb']:12.0f}")
    if len(rows) > 1:
        per_mb = [r["seconds"] / r["size_mb"] for r in rows]
        print(f"seconds per MB: {', '.join(f'{x:.3f}' for x in per_mb)} (linear cost: these stay level)")


if __name__ == "__main__":
    main()
