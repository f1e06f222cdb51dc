"""Gazetteer load time and lookup rate.

Run: python benchmarks/bench_gazetteer.py

Each load is timed in a fresh Python process (so nothing is warm in memory):
once with an empty cache folder (the first run on a machine builds the name
index from the TSV files and keeps it), then several times with the cache in
place (every later run). Lookups are timed in-process over a mix of names.
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_LOAD = """
import time
t = time.perf_counter()
from geomap.gazetteer import Gazetteer
imported = time.perf_counter()
g = Gazetteer()
done = time.perf_counter()
print(f"{imported - t:.4f} {done - imported:.4f} {g.size}")
"""

NAMES = ["Ryazan", "Pokrovsk", "Zaporizhzhia", "Kursk region", "Odessa", "Kyiv", "Рязанской области",
         "KINEF", "Leningrad", "Nowhere-on-Sea", "Belgorod", "Krasnodar Krai", "Sumy", "Kharkov",
         "Рязани", "Києві", "Afipsky", "Rostov-on-Don", "Most", "Белгородской области"]


def _load_once(cache_dir: str) -> tuple[float, float, int]:
    # The child imports the same geomap as this process (a checkout on PYTHONPATH included).
    env = {"GEOMAP_CACHE_DIR": cache_dir, "PATH": "/usr/bin:/bin",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, env=env, check=True)
    imported, loaded, size = out.stdout.split()
    return float(imported), float(loaded), int(size)


def _wheel_data_mb() -> float:
    """Megabytes of gazetteer data the wheel carries (pyproject's force-include list)."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    files = re.findall(r'^"(gazetteer/[^"]+)" = ', text, flags=re.M)
    return sum((root / f).stat().st_size for f in files) / 1e6


def main() -> None:
    print(f"gazetteer data in the wheel: {_wheel_data_mb():.2f} MB")
    with tempfile.TemporaryDirectory() as cache:
        imp, cold, size = _load_once(cache)
        print(f"places: {size}")
        print(f"cold load (builds the index, writes the cache): {cold:.3f} s   (import {imp:.3f} s)")
        warm = [_load_once(cache) for _ in range(5)]
        loads = [w[1] for w in warm]
        imports = [w[0] for w in warm]
        print(f"warm load (cache present), 5 runs: median {statistics.median(loads):.3f} s, "
              f"max {max(loads):.3f} s   (import median {statistics.median(imports):.3f} s)")

    from geomap.gazetteer import Context, default_gazetteer
    from geomap.text import name_key

    gaz = default_gazetteer()
    # First-time look-ups: every name once, so nothing comes from the memo.
    distinct = list(itertools.islice(gaz.names(), 0, None, 10))[:30_000]
    start = time.perf_counter()
    for key in distinct:
        gaz.rank_key(key)
    elapsed = time.perf_counter() - start
    print(f"rank_key, first look-up of {len(distinct):,} distinct names: "
          f"{len(distinct) / elapsed:,.0f} per second")
    keys = [name_key(n) for n in NAMES]
    rounds = 200_000
    start = time.perf_counter()
    for i in range(rounds):
        gaz.rank_key(keys[i % len(keys)])
    elapsed = time.perf_counter() - start
    print(f"rank_key, repeated names (memoised): {rounds / elapsed:,.0f} lookups per second "
          f"({rounds} lookups)")
    villages = ["Novoselivka", "Oleksandrivka", "Hrakove", "Izium raion", "Bohodukhivska hromada",
                "Mykolaivka", "Balakliia district", "Ivanivka", "Andriivka", "Kalynivka"]
    vkeys = [name_key(n) for n in villages]
    start = time.perf_counter()
    for i in range(rounds):
        gaz.resolve(vkeys[i % len(vkeys)], Context(within={"UA-63"}), folded=True)
    elapsed = time.perf_counter() - start
    print(f"resolve of village namesakes with Context.within: {rounds / elapsed:,.0f} per second")
    context = Context(regions={"RU-RYA"}, near=[(54.63, 39.74)])
    start = time.perf_counter()
    for i in range(rounds):
        gaz.rank_key(keys[i % len(keys)], context)
    elapsed = time.perf_counter() - start
    print(f"rank_key with a context: {rounds / elapsed:,.0f} lookups per second")
    rounds = 50_000
    start = time.perf_counter()
    for i in range(rounds):
        gaz.geocode(NAMES[i % len(NAMES)])
    elapsed = time.perf_counter() - start
    print(f"geocode (geopy Location): {rounds / elapsed:,.0f} per second ({rounds} lookups)")
    rounds = 2_000
    start = time.perf_counter()
    for i in range(rounds):
        gaz.reverse((44.0 + (i % 100) * 0.1, 30.0 + (i // 100) * 0.5))
    elapsed = time.perf_counter() - start
    print(f"reverse (nearest of {gaz.size:,} places): {rounds / elapsed:,.0f} per second")


if __name__ == "__main__":
    main()
