"""Write a news-like JSONL corpus of a given size for the throughput benchmark.

Run: python benchmarks/make_corpus.py OUT.jsonl SIZE_MB [--seed N]

The articles are assembled from sentence patterns written for this project
and filled with real place names from the gazetteer, so the text reads like
war reporting: strike reports of every kind (refineries, interceptions,
debris, claims, shelling) among politics, economy and diplomacy stories that
name places without any strike. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from pathlib import Path

GAZ = Path(__file__).resolve().parents[1] / "gazetteer"

STRIKE = [
    "Ukrainian drones struck the {facility} {when}, starting a fire, the governor of the {region} said.",
    "Air defence units destroyed {n} drones over the {region} and {m} over the {region2} {when}, "
    "the defence ministry said.",
    "Debris from a downed drone fell on a private house in {ru_town}, damaging its roof, officials said.",
    "Russian missiles hit an apartment block in {ua_town} {when}, killing {k} people and injuring {n}.",
    "A Russian drone attack on {ua_town} damaged a substation and left homes without power.",
    "Russian forces shelled {ua_town} {when}, wounding {k} civilians, the regional administration said.",
    "Glide bombs hit an industrial area of {ua_town} on {weekday}, the governor wrote on Telegram.",
    "Ukraine's General Staff said its forces had struck the {facility}, hitting storage tanks.",
    "A fire broke out at an oil depot in {ru_town} after a drone attack, the emergencies ministry said.",
    "The attack set several tanks ablaze and firefighters worked through the night.",
    "Drones were intercepted over the {region} {when}, with no damage reported.",
]
OTHER = [
    "Officials from both sides are expected to meet in {capital} next week to discuss a prisoner exchange.",
    "The central bank kept its key rate unchanged, citing inflation and weak demand in {ru_town}.",
    "Farmers near {ua_town} said the harvest was late because of the cold spring.",
    "Analysts said sanctions on oil exports had so far had a limited effect on the budget.",
    "The minister visited {capital} on {weekday} for talks on energy supplies and trade.",
    "A court in {ru_town} sentenced a local official to six years for taking bribes.",
    "Rail operators said passenger traffic between {ua_town} and {ua_town2} had recovered.",
    "The festival in {ua_town} drew thousands of visitors despite the curfew.",
    "Prices of diesel rose for a third week as refinery maintenance season began.",
    "The governor of the {region} promised to rebuild the school by September.",
    "Lawmakers debated a bill on mobilisation that would lower the call-up age.",
    "Residents of {ru_town} complained about water supply interruptions in the old district.",
    "The company reported higher profits and said it would pay a dividend in the autumn.",
    "Diplomats in {capital} said a ceasefire on energy infrastructure was still under discussion.",
]
WHEN = ["overnight", "on {weekday}", "late on {weekday}", "early on {weekday}", "last week",
        "on Sunday night"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CAPITALS = ["Istanbul", "Geneva", "Riyadh", "Warsaw", "Helsinki", "Vienna", "Doha"]


def _tsv(name: str) -> list[dict[str, str]]:
    with open(GAZ / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _places() -> dict[str, list[str]]:
    regions = _tsv("regions.tsv")
    facilities = _tsv("facilities.tsv")
    return {
        "facility": [f["name"] for f in facilities if f["country"] == "RU"],
        "region": [f"{r['name']}" for r in regions if r["country"] == "RU" and r["kind"] == "oblast"],
        "ru_town": [r["centre"] for r in regions if r["country"] == "RU"],
        "ua_town": [r["centre"] for r in regions if r["country"] == "UA"],
    }


def _fill(pattern: str, rng: random.Random, places: dict[str, list[str]]) -> str:
    when = rng.choice(WHEN).format(weekday=rng.choice(WEEKDAYS))
    return pattern.format(
        facility=rng.choice(places["facility"]), region=rng.choice(places["region"]),
        region2=rng.choice(places["region"]), ru_town=rng.choice(places["ru_town"]),
        ua_town=rng.choice(places["ua_town"]), ua_town2=rng.choice(places["ua_town"]),
        capital=rng.choice(CAPITALS), weekday=rng.choice(WEEKDAYS), when=when,
        n=rng.randint(2, 60), m=rng.randint(1, 20), k=rng.randint(1, 9),
    )


def article(rng: random.Random, places: dict[str, list[str]]) -> str:
    """One article: a headline line, then paragraphs; about a third report strikes."""
    strike_story = rng.random() < 0.35
    sentences = []
    for _ in range(rng.randint(8, 22)):
        pool = STRIKE if strike_story and rng.random() < 0.4 else OTHER
        sentences.append(_fill(rng.choice(pool), rng, places))
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join([sentences[0].split(",")[0], *paragraphs])


def write_corpus(path: Path, size_mb: float, seed: int = 7) -> int:
    """Write about ``size_mb`` megabytes of JSONL to ``path``; return the number of articles."""
    rng = random.Random(seed)
    places = _places()
    start = dt.date(2025, 1, 1)
    target = int(size_mb * 1_000_000)
    written = count = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            published = start + dt.timedelta(days=rng.randint(0, 364))
            record = {"id": f"bench-{count}", "url": f"https://example.org/news/{count}",
                      "published": published.isoformat(), "text": article(rng, places)}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("size_mb", type=float)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = write_corpus(args.out, args.size_mb, args.seed)
    print(f"wrote {args.out}: {n} articles, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
