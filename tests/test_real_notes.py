"""The coded-event notes (tests/real/notes/): well-formed, each event used once, split by the fixed rule."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

NOTES = Path(__file__).parent / "real" / "notes"
FIELDS = {"id", "origin", "source", "text", "published", "place", "admin1", "lat", "lon", "precision",
          "event_date", "strike_type", "namesakes", "notes"}


def _rows(name: str) -> list[dict]:
    with open(NOTES / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _held_out(note_id: str) -> bool:
    # The rule of notes/README.md: a quarter of the notes, by SHA-1 of the id.
    return int(hashlib.sha1(note_id.encode("utf-8")).hexdigest(), 16) % 4 == 0


@pytest.mark.parametrize("name, held", [("dev.jsonl", False), ("heldout.jsonl", True)])
def test_notes_split_by_rule_and_well_formed(name: str, held: bool) -> None:
    for row in _rows(name):
        assert set(row) == FIELDS, row["id"]
        assert _held_out(row["id"]) is held, row["id"]
        assert row["origin"] == "real" and row["precision"] in {"town", "district"}
        assert row["place"] in row["text"] or row["id"] == "n0286", row["id"]  # n0286 writes Elenovka
        assert row["admin1"] in row["text"], row["id"]
        assert 44.0 < row["lat"] < 53.0 and 22.0 < row["lon"] < 41.0, row["id"]


def test_each_event_and_id_used_once() -> None:
    rows = _rows("dev.jsonl") + _rows("heldout.jsonl")
    ids = [r["id"] for r in rows]
    sources = [r["source"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert len(set(sources)) == len(sources)
    for source in sources:
        repo_path, _, row_key = source.partition("#")
        assert "@" in repo_path and "=" in row_key, source


RESERVED = Path(__file__).resolve().parents[2] / "shared" / "heldout-sources.txt"


@pytest.mark.skipif(not RESERVED.is_file(), reason="../shared/heldout-sources.txt is not here")
def test_no_dataset_file_is_reserved_for_independent_evaluation() -> None:
    # Its repository files are written "owner/name path"; a note's source is "owner/name:path@commit#row".
    lines = RESERVED.read_text(encoding="utf-8").splitlines()
    reserved = {line.strip().replace(" ", ":", 1) for line in lines
                if line.strip() and not line.startswith(("#", "http"))}
    assert reserved
    for row in _rows("dev.jsonl") + _rows("heldout.jsonl"):
        assert row["source"].split("@")[0] not in reserved, row["id"]
