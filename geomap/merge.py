"""Merging the reports of one strike into one event.

Two readings are the same strike when they are at the same place on the same
day with compatible targets (equal, or one of them unknown). A coarse reading
("a drone attack in the Krasnodar region") also folds into a precise one that
lies inside it ("the oil depot at Kavkazskaya") when the day, weapon, target
and outcome agree. Repeated strikes on one place on different days stay
separate events. The merged event keeps every document id, source and
evidence sentence; each further document raises its confidence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Iterator

from .gazetteer import distance_km
from .model import Event, target_group

#: When reports disagree on the outcome, the strongest word wins.
_STATUS_ORDER = {"hit": 3, "claimed": 2, "intercepted": 1, "unknown": 0}
_DATE_ORDER = {"day": 0, "week": 1, "month": 2, "unknown": 3}
_PRECISION_ORDER = {"facility": 0, "town": 1, "district": 2, "region": 3, "country": 4}
# A town holds the facilities within this distance of its centre.
_TOWN_RADIUS_KM = 30.0


class Merger:
    """Merges events as they arrive, so a long corpus never holds its raw readings.

    >>> merger = Merger()
    >>> for event in readings: merger.add(event)      # doctest: +SKIP
    >>> events = merger.events()                        # doctest: +SKIP
    """

    def __init__(self) -> None:
        # place id -> {day ordinal, "month" or None (see _bucket) -> events of that place then}
        self._by_place: dict[str, dict[int | str | None, list[Event]]] = {}
        self._order: list[Event] = []
        # What each merged event already lists, as sets: a strike reported by 40,000 documents
        # must not cost a scan of 40,000 ids per further report.
        self._members = _Members()

    def add(self, event: Event) -> None:
        """Fold one reading into the events seen so far."""
        by_date = self._by_place.setdefault(event.place_id, {})
        twin = None
        if by_date:
            window = _window(event)
            for seen in _nearby(by_date, event):
                # _same_strike, with this event's window worked out once (the place is the same).
                if _compatible(seen.target_type, event.target_type) and \
                        _same_window(seen, _window(seen), event, window, self._members):
                    twin = seen
                    break
        if twin is None:
            copy = _copy(event)
            self._members.add(copy)
            by_date.setdefault(_bucket(event), []).append(copy)
            self._order.append(copy)
        else:
            _absorb(twin, event, self._members)

    def events(self) -> list[Event]:
        """The merged events, coarse readings folded into precise ones, with ids, sorted."""
        merged = _fold_coarse(self._order, self._members)
        _assign_ids(merged)
        merged.sort(key=lambda e: (e.event_date is None, e.event_date or "", e.place_name, e.event_id))
        return merged


def _nearby(by_day: dict[int | str | None, list[Event]], event: Event) -> Iterator[Event]:
    """Events of one place whose dates could be the same day as ``event``'s.

    A week-precision date stands for a week either side of it, so two of them
    can be fifteen days apart; month precision (rare) looks at all.
    """
    if event.event_date is None or event.date_precision == "month" or len(by_day) < 20:
        for events in by_day.values():
            yield from events
        return
    day = _days(event.event_date, "day")[0]
    reach = 15 if event.date_precision == "week" else 8  # two weeks can overlap 14 days apart
    for offset in range(-reach, reach + 1):
        found = by_day.get(day + offset)
        if found:
            yield from found
    yield from by_day.get(None, ())
    yield from by_day.get("month", ())


def _bucket(event: Event) -> int | str | None:
    """Where events are filed by date: the day's ordinal, "month" for month precision, None undated."""
    if event.event_date is None:
        return None
    if event.date_precision == "month":
        return "month"
    return _days(event.event_date, "day")[0]


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge repeated readings of the same strike; give every event its stable id.

    The result is sorted by date (undated last), place and id, so the same
    inputs always give the same output in the same order.
    """
    merger = Merger()
    for event in events:
        merger.add(event)
    return merger.events()


def _copy(event: Event) -> Event:
    """A copy whose lists can grow without touching the reading it came from."""
    copy = Event.__new__(Event)
    copy.__dict__.update(event.__dict__)  # a plain field copy: no __init__ checks to run again
    copy.doc_ids, copy.sources, copy.evidence = list(event.doc_ids), list(event.sources), list(event.evidence)
    return copy


def _compatible(a: str, b: str) -> bool:
    return a == b or "unknown" in (a, b)


def _window(event: Event) -> tuple[int, int] | None:
    """The days an event's date stands for (as day ordinals): one day, a week either side, or its month."""
    if event.event_date is None:
        return None
    return _days(event.event_date, event.date_precision)


@functools.lru_cache(maxsize=4096)
def _days(event_date: str, precision: str) -> tuple[int, int]:
    # Every comparison of two events asks; a corpus has few distinct dates.
    day = dt.date.fromisoformat(event_date)
    if precision == "week":
        # "last week", "in recent days", or no date at all in a report published that day:
        # within a week of the date, either side.
        return day.toordinal() - 7, day.toordinal() + 7
    if precision == "month":
        # The month's last day from the calendar, not by stepping past it: December 9999 has no after.
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return start.toordinal(), end.toordinal()
    return day.toordinal(), day.toordinal()


class _Members:
    """The doc ids, sources and evidence of merged events as sets, beside their lists.

    Keyed by ``id(event)``: the Merger holds every event it indexes, so ids stay valid.
    """

    def __init__(self) -> None:
        self._sets: dict[int, tuple[set[str], set[str], set[str]]] = {}

    def add(self, event: Event) -> None:
        self._sets[id(event)] = (set(event.doc_ids), set(event.sources), set(event.evidence))

    def of(self, event: Event) -> tuple[set[str], set[str], set[str]]:
        found = self._sets.get(id(event))
        if found is None:  # a reading that is not (yet) a merged event: its lists are short
            return set(event.doc_ids), set(event.sources), set(event.evidence)
        return found

    def share_document(self, a: Event, b: Event) -> bool:
        """Whether two events were read (in part) from one document, in time linear in the smaller."""
        small, large = (a, b) if len(a.doc_ids) <= len(b.doc_ids) else (b, a)
        docs = self.of(large)[0]
        return any(doc in docs for doc in small.doc_ids)


def _same_day(a: Event, b: Event, members: _Members) -> bool:
    """Whether two readings can be of the same day.

    Equal dates can; a day inside the week or month that a vaguer date stands
    for can ("a drone attack last week"); undated readings only within one
    document.
    """
    return _same_window(a, _window(a), b, _window(b), members)


def _same_window(a: Event, wa: tuple[int, int] | None, b: Event, wb: tuple[int, int] | None,
                 members: _Members) -> bool:
    if wa is None or wb is None:
        return wa is None and wb is None and members.share_document(a, b)
    if a.date_precision == b.date_precision == "day":
        return wa == wb
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _contains(coarse: Event, fine: Event) -> bool:
    """Whether the coarse event's place holds the fine event's place."""
    if _PRECISION_ORDER[coarse.geo_precision] <= _PRECISION_ORDER[fine.geo_precision]:
        return False
    if coarse.geo_precision == "region":
        return bool(coarse.admin1) and coarse.admin1 == fine.admin1
    if coarse.geo_precision == "country":
        return coarse.country == fine.country
    return distance_km(coarse.lat, coarse.lon, fine.lat, fine.lon) <= _TOWN_RADIUS_KM


def _folds_into(coarse: Event, fine: Event, members: _Members) -> bool:
    """A coarse reading is the same strike as a precise one inside it."""
    if not (_contains(coarse, fine) and _same_day(coarse, fine, members)):
        return False
    if not (_compatible(coarse.strike_type, fine.strike_type)
            and _compatible(coarse.target_type, fine.target_type)):
        return False
    # An interception over a region is not the same thing as a hit on a site in it, and
    # damage reported in a town does not confirm a claim about a site beside it.
    return coarse.status in ("unknown", fine.status) or (coarse.status == "claimed" and fine.status == "hit")


def _fold_coarse(events: list[Event], members: _Members) -> list[Event]:
    """Fold region- and town-level readings into the precise events inside them.

    Candidates are looked up by region (or country) and then by date, so the
    cost stays linear in the number of events rather than quadratic.
    """
    by_precision = sorted(events, key=lambda e: _PRECISION_ORDER[e.geo_precision])
    kept: list[Event] = []
    by_admin1: dict[str, dict[int | str | None, list[Event]]] = {}
    by_country: dict[str, dict[int | str | None, list[Event]]] = {}
    for event in by_precision:
        if event.geo_precision == "country":
            pool = _nearby(by_country.get(event.country, {}), event)
        elif event.admin1:
            pool = _nearby(by_admin1.get(event.admin1, {}), event)
        elif event.geo_precision == "region":
            pool = iter(())  # an informal area (a sea, Donbas) holds nothing by region code
        else:
            pool = iter(kept)  # a town outside any region: rare, so a full scan is fine
        home = next((k for k in pool if _folds_into(event, k, members)), None)
        if home is None:
            kept.append(event)
            bucket = _bucket(event)
            # Only a coarser event can fold into this one: a region's into its towns, never
            # into another region's, so each index holds what is finer than its own level.
            by_admin1.setdefault(event.admin1, {}).setdefault(bucket, []).append(event)
            by_country.setdefault(event.country, {}).setdefault(bucket, []).append(event)
        else:
            _absorb(home, event, members)
    return kept


def _extend(target: list[str], seen: set[str], values: list[str]) -> int:
    """Append the values not yet in ``target`` (``seen`` is its set); return how many were new."""
    added = 0
    for value in values:
        if value not in seen:
            seen.add(value)
            target.append(value)
            added += 1
    return added


def _absorb(keep: Event, other: Event, members: _Members) -> None:
    """Fold ``other`` into ``keep``: union of evidence, the better of each attribute."""
    docs, sources, evidence = members.of(keep)
    new_docs = _extend(keep.doc_ids, docs, other.doc_ids)
    _extend(keep.sources, sources, other.sources)
    _extend(keep.evidence, evidence, other.evidence)
    if keep.strike_type == "unknown":
        keep.strike_type = other.strike_type
    if keep.target_type == "unknown":
        keep.target_type = other.target_type
    if _STATUS_ORDER[other.status] > _STATUS_ORDER[keep.status]:
        keep.status = other.status
    if keep.attacker == "unknown":
        keep.attacker = other.attacker
    if _DATE_ORDER[other.date_precision] < _DATE_ORDER[keep.date_precision]:
        keep.event_date, keep.date_precision = other.event_date, other.date_precision
    best = max(keep.confidence, other.confidence)
    keep.confidence = round(min(0.99, best + 0.1 * new_docs), 3)


def _assign_ids(events: list[Event]) -> None:
    """Ids from what the event is (place, day, target group), not from input order."""
    taken: dict[str, int] = {}
    for event in sorted(events, key=lambda e: (e.place_id, e.event_date or "", e.target_type,
                                               e.strike_type, e.status, e.evidence[:1])):
        basis = f"{event.place_id}|{event.event_date or ''}|{target_group(event.target_type)}"
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
        count = taken.get(digest, 0)
        taken[digest] = count + 1
        event.event_id = f"ev-{digest}" + (f"-{count + 1}" if count else "")
