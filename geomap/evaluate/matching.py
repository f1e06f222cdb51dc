"""Pairing predicted events with gold events, one to one, by distance."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .gold import _EARTH_RADIUS_KM, RADIUS_KM, GoldEvent, _Located


def distance_km(a: _Located, b: _Located) -> float:
    """Great-circle (haversine) distance in km between two things with ``lat`` and ``lon``."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlam = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Pair:
    """A matched pair: indexes into the predicted and gold lists, and their distance in km."""

    predicted: int
    gold: int
    distance_km: float


def match_events(predicted: Sequence[_Located], gold: Sequence[GoldEvent]) -> list[Pair]:
    """Match predictions to gold events one-to-one, by distance.

    A prediction may match a gold event when it lies within the gold event's
    radius (:data:`RADIUS_KM` by its precision). Of all one-to-one matchings
    the one with the most pairs is chosen, and among those the one with the
    least total distance; where distances tie, a region-level event pairs with a region-level
    one, and a prediction with the gold event of its own day. Returns the pairs sorted by gold
    index.
    """
    if not predicted or not gold:
        return []
    dist = [[distance_km(p, g) for g in gold] for p in predicted]
    allowed = [[dist[i][j] <= gold[j].radius_km for j in range(len(gold))] for i in range(len(predicted))]
    # Every allowed pair is worth a bonus larger than any total distance, so
    # minimising the cost first maximises the number of pairs, then minimises
    # their total distance. A forbidden pair costs the same as no pair (0).
    bonus = max(RADIUS_KM.values()) * (min(len(predicted), len(gold)) + 1) + 1.0
    # Where distances tie (a region's centre is its capital's point), a region pairs with a region
    # and a place with a place: a metre's worth of cost per pair of unlike kinds.
    # And where a place was struck on several days, each report pairs with the one of its own day.
    cost = [[dist[i][j] - bonus + _UNLIKE_KM * _unlike(predicted[i], gold[j])
             + _OTHER_DAY_KM * _other_day(predicted[i], gold[j]) if allowed[i][j] else 0.0
             for j in range(len(gold))] for i in range(len(predicted))]
    pairs = [Pair(i, j, dist[i][j]) for i, j in _assign(cost) if allowed[i][j]]
    return sorted(pairs, key=lambda p: p.gold)


_UNLIKE_KM = 0.001


_OTHER_DAY_KM = 0.0005


def _other_day(predicted: _Located, gold: GoldEvent) -> bool:
    """Whether the gold event is dated and the prediction gives another day (or none)."""
    return gold.event_date is not None and getattr(predicted, "event_date", None) != gold.event_date


def _unlike(predicted: _Located, gold: GoldEvent) -> bool:
    """Whether one of the pair is a region-level event and the other is not."""
    return (getattr(predicted, "geo_precision", None) == "region") != (gold.precision == "region")


def _assign(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of rows to columns (Hungarian method with potentials, O(n³)).

    ``cost`` is a rectangular matrix; it is padded with zero rows or columns
    to a square, so every row and column of the original gets at most one
    partner. Returns the (row, column) pairs between original rows and columns.
    """
    rows, cols = len(cost), len(cost[0]) if cost else 0
    n = max(rows, cols)
    if n == 0:
        return []

    def c(i: int, j: int) -> float:
        return cost[i][j] if i < rows and j < cols else 0.0

    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match_of_col = [0] * (n + 1)  # 1-based row matched to each column; 0 = none
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match_of_col[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = match_of_col[j0]
            delta, j1 = inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                cur = c(i0 - 1, j - 1) - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match_of_col[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match_of_col[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match_of_col[j0] = match_of_col[j1]
            j0 = j1
    return sorted((match_of_col[j] - 1, j - 1) for j in range(1, n + 1)
                  if match_of_col[j] - 1 < rows and j - 1 < cols)


