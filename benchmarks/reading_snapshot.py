"""Everything the reading gives, written out, to show a change to the reader left it as it was.

Run: python benchmarks/reading_snapshot.py OUT.jsonl [INPUT ...]

For each input (default: a 0.6 MB dense and a 1.2 MB news-style benchmark corpus,
generated here, and every real and written development and held-out set under
tests/), writes one JSON line per document with all its events and mentions as the
extractor reads them, then one line with the merged events and mentions of the whole
input, as ``geomap run`` gets them. Prints the SHA-256 of the file: run it before and
after a change meant to make reading cheaper; the two files must be identical
(``cmp``). Set ``PYTHONHASHSEED=0`` for both runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402

from geomap.extract import default_extractor  # noqa: E402
from geomap.model import Document  # noqa: E402
from geomap.pipeline import extract_events  # noqa: E402
from geomap.read import iter_documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SETS = ("tests/real/dev", "tests/real/heldout", "tests/real/cyrillic", "tests/real/notes/dev.jsonl",
        "tests/gold", "tests/heldout")


def _line(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def snapshot(out: Path, inputs: list[str]) -> str:
    """Write the readings of ``inputs`` to ``out``; return the file's SHA-256."""
    extractor = default_extractor()
    with out.open("w", encoding="utf-8") as f:
        for name in inputs:
            f.write(_line({"input": Path(name).name}))
            for item in iter_documents([name]):
                if not isinstance(item, Document):
                    continue  # unreadable inputs and skipped files are the reader's business, not reading's
                found = extractor.extract(item)
                f.write(_line({"doc": item.doc_id, "events": [dataclasses.asdict(e) for e in found.events],
                               "mentions": [dataclasses.asdict(m) for m in found.mentions]}))
            merged = extract_events([name])
            f.write(_line({"merged": [dataclasses.asdict(e) for e in merged.events],
                           "mentions": [dataclasses.asdict(m) for m in merged.mentions]}))
    return hashlib.sha256(out.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("inputs", nargs="*", help="files or folders (default: see above)")
    args = parser.parse_args()
    inputs = args.inputs
    if not inputs:
        folder = Path(tempfile.mkdtemp(prefix="geomap-snapshot-"))
        for style, size in (("dense", 0.6), ("news", 1.2)):
            write_corpus(folder / f"{style}.jsonl", size, style=style)
        inputs = [str(folder / "dense.jsonl"), str(folder / "news.jsonl"), *(str(ROOT / s) for s in SETS)]
    print(f"{args.out}: sha256 {snapshot(args.out, inputs)}")


if __name__ == "__main__":
    main()
