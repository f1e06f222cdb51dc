"""Step 3 of the merge on disk: namesake guesses settled (:mod:`geomap.namesakes`) against the
run's sure points read from the table; a moved event joins its twin at its new place or is refiled.
"""

from __future__ import annotations

import pickle

from ... import namesakes
from ...gazetteer import Gazetteer
from ..books import _absorb
from ..merger import _twin_in
from ..windows import _bucket
from .groups import _Groups
from .storage import _event


class _Guess:
    """A guessed event as :func:`geomap.namesakes.settle` sees it: its day and strike type (the
    front-line prior asks both), and where it is."""

    __slots__ = ("event_date", "position", "strike_type")

    def __init__(self, position: int, event_date: str | None, strike_type: str) -> None:
        self.position, self.event_date, self.strike_type = position, event_date, strike_type


def _settle_namesakes(groups: _Groups, gazetteer: Gazetteer) -> None:
    """Step 3, as :meth:`Merger._settle_namesakes`."""
    db = groups.db
    db.execute("CREATE INDEX groups_by_place ON groups (place_id, rank)")  # for by_place()
    guesses = []
    for position, data in db.execute("SELECT pos, data FROM groups WHERE guess = 1 ORDER BY pos"):
        event = _event(pickle.loads(data)[0])
        candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
        if candidates[0] is not None:
            guesses.append((_Guess(position, event.event_date, event.strike_type),
                            [c for c in candidates if c is not None]))
    if not guesses:
        return
    days: dict[int, int] = {}  # one object per day: the grid keeps a day per sure point
    anchors = ((lat, lon, None if day is None else days.setdefault(day, day)) for lat, lon, day in
               db.execute("SELECT lat, lon, day FROM groups WHERE anchor = 1 ORDER BY pos"))
    # settle() only walks the anchors once, into its grid: they need not all be in a list.
    moves = namesakes.settle(guesses, anchors)  # type: ignore[arg-type]
    del guesses
    for guess, place in moves:
        event = groups.load(guess.position)  # type: ignore[attr-defined]
        namesakes.move_to(event, place, gazetteer.region_name)
        groups.changed(event)
        twin = _twin_in(groups.by_place(event.place_id), event, groups.members)
        if twin is None:
            groups.refile(event, _bucket(event))
        else:
            _absorb(twin, groups.members.of(twin), event, groups.members.of(event))
            groups.changed(twin)
            groups.drop(event)
        del event, twin
        groups.trim()
