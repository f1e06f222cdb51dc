"""A partial update: merge a day's readings into the part of the store they can touch.

See :mod:`geomap.store.touched` for what that part is, and docs/scale.md for how it is
widened until nothing whose result changed is missing.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .. import namesakes
from ..extract import Extraction
from ..merge import Merger
from ..merge.books import _PendingBook
from ..model import Document, Event
from ..pipeline import Collector, Result
from . import partners, regions, touched
from .guesses import guesses_moved_to, settle_changed, stored_guesses
from .looked_up import _DECODER
from .looked_up import Group as _Group
from .looked_up import LookedUp as _LookedUp
from .outcome import Outcome, outcome_of, write_part
from .strays import Strays
from .tables import stored_acled, stored_mention_ranks

if TYPE_CHECKING:
    from .update import Update

#: Rounds of widening the restored part before an update restores the whole store instead.
_ROUNDS = 4

#: A batch with more than one reading for this many stored groups gets a full update.
_BATCH = 4

#: Whether a later round merges again only the areas its added groups reach (regions.py); the
#: tests turn it off to compare with the part merged whole.
_BY_AREA = True

#: One item read: a document and what was read in it, or an ACLED row.
Read = tuple[Document | Event, Extraction | None]


def collect(merger: Merger, read: list[Read], mentioned: dict, acled: dict) -> Collector:
    collector = Collector(merger, mentioned, acled)
    result = Result()
    for item, extraction in read:
        collector.add(item, extraction, result, None)
    return collector


def _readings(read: list[Read]) -> Iterator[Event]:
    for item, extraction in read:
        if isinstance(item, Document) and extraction is not None:
            yield from extraction.events


def partial_update(connection: sqlite3.Connection, read: list[Read],
                   new_documents: list[tuple[str, str, str, str | None]], update: Update) -> bool:
    """Merge the readings into the part of the store they can touch and write what changed.

    False (nothing written) when the part does not settle in :data:`_ROUNDS` rounds, or when
    the batch is large beside the store (more than one reading for :data:`_BATCH` groups).
    """
    readings = list(_readings(read))
    if len(readings) * _BATCH > next_seq_of(connection):
        return False  # a batch this large touches most of the store: restoring it all is cheaper
    seeds = [s for s in map(touched.seed_of, readings) if s is not None]
    if any(not s.admin1 and s.precision in ("town", "district") for s in seeds):
        return False  # a town outside any region folds with anything near it: not looked up by region
    places = [(e.place_id, *w) for e in readings if (w := _window(e)) is not None]
    places += [(other, *w) for e in readings if (w := _window(e)) is not None for other in e.namesakes]
    part = touched.twin_groups(connection, places)
    looked_up = _LookedUp(connection)
    # Every group found to fold with something joins the part: later look-ups read only the
    # stretches of days not read yet (partners.fold_partners), and the places stored guesses were
    # moved to (their groups may have taken in a guess's kind: of any kind there).
    asked = partners.Asked()
    guesses = list(stored_guesses(connection))  # a scan of every group's row: once an update
    # Only the guesses of a day near one of the readings' days are settled again here (a point far in
    # time seldom moves a guess): the check after the round settles exactly every one a changed point
    # reaches.
    moved_to = guesses_moved_to(connection, namesakes.sure_points(readings), looked_up.cells, asked.wild,
                                guesses, near_days_only=True)
    moved = set(moved_to)
    asked.wild.update(moved_to.values())
    part |= moved
    # A moved guess folds with what lies around the place it moves to: asked about now, not found
    # missing after a round. The groups the readings may join are not asked about as stored: what
    # folded with one is restored with it (its housemates), and one a reading changes is asked
    # about as the round leaves it (its seed after the round), which is what may fold with it
    # then. Asked as stored too, they brought 2,100 groups more into the first round of the
    # update measured (docs/scale.md, the thirteenth pass) and spared the second round little.
    part |= partners.fold_partners(connection, set(seeds + touched.seeds_moved(connection, moved_to)), asked)
    mention_keys = {(m.place_id, m.reason) for item, extraction in read if extraction is not None
                    for m in extraction.mentions}
    acled_ids = {item.event_id for item, _ in read if isinstance(item, Event)}
    mentioned = stored_mention_ranks(connection, mention_keys)
    acled = stored_acled(connection, acled_ids)
    next_seq = next_seq_of(connection)
    looked_up.moved = moved
    last: Outcome | None = None
    strays = Strays(guesses)  # each round's strays, settled again only where the round changed otherwise
    stray: dict[int, str] = {}
    for round_ in range(1, _ROUNDS + 1):
        part = _complete(looked_up, part)
        update.rounds, update.restored = round_, len(part)
        # A later round merges again only the areas its added groups and the guesses the round
        # before settled anew reach (regions.py), else all.
        outcome = None
        if last is not None and _BY_AREA:
            outcome = _merge_regions(looked_up, part, last, read, stray)
        if outcome is None:
            outcome = _merge_part(looked_up, part, read, readings, dict(mentioned), dict(acled), next_seq)
        last = outcome
        missing = partners.fold_partners(connection, set(outcome.seeds), asked) - part
        # The stored guesses the sure points as merged settle elsewhere (a stored point the day
        # re-dated, two folded into one): settled again in another round, with what they may fold
        # with where they go (the areas they leave and go to merged again).
        stray = strays(connection, {row[0]: row[2] for row in outcome.group_rows}, looked_up.cells)
        stray = {seq: place for seq, place in stray.items() if seq not in looked_up.moved}
        if stray:
            looked_up.moved |= set(stray)
            asked.wild.update(stray.values())
            going = set(touched.seeds_moved(connection, stray))
            around = partners.fold_partners(connection, going, asked)
            # Two steps ahead there: a group a stray may fold with where it goes (restored already
            # or not) may leave the event it went into for the stray's, and then seeks what else it
            # may fold with. Asked now, it is not found missing after the next round (a round more).
            there = partners.fold_partners(connection, going, partners.Asked(wild=set(asked.wild)))
            there = touched.with_housemates(connection, there)
            around |= partners.fold_partners(connection, set(touched.seeds_of(connection, there)), asked)
            missing |= (set(stray) | around) - part
        elif not missing:
            write_part(connection, outcome, new_documents)
            return True
        # One step ahead: what the missing groups (and their housemates) could fold with comes
        # too. A group restored that a round shows unchanged changes nothing, and each round
        # merges the whole part again, so fewer rounds over a slightly larger part cost less.
        # After the first round few are missing: what they could fold with whatever they become
        # comes (of any kind, windows that may move), not only what they could fold with as stored.
        ahead = touched.seeds_of(connection, touched.with_housemates(connection, missing))
        if round_ > 1:
            ahead = [dataclasses.replace(seed, kind=None, moves=touched.UNSURE) for seed in ahead]
        part |= missing | partners.fold_partners(connection, set(ahead), asked)
    return False


def next_seq_of(connection: sqlite3.Connection) -> int:
    """The number the next new group gets (groups are numbered 0, 1, ... as they come)."""
    return connection.execute("SELECT coalesce(max(seq) + 1, 0) FROM geomap_groups").fetchone()[0]


def _window(event: Event) -> tuple[int, int] | None:
    seed = touched.seed_of(event)
    return (seed.lo, seed.hi) if seed else None


def _complete(looked_up: _LookedUp, part: set[int]) -> set[int]:
    """The part with its housemates and the groups its guessed places may move to, until closed.

    Both are found group by group, so only the groups not closed yet (in an earlier round or
    call) are asked about.
    """
    connection = looked_up.connection
    part = set(part)
    frontier = part - looked_up.closed
    while frontier:
        looked_up.closed |= frontier
        grown = touched.with_housemates(connection, frontier)
        grown |= touched.twin_groups(connection, touched.namesake_places(connection, grown))
        part |= grown
        frontier = grown - looked_up.closed
    return part


def _merge_part(looked_up: _LookedUp, part: set[int], read: list[Read], readings: list[Event],
                mentioned: dict, acled: dict, next_seq: int) -> Outcome:
    """Restore the part, merge the readings into it, and find what changed against the store."""
    groups = looked_up.groups_of(part)
    merger = Merger.restore(_restorable(looked_up, groups), looked_up.skeleton(*_places(groups, readings)))
    merger.reserved_ids = looked_up.reserved_ids(part)
    recording = _Recording(merger)
    collector = collect(recording, read, mentioned, acled)  # type: ignore[arg-type]
    seqs = [seq for seq, *_ in groups]
    seq_at = seqs + list(range(next_seq, next_seq + len(merger) - len(seqs)))
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    _settle_again(looked_up, merger, seqs, dirty)
    settle_changed(looked_up.connection, merger, seqs, dirty, {seq: settled for seq, *_, settled in groups},
                   looked_up.settled, looked_up.cells)
    outcome = outcome_of(looked_up, merger, groups, seq_at, dirty)
    outcome.collector, outcome.part, outcome.new_seqs = collector, set(part), seq_at[len(seqs):]
    outcome.joined = [seq_at[p] for p in recording.joined]
    return outcome


def _settle_again(looked_up: _LookedUp, merger: Merger, seqs: list[int], dirty: dict[int, dict]) -> None:
    """Count the stored guesses the day's sure points move among the changed groups (``dirty``, by
    position; ``seqs`` the restored groups' seqs by position): settled again, their rows rewritten."""
    for p, seq in enumerate(seqs):
        if seq in looked_up.moved and p not in dirty:
            dirty[p] = merger.group_state(p)


class _Recording:
    """A merger's stand-in for :class:`geomap.pipeline.Collector`: notes which group each reading joined."""

    def __init__(self, merger: Merger) -> None:
        self.merger, self.joined = merger, []

    def add(self, event: Event, *, published: str | None = None, position: int = 0) -> None:
        self.joined.append(self.merger.add(event, published=published, position=position))


def _places(groups: list[_Group], readings: Iterable[Event]) -> tuple[set[str], set[str]]:
    """The places whose date buckets a merger of these groups and readings needs (its skeleton),
    and those of them where a reading or a guess of a month may look for its twin (the order of
    every bucket counts there: see :meth:`_LookedUp.skeleton`)."""
    places = {state["event"]["place_id"] for _, _, state, _, _ in groups}
    months: set[str] = set()
    for e in readings:
        places.add(e.place_id)
        places.update(e.namesakes)
        if e.date_precision == "month":
            months.add(e.place_id)
            months.update(e.namesakes)
    for _, _, state, _, _ in groups:
        others = state["event"].get("namesakes")
        if others:
            places.update(others)
            if state["event"]["date_precision"] == "month":
                months.add(state["event"]["place_id"])
                months.update(others)
    return places, months


def _merge_regions(looked_up: _LookedUp, part: set[int], base: Outcome, read: list[Read],
                   strays: dict[int, str] | None = None) -> Outcome | None:
    """The round after ``base`` (a round whose part ``part`` holds), merged again only in the areas
    the added groups reach, ``base`` taken for the rest (:mod:`geomap.store.regions`); None when it
    cannot be (then the part is merged whole). ``strays``: the stored guesses ``base`` found
    settled elsewhere (seq -> the place each goes to), settled anew in this round."""
    strays = strays or {}
    added = part - base.part
    if not base.apart or not (added or strays) or not strays.keys() <= part:
        return None
    spots = dict(base.spots)
    spots.update((seq, regions.spot_of(state["event"], settled))
                 for seq, _, state, _, settled in looked_up.groups_of(added))
    homes = {seq: looked_up.groups[seq][2] for seq in part}  # as stored
    # A guess settled anew leaves where it stood in ``base`` (its spot there) and goes where the
    # sure points as merged put it: both reached, as by an added group.
    going = tuple(regions.spot_of(looked_up.groups[seq][1]["event"], place) for seq, place in strays.items())
    split = regions.Split.of(spots, added | set(strays), homes, going)
    if split is None:
        return None  # a town or district of no region folds with anything near it
    restored = [seq for seq in sorted(part) if split.holds(spots[seq])]
    new_seqs = [seq for seq in base.new_seqs if split.holds(spots[seq])]
    inside = set(restored) | set(new_seqs)
    if any((seq in inside) != (home in inside) for seq, home in homes.items() if home is not None):
        return None  # a stored event's groups on both sides: what changed in it is seen by neither
    groups = looked_up.groups_of(restored)
    readings = [found for found, seq in zip(_positioned(read), base.joined, strict=True) if seq in inside]
    merger = Merger.restore(_restorable(looked_up, groups),
                            looked_up.skeleton(*_places(groups, (event for _, event, _ in readings))))
    # New ids avoid every stored id outside this part, and those the other areas' events hold now.
    merger.reserved_ids = looked_up.reserved_ids(part)
    merger.reserved_ids |= {i for i, seq in base.new_kept.items() if seq not in inside}
    joined = [merger.add(event, published=None if item.published is None else sys.intern(item.published),
                         position=position) for position, event, item in readings]  # as Collector.add
    if len(merger) - len(groups) != len(new_seqs):
        return None
    seq_at = restored + new_seqs
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    _settle_again(looked_up, merger, restored, dirty)
    made = {seq: state for seq, _, state, _, _ in base.group_rows if seq in inside}
    # (The guesses settled anew are changed groups here, as they are stored: _settle_again.)
    now = {seq_at[p]: state for p, state in dirty.items()}
    if {seq: state for seq, state in now.items() if seq not in strays} != made \
            or not strays.keys() <= now.keys() \
            or [seq_at[p] for p in joined] != [seq for seq in base.joined if seq in inside]:
        return None  # the readings did not make here what they made in the round before
    known = dict(looked_up.settled)
    stored_settled = {seq: settled for seq, *_, settled in groups}
    # The groups changed in the other areas count for the guesses settled here as they are now.
    elsewhere = {seq: state for seq, _, state, _, _ in base.group_rows if seq not in inside}
    settle_changed(looked_up.connection, merger, restored, dirty, stored_settled, known, looked_up.cells,
                   elsewhere)
    settled_now = {json.dumps(now[seq]["event"], sort_keys=True) for seq in strays}
    if not set(known) - set(looked_up.settled) <= settled_now:
        return None  # a guess not settled in the round before nor anew: by part of the readings' points
    sub = outcome_of(looked_up, merger, groups, seq_at, dirty)
    if not sub.apart or not all(split.holds(sub.spots[seq]) for seq in seq_at):
        return None  # an event of these areas went into one of another
    # A new event's id is made from its place, day and target ("ev-" and 12 hex digits, then a
    # count): events of the two sides whose ids share those digits might have taken each other's.
    stored = looked_up.stored_ids()
    theirs = {i[3:15] for i, seq in base.new_kept.items() if seq not in inside and i not in stored}
    if not theirs.isdisjoint(i[3:15] for i in (*sub.new_kept, *sub.old_kept)):
        return None
    whole = regions.combine(base, sub, inside, part)
    if whole is not None:
        whole.joined = base.joined
        looked_up.settled.update(known)  # as merging the whole part would have kept them
    return whole


def _positioned(read: list[Read]) -> Iterator[tuple[int, Event, Document]]:
    """Each reading with its place among its document's readings, and its document, in reading order."""
    for item, extraction in read:
        if isinstance(item, Document) and extraction is not None:
            for position, event in enumerate(extraction.events):
                yield position, event, item


def _restorable(looked_up: _LookedUp, groups: list[tuple[int, str, dict, int | None, str | None]]
                ) -> Iterator[tuple[str, dict]]:
    """The ``(event_id, state)`` pairs a round's merger restores the part from.

    The states are kept for later rounds, and restoring leaves them as they are: the merger
    copies the event's fields and the book parsed once (:attr:`_LookedUp.books`), and the merge
    gives an event new lists, never changes one in place. (:func:`_restorable_plain` is the
    plain way, each state's lists copied and its book parsed again: the tests compare the two.)
    """
    books = looked_up.books
    for seq, event_id, state, _, _ in groups:
        yield event_id, {"event": state["event"], "book": books[seq], "bucket": state["bucket"]}


def _restorable_plain(looked_up: _LookedUp, groups: list[tuple[int, str, dict, int | None, str | None]]
                      ) -> Iterator[tuple[str, dict]]:
    """:func:`_restorable` the plain way: each state's lists copied, its book parsed from the stored text."""
    for seq, event_id, state, _, _ in groups:
        event = {k: list(v) if isinstance(v, list) else v for k, v in state["event"].items()}
        book = looked_up.books[seq]
        if isinstance(book, _PendingBook):
            stored = _DECODER.raw_decode(book.text, book.start)[0]
        else:
            stored = state["book"]
        yield event_id, {"event": event, "book": stored, "bucket": state["bucket"]}
