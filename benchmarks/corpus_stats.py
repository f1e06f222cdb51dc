"""How dense in strikes a corpus is, beside real reporting: the check behind the benchmark corpora.

Run: python benchmarks/corpus_stats.py [--seeds ../shared/seeds] [--size 2]

Prints, for the real seed articles (when the folder is there) and for a
generated corpus of each style (benchmarks/make_corpus.py), the figures that
decide how much reading work a megabyte holds: bytes per sentence, the share
of sentences with a strike word (all articles, and strike stories only), and
the strike events read per kilobyte. The "news" style is calibrated to the
seeds on the first two; the "dense" style is the older, strike-heavier one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402

from geomap.extract import default_extractor  # noqa: E402
from geomap.matcher import STRIKE_TABLES  # noqa: E402
from geomap.model import Document  # noqa: E402
from geomap.text import normalise, split_sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def corpus_stats(texts: list[str]) -> dict[str, float]:
    """Reading-work figures of some article texts (see the module docstring)."""
    extractor = default_extractor()
    sentences = strike_sentences = size = events = 0
    story_sentences = story_strikes = 0
    for i, raw in enumerate(texts):
        text = normalise(raw)
        matches = extractor.matcher.find(text)
        spans = split_sentences(text)
        marked = [any(t in STRIKE_TABLES for m in matches if s.start <= m.start < s.end for t, _ in m.cues)
                  for s in spans]
        sentences += len(spans)
        strike_sentences += sum(marked)
        if any(marked):
            story_sentences += len(spans)
            story_strikes += sum(marked)
        size += len(raw.encode("utf-8"))
        doc = Document(doc_id=f"d{i}", text=raw, source="stats", published="2025-06-01")
        events += len(extractor.extract(doc).events)
    return {
        "articles": len(texts),
        "bytes_per_sentence": size / max(sentences, 1),
        "strike_sentence_share": strike_sentences / max(sentences, 1),
        "strike_share_in_strike_stories": story_strikes / max(story_sentences, 1),
        "events_per_kb": events / max(size / 1000, 1e-9),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--size", type=float, default=2.0, help="MB of each generated corpus")
    args = parser.parse_args()
    rows: list[tuple[str, dict[str, float]]] = []
    dev = sorted((ROOT / "tests" / "real" / "dev").glob("*.txt"))
    rows.append(("real dev set", corpus_stats([p.read_text(encoding="utf-8") for p in dev])))
    if args.seeds.is_dir():
        seeds = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
        rows.append((f"seeds ({args.seeds.name})", corpus_stats(seeds)))
    with tempfile.TemporaryDirectory() as tmp:
        for style in ("dense", "news", "real"):
            path = Path(tmp) / f"{style}.jsonl"
            write_corpus(path, args.size, style=style)
            with open(path, encoding="utf-8") as handle:
                texts = [json.loads(line)["text"] for line in handle]
            rows.append((f"generated, {style}", corpus_stats(texts)))
    print(f"{'corpus':22} {'articles':>8} {'bytes/sent':>10} {'strike sent':>11} "
          f"{'in strike stories':>17} {'events/KB':>9}")
    for name, s in rows:
        print(f"{name:22} {s['articles']:8.0f} {s['bytes_per_sentence']:10.0f} "
              f"{s['strike_sentence_share']:11.1%} {s['strike_share_in_strike_stories']:17.1%} "
              f"{s['events_per_kb']:9.2f}")


if __name__ == "__main__":
    main()
