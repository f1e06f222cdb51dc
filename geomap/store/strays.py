"""The stored guesses a partial update's merge settles elsewhere than the store has them ("strays").

Before merging, an update settles again the stored guesses that the day's sure points reach
(:func:`geomap.store.guesses.guesses_moved_to`). The merge may then move a stored sure point or
its day, or fold two into one, and a full update settles every guess by the points as they end
up: after each round, the guesses within reach of a point the merge changed are settled again
(:func:`guesses_moved_by_merge`). A later round of the same update makes nearly the same changes
(the same readings into a part that only grows), so :class:`Strays` settles again only the guesses
within reach of what changed since the round before, and takes that round's answer for the rest.
"""

from __future__ import annotations

import sqlite3

from .. import namesakes
from ..namesakes import NEAR_KM
from .guesses import GuessRow, _event_of, _moves, _Reach, reached_by, stored_guesses

#: A sure point: (lat, lon, day ordinal or None).
Point = tuple[float, float, int | None]

#: How much farther than NEAR_KM a place may lie from what changed since the round before and
#: still be settled again: a margin over the settling's own test of the distance (the same
#: haversine, its two points given the other way round), so that nothing it counts is missed.
_MARGIN_KM = 1.0


def guesses_moved_by_merge(connection: sqlite3.Connection, changed: dict[int, dict],
                           cells: dict[tuple[int, int], dict] | None = None) -> dict[int, str]:
    """The stored guesses, other than those of ``changed``, that the sure points as a merge left
    them settle elsewhere than the store has them, each with the place it moves to.

    ``changed`` holds the state of every group the merge made or changed, by seq. Before the merge
    the day's sure points are counted beside the store's (:func:`guesses_moved_to`); the merge may
    then move a stored sure point or its day (a report of the 9th joining a stored one of the 6th
    dates it the 9th) or fold two into one, and a full update settles every guess by the points as
    they end up. Only guesses with a namesake, the one they stand on included, within reach of a
    point that changed can settle otherwise: those are settled again here, by the stored points
    less the changed groups' and the changed groups' points as they are now.
    """
    return Strays()(connection, changed, cells)


class Strays:
    """:func:`guesses_moved_by_merge` after each round of one update, each answer the same as that
    function's, but for the first settling again only what the changes since the round before reach.

    A stored guess's answer depends on the changed groups only through the sure points within
    NEAR_KM of its places: whether one of those points changed (it is then settled again at all),
    and how many lie near each place (how it settles). Between two rounds, a group that came into
    the changed ones or left them, or whose sure points now differ, changes those counts only near
    its points (its stored point, taken out or put back, and its points now and in the round
    before). A guess none of whose places lies within reach of such a point, and which did not come
    into the changed groups or leave them itself, is answered as in the round before. The store
    is not written between rounds, so its guesses and sure points are read once.
    """

    def __init__(self, guesses: list[GuessRow] | None = None) -> None:
        """``guesses``: the stored guesses, when read already (:func:`stored_guesses`)."""
        self.now: dict[int, list[Point]] | None = None  # the changed groups' sure points, the round before
        self.found: dict[int, str] = {}  # the answer the round before
        self.stored: dict[int, list[Point]] = {}  # the stored sure point of each group read, by seq
        self.guesses = guesses  # every stored guess (stored_guesses), read when first needed

    def __call__(self, connection: sqlite3.Connection, changed: dict[int, dict],
                 cells: dict[tuple[int, int], dict] | None = None) -> dict[int, str]:
        """The stored guesses, other than those of ``changed``, that the sure points as the merge
        left them settle elsewhere than the store has them, each with the place it moves to
        (``changed``: the state of every group this round's merge made or changed, by seq)."""
        now = {seq: namesakes.sure_points([_event_of(state)]) for seq, state in changed.items()}
        self._read_stored(connection, [seq for seq in now if seq not in self.stored])
        stored = self.stored
        moved_points = [point for seq in changed for point in (*now[seq], *stored.get(seq, ()))
                        if now[seq] != stored.get(seq, [])]
        reach = _Reach(moved_points)
        if self.now is None:
            todo = None  # every guess: the first round
        else:
            before = self.now
            # The groups whose part in the settling differs from the round before's, and their points.
            differ = [seq for seq in now.keys() | before.keys() if now.get(seq) != before.get(seq)]
            near = _Reach([point for seq in differ
                           for point in (*now.get(seq, ()), *before.get(seq, ()), *stored.get(seq, ()))],
                          NEAR_KM + _MARGIN_KM)
            todo = set(differ)
            if near:
                todo.update(reached_by(self._guesses(connection), near, standing_counts=True))
        self.now = now
        if not reach:
            self.found = {}
            return {}
        guesses = self._guesses(connection)
        if todo is not None:
            guesses = [row for row in guesses if row[0] in todo]
        found = [seq for seq in reached_by(guesses, reach, standing_counts=True) if seq not in changed]
        points = [point for points in now.values() for point in points]
        moves = _moves(connection, found, points, set(changed), cells)
        if todo is not None:  # the others answer as in the round before
            moves = {seq: place for seq, place in self.found.items()
                     if seq not in todo and seq not in changed} | moves
        self.found = moves
        return dict(moves)

    def _guesses(self, connection: sqlite3.Connection) -> list[GuessRow]:
        if self.guesses is None:
            self.guesses = list(stored_guesses(connection))
        return self.guesses

    def _read_stored(self, connection: sqlite3.Connection, seqs: list[int]) -> None:
        """Read the stored sure points of the groups ``seqs`` (none for a group without one)."""
        stored = self.stored
        for seq in seqs:
            stored[seq] = []
        for chunk in (seqs[k:k + 500] for k in range(0, len(seqs), 500)):
            for seq, lat, lon, day in connection.execute(
                    "SELECT seq, sure_lat, sure_lon, sure_day FROM geomap_groups "
                    f"WHERE sure_lat IS NOT NULL AND seq IN ({','.join('?' * len(chunk))})", chunk):
                stored[seq] = [(lat, lon, day)]
