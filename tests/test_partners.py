"""A partial update's fold partners by kind: never fewer than the fold itself may fold together."""

from __future__ import annotations

from itertools import product

from geomap.merge.books import _STATUS_ORDER
from geomap.merge.fold import _fits
from geomap.model import STATUSES, STRIKE_TYPES, TARGET_TYPES, Event
from geomap.store.partners import could_fold


def _event(place_id: str, precision: str, kind: tuple[str, str, str]) -> Event:
    event = Event.__new__(Event)
    event.place_id, event.geo_precision, event.lat, event.lon = place_id, precision, 50.0, 36.0
    event.strike_type, event.target_type, event.status = kind
    return event


def _reachable(kind: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """The kinds a kept event of ``kind`` may come to hold in the fold: a weapon or target where its
    own is unknown, a status that rises."""
    strike, target, status = kind
    return list(product(STRIKE_TYPES if strike == "unknown" else (strike,),
                        TARGET_TYPES if target == "unknown" else (target,),
                        [s for s in STATUSES if _STATUS_ORDER[s] >= _STATUS_ORDER[status]]))


def test_could_fold_holds_wherever_the_fold_may_fold_the_two():
    kinds = list(product(STRIKE_TYPES, TARGET_TYPES, STATUSES))
    # A region's event into a town's, a city district's into its city and a raion's into its seat
    # (the other status rules).
    for coarse_place, coarse_precision in (("iso3166-2:UA-63", "region"), ("citydistrict:x", "district"),
                                           ("katottg:UA12080000000023578", "district")):
        for fine_kind in kinds:
            fine_states = [_event("geonames:1", "town", k) for k in _reachable(fine_kind)]
            for coarse_kind in kinds:
                coarse = _event(coarse_place, coarse_precision, coarse_kind)
                if any(_fits(coarse, fine) for fine in fine_states):
                    assert could_fold(coarse_precision, coarse_kind, "town", fine_kind), \
                        (coarse_kind, fine_kind)
                    assert could_fold("town", fine_kind, coarse_precision, coarse_kind)
    # Of one precision, or of a kind not known: as the fold's precision rule and any kind say.
    assert not could_fold("town", kinds[0], "town", kinds[0])
    assert could_fold("region", None, "town", ("missile", "refinery", "hit"))
