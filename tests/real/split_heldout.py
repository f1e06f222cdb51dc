"""Move the held-out fifth of the real articles to heldout/ and cyrillic-heldout/ (run after adding
articles).

An article is held out when a SHA-1, read as a number, is divisible by 5: a rule fixed before
any scoring, so no one chooses which texts are hard. The SHA-1 is of the file stem for the texts
written before the seventeenth round, and of the source URL (line 1) for those written since
(English from 1074, Cyrillic from 121). The stem is named by whoever writes the text, after
reading it; of the 36 English texts 1054-1089 the stem rule held out none (about 1 chance in
3,000 for a fair rule), so the part no one writes is hashed instead.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: The development folder and its held-out one, and the first number hashed by its source URL.
PAIRS = (("dev", "heldout", 1074), ("cyrillic", "cyrillic-heldout", 121))


def held_out(stem: str, source: str, url_from: int) -> bool:
    """Whether the article ``stem`` (its source URL ``source``) belongs to the held-out part, in
    a set whose texts from number ``url_from`` on are hashed by their URL."""
    number = int(stem.split("_", 1)[0])
    key = source if number >= url_from else stem
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 5 == 0


def source_of(gold: Path) -> str:
    """The source URL of a gold file's text (its first line)."""
    with gold.with_suffix(".txt").open(encoding="utf-8") as text:
        return text.readline().strip()


def main() -> int:
    for dev, heldout, url_from in PAIRS:
        moved = 0
        for gold in sorted((HERE / dev).glob("*.json")):
            if held_out(gold.stem, source_of(gold), url_from):
                for path in (HERE / dev).glob(f"{gold.stem}.*"):
                    path.rename(HERE / heldout / path.name)
                moved += 1
        print(f"moved {moved} articles to {heldout}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
