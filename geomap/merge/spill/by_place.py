"""Step 2 of the merge on disk: each place's readings merged by a Merger of its own, in input
order, and its events filed in table ``groups``.
"""

from __future__ import annotations

import pickle
import sqlite3

from ..merger import Merger
from .groups import _Groups
from .storage import _event


def _merge_by_place(db: sqlite3.Connection, groups: _Groups) -> None:
    """Step 2: each place's readings merged by a merger of its own, in input order."""
    place: str | None = None
    merger: Merger | None = None
    positions: list[int] = []
    for seq, place_id, kind, data in db.execute(
            "SELECT seq, place_id, kind, data FROM readings ORDER BY place_id, seq"):
        if place_id != place:
            if merger is not None:
                groups.file_place(merger, positions)
            place, merger, positions = place_id, Merger(), []
        assert merger is not None
        if kind:  # an event of the merger the run started with
            values, book, bucket = pickle.loads(data)
            merger._file(_event(values), book, bucket)
            positions.append(seq)
        else:
            values, published, position = pickle.loads(data)
            before = len(merger)
            merger.add(_event(values), published=published, position=position)
            if len(merger) > before:  # a new event, at this reading's place in the run
                positions.append(seq)
    if merger is not None:
        groups.file_place(merger, positions)
