"""Folding coarse reports (a region, a district, a town) into the precise events inside them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..gazetteer import distance_km
from ..model import CITY_DISTRICT_KM, HROMADA_REACH_KM, Event, is_hromada
from .books import UMBRELLA_HOLDS, _absorb, _Members
from .windows import _bucket, _days, _fold_buckets, _same_day, _window

_PRECISION_ORDER = {"facility": 0, "town": 1, "district": 2, "region": 3, "country": 4}


#: One region's or country's kept events, by bucket (:func:`.windows._bucket`).
_ByDay = dict[int | str | None, list[Event]]

# A town holds the facilities within this distance of its centre.
_TOWN_RADIUS_KM = 30.0

#: Kilometres a degree of latitude is at least (111.19 on distance_km's sphere), less 1 %.
_KM_PER_DEGREE_BELOW = 110.0


def _compatible(a: str, b: str) -> bool:
    return a == b or "unknown" in (a, b)


def _coarse_target_fits(coarse: str, fine: str) -> bool:
    return _compatible(coarse, fine) or fine in UMBRELLA_HOLDS.get(coarse, ())


def _tally_beside_hit(a: Event, b: Event) -> bool:
    """Whether two region-level readings are an interception tally and a hit on a site in that
    region ("18 drones downed over the Saratov region" beside "a fire broke out at an industrial
    site there": the drones downed did not set the site on fire). Houses or nothing named damaged
    in the region are what the tally's attack left there: one strike ("72 drones downed over
    the Poltava region ... houses were damaged in the Poltava region")."""
    if a.geo_precision != "region" or {a.status, b.status} != {"hit", "intercepted"}:
        return False
    hit = a if a.status == "hit" else b
    return hit.target_type not in _DAMAGE_AROUND


#: What a region's hit names when it tells the aftermath of the attack its tally counts.
_DAMAGE_AROUND = frozenset({"unknown", "residential", "civilian_other"})


def _contains(coarse: Event, fine: Event) -> bool:
    """Whether the coarse event's place holds the fine event's place."""
    if _PRECISION_ORDER[coarse.geo_precision] <= _PRECISION_ORDER[fine.geo_precision]:
        return False
    if coarse.geo_precision == "region":
        return bool(coarse.admin1) and coarse.admin1 == fine.admin1
    if coarse.geo_precision == "country":
        return coarse.country == fine.country
    # "Khotin hromada was shelled" beside a strike on Sumy, 28 km away, are two strikes.
    radius = HROMADA_REACH_KM if is_hromada(coarse.place_id) else _TOWN_RADIUS_KM
    # No path between two points is shorter than their difference in latitude, 111.19 km a degree:
    # that far apart in latitude alone, they are too far (the bound is 1 % short, far beyond the
    # rounding of distance_km, so it says no only where distance_km would).
    if abs(coarse.lat - fine.lat) * _KM_PER_DEGREE_BELOW > radius:
        return False
    return distance_km(coarse.lat, coarse.lon, fine.lat, fine.lon) <= radius


def _folds_into(coarse: Event, fine: Event, members: _Members) -> bool:
    """A coarse reading is the same strike as a precise one inside it."""
    if not (_contains(coarse, fine) and _same_day(coarse, fine, members)):
        return False
    return _fits(coarse, fine)


def _fits(coarse: Event, fine: Event) -> bool:
    """:func:`_folds_into` once the place holds and the day is the same: what was struck fits."""
    if not (_compatible(coarse.strike_type, fine.strike_type)
            and _coarse_target_fits(coarse.target_type, fine.target_type)):
        return False
    if _district_of_town(coarse, fine) or _district_of_its_seat(coarse, fine):
        # "An apartment block caught fire in the Solomianskyi district" of a Kyiv struck that day:
        # the city's strike, whichever report told the damage. So is "the Nikopol district came
        # under artillery fire, damaging an industrial enterprise" beside "Nikopol" shelled.
        return coarse.status != "intercepted" or fine.status == "intercepted"
    # An interception over a region is not the same thing as a hit on a site in it, and
    # damage reported in a town does not confirm a claim about a site beside it.
    return coarse.status in ("unknown", fine.status) or (coarse.status == "claimed" and fine.status == "hit")


def _district_of_its_seat(coarse: Event, fine: Event) -> bool:
    """Whether ``coarse`` is a raion or hromada named for the town ``fine``, its seat (the unit's
    point is its seat's: "the Nikopol district" and Nikopol), and ``fine`` tells no outcome."""
    return (coarse.geo_precision == "district" and fine.geo_precision == "town" and fine.status == "unknown"
            and not coarse.place_id.startswith("citydistrict:")
            and abs(coarse.lat - fine.lat) < _SEAT_DEGREES and abs(coarse.lon - fine.lon) < _SEAT_DEGREES
            and distance_km(coarse.lat, coarse.lon, fine.lat, fine.lon) <= _SEAT_KM)


#: How far (km) a district's point may lie from a town's for the town to be its seat: KATOTTG and
#: OKTMO units are drawn at their administrative centre, GeoNames towns at their own centre.
_SEAT_KM = 3.0
_SEAT_DEGREES = 0.1  # (a bound in degrees first: nearly every pair is rejected by it)


def _district_of_town(coarse: Event, fine: Event) -> bool:
    """Whether ``coarse`` is a district of the city ``fine`` (a KATOTTG or OKTMO city district)."""
    return (coarse.place_id.startswith("citydistrict:") and fine.geo_precision == "town"
            and distance_km(coarse.lat, coarse.lon, fine.lat, fine.lon) <= CITY_DISTRICT_KM)


def _fold_coarse(events: list[Event], members: _Members,
                 homes: dict[int, Event] | None = None) -> list[Event]:
    """Fold region- and town-level readings into the precise events inside them.

    Candidates are looked up by region (or country) and then by date, so the
    cost stays linear in the number of events rather than quadratic. ``homes``, when
    given, is told which event each folded one went into.
    """
    # Sorted by what each event is, not by when it was first read, so the same readings in
    # any order fold the same way.
    by_precision = _fold_order(events, members)
    kept: list[Event] = []
    by_admin1: dict[str, dict[int | str | None, list[Event]]] = {}
    by_country: dict[str, dict[int | str | None, list[Event]]] = {}
    # The indexes as they stood when the fold reached the current level: the events come finest
    # first, so that is every kept event finer than this level, each bucket's list the part of
    # its list in the index that _finer_nearby gives (a bucket with nothing finer is not there,
    # and the buckets that are keep the index's order: each was opened by its first, finest event).
    current = -1
    finer_admin1: dict[str, _ByDay] = {}
    finer_country: dict[str, _ByDay] = {}
    # The same indexes less the events of one day ("day" precision), which are the most: such an
    # event's window is its bucket's day and stays so (a report folded into it is of that day, or
    # vaguer and leaves its date be), so in a bucket outside a coarse event's window none of them
    # can meet it, and only these are looked at there.
    loose_admin1: dict[str, _ByDay] = {}
    loose_country: dict[str, _ByDay] = {}
    finer_loose_admin1: dict[str, _ByDay] = {}
    finer_loose_country: dict[str, _ByDay] = {}
    for event in by_precision:
        level = _PRECISION_ORDER[event.geo_precision]
        if level != current:
            current = level
            finer_admin1, finer_country = _frozen(by_admin1), _frozen(by_country)
            finer_loose_admin1, finer_loose_country = _frozen(loose_admin1), _frozen(loose_country)
        if event.geo_precision == "country":
            home = _home_nearby(by_country.get(event.country, {}), finer_country.get(event.country), event,
                                members, finer_loose_country.get(event.country, {}))
        elif event.admin1:
            home = _home_nearby(by_admin1.get(event.admin1, {}), finer_admin1.get(event.admin1), event,
                                members, finer_loose_admin1.get(event.admin1, {}))
        elif event.geo_precision == "region":
            home = None  # an informal area (a sea, Donbas) holds nothing by region code
        else:  # a town outside any region: rare, so a full scan is fine
            home = next((k for k in _finer(kept, level) if _folds_into(event, k, members)), None)
        if home is not None and not home.event_id and event.event_id:
            # A stored coarse event folded into a newly read precise one: its id lives on there.
            home.event_id = event.event_id
        if home is None:
            kept.append(event)
            bucket = _bucket(event)
            # Only a coarser event can fold into this one: a region's into its towns, never
            # into another region's, so each index holds what is finer than its own level.
            by_admin1.setdefault(event.admin1, {}).setdefault(bucket, []).append(event)
            by_country.setdefault(event.country, {}).setdefault(bucket, []).append(event)
            if event.date_precision != "day":
                loose_admin1.setdefault(event.admin1, {}).setdefault(bucket, []).append(event)
                loose_country.setdefault(event.country, {}).setdefault(bucket, []).append(event)
        else:
            _absorb(home, members.own(home), event, members.of(event))
            if homes is not None:
                homes[id(event)] = home
    return kept


def _fold_order(events: list[Event], members: _Members) -> list[Event]:
    """The events in the fold's order: by precision, date, place, target, weapon, status, and the
    key of the report that gave the place.

    That key is in the event's book, which a store's update has not parsed for most of the groups
    it restores (:class:`.books._PendingBook`): it is asked for only when two events are the same
    in all the rest (a tuple is compared item by item, up to the first that differs).
    """
    return sorted(events, key=lambda e: (_PRECISION_ORDER[e.geo_precision], e.event_date or "", e.place_id,
                                         e.target_type, e.strike_type, e.status, _ReportKey(members, e)))


class _ReportKey:
    """The key of the report that gave an event its place (:attr:`.books._Book.key`), looked up
    only when compared."""

    __slots__ = ("members", "event")

    def __init__(self, members: _Members, event: Event) -> None:
        self.members, self.event = members, event

    def __eq__(self, other: object) -> bool:
        assert isinstance(other, _ReportKey)
        return self.members.of(self.event).key == other.members.of(other.event).key

    def __lt__(self, other: _ReportKey) -> bool:
        return self.members.of(self.event).key < other.members.of(other.event).key

    __hash__ = None  # type: ignore[assignment]


def _frozen(index: dict[str, _ByDay]) -> dict[str, _ByDay]:
    """A copy of an index of the fold (by region or country, then bucket) as it stands."""
    return {area: {bucket: list(events) for bucket, events in by_day.items()}
            for area, by_day in index.items()}


def _home_nearby(by_day: _ByDay, finer: _ByDay | None, event: Event,
                 members: _Members, loose: _ByDay | None = None) -> Event | None:
    """The first of :func:`_finer_nearby`'s events that ``event`` folds into (:func:`_folds_into`),
    if any. ``by_day`` is the index the fold keeps (of ``event``'s region or country), ``finer``
    its events finer than ``event``'s level (see :func:`_fold_coarse`): the same events in the
    same order as _finer_nearby gives them, with no generator between them, no bucket looked at
    that holds nothing finer, and the event's own window worked out once (a kept event's window
    is its own: its date may have changed by a fold). ``loose``, when given, is ``finer`` less
    its events of "day" precision: in a day's bucket outside the event's window only those are
    looked at (the others cannot meet it; see :func:`_fold_coarse`)."""
    if not finer:
        return None
    window = _window(event)
    low, high = window if window is not None else (0, 0)
    if window is None:
        loose = None  # an undated event meets only undated ones (bucket None): every bucket as it is
    # The buckets _fold_buckets gives, in its order, with what is finer there (or, outside the
    # window, less the events of one day); the finer index and the loose one hold no bucket the
    # whole one lacks.
    if window is None or event.date_precision == "month":
        buckets: Iterable[int | str | None] = finer   # all of them, in the index's order
    else:
        day = low + 7 if event.date_precision == "week" else low  # _days(event.event_date, "day")[0]
        reach = 15 if event.date_precision == "week" else 8  # two weeks can overlap 14 days apart
        if loose:
            buckets = [*range(day - reach, day + reach + 1), None, "month"]
        else:  # nothing but events of one day there: the days outside the window hold none it meets
            buckets = [*range(max(low, day - reach), min(high, day + reach) + 1), None, "month"]
    days = _days
    # A region's or a country's event holds every event of the index of its region or country
    # (only finer ones are there): _contains would say so of each, so it is not asked.
    whole = event.geo_precision == "region" or event.geo_precision == "country"
    for bucket in buckets:
        if loose is not None and bucket.__class__ is int and (bucket < low or bucket > high):  # type: ignore
            events = loose.get(bucket)
        else:
            events = finer.get(bucket)
        if events is None:
            continue
        for fine in events:
            # _same_window(event, window, fine, _window(fine), members) inlined: the day rules
            # out most. Two single days meet only when they are the same day, its test for two days.
            date = fine.event_date
            if window is None or date is None:
                if not (window is None and date is None and members.share_document(event, fine)):
                    continue
            else:
                first, last = days(date, fine.date_precision)
                if first > high or low > last:
                    continue
            if (whole or _contains(event, fine)) and _fits(event, fine):
                return fine
    return None


def _finer_nearby(by_day: dict[int | str | None, list[Event]], event: Event, level: int) -> Iterator[Event]:
    """The kept events of the buckets :func:`.windows._fold_buckets` gives for ``event``, less those
    no finer than ``level``, which cannot hold it (:func:`_contains`)."""
    for bucket in _fold_buckets(by_day, event):
        yield from _finer(by_day[bucket], level)


def _finer(kept: list[Event], level: int) -> Iterator[Event]:
    """The events of ``kept`` finer than ``level``: its first ones, for events are kept in the fold's
    order, finest first (a kept event's place never changes), so none follows the first that is not."""
    for event in kept:
        if _PRECISION_ORDER[event.geo_precision] >= level:
            return
        yield event
