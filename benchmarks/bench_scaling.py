"""Does the cost per megabyte stay level as the input grows? (issue 12: keep every step linear)

Run: python benchmarks/bench_scaling.py [--sizes 10 100] [--line-sizes 0.6 1.3 2.5 5]
                                        [--repeats 10000 20000 40000] [--only merge|syndicated|line]

Three cases where work used to grow faster than the input, each printed as figures
(not a timed test; this machine's speed drifts by about ten per cent an hour):

* **merge**: one strike reported by N documents (the same reading N times, each
  from its own document) folded by :class:`geomap.merge.Merger`: seconds for N
  and microseconds per report, which stay level when merging is linear.
* **syndicated**: one wire story republished thousands of times (each copy its
  own document id and URL, as aggregators do) as a JSONL corpus of 10 .. 100 MB,
  read by the whole pipeline in a fresh process: seconds per MB at each size.
* **line**: one JSONL record whose text is a single multi-megabyte "sentence"
  (no full stop, no line break) of news words, read by the whole pipeline:
  seconds per MB at each size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Start-up (imports, gazetteer and matcher load) is done before the clock starts: it is the same
# at every size, and would flatter the larger ones.
_CHILD = """
import json, resource, sys, time
from geomap.extract import default_extractor
from geomap.pipeline import extract_events
default_extractor()
start = time.perf_counter()
result = extract_events([sys.argv[1]])
print(json.dumps({"seconds": time.perf_counter() - start, "documents": result.documents,
                  "events": len(result.events),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# A wire story of about 2.4 KB, three of its sentences about strikes: the shape of a real
# report (see benchmarks/corpus_stats.py), so the cost per MB is that of ordinary reading.
STORY = (
    "Ukrainian drones attacked the Saratov oil refinery overnight, the regional governor said on "
    "Telegram. A fire broke out at the plant after debris fell on its territory. "
    "The Russian Defence Ministry said air defences destroyed 12 drones over the Saratov region.\n"
    "The refinery, one of the largest in southern Russia, processes about seven million tonnes of "
    "crude a year and supplies fuel to the Volga region. Its owner did not answer a request for "
    "comment. Analysts said the plant's primary distillation unit was likely to be out of service "
    "for several weeks, although the company has repaired similar damage quickly in the past. "
    "Exports of diesel from Black Sea ports have fallen this year as refineries across the country "
    "undergo repairs, traders said. The government has extended a ban on gasoline exports until "
    "the end of the quarter to keep the domestic market supplied. Prices on the St Petersburg "
    "exchange rose for a third day on Wednesday. Residents posted videos of a large column of "
    "smoke rising above the industrial zone in the early hours. Local officials urged people not "
    "to publish footage of the site. Schools in the district opened as usual and public transport "
    "ran on its normal timetable. The regional administration said the situation was under "
    "control and that specialists were assessing the damage. Insurance brokers said the cost of "
    "cover for energy infrastructure in the region had risen sharply since the start of the year. "
    "The company said in a statement that it would meet its delivery obligations to customers. "
    "Kyiv does not usually comment on attacks inside Russia, but a source in the security service "
    "said the operation had been planned for several weeks. Officials said nobody was hurt.\n"
)
WORDS = ("drones struck the oil depot in Bryansk and the power plant near Kursk while officials said "
         "on Tuesday that air defences shot down missiles over the region ").split()


def bench_merge(repeats: list[int]) -> None:
    """Merge N reports of one strike; print seconds and microseconds per report."""
    from geomap.merge import Merger
    from geomap.model import Event

    print("merge: one strike reported by N documents")
    for n in repeats:
        readings = [Event(place="Saratov refinery", place_name="Saratov refinery",
                          place_id="facility:saratov-refinery", lat=51.5, lon=46.0, admin1="Saratov Oblast",
                          country="RU", geo_precision="facility", strike_type="drone",
                          target_type="refinery", status="hit", event_date="2025-03-04",
                          date_precision="day", doc_ids=[f"doc-{i}"], sources=[f"https://example.org/{i}"],
                          evidence=["Drones hit the Saratov refinery."], confidence=0.6)
                    for i in range(n)]
        start = time.perf_counter()
        merger = Merger()
        for reading in readings:
            merger.add(reading)
        events = merger.events()
        elapsed = time.perf_counter() - start
        print(f"  {n:>7,} reports: {elapsed:7.2f} s, {elapsed / n * 1e6:7.1f} µs per report, "
              f"{len(events)} event(s)")


def _run(corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(corpus)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _syndicated(path: Path, megabytes: float) -> None:
    target = int(megabytes * 1e6)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        i = 0
        while written < target:
            line = json.dumps({"id": f"wire-{i}", "url": f"https://outlet{i % 977}.example/story/{i}",
                               "published": "2025-03-04", "text": STORY}) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            i += 1


def _one_line(path: Path, megabytes: float) -> None:
    target = int(megabytes * 1e6)
    words: list[str] = []
    size = 0
    i = 0
    while size < target:
        word = WORDS[i % len(WORDS)]
        words.append(word)
        size += len(word) + 1
        i += 1
    text = " ".join(words)
    path.write_text(json.dumps({"id": "long", "published": "2025-03-04", "text": text}) + "\n",
                    encoding="utf-8")


def bench_corpus(kind: str, sizes: list[float], folder: Path) -> None:
    """Run the pipeline on generated corpora of each size; print seconds and seconds per MB."""
    make = _syndicated if kind == "syndicated" else _one_line
    label = ("syndicated: one story republished, JSONL" if kind == "syndicated"
             else "line: one record, one multi-megabyte sentence")
    print(f"{label} (whole pipeline, start-up excluded)")
    per_mb = []
    for megabytes in sizes:
        path = folder / f"{kind}-{megabytes}.jsonl"
        make(path, megabytes)
        real_mb = path.stat().st_size / 1e6
        figures = _run(path)
        per_mb.append(figures["seconds"] / real_mb)
        print(f"  {real_mb:7.1f} MB: {figures['seconds']:7.2f} s, {per_mb[-1]:6.3f} s/MB, "
              f"{figures['documents']:,} documents, {figures['events']} events, "
              f"peak RSS {figures['peak_mb']:.0f} MB")
        path.unlink()
    if len(per_mb) > 1:
        print(f"  cost per MB, largest / smallest size: {per_mb[-1] / per_mb[0]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 100], help="syndicated corpus, MB")
    parser.add_argument("--line-sizes", type=float, nargs="+", default=[0.6, 1.3, 2.5, 5],
                        help="single-line record, MB")
    parser.add_argument("--repeats", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--only", choices=("merge", "syndicated", "line"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "merge"):
            bench_merge(args.repeats)
        if args.only in (None, "syndicated"):
            bench_corpus("syndicated", args.sizes, Path(tmp))
        if args.only in (None, "line"):
            bench_corpus("line", args.line_sizes, Path(tmp))


if __name__ == "__main__":
    main()
