"""Gazetteer load time and lookup rate.

Run: python benchmarks/bench_gazetteer.py

Each load is timed in a fresh Python process (so nothing is warm in memory):
with an empty cache folder (the first run on a machine builds the name index
from the TSV files and keeps it), then several times with the cache in place
(every later run). Lookups are timed in-process over a mix of names.

The machine this runs on is shared, so wall time drifts with the load of
others: every figure is given as a median with its range over several runs,
and beside the wall time the process's CPU time (``time.process_time``),
which drifts less (a loaded machine still slows it through shared caches).
The load average at the start and end is printed with the figures.
"""

from __future__ import annotations

import argparse
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
import resource, time
t, c = time.perf_counter(), time.process_time()
from geomap.gazetteer import Gazetteer
imported, cpu_imported = time.perf_counter(), time.process_time()
g = Gazetteer()
done, cpu_done = time.perf_counter(), time.process_time()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{imported - t:.4f} {done - imported:.4f} {cpu_done - cpu_imported:.4f} {peak:.1f} {g.size}")
"""

NAMES = ["Ryazan", "Pokrovsk", "Zaporizhzhia", "Kursk region", "Odessa", "Kyiv", "Рязанской области",
         "KINEF", "Leningrad", "Nowhere-on-Sea", "Belgorod", "Krasnodar Krai", "Sumy", "Kharkov",
         "Рязани", "Києві", "Afipsky", "Rostov-on-Don", "Most", "Белгородской области"]


def _load_once(cache_dir: str) -> tuple[float, float, float, float, int]:
    """(import s, load wall s, load CPU s, peak RSS MB, places) of one fresh process."""
    # The child imports the same geomap as this process (a checkout on PYTHONPATH included).
    env = {"GEOMAP_CACHE_DIR": cache_dir, "PATH": "/usr/bin:/bin",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, env=env, check=True)
    imported, loaded, cpu, peak, size = out.stdout.split()
    return float(imported), float(loaded), float(cpu), float(peak), int(size)


def _wheel_data_mb() -> float:
    """Megabytes of gazetteer data the wheel carries (pyproject's force-include list)."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    files = re.findall(r'^"(gazetteer/[^"]+)" = ', text, flags=re.M)
    return sum((root / f).stat().st_size for f in files) / 1e6


def _spread(values: list[float], unit: str = "s", digits: int = 3) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} "
            f"(range {min(values):.{digits}f}-{max(values):.{digits}f}, {len(values)} runs)")


def _rate(count: int, seconds: list[float]) -> str:
    rates = [count / s for s in seconds]
    return f"median {statistics.median(rates):,.0f}/s (range {min(rates):,.0f}-{max(rates):,.0f})"


def _timed(fn, rounds: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``rounds`` calls of ``fn`` (each call one timed run)."""
    walls, cpus = [], []
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each figure (default 5)")
    parser.add_argument("--cold-runs", type=int, default=3, help="first-run builds (default 3)")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    print(f"gazetteer data in the wheel: {_wheel_data_mb():.2f} MB")
    cold = []
    for _ in range(args.cold_runs):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(_load_once(cache))
    print(f"places: {cold[0][4]}")
    print(f"first run (builds the index, writes the cache): wall {_spread([c[1] for c in cold])}; "
          f"CPU {_spread([c[2] for c in cold])}; peak RSS {_spread([c[3] for c in cold], 'MB', 0)}")
    with tempfile.TemporaryDirectory() as cache:
        _load_once(cache)
        warm = [_load_once(cache) for _ in range(args.runs)]
    print(f"warm load (cache present): wall {_spread([w[1] for w in warm])}; "
          f"CPU {_spread([w[2] for w in warm])}; import {_spread([w[0] for w in warm])}; "
          f"peak RSS {_spread([w[3] for w in warm], 'MB', 0)}")

    from geomap.gazetteer import Context, Gazetteer, default_gazetteer
    from geomap.text import name_key

    gaz = default_gazetteer()
    # First-time look-ups: a fresh gazetteer each run (nothing memoised, no place made yet),
    # every tenth indexed name once.
    distinct = list(itertools.islice(gaz.names(), 0, None, 10))[:30_000]
    walls, cpus = [], []
    for _ in range(args.runs):
        fresh = Gazetteer()
        w, c = _timed(lambda fresh=fresh: [fresh.rank_key(k) for k in distinct], 1)
        walls += w
        cpus += c
    print(f"rank_key, first look-up of {len(distinct):,} distinct names: wall {_rate(len(distinct), walls)}; "
          f"CPU {_rate(len(distinct), cpus)}")
    keys = [name_key(n) for n in NAMES]
    rounds = 200_000

    def repeated() -> None:
        for i in range(rounds):
            gaz.rank_key(keys[i % len(keys)])
    walls, cpus = _timed(repeated, args.runs)
    print(f"rank_key, repeated names (memoised), {rounds:,} look-ups: wall {_rate(rounds, walls)}; "
          f"CPU {_rate(rounds, cpus)}")
    villages = ["Novoselivka", "Oleksandrivka", "Hrakove", "Izium raion", "Bohodukhivska hromada",
                "Mykolaivka", "Balakliia district", "Ivanivka", "Andriivka", "Kalynivka"]
    vkeys = [name_key(n) for n in villages]

    def villages_within() -> None:
        for i in range(rounds):
            gaz.resolve(vkeys[i % len(vkeys)], Context(within={"UA-63"}), folded=True)
    walls, cpus = _timed(villages_within, 3)
    print(f"resolve of village namesakes with Context.within: wall {_rate(rounds, walls)}; "
          f"CPU {_rate(rounds, cpus)}")
    context = Context(regions={"RU-RYA"}, near=[(54.63, 39.74)])

    def with_context() -> None:
        for i in range(rounds):
            gaz.rank_key(keys[i % len(keys)], context)
    walls, cpus = _timed(with_context, 3)
    print(f"rank_key with a context: wall {_rate(rounds, walls)}; CPU {_rate(rounds, cpus)}")
    geocodes = 50_000

    def geocode() -> None:
        for i in range(geocodes):
            gaz.geocode(NAMES[i % len(NAMES)])
    walls, cpus = _timed(geocode, 3)
    print(f"geocode (geopy Location): wall {_rate(geocodes, walls)}; CPU {_rate(geocodes, cpus)}")
    reverses = 2_000

    def reverse() -> None:
        for i in range(reverses):
            gaz.reverse((44.0 + (i % 100) * 0.1, 30.0 + (i // 100) * 0.5))
    walls, cpus = _timed(reverse, 3)
    print(f"reverse (nearest of {gaz.size:,} places): wall {_rate(reverses, walls)}; "
          f"CPU {_rate(reverses, cpus)}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
