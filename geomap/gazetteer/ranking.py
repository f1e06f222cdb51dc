"""How namesakes are ranked, and when the ranking cannot choose.

A candidate's score adds the evidence a news reader uses: the name is the
place's primary one (+2), the place lies in a country of the war (+4), its size
(log10 of the population for towns), a region named in the same sentence (+6)
or article (+3), a country named (+1), a place already read within
``NEAR_KM`` (+2). Districts found by their "X raion"/"X hromada" phrase score
like a town; a district of a Ukrainian city (a place outside KATOTTG) found under an alternate
name takes no size bonus; a 2020 raion (+0.5) beats a city's district (+0.25) and the pre-2020
raion (0) of the same phrase; a settlement placed only at its hromada's point loses 1. ``Context.within``
is not a score but a filter. Equal scores go to the larger population; a district's population
(its settlements' people) breaks a tie only when a context is given (:meth:`Gazetteer.rank` with
one, :meth:`Gazetteer.resolve`): "Pokrovske community, Dnipropetrovsk oblast" is the hromada of
11,000 people, not the one of 5,000.
"""

from __future__ import annotations

import math

from .. import settings
from .model import NEAR_BONUS, NEAR_KM, Candidate, Context, Place, distance_km

#: Two namesakes whose scores differ by less than this are nearly equally likely …
AMBIGUOUS_MARGIN = 0.5
#: … and are rivals only when this far apart (a town and its own hromada are not rivals).
AMBIGUOUS_KM = 50.0


def base_score(cand: Candidate) -> float:
    """The context-free score of a candidate (see the module docstring)."""
    return place_score(cand.place, cand.primary)


def place_score(place: Place, primary: bool) -> float:
    """:func:`base_score` of ``place`` found under a primary (or an alternate) name."""
    score = 2.0 if primary else 0.0
    if place.country in settings.THEATRE_COUNTRIES:
        score += 4.0
    if place.kind == "town":
        if primary or not city_section(place):
            score += math.log10(place.population + 1)
        if place.radius_m:
            score -= 1.0   # only known to its hromada's point
    elif place.kind == "district":
        # A city's district (its town is the city) yields to a raion of the oblast of the same
        # phrase ("Pokrovskyi district": Pokrovsk raion, not Kryvyi Rih's district).
        score += 0.0 if place.town == "pre-2020" else 0.25 if place.town else 0.5
    else:
        score += {"facility": 8.0, "region": 6.0, "informal": 6.0, "country": 5.0}[place.kind]
    return score


def city_section(place: Place) -> bool:
    """A Ukrainian populated place outside KATOTTG (no raion): in practice a district of a city
    (Donetsk's "Kalynivskyi", 103,249 people) whose alternate names include the name of a
    village ("Kalynivka"). Found under such a name it takes no size bonus: the size is the
    city's, not the village's. Kyiv and Sevastopol, outside any raion themselves, keep theirs."""
    return place.country == "UA" and not place.admin2 and place.admin1 not in ("UA-30", "UA-40")


#: ``NEAR_KM`` in degrees of latitude, rounded up (a degree of latitude is at least 110.5 km).
_NEAR_DEG = NEAR_KM / 110.5


def context_bonus(place: Place, ctx: Context) -> float:
    """What the context adds to a candidate's score."""
    bonus = 0.0
    admin1 = place.admin1  # (a NamedTuple's fields, each read once: some 150 instructions a read)
    if admin1 and admin1 in ctx.regions:
        bonus += 6.0
    elif admin1 and admin1 in ctx.article_regions:
        bonus += 3.0
    country = place.country
    if country and country in ctx.countries:
        bonus += 1.0
    if ctx.near and place.kind in ("town", "district", "facility"):
        # A degree of latitude is at least 110 km: most points are ruled out before the haversine.
        # (A plain loop, not any() over a generator: this runs for every namesake of every name
        # read with a context. A point at the band's edge is more than NEAR_KM away whichever
        # side of it rounding puts it, so the band only spares distances.)
        plat, plon = place.lat, place.lon
        low, high = plat - _NEAR_DEG, plat + _NEAR_DEG
        for lat, lon in ctx.near:
            if low <= lat <= high and distance_km(lat, lon, plat, plon) <= NEAR_KM:
                bonus += NEAR_BONUS
                break
    return bonus


def outside(place: Place, within: set[str]) -> bool:
    """Whether ``Context.within`` rules this candidate out (a town or district elsewhere)."""
    return bool(within) and place.kind in ("town", "district") and place.admin1 not in within


def judge(scored: list[tuple[float, Place]], filtered: bool) -> tuple[bool, float, str]:
    """(ambiguous, confidence, why) for candidates sorted best first with their scores.

    ``filtered`` says ``Context.within`` removed some namesakes.
    """
    best_score, best = scored[0]
    if len(scored) == 1:
        return False, 1.0, "the only place of that name in the named region" if filtered \
            else "the only place of that name"
    gap = best_score - scored[1][0]
    rival = None
    for s, p in scored[1:]:
        if best_score - s >= AMBIGUOUS_MARGIN:
            break  # sorted best first: no later namesake is close in score either
        if distance_km(best.lat, best.lon, p.lat, p.lon) > AMBIGUOUS_KM:
            rival = p
            break
    if rival is not None:
        km = distance_km(best.lat, best.lon, rival.lat, rival.lon)
        return True, round(min(0.5, 0.35 + gap / 10), 2), \
            f"several namesakes nearly as likely (next: {rival.name}, {rival.admin2 or rival.admin1}, " \
            f"{km:.0f} km away)"
    confidence = round(min(1.0, 0.55 + gap / 10), 2)
    if gap >= 500:
        why = "the usual news meaning of the name (preferred.tsv)"
    elif filtered:
        why = "the likeliest of the namesakes in the named region"
    else:
        why = "the likeliest namesake (primary name, country of the war, size, context)"
    return False, confidence, why
