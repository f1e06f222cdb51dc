"""A snapshot of what the gazetteer answers, to check that a speed change changes no answer.

Run: python benchmarks/gazetteer_snapshot.py OUT.json   (then diff two snapshots)

It records, for the two table tests (tests/data/gazetteer_table.tsv and
ua_table.tsv), ``geocode`` of every query; for a fixed sample of 50,000
indexed name keys (every key when there are fewer), ``resolve`` without a
context, with a region context (the oblast of the key's best place), with
``Context.within`` that oblast and with a ``near`` point; ``rank_key`` order of
every key; the matcher's names; and ``reverse`` of a grid of points.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _res(r) -> list | None:
    if r is None:
        return None
    return [r.place.id, [p.id for p in r.alternatives], r.ambiguous, r.confidence, r.why]


def main(out: str) -> None:
    from geomap.gazetteer import Context, Gazetteer

    gaz = Gazetteer()
    snap: dict[str, object] = {"size": gaz.size}
    for table, column in (("gazetteer_table.tsv", "name"), ("ua_table.tsv", "query")):
        with (ROOT / "tests" / "data" / table).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        answers = {}
        for row in rows:
            loc = gaz.geocode(row[column])
            answers[row[column]] = None if loc is None else [loc.raw, loc.latitude, loc.longitude]
        snap[table] = answers
    keys = sorted(gaz.all_names())
    names = sorted(gaz.names())
    snap["keys"] = hashlib.sha1("\n".join(keys).encode()).hexdigest()
    snap["names"] = hashlib.sha1("\n".join(names).encode()).hexdigest()
    order = hashlib.sha1()
    for key in keys:
        order.update(("|".join(p.id for p in gaz.rank_key(key)) + "\n").encode())
    snap["rank_all"] = order.hexdigest()
    sample = random.Random(11).sample(keys, min(50_000, len(keys)))
    out_rows = {}
    for key in sample:
        best = gaz.resolve(key, folded=True)
        row = [_res(best)]
        if best is not None:
            admin1 = best.place.admin1 or "UA-63"
            row.append(_res(gaz.resolve(key, Context(regions={admin1}), folded=True)))
            row.append(_res(gaz.resolve(key, Context(within={"UA-14"}, regions={"UA-14"}), folded=True)))
            row.append(_res(gaz.resolve(key, Context(article_regions={"UA-63"}, countries={"UA"},
                                                     near=[(48.5, 37.5)]), folded=True)))
        out_rows[key] = row
    snap["sample"] = out_rows
    snap["reverse"] = [gaz.reverse((44.0 + (i % 40) * 0.3, 22.0 + (i // 40) * 0.9)).raw["id"]
                       for i in range(1600)]
    snap["get"] = [list(gaz.get(p.id) or ()) for p in gaz.rank_key("novoselivka")]
    Path(out).write_text(json.dumps(snap, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    print(f"{out}: {len(sample)} sampled keys of {len(keys)}, {len(names)} matcher names")


if __name__ == "__main__":
    main(sys.argv[1])
