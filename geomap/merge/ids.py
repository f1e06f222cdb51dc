"""The ids of merged events: from what each event is (place, day, target group), not from input order."""

from __future__ import annotations

import hashlib
from collections.abc import Container, Iterable, MutableMapping

from ..model import Event, target_group


class Taken:
    """The ids in use while ids are given: those ``reserved`` (any container: a set, or a store's
    ids asked of it one at a time) and those taken here."""

    __slots__ = ("reserved", "mine")

    def __init__(self, reserved: Container[str]) -> None:
        self.reserved, self.mine = reserved, set()

    def __contains__(self, event_id: object) -> bool:
        return event_id in self.mine or event_id in self.reserved

    def add(self, event_id: str) -> None:
        self.mine.add(event_id)

    def isdisjoint(self, event_ids: Iterable[str]) -> bool:
        return not any(i in self for i in event_ids)

    def __ior__(self, event_ids: Iterable[str]) -> Taken:
        self.mine.update(event_ids)
        return self


def _assign_ids(events: list[Event], *, keep: bool = False, reserved: Container[str] = frozenset()) -> bool:
    """Ids from what the event is (place, day, target group), not from input order.

    With ``keep``, an event that has an id keeps it (a stored event's id never changes,
    even when a later report makes its date more precise) and new ids avoid those, and
    those in ``reserved`` (the ids of a store's events that are not among ``events``: any container,
    asked only whether it holds an id).
    True when every event that had an id kept it, and only the others were ordered.
    """
    taken: dict[str, int] = {}
    used = Taken(reserved)
    fresh = _unnamed_only(events, used) if keep else None
    alone = fresh is not None
    if fresh is not None:  # every id kept: only the events without one are ordered
        ordered = sorted(fresh, key=_id_order)
    else:
        ordered = sorted(events, key=_id_order)
    if keep and fresh is None:
        fresh = []
        for event in ordered:
            if event.event_id and event.event_id not in used:
                used.add(event.event_id)
            else:
                fresh.append(event)
        ordered = fresh
    for event in ordered:
        event.event_id = _next_id(event, taken, used)
    return alone


def _id_order(event: Event) -> tuple:
    """The order in which :func:`_assign_ids` goes through the events."""
    return (event.place_id, event.event_date or "", event.target_type, event.strike_type, event.status,
            event.evidence[:1])


def _unnamed_only(events: list[Event], used: Taken) -> list[Event] | None:
    """The events without an id, when every event that has one keeps it (no two share one, none is
    in ``used``): ``used`` then takes those ids. Else None, ``used`` left as it was.

    Then the order of the events matters only among those without an id (which of two events
    keeps a shared id is what the whole order decides), and a stable sort of them alone gives
    them in the order the whole sort would: a store's update, where nearly every event has its
    id, sorts a few new events instead of all of them.
    """
    named = [event.event_id for event in events if event.event_id]
    ids = set(named)
    if len(ids) != len(named) or not used.isdisjoint(ids):
        return None
    used |= ids
    return [event for event in events if not event.event_id]


#: target_group's answers (it walks model.TARGET_GROUPS, a constant): every new event's id asks.
_GROUP_OF: dict[str, str] = {}


def _next_id(event: Event, taken: MutableMapping[str, int], used: Taken | set[str]) -> str:
    """The id of the next event in :func:`_assign_ids`'s order; ``taken`` counts the ids made
    from each digest, ``used`` holds every id given (both updated)."""
    group = _GROUP_OF.get(event.target_type)
    if group is None:
        group = _GROUP_OF[event.target_type] = target_group(event.target_type)
    basis = f"{event.place_id}|{event.event_date or ''}|{group}"
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    count = taken.get(digest, 0)
    candidate = f"ev-{digest}" + (f"-{count + 1}" if count else "")
    while candidate in used:
        count += 1
        candidate = f"ev-{digest}-{count + 1}"
    taken[digest] = count + 1
    used.add(candidate)
    return candidate
