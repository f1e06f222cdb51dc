"""A later round of a partial update, merged again only in the regions its added groups reach.

A round that finds groups missing restores them and merges the part again (see
:mod:`geomap.store.partial`): nearly all of it as the round before did. But the merge keeps the
regions apart. A reading meets only the groups of its own place; a guess between namesakes moves
to the place it was settled on and meets the groups there; and the fold looks a coarse event's
candidates up by its region (``admin1``), or, for a country-wide event, by its country. So the
groups of a region that no added group reaches, before or after its guess is settled, merge as
they did in the round before, with the same readings, homes and ids, and that round's result is
taken for them. The *areas* the merge keeps apart:

* a region (its ``admin1``, as the fold's index is keyed),
* the country-wide events of a country, which fold into any finer event of the country: where a
  country has one, every area of that country is one with it,
* the events of an informal area (a sea, Donbas: region precision, no ``admin1``) and the
  facilities outside any region, which fold into nothing and hold only country-wide events.

A town or district outside any region folds with anything near it, so a part holding one is
merged whole again. An area reaches another through every group that stands in one before its
guess is settled and in the other after; what the later round merges again is every group and
reading of the areas the added groups reach, so reached. It is merged as a part of its own (the
ids of the events of the other areas reserved) and checked against the round before: it must
make the same new and changed groups, every group of it must end in those areas, no guess may be
settled by the part's own sure points and every stored event must keep its id; otherwise (and
whenever the round before is not such a merge) the part is merged whole again.

A round after one that found stored guesses the merged sure points settle elsewhere ("strays",
:mod:`geomap.store.strays`) settles them anew: each is taken as an added group, reaching the area
it stood in and the area and place it goes to; they are the only groups it may settle anew, by the
sure points of every changed group (those of the other areas as the round before made them).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer import default_gazetteer

#: What the merge keeps apart: ("A", admin1) a region, ("C", country) the country-wide events of a
#: country, ("N", country) its events of no region that fold into nothing.
Area = tuple[str, str]

#: Where a group stands: its place as read, its place once its guess is settled, the area of the
#: event it ends in (None: a town or district of no region) and that event's country.
Spot = tuple[str, str, Area | None, str]


def area(admin1: str, precision: str, country: str) -> Area | None:
    """The area of an event (see the module's docstring); None for a town or district of no region."""
    if precision == "country":
        return ("C", country or "")
    if admin1:
        return ("A", admin1)
    if precision in ("region", "facility"):
        return ("N", country or "")
    return None


def spot_of(event: dict, settled: str | None) -> Spot:
    """The spot of a stored group not merged yet (its state's event, the place its guess was settled
    on): the area it is folded in is that of its place once settled (as
    :func:`geomap.namesakes.move_to` puts it there), the area of the event it went into as stored."""
    admin1, country = event.get("admin1") or "", event.get("country") or ""
    place = event["place_id"]
    if event.get("namesakes") and settled and settled != place:
        gazetteer = default_gazetteer()
        found = gazetteer.get(settled)
        if found is not None:
            admin1, country, place = gazetteer.region_name(found.admin1) or admin1, found.country, settled
    return event["place_id"], place, area(admin1, event["geo_precision"], country), country


class Reach:
    """Which areas reach one another (a union of sets over :data:`Area`)."""

    def __init__(self) -> None:
        self._parent: dict[Area, Area] = {}

    def find(self, key: Area) -> Area:
        parent = self._parent
        root = parent.setdefault(key, key)
        while root != parent[root]:
            root = parent[root]
        while key != root:  # halve the path walked, for the next find
            parent[key], key = root, parent[key]
        return root

    def join(self, a: Area, b: Area) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[ra] = rb


@dataclass
class Split:
    """The groups of a part a later round merges again: those folded in the areas it reaches."""

    reach: Reach
    roots: set[Area]

    def holds(self, spot: Spot) -> bool:
        return spot[2] is not None and self.reach.find(spot[2]) in self.roots

    @classmethod
    def of(cls, spots: dict[int, Spot], added: set[int], homes: dict[int, int | None] | None = None,
           going: tuple[Spot, ...] = ()) -> Split | None:
        """The areas the ``added`` groups reach, among the groups at ``spots``; None when one is of no area.

        Reached: the area each added group is folded in, and that of every group standing, before
        or after its guess is settled, on a place where an added group stands and a guess is
        settled (the guess may meet either first), each with every area of its country when the
        country has country-wide events (they fold into any finer event of it). ``homes`` gives
        the group each restored group went into as stored: the two are merged on one side (what
        changed in a stored event is found by looking at its groups as stored and as they are now).
        ``going`` gives where stored guesses settled anew this round go (each an added group, at
        its spot in ``spots`` as it stood): reached too, as added groups standing there.
        """
        if any(spot[2] is None for spot in (*spots.values(), *going)):
            return None
        reach = cls(Reach(), set())
        for seq, home in (homes or {}).items():
            if home is not None and home != seq and home in spots and seq in spots:
                reach.reach.join(spots[seq][2], spots[home][2])  # type: ignore[arg-type]
        wide = {spot[3] for spot in spots.values() if spot[2][0] == "C"}  # type: ignore[index]
        if wide:
            for spot in (*spots.values(), *going):
                if spot[3] in wide:
                    reach.reach.join(spot[2], ("C", spot[3]))  # type: ignore[arg-type]
        # A place matters only where a guess is settled onto it: then the guess meets the groups
        # standing there (Merger._settle_namesakes), an added one perhaps, or one that moves on later.
        places = {place for spot in (*(spots[seq] for seq in added), *going) for place in spot[:2]}
        places &= {spot[1] for spot in (*spots.values(), *going) if spot[1] != spot[0]}
        seeds = {spot[2] for spot in spots.values() if spot[0] in places or spot[1] in places}
        seeds |= {spots[seq][2] for seq in added} | {spot[2] for spot in going}
        reach.roots = {reach.reach.find(key) for key in seeds}  # type: ignore[arg-type]
        return reach


def combine(base, sub, inside: set[int], part: set[int]):  # type: ignore[no-untyped-def]
    """The outcome of merging the whole ``part``: ``sub``'s (the groups ``inside``, merged again)
    with ``base``'s for every other group, in the order one merge of the part gives them (the
    order of the groups: rows, and the layers' rows made from the events, are written in it).
    None when an event id went from one side to the other (then they did not merge apart).

    ``base`` and ``sub`` are :class:`geomap.store.outcome.Outcome`; so is what is returned.
    """
    outside = {i: seq for i, seq in base.old_kept.items() if seq not in inside}
    now = {i: seq for i, seq in base.new_kept.items() if seq not in inside}
    if not outside.keys().isdisjoint(sub.old_kept) or not now.keys().isdisjoint(sub.new_kept):
        return None
    whole = type(base)(collector=base.collector, part=set(part), new_seqs=base.new_seqs, apart=True)
    whole.old_kept, whole.new_kept = outside | sub.old_kept, now | sub.new_kept
    whole.gone = set(whole.old_kept) - set(whole.new_kept)
    if whole.gone != {i for i in base.gone if i in outside} | sub.gone:
        return None
    whole.group_rows = sorted([row for row in base.group_rows if row[0] not in inside] + sub.group_rows,
                              key=lambda row: row[0])
    whole.relinked = sorted([row for row in base.relinked if row[2] not in inside] + sub.relinked,
                            key=lambda row: row[2])
    whole.seq_of = {i: seq for i, seq in base.seq_of.items() if seq not in inside} | sub.seq_of
    whole.texts = {i: text for i, text in base.texts.items() if base.seq_of[i] not in inside} | sub.texts
    whole.events = sorted([e for e in base.events if base.seq_of[e.event_id] not in inside] + sub.events,
                          key=lambda e: whole.seq_of[e.event_id])
    whole.seeds_at = [found for found in base.seeds_at if found[0] not in inside] + sub.seeds_at
    whole.spots = {seq: spot for seq, spot in base.spots.items() if seq not in inside} | sub.spots
    return whole
