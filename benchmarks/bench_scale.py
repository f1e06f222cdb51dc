"""Scale figures: --jobs, a Dask LocalCluster, memory on a long corpus, and the store's daily update.

Run: python benchmarks/bench_scale.py PART [--size MB] [--keep DIR]

PART is one of:

``jobs``    ``geomap extract --jobs 1`` and ``--jobs 2`` on a SIZE MB corpus (default 100):
            wall time of each whole command (start-up included), the speed-up, whether the
            two outputs are byte-identical, and the peak RSS of the largest process.
``loop``    the main process's loop alone (reading, handing over, merging; start-up, the fold
            and the outputs apart) with --jobs 1 and 2: its CPU seconds and the workers'.
``dask``    the same corpus in 8 JSONL shards read by a 2-worker ``LocalCluster`` (processes,
            one thread each) against ``--jobs 1``: the speed-up, cluster start-up apart, and
            whether the events are identical.
``memory``  ``geomap extract --jobs JOBS`` (default 2) on each of --sizes MB (default 100 and
            1000): peak RSS of the main process and of the largest worker, seconds and CPU
            seconds per MB of each, and per further MB from one size to the next. The merge goes
            to disk past GEOMAP_SPILL_AFTER merged events (geomap/merge/spill/; -1: never).
``store``   a store holding at least --events events (default 100,000) is built (one full
            run over a SIZE MB corpus, then smaller corpora added while it is short; a store
            kept in --keep that holds enough is used again), then one day of 1,000 new
            documents is added; the update (start-up included, outputs not written) is timed
            against reading those 1,000 documents alone, and the update with the outputs of
            the whole store written (``run --store``) is timed apart (``--no-outputs-run``
            leaves it out). ``--against DIR`` also times, in turn with these, the partial update
            made by the geomap checked out in DIR (another version's code, on a copy of the same
            store) and says whether the two stores came out the same, table by table.

The corpus is the real development set's sentences in articles shaped like its own
(benchmarks/real_corpus.py: real wording, as dense in strike sentences as real strike
stories). Each figure comes from one run in a fresh process: this machine is shared, so
the load at the time is printed beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_corpus import write_real_corpus  # noqa: E402

# Runs a geomap command in this child and prints its own peak RSS and its largest child's, its
# CPU seconds and its workers', and the CPU seconds the merge spent settling namesakes (timed
# around Merger._settle_namesakes, or the merge on disk's step, which run in the main process
# once all is read).
_CHILD = """
import json, resource, sys, time
from geomap import merge
from geomap.merge.spill import merger as spilled
from geomap.cli import main
settling = [0.0]
def _timed(settle):
    def timed(*args):
        start = time.process_time()
        settle(*args)
        settling[0] += time.process_time() - start
    return timed
merge.Merger._settle_namesakes = _timed(merge.Merger._settle_namesakes)
# (past the spill threshold the merge on disk settles them in its own step)
spilled._settle_namesakes = _timed(spilled._settle_namesakes)
start = time.perf_counter()
status = main(sys.argv[1:])
seconds = time.perf_counter() - start
mine = resource.getrusage(resource.RUSAGE_SELF)
theirs = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": status, "inner_seconds": seconds, "peak_mb": mine.ru_maxrss / 1024,
                  "worker_peak_mb": theirs.ru_maxrss / 1024, "cpu_self": mine.ru_utime + mine.ru_stime,
                  "cpu_workers": theirs.ru_utime + theirs.ru_stime, "cpu_namesakes": settling[0]}))
"""


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


#: The gazetteer cache the benchmark's runs use: its own, built once before the first run.
#: (The shared one in ~/.cache is rebuilt by whoever runs other gazetteer code on this machine,
#: and a run that rebuilds it pays several CPU seconds the run it is compared with does not.)
_CACHE: dict[str, str] = {}


def _own_cache(folder: Path) -> None:
    _CACHE["XDG_CACHE_HOME"] = str(folder / "cache")
    os.environ.update(_CACHE)  # for the processes started here too (a Dask LocalCluster's workers)
    subprocess.run([sys.executable, "-m", "geomap.cli", "geocode", "Kyiv"], capture_output=True,
                   env={**os.environ, **_CACHE}, check=True)


def geomap(*args: str, env: dict | None = None) -> dict:
    """Run ``geomap ARGS`` in a fresh process; its wall time (start-up included) and peak memory."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True,
                         env={**os.environ, **_CACHE, **(env or {})})
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"geomap {' '.join(args)} failed:\n{out.stderr[-2000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["seconds"] = seconds
    figures["report"] = [line for line in out.stdout.splitlines() if not line.startswith("{")]
    return figures


def corpus(folder: Path, size_mb: float, seed: int = 7, style: str = "real") -> Path:
    path = folder / f"{style}_{size_mb:g}mb_{seed}.jsonl"
    if not path.exists():
        start = time.perf_counter()
        if style == "real":
            n = write_real_corpus(path, size_mb, seed)
        else:
            from make_corpus import write_corpus

            n = write_corpus(path, size_mb, seed, style=style)
        print(f"generated {path.name}: {n} articles, {path.stat().st_size / 1e6:.1f} MB "
              f"({time.perf_counter() - start:.0f} s)")
    return path


def part_jobs(folder: Path, size: float, style: str = "real") -> None:
    path = corpus(folder, size, style=style)
    size_mb = path.stat().st_size / 1e6
    print(f"\n--jobs on {size_mb:.1f} MB of the {style}-style corpus ({_load()} before)")
    rows = {}
    for jobs in (1, 2):
        out = folder / f"jobs{jobs}.geojson"
        rows[jobs] = geomap("extract", str(path), "-o", str(out), "--jobs", str(jobs))
        r = rows[jobs]
        print(f"  --jobs {jobs}: {r['seconds']:7.1f} s  {size_mb / r['seconds']:5.2f} MB/s  "
              f"peak RSS {r['peak_mb']:.0f} MB (largest worker {r['worker_peak_mb']:.0f} MB), "
              f"CPU {r['cpu_self']:.1f} s (settling namesakes {r['cpu_namesakes']:.1f} s) "
              f"+ workers {r['cpu_workers']:.1f} s  {r['report'][-1] if r['report'] else ''} ({_load()})")
    same = (folder / "jobs1.geojson").read_bytes() == (folder / "jobs2.geojson").read_bytes()
    print(f"  speed-up {rows[1]['seconds'] / rows[2]['seconds']:.2f}x wall; outputs byte-identical: {same} "
          f"({_load()} after)")
    # Wall time under load says nothing of two free cores (docs/scale.md): the estimate from CPU
    # seconds is the longer of the main process alone and the whole work shared by two cores.
    one, two = rows[1], rows[2]
    for label, less in (("all", 0.0), ("without settling namesakes", None)):
        cut1 = one["cpu_namesakes"] if less is None else less
        cut2 = two["cpu_namesakes"] if less is None else less
        main, workers = two["cpu_self"] - cut2, two["cpu_workers"]
        free = max(main, (main + workers) / 2)
        print(f"  free two cores, {label}: --jobs 1 {one['cpu_self'] - cut1:.1f} CPU s; --jobs 2 "
              f"max({main:.1f}, ({main:.1f} + {workers:.1f}) / 2) = {free:.1f} s: "
              f"{(one['cpu_self'] - cut1) / free:.2f}x")


# The loop of extract_events in a fresh process, Merger.events() (the fold, namesakes, ids)
# left out, timed from after the gazetteer is loaded.
_LOOP = """
import json, resource, sys, time
from geomap import merge
from geomap.extract import default_extractor
from geomap.pipeline import extract_events
merge.Merger.events = lambda self: []
default_extractor()
start = time.process_time()
result = extract_events([sys.argv[1]], jobs=int(sys.argv[2]))
main = time.process_time() - start
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"main": main, "workers": workers.ru_utime + workers.ru_stime,
                  "documents": result.documents}))
"""


def part_loop(folder: Path, size: float, style: str) -> None:
    path = corpus(folder, size, style=style)
    print(f"\nThe main process's loop on {path.stat().st_size / 1e6:.1f} MB of the {style}-style corpus")
    for jobs in (1, 2):
        out = subprocess.run([sys.executable, "-c", _LOOP, str(path), str(jobs)], capture_output=True,
                             text=True, check=True, env={**os.environ, **_CACHE})
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  --jobs {jobs}: main {r['main']:.2f} CPU s, workers {r['workers']:.2f} CPU s, "
              f"{r['documents']} documents ({_load()})")


def part_dask(folder: Path, size: float) -> None:
    from distributed import LocalCluster

    from geomap.cluster import extract_events_on_cluster
    from geomap.pipeline import extract_events

    path = corpus(folder, size)
    shards = _shards(path, folder, 8)
    size_mb = path.stat().st_size / 1e6
    print(f"\nDask LocalCluster, 2 worker processes, on {size_mb:.1f} MB in 8 shards ({_load()} before)")
    single = geomap("extract", *map(str, shards), "-o", str(folder / "dask_local.geojson"), "--jobs", "1")
    print(f"  --jobs 1 (fresh process, start-up included): {single['seconds']:.1f} s")
    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        ready = time.perf_counter()
        here = time.process_time()
        result = extract_events_on_cluster(cluster.scheduler_address, [str(s) for s in shards])
        done = time.perf_counter()
        here = time.process_time() - here
        from distributed import Client

        with Client(cluster.scheduler_address) as client:  # each worker's own CPU seconds
            workers = sum(client.run(_cpu_seconds).values())
    print(f"  cluster start {ready - start:.1f} s; reading and merging on it {done - ready:.1f} s "
          "(each worker's gazetteer load included)")
    print(f"  CPU: --jobs 1 {single['cpu_self']:.1f} s; the cluster's workers {workers:.1f} s together "
          f"(start-up included), this process (client and scheduler) {here:.1f} s")
    free = max(here, (here + workers) / 2)
    print(f"  free two cores: max({here:.1f}, ({here:.1f} + {workers:.1f}) / 2) = {free:.1f} s against "
          f"{single['cpu_self']:.1f} s: {single['cpu_self'] / free:.2f}x")
    print(f"  speed-up {single['seconds'] / (done - ready):.2f}x wall without the cluster's start-up, "
          f"{single['seconds'] / (done - start):.2f}x with it ({_load()} after)")
    local = extract_events([str(s) for s in shards], jobs=1)
    same = [e.to_feature() for e in local.events] == [e.to_feature() for e in result.events]
    print(f"  {len(result.events)} events; identical to the local run's: {same}")


def _cpu_seconds() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _shards(path: Path, folder: Path, count: int) -> list[Path]:
    shards = [folder / f"{path.stem}.shard{n}.jsonl" for n in range(count)]
    if not all(s.exists() for s in shards):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        step = -(-len(lines) // count)
        for n, shard in enumerate(shards):
            shard.write_text("".join(lines[n * step:(n + 1) * step]), encoding="utf-8")
    return shards


def part_memory(folder: Path, sizes: list[float], jobs: int = 2) -> None:
    from geomap.merge.spill import spill_after

    limit = spill_after()
    where = "in memory only" if limit is None else f"on disk past {limit:,} merged events"
    print(f"\nMemory and cost per MB, --jobs {jobs}, the merge {where} ({_load()} before)")
    rows = []
    for mb in sizes:
        path = corpus(folder, mb)
        r = geomap("extract", str(path), "-o", str(folder / "memory.geojson"), "--jobs", str(jobs))
        r["size_mb"] = path.stat().st_size / 1e6
        rows.append(r)
        print(f"  {r['size_mb']:7.1f} MB: {r['seconds']:7.1f} s, {r['seconds'] / r['size_mb']:.3f} s/MB, "
              f"CPU {r['cpu_self']:.0f} s + workers {r['cpu_workers']:.0f} s "
              f"({(r['cpu_self'] + r['cpu_workers']) / r['size_mb']:.3f} CPU s/MB), "
              f"peak RSS {'main process' if jobs > 1 else 'the process'} {r['peak_mb']:.0f} MB"
              + (f", largest worker {r['worker_peak_mb']:.0f} MB" if jobs > 1 else "")
              + f"  {r['report'][-1] if r['report'] else ''} ({_load()})", flush=True)
    # The cost of each further MB, from one size to the next: flat when it does not grow.
    for a, b in zip(rows, rows[1:], strict=False):
        further = b["size_mb"] - a["size_mb"]
        print(f"  per further MB from {a['size_mb']:.0f} to {b['size_mb']:.0f} MB: "
              f"{(b['seconds'] - a['seconds']) / further:.3f} s wall, "
              f"{(b['cpu_self'] + b['cpu_workers'] - a['cpu_self'] - a['cpu_workers']) / further:.3f} CPU s")


def part_store(folder: Path, size: float, events: int, full_reference: bool = False,
               with_outputs: bool = True, repeat: int = 1, against: Path | None = None) -> None:
    store = folder / "store.gpkg"
    held = _build_store(store, folder, size, events)
    day = folder / "day.jsonl"
    with open(day, "w", encoding="utf-8") as out, open(corpus(folder, 5, 99), encoding="utf-8") as src:
        for n, line in enumerate(src):
            if n == 1000:
                break
            record = json.loads(line)
            record["id"] = f"day-{n}"
            record["published"] = "2025-09-15"  # a daily feed: one publication day
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"\nStore: one day of 1,000 new documents into a store of {held} events ({_load()} before)")
    # Reading alone and the update without the outputs (timed in the API), in turn, ``repeat``
    # times: on a shared machine one run's CPU seconds vary by a third, the median less. The
    # partial update is the default; with --full-reference the full one (every stored event
    # restored, as before partial updates) is timed too, once.
    alones, partials, others = [], [], []
    for _ in range(repeat):
        alone = geomap("extract", str(day), "-o", str(folder / "day.geojson"), "--jobs", "1")
        alones.append(alone["cpu_self"])
        print(f"  reading the 1,000 documents alone: {alone['seconds']:.1f} s "
              f"(CPU {alone['cpu_self']:.1f} s) ({_load()})")
        for mode in ("partial", "full") if full_reference and not partials else ("partial",):
            copy = folder / f"store_{mode}.gpkg"
            copy.write_bytes(store.read_bytes())
            r = _update_alone(copy, day, full=mode == "full")
            if mode == "partial":
                partials.append(r["cpu"])
            fell = " (fell back to a full update)" if mode == "partial" and r["full"] else ""
            print(f"  the {mode} update alone (fresh process, start-up, no outputs): {r['seconds']:.1f} s "
                  f"(CPU {r['cpu']:.1f} s); {r['read']} documents read, {r['restored']} of the store's "
                  f"groups restored in {r['rounds']} round(s){fell}; "
                  f"ratio to reading alone: wall {r['seconds'] / alone['seconds']:.2f}, "
                  f"CPU {r['cpu'] / alone['cpu_self']:.2f} ({_load()})")
        if against is not None:
            copy = folder / "store_against.gpkg"
            copy.write_bytes(store.read_bytes())
            r = _update_alone(copy, day, full=False, code=against)
            others.append(r["cpu"])
            print(f"  the partial update by the code in {against}: {r['seconds']:.1f} s "
                  f"(CPU {r['cpu']:.1f} s); {r['restored']} groups restored in {r['rounds']} round(s); "
                  "ratio to reading alone: "
                  f"CPU {r['cpu'] / alone['cpu_self']:.2f} ({_load()})")
    if against is not None:
        same = _tables(folder / "store_partial.gpkg") == _tables(folder / "store_against.gpkg")
        print(f"  the two codes' stores are the same, table by table (times left out): {same}")
        if repeat > 1:
            mid = statistics.median(others)
            print(f"  median of {repeat}: the partial update by the code in {against} {mid:.1f} CPU s: "
                  f"{mid / statistics.median(alones):.2f}x")
    if repeat > 1:
        mid_alone, mid_partial = statistics.median(alones), statistics.median(partials)
        print(f"  medians of {repeat}: reading alone {mid_alone:.1f} CPU s, the partial update "
              f"{mid_partial:.1f} CPU s: {mid_partial / mid_alone:.2f}x")
    if with_outputs:
        _update_with_outputs(folder, store, day)
    if not full_reference:
        return
    from geomap.store import read_store

    def features(path: Path) -> list[str]:
        return [json.dumps(e.to_feature(), sort_keys=True) for e in read_store(path)[0]]

    partial, full = features(folder / "store_partial.gpkg"), features(folder / "store_full.gpkg")
    same = partial == full
    differ = len(set(partial) ^ set(full))
    print(f"  partial and full updates give the same events, ids included: {same} "
          f"({differ} features in one and not the other)")


def _update_with_outputs(folder: Path, store: Path, day: Path) -> None:
    """The update as the command line makes it (``run --store``): the outputs of the whole store written."""
    copy = folder / "store_copy.gpkg"
    copy.write_bytes(store.read_bytes())
    update = geomap("run", str(day), "--store", str(copy), "--jobs", "1", "-o", str(folder / "day_out"))
    print(f"  the store update with them, outputs of the whole store written: {update['seconds']:.1f} s "
          f"(CPU {update['cpu_self']:.1f} s) "
          f"({update['report'][0]})")


def _build_store(store: Path, folder: Path, size: float, events: int) -> int:
    """A store of at least ``events`` events in ``store``: the one kept there (``--keep``) if it
    holds that many; else one full run over a SIZE MB corpus, then (while short) a smaller corpus
    of a further seed, about as many MB as the missing events need, added as an update."""
    held, seed = _held(store) if store.exists() else (0, 10)
    if held >= events:
        print(f"  the store kept in {store} holds {held} events: used as it is")
        return held
    mb = size if not held else max(0.2, round(1.2 * size * (events - held) / held, 1))
    while held < events:
        seed += 1  # a corpus of new documents
        path = corpus(folder, mb, seed)
        start = time.perf_counter()
        built = json.loads(subprocess.run(
            [sys.executable, "-c", "import json, sys; from geomap.store import update_store; "
             "u = update_store(sys.argv[1], [sys.argv[2]], outdir=None, jobs=2); "
             "print(json.dumps([u.event_count, u.documents, u.full]))", str(store), str(path)],
            capture_output=True, text=True, check=True, env={**os.environ, **_CACHE}).stdout)
        added, held = built[0] - held, built[0]
        print(f"  store grown from {path.name} in {time.perf_counter() - start:.0f} s "
              f"({'full' if built[2] else 'partial'} update): {held} events from {built[1]} documents "
              f"({store.stat().st_size / 1e6:.0f} MB) ({_load()})")
        mb = max(0.2, round(1.2 * mb * (events - held) / max(added, 1), 1))
    return held


def _held(store: Path) -> tuple[int, int]:
    """The strike events a store holds, and the last seed of benchmark corpus it has read."""
    connection = sqlite3.connect(store)
    try:
        held = connection.execute("SELECT count(*) FROM geomap_events WHERE kind = 0").fetchone()[0]
        seeds = {doc_id.split("-")[0] for (doc_id,) in connection.execute(
            "SELECT DISTINCT substr(doc_id, 1, instr(doc_id, '-')) FROM geomap_documents "
            "WHERE doc_id LIKE 'real%'")}
        return held, max((int(s[4:]) for s in seeds if s[4:].isdigit()), default=10)
    finally:
        connection.close()


_ALONE = """
import json, resource, sys, time
from geomap.store import update_store
start = time.perf_counter()
u = update_store(sys.argv[1], [sys.argv[2]], outdir=None, jobs=1, full=sys.argv[3] == "full")
r = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"read": u.read, "events": u.event_count, "full": u.full, "restored": u.restored,
                  "rounds": u.rounds, "cpu": r.ru_utime + r.ru_stime}))
"""


def _update_alone(store: Path, day: Path, *, full: bool, code: Path | None = None) -> dict:
    """One update of ``store`` with ``day`` in a fresh process (the geomap in ``code`` when given):
    its figures and wall time."""
    env = {**os.environ, "PYTHONPATH": str(code)} if code is not None else None
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _ALONE, str(store), str(day), "full" if full else "partial"],
                         capture_output=True, text=True, check=True, env=env)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["seconds"] = time.perf_counter() - start
    return figures


def _tables(store: Path) -> list:
    """Every row of every table of a store, sorted, less the times a run writes (when a document
    was read, when a layer last changed)."""
    connection = sqlite3.connect(store)
    try:
        names = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('gpkg_contents', 'geomap_documents') ORDER BY name")]
        found = [(name, sorted(map(repr, connection.execute(f"SELECT * FROM {name}")))) for name in names]
        found.append(("geomap_documents", sorted(connection.execute(
            "SELECT doc_id, hash, source, published FROM geomap_documents"))))
        found.append(("gpkg_contents", sorted(connection.execute(
            "SELECT table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id "
            "FROM gpkg_contents"))))
        return found
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["jobs", "loop", "dask", "memory", "store"])
    parser.add_argument("--size", type=float, default=None, help="MB of corpus (see each part)")
    parser.add_argument("--sizes", type=float, nargs="+", help="MB of each corpus (memory; 100 1000)")
    parser.add_argument("--events", type=int, default=100_000, help="events the store holds (store)")
    parser.add_argument("--jobs", type=int, default=2, help="processes reading (memory)")
    parser.add_argument("--keep", type=Path, help="keep the generated corpora in this folder")
    parser.add_argument("--full-reference", action="store_true",
                        help="store: also time a full update (every stored event restored) and compare")
    parser.add_argument("--repeat", type=int, default=1,
                        help="store: time reading alone and the partial update this many times, in turn")
    parser.add_argument("--no-outputs-run", action="store_true",
                        help="store: leave out the update that writes the outputs of the whole store")
    parser.add_argument("--against", type=Path, default=None,
                        help="store: also time the partial update by the geomap checked out here, in turn")
    parser.add_argument("--style", choices=["real", "news", "dense"], default="real",
                        help="the corpus (jobs, memory): the real sentences' (default) or make_corpus.py's")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geomap-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    _own_cache(folder)
    if args.part == "jobs":
        part_jobs(folder, args.size or 100, args.style)
    elif args.part == "loop":
        part_loop(folder, args.size or 10, args.style)
    elif args.part == "dask":
        part_dask(folder, args.size or 100)
    elif args.part == "memory":
        part_memory(folder, args.sizes or [100, 1000], args.jobs)
    else:
        part_store(folder, args.size or 100, args.events, args.full_reference, not args.no_outputs_run,
                   args.repeat, args.against)


if __name__ == "__main__":
    main()
