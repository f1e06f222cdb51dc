"""What finding the stored guesses a day moves costs a partial store update.

Run: python benchmarks/bench_guesses.py STORE.gpkg DAY.jsonl

Reads DAY (JSON lines of articles) with the pipeline, takes the sure points of its readings, and
times :func:`geomap.store.guesses.guesses_moved_by` on STORE (opened read-only): how many stored
groups are guesses, how many the day's points move, and the CPU and wall seconds of the search.
The stores of ``benchmarks/bench_scale.py store --keep DIR`` (``DIR/store.gpkg``, ``DIR/day.jsonl``)
are the ones the README's figures were measured on.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from geomap import namesakes
from geomap.gazetteer import default_gazetteer
from geomap.pipeline import extract_events
from geomap.store.guesses import guesses_moved_by


def main(store: str, day: str) -> None:
    """Print the day's sure points, the store's guesses, those moved, and the search's seconds."""
    default_gazetteer()  # loaded before the clock starts, as in an update
    points = namesakes.sure_points(extract_events([day], jobs=1).events)
    connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    guesses = connection.execute("SELECT count(*) FROM geomap_groups WHERE namesakes != ''").fetchone()[0]
    cpu, wall = time.process_time(), time.time()
    moved = guesses_moved_by(connection, points)
    print(f"sure points of the day {len(points)}, stored guesses {guesses}, moved {len(moved)}, "
          f"CPU {time.process_time() - cpu:.2f} s, wall {time.time() - wall:.2f} s")


if __name__ == "__main__":
    main(*sys.argv[1:3])
