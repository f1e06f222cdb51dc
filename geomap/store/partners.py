"""The stored groups that may fold with what changed: the fold's partners of a partial update's seeds.

The fold (:mod:`geomap.merge.fold`) folds a coarse event into a finer one of its region (or, for a
country-wide event, its country) whose window meets its own, and only when what was struck fits:
the weapons agree (or one is unknown), the targets do (or the coarse one is an umbrella word for
the fine one's) and an interception is not folded into a claimed strike or a hit. So the groups
that may fold with a seed are those of its region and days (within :data:`touched.REACH`: a date
can move when a more precise report is folded in) of another precision whose kind can fit its own.

Which dates can move bounds the days: the coarse event of a pair is compared as it was before the
fold (only coarser events fold into it, after it), and a fine event of one day keeps its day (what
folds into it is of that day, or vaguer and leaves its date be). So where the coarse one's window
is as it was before the fold and the fine one is a day, the two meet only as they are; a window
that may have moved already (an event after the fold, or one that took in a guess) is of
:data:`touched.UNSURE` movement and is given the REACH days (:func:`_slack`).

What the kinds may become in the fold bounds that: a kept event takes a coarse one's weapon or
target only where its own is unknown (a coarse event that fits it has the same or none), and its
status only rises (an interception fits only an event whose status is unknown or an interception,
and no status rises to one). So two kinds that do not fit now never fit during the fold:
:func:`could_fold` compares the kinds the groups have before the fold. Two things change a group's
kind before the fold: a reading that joins it (its group is then a new state, and the seed is of
that state) and a guess between namesakes moved onto its place and taken in when the guesses are
settled. A seed of the latter is of no known kind, and a stored group on a place some stored guess
was moved to counts as of any kind (:func:`fold_partners`' ``wild``).

The groups of a stretch of days of a region are read once per update (their windows, precision
and place); the kind of one whose window meets a seed's is then read by
SQLite out of its state (:data:`touched.KIND_COLUMN`), once. A group not given out yet is kept
(:class:`Asked`) for the seeds of later rounds, which may fit it.
"""

from __future__ import annotations

import functools
import sqlite3
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..merge.fold import _PRECISION_ORDER, _coarse_target_fits, _compatible
from .touched import (
    _WIDEST,
    KIND_COLUMN,
    REACH,
    STAYS,
    UNSURE,
    Kind,
    Seed,
    _less,
    _merged,
    kind_read,
    stored_moves,
)


@functools.lru_cache(maxsize=65536)  # a few hundred kinds: every pair met is asked again and again
def could_fold(precision: str, kind: Kind | None, other_precision: str, other_kind: Kind | None) -> bool:
    """Whether a group of ``precision`` and ``kind`` may fold into one of ``other_precision`` and
    ``other_kind``, or that one into it, at some point of the fold (None: a kind not known).

    Only a coarser event folds into a finer one, and only when :func:`geomap.merge.fold._fits`
    holds, on kinds that can only have come closer to the coarse one's than they are now (see the
    module's docstring).
    """
    if precision == other_precision:
        return False
    if kind is None or other_kind is None:
        return True
    coarse, fine = (kind, other_kind) if _PRECISION_ORDER[precision] > _PRECISION_ORDER[other_precision] \
        else (other_kind, kind)
    return all(_part_fits(part, coarse[part], fine[part]) for part in range(3))


def _part_fits(part: int, coarse: str, fine: str) -> bool:
    """:func:`could_fold` for one part of the kinds (0 weapon, 1 target, 2 status), the coarse
    event's value against the fine one's."""
    if part == 0:
        return _compatible(coarse, fine)
    if part == 1:
        return _coarse_target_fits(coarse, fine)
    return not (coarse == "intercepted" and fine in ("claimed", "hit"))


@dataclass
class _Stretch:
    """The groups of one region (or country) read so far and not given out yet, by start of window."""

    asked: list[tuple[int, int]] = field(default_factory=list)  # the stretches of days read
    #: (lo, hi, seq, precision, moves) of each group, sorted (``moves``: see :class:`touched.Seed`)
    rows: list[tuple[int, int, int, str, int]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)


@dataclass
class Asked:
    """What :func:`fold_partners` has read in an update, kept for its later calls (the part only
    grows: a group given out once is in it)."""

    areas: dict[tuple[str, str], _Stretch] = field(default_factory=dict)
    #: places some stored guess was moved to: their groups may have taken in its kind (any kind)
    wild: set[str] = field(default_factory=set)
    #: the kinds of the groups read so far, by seq (None: any kind)
    kinds: dict[int, Kind | None] = field(default_factory=dict)
    #: the seeds asked about so far
    seeds: set[Seed] = field(default_factory=set)


def fold_partners(connection: sqlite3.Connection, seeds: Iterable[Seed],
                  asked: Asked | None = None) -> set[int]:
    """The groups that could fold with the seeds, or into what they fold: same region (or, for
    country-wide events, same country), windows that may meet when the fold compares them (within
    :data:`touched.REACH` days, or the same days where neither moves: :func:`_slack`), another
    precision and a kind that may fit (:func:`could_fold`).

    ``asked``, when given, keeps what was read: a group of a stretch of days read before is not
    read again, and is given out at most once (for a caller that keeps every group found).
    """
    asked = Asked() if asked is None else asked
    # A seed asked about before has given all it can: what may meet its windows was read then.
    seeds = set(seeds) - asked.seeds
    asked.seeds |= seeds
    by_area: dict[tuple[str, str], list[Seed]] = defaultdict(list)
    for seed in seeds:
        if seed.admin1:
            by_area[("admin1 = ?", seed.admin1)].append(seed)
        if seed.country:  # a country-wide seed: everything of its country; else its country-wide events
            query = "country = ?" if seed.precision == "country" else "country = ? AND precision = 'country'"
            by_area[(query, seed.country)].append(seed)
    found: set[int] = set()
    for area, mine in by_area.items():
        stretch = asked.areas.setdefault(area, _Stretch())
        spans = _merged([(seed.lo - REACH, seed.hi + REACH) for seed in mine])
        wanted = _less(spans, stretch.asked)
        if wanted:
            stretch.asked = _merged(stretch.asked + wanted)
            _read(connection, area, wanted, stretch, asked)
        found |= _fitting(connection, stretch, mine, spans, asked)
    return found


def _read(connection: sqlite3.Connection, area: tuple[str, str], wanted: list[tuple[int, int]],
          stretch: _Stretch, asked: Asked) -> None:
    """Add the groups of the stretches ``wanted`` of an area to ``stretch``'s (each once); their
    kinds are read when a window is found to meet a seed's (:func:`_kinds`)."""
    query, key = area
    rows, seen, wild, kinds = stretch.rows, stretch.seen, asked.wild, asked.kinds
    assert (stored_moves(0, 0), stored_moves(0, 1)) == (0, 1)  # what "lo != hi" says in the query
    for lo, hi in wanted:
        for glo, ghi, seq, precision, moves, place in connection.execute(
                "SELECT lo, hi, seq, precision, lo != hi, place_id FROM geomap_groups "
                f"WHERE {query} AND lo BETWEEN ? AND ? AND hi >= ?", (key, lo - _WIDEST, hi, lo)):
            if seq not in seen:
                seen.add(seq)
                if place in wild:
                    rows.append((glo, ghi, seq, precision, UNSURE))
                    kinds[seq] = None
                else:
                    rows.append((glo, ghi, seq, precision, moves))
    rows.sort()


def _kinds(connection: sqlite3.Connection, seqs: list[int], kinds: dict[int, Kind | None]) -> None:
    """Read the kinds of the groups ``seqs`` into ``kinds`` (SQLite reads them out of the states)."""
    for k in range(0, len(seqs), 900):  # below SQLite's parameter limit
        chunk = seqs[k:k + 900]
        kinds.update((seq, kind_read(connection, seq, kind)) for seq, kind in connection.execute(
            f"SELECT seq, {KIND_COLUMN} FROM geomap_groups WHERE seq IN ({', '.join('?' * len(chunk))})",
            chunk))


def _slack(precision: str, moves: int, other_precision: str, other_moves: int) -> int:
    """The days by which the windows of two groups that may fold (:func:`could_fold`) may lie apart
    as they are and still meet when the fold compares them: none when neither has moved by then
    (a coarse event is compared as it was before the fold, a fine one after what it has taken in),
    else :data:`touched.REACH` (as far as a window moves)."""
    if _PRECISION_ORDER[precision] > _PRECISION_ORDER[other_precision]:
        coarse, fine = moves, other_moves
    else:
        coarse, fine = other_moves, moves
    return 0 if coarse != UNSURE and fine == STAYS else REACH


def _joined(windows: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Windows joined (:func:`touched._merged`), as the lists of their firsts and lasts."""
    joined = _merged(windows)
    return [a for a, _ in joined], [b for _, b in joined]


def _meets(reach: tuple[list[int], list[int]], lo: int, hi: int) -> bool:
    """Whether [lo, hi] meets one of the windows joined in ``reach`` (:func:`_joined`)."""
    firsts, lasts = reach
    # The last joined window starting by ``hi`` ends latest of those that do (they are apart).
    j = bisect_right(firsts, hi) - 1
    return j >= 0 and lasts[j] >= lo


def _fitting(connection: sqlite3.Connection, stretch: _Stretch, seeds: list[Seed],
             spans: list[tuple[int, int]], asked: Asked) -> set[int]:
    """The groups of ``stretch`` that may fold with one of ``seeds`` (all of one area; ``spans``
    their windows widened by REACH, joined), taken out of it."""
    # The seeds by what they are (a few dozen kinds of seed an area), with their windows joined.
    by_kind: dict[tuple[str, Kind | None, int], list[tuple[int, int]]] = defaultdict(list)
    for seed in seeds:
        by_kind[(seed.precision, seed.kind, seed.moves)].append((seed.lo, seed.hi))
    classes = [(p, kind, moves, _merged(windows)) for (p, kind, moves), windows in by_kind.items()]
    # For a group of a precision and movement: the seeds of another precision, each with its
    # windows as they are or widened by REACH (_slack); then what meets any of them. The groups
    # whose windows meet one of those are met first, whatever their kinds; then their kinds are
    # read (if not yet), and each kind of group met is matched with the seeds it may fit.
    usable: dict[tuple[str, int], list[tuple[str, Kind | None, list[tuple[int, int]]]]] = {}
    near: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    rows = stretch.rows
    starts = [row[0] for row in rows]
    met, looked = [], set()
    for lo, hi in spans:
        # A window meeting [lo, hi] starts in [lo - _WIDEST, hi] (none is longer than a month).
        for k in range(bisect_left(starts, lo - _WIDEST), bisect_right(starts, hi)):
            row = rows[k]
            glo, ghi, _, precision, moves = row
            if ghi < lo or k in looked:
                continue
            looked.add(k)
            reach = near.get((precision, moves))
            if reach is None:
                mine = usable[(precision, moves)] = [
                    (p, kind, [(a - REACH, b + REACH) for a, b in windows]
                     if _slack(p, its_moves, precision, moves) else windows)
                    for p, kind, its_moves, windows in classes if p != precision]
                reach = near[(precision, moves)] = _joined([w for *_, ws in mine for w in ws])
            if _meets(reach, glo, ghi):
                met.append(row)
    kinds = asked.kinds
    _kinds(connection, sorted({row[2] for row in met if row[2] not in kinds}), kinds)
    # Which kinds of seed a kind of group fits, worked out one part of the kind at a time: each
    # kind of seed is a bit, and the seeds whose weapon (target, status) fits a group's weapon
    # (...) make a mask, one for each value met (a region's seeds and groups hold a few hundred
    # kinds, but each part of a kind takes only a few values). The windows of the kinds of seed
    # that fit are joined once for each set of them.
    fitting: dict[tuple[str, Kind | None, int], tuple[list[int], list[int]]] = {}
    sides: dict[tuple[str, int], _Sides] = {}
    joined: dict[tuple[str, int, int], tuple[list[int], list[int]]] = {}
    taken: set[int] = set()
    for glo, ghi, seq, precision, moves in met:
        kind = kinds[seq]
        reach = fitting.get((precision, kind, moves))
        if reach is None:
            side = sides.get((precision, moves))
            if side is None:
                side = sides[(precision, moves)] = _Sides(precision, usable[(precision, moves)])
            mask = side.fit(kind)
            reach = joined.get((precision, moves, mask))
            if reach is None:
                reach = joined[(precision, moves, mask)] = side.joined(mask)
            fitting[(precision, kind, moves)] = reach
        if _meets(reach, glo, ghi):
            taken.add(seq)
    if taken:
        stretch.rows = [row for row in rows if row[2] not in taken]
    return taken


class _Sides:
    """The kinds of seed a group of one precision (and movement) may fold with, as bits of a mask.

    :func:`could_fold` of a seed and a group, one part of their kinds at a time: the seeds coarser
    than the group are the coarse side of the pair, the finer ones the fine side; a seed of no
    known kind fits any group, and a group of none any seed (of another precision).
    """

    def __init__(self, precision: str, usable: list[tuple[str, Kind | None, list[tuple[int, int]]]]) -> None:
        level = _PRECISION_ORDER[precision]
        self.windows: list[list[tuple[int, int]]] = []
        self.kinds: list[tuple[bool, Kind]] = []  # (the seed is the coarse one, its kind) for each bit
        self.wild = 0  # the seeds of no known kind
        self.masks: dict[tuple[int, str], int] = {}  # (part, the group's value) -> the seeds that fit it
        index: dict[tuple[str, Kind | None], int] = {}
        for p, kind, windows in usable:
            key = (p, kind)
            if key not in index:
                index[key] = len(self.windows)
                self.windows.append([])
                if kind is None:
                    self.wild |= 1 << index[key]
                self.kinds.append((_PRECISION_ORDER[p] > level, kind or ("", "", "")))
            self.windows[index[key]].extend(windows)
        self.all = (1 << len(self.windows)) - 1

    def fit(self, kind: Kind | None) -> int:
        """The seeds a group of ``kind`` may fold with (None: of no known kind, any)."""
        if kind is None:
            return self.all
        mask = self.wild
        fits = self.all & ~self.wild
        for part in range(3):
            fits &= self._mask(part, kind[part])
            if not fits:
                break
        return mask | fits

    def _mask(self, part: int, value: str) -> int:
        found = self.masks.get((part, value))
        if found is None:
            found = 0
            for bit, (coarse, kind) in enumerate(self.kinds):
                mine = kind[part]
                if _part_fits(part, mine, value) if coarse else _part_fits(part, value, mine):
                    found |= 1 << bit
            self.masks[(part, value)] = found
        return found

    def joined(self, mask: int) -> tuple[list[int], list[int]]:
        """The windows of the seeds of ``mask``, joined (:func:`_joined`)."""
        windows = self.windows
        return _joined([w for bit in range(len(windows)) if mask >> bit & 1 for w in windows[bit]])
