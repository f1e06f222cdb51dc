"""A strike-dense benchmark corpus made of the real development set's own sentences.

Run: python benchmarks/real_corpus.py OUT.jsonl SIZE_MB [--seed N]
(or python benchmarks/make_corpus.py OUT.jsonl SIZE_MB --style real)

The development articles (tests/real/dev/*.txt, our faithful paraphrases of real
reports) are split into sentences with geomap's own splitter, and each sentence is
marked as a strike sentence when a weapon or strike cue is found in it (the test
corpus_stats.py uses). Each generated article copies the shape of one real article
chosen at random: its number of sentences and how many of them are strike sentences;
its headline is a strike sentence, the rest are drawn from the pools of strike and
other sentences in that proportion, in paragraphs of three. So the corpus has real
wording and exactly the density of strike sentences of real strike stories, and an
article is about as long as a real one. Publication dates are the template article's
date moved by a random number of days within a year (relative dates like "on Tuesday"
then fall on other days, as in a year of reporting). Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path

from make_corpus import write_records  # the JSONL writer every benchmark corpus shares

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "real" / "dev"

#: The corpus is made of the development texts numbered below this (those of the sixteenth round),
#: so that a seed gives the same corpus, and its figures stay comparable, as texts are added.
TEXTS_BEFORE = 1074


def sentence_pools(folder: Path = DEV) -> tuple[list[tuple[int, int, str]], list[str], list[str]]:
    """(templates, strike sentences, other sentences) of the articles in ``folder``.

    A template is (sentences, strike sentences, publication date) of one article.
    """
    from geomap.extract import default_extractor
    from geomap.matcher import STRIKE_TABLES
    from geomap.text import normalise, split_sentences

    matcher = default_extractor().matcher
    templates: list[tuple[int, int, str]] = []
    strike: list[str] = []
    other: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        if int(path.stem.split("_", 1)[0]) >= TEXTS_BEFORE:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines and lines[0].startswith("http"):  # the source URL line is not text
            lines = lines[1:]
        text = normalise("\n".join(lines))
        matches = matcher.find(text)
        spans = [s for s in split_sentences(text) if s.text.strip()]
        marked = 0
        for span in spans:
            is_strike = any(t in STRIKE_TABLES for m in matches if span.start <= m.start < span.end
                            for t, _ in m.cues)
            (strike if is_strike else other).append(span.text.strip())
            marked += is_strike
        gold = path.with_suffix(".json")
        published = "2025-03-01"
        if gold.exists():
            published = json.loads(gold.read_text(encoding="utf-8")).get("published") or published
        if spans:
            templates.append((len(spans), marked, published))
    return templates, strike, other


def real_article(rng: random.Random, template: tuple[int, int, str], strike: list[str],
                 other: list[str]) -> str:
    """One article in the shape of ``template``: a strike headline, then paragraphs of three."""
    count, marked, _ = template
    kinds = [True] * max(marked - 1, 0) + [False] * (count - max(marked, 1))
    rng.shuffle(kinds)
    headline = rng.choice(strike) if marked else rng.choice(other)
    body = [rng.choice(strike) if is_strike else rng.choice(other) for is_strike in kinds]
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    return "\n\n".join([headline, *paragraphs])


def write_real_corpus(path: Path, size_mb: float, seed: int = 7) -> int:
    """Write about ``size_mb`` megabytes of JSONL to ``path``; return the number of articles."""
    templates, strike, other = sentence_pools()
    rng = random.Random(seed)

    def records() -> Iterator[dict[str, str]]:
        for count in itertools.count():
            template = rng.choice(templates)
            published = dt.date.fromisoformat(template[2][:10]) + dt.timedelta(days=rng.randint(0, 364))
            # The seed in the id: corpora of different seeds are different documents.
            yield {"id": f"real{seed}-{count}", "url": f"https://example.org/real/{seed}/{count}",
                   "published": published.isoformat(), "text": real_article(rng, template, strike, other)}

    return write_records(path, size_mb, records())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("size_mb", type=float)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n = write_real_corpus(args.out, args.size_mb, args.seed)
    print(f"wrote {args.out}: {n} articles (real sentences), {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
