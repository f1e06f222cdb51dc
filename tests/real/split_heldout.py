"""Move the held-out fifth of the real articles from dev/ to heldout/ (run after adding articles).

An article is held out when the SHA-1 of its file stem, read as a number, is divisible by 5:
a rule fixed before any scoring, so no one chooses which texts are hard.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def held_out(stem: str) -> bool:
    """Whether the article ``stem`` belongs to the held-out part."""
    return int(hashlib.sha1(stem.encode("utf-8")).hexdigest(), 16) % 5 == 0


def main() -> int:
    moved = 0
    for gold in sorted((HERE / "dev").glob("*.json")):
        if held_out(gold.stem):
            for path in (HERE / "dev").glob(f"{gold.stem}.*"):
                path.rename(HERE / "heldout" / path.name)
            moved += 1
    print(f"moved {moved} articles to heldout/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
