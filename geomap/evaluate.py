"""Score the extractor against hand-made gold annotations.

A gold folder holds, for each article ``NNN_slug.txt``, a ``NNN_slug.json``::

    {"published": "2025-03-21" | null,
     "events": [{"place": "...", "lat": 51.49, "lon": 45.97,
                 "precision": "facility|town|district|region|country",
                 "strike_type": "...", "target_type": "...", "status": "...",
                 "attacker": "...", "event_date": "2025-03-20" | null}],
     "mentions": [{"place": "Istanbul", "lat": 41.01, "lon": 28.95}],
     "notes": "optional"}

Each article is run through the real pipeline on its own
(:func:`geomap.pipeline.extract_events` with the gold ``published`` date), so
merging inside an article counts but never across articles. Predicted events
are matched one-to-one to gold events by distance: a pair is allowed when the
prediction lies within the radius of the gold event's precision
(:data:`RADIUS_KM`), and among the matchings with the most pairs the one of
least total distance is chosen (a min-cost assignment, solved exactly by the
Hungarian method in :func:`_assign`).

The report gives TP/FP/FN, precision, recall and F1 per article and in total
(micro-averaged), the accuracy of strike type, target type, status, attacker
and event date on matched pairs, a status confusion matrix, and sorts each
false positive into one kind:

``duplicate``
    within the radius of a gold event that is already matched: the same
    strike predicted twice (a merge that did not happen);
``mention``
    within :data:`MENTION_RADIUS_KM` of a gold *mention*: a place only
    mentioned (dateline, talks, a capital standing for its government) that
    was mapped as a strike;
``spurious``
    anything else.

(A false positive is never within the radius of an *unmatched* gold event: the
matching would then have paired them.)

>>> report = evaluate("tests/gold")                 # doctest: +SKIP
>>> print(format_report(report))                    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .model import ATTACKERS, GEO_PRECISIONS, STATUSES, STRIKE_TYPES, TARGET_TYPES, Event
from .text import match_fold, normalise, split_sentences

#: Allowed distance (km) between a prediction and a gold event, by the gold event's precision.
RADIUS_KM: dict[str, float] = {
    "facility": 25.0,
    "town": 25.0,
    "district": 50.0,
    "region": 200.0,
    "country": 500.0,
}
#: A false positive this close (km) to a gold mention counts as a mentioned place that was mapped.
MENTION_RADIUS_KM = 25.0
#: The attributes whose accuracy is measured on matched pairs (event_date is measured apart).
ATTRIBUTES: tuple[str, ...] = ("strike_type", "target_type", "status", "attacker")
#: The vocabulary each gold attribute must come from.
_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "strike_type": STRIKE_TYPES,
    "target_type": TARGET_TYPES,
    "status": STATUSES,
    "attacker": ATTACKERS,
}
#: Text files looked for beside a gold JSON (or in the texts folder), in this order.
TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")
_EARTH_RADIUS_KM = 6371.0088


class GoldError(ValueError):
    """A gold file that cannot be used; the message says why (without the file name)."""


class _Located(Protocol):
    lat: float
    lon: float


# -- gold ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEvent:
    """One annotated strike. An attribute left out of the annotation is ``None`` (not scored)."""

    place: str
    lat: float
    lon: float
    precision: str
    strike_type: str | None = None
    target_type: str | None = None
    status: str | None = None
    attacker: str | None = None
    event_date: str | None = None

    @property
    def radius_km(self) -> float:
        """How far (km) a prediction may lie from this event and still match it."""
        return RADIUS_KM[self.precision]


@dataclass(frozen=True)
class GoldMention:
    """A place the article names that is not a strike (it should not be mapped)."""

    place: str
    lat: float
    lon: float


@dataclass
class Gold:
    """The annotation of one article, read from its gold JSON file."""

    path: Path
    published: str | None
    events: list[GoldEvent] = field(default_factory=list)
    mentions: list[GoldMention] = field(default_factory=list)
    notes: str = ""

    @property
    def name(self) -> str:
        """The article's name: the gold file's stem (``NNN_slug``)."""
        return self.path.stem


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold JSON file.

    Raises :class:`GoldError` naming the first problem found (not JSON, a
    missing or mistyped field, a coordinate out of range, a value outside the
    schema's vocabularies, a date that is not YYYY-MM-DD), and ``OSError``
    when the file cannot be read.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise GoldError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise GoldError("the top level is not a JSON object")
    published = _date_field(data, "published", "")
    events_raw = data.get("events", [])
    mentions_raw = data.get("mentions", [])
    if not isinstance(events_raw, list):
        raise GoldError("'events' is not a list")
    if not isinstance(mentions_raw, list):
        raise GoldError("'mentions' is not a list")
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        notes = json.dumps(notes, ensure_ascii=False)
    events = [_gold_event(item, f"events[{i}]") for i, item in enumerate(events_raw)]
    mentions = [_gold_mention(item, f"mentions[{i}]") for i, item in enumerate(mentions_raw)]
    return Gold(path=path, published=published, events=events, mentions=mentions, notes=notes)


def _gold_event(item: object, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    place, lat, lon = _place_fields(item, where)
    precision = item.get("precision")
    if precision not in GEO_PRECISIONS:
        raise GoldError(f"{where}.precision is {precision!r}; expected one of {', '.join(GEO_PRECISIONS)}")
    attrs: dict[str, str | None] = {}
    for name, vocabulary in _VOCABULARIES.items():
        value = item.get(name)
        if value is not None and value not in vocabulary:
            raise GoldError(f"{where}.{name} is {value!r}; expected one of {', '.join(vocabulary)}")
        attrs[name] = value
    event_date = _date_field(item, "event_date", f"{where}.")
    return GoldEvent(place=place, lat=lat, lon=lon, precision=precision, event_date=event_date, **attrs)


def _gold_mention(item: object, where: str) -> GoldMention:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    place, lat, lon = _place_fields(item, where)
    return GoldMention(place=place, lat=lat, lon=lon)


def _place_fields(item: dict[str, Any], where: str) -> tuple[str, float, float]:
    place = item.get("place")
    if not isinstance(place, str) or not place.strip():
        raise GoldError(f"{where}.place is missing or not a string")
    coords = []
    for name, limit in (("lat", 90.0), ("lon", 180.0)):
        value = item.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise GoldError(f"{where}.{name} is missing or not a number")
        if not math.isfinite(value) or abs(value) > limit:
            raise GoldError(f"{where}.{name} {value} is out of range")
        coords.append(float(value))
    return place, coords[0], coords[1]


def _date_field(item: dict[str, Any], name: str, prefix: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoldError(f"{prefix}{name} is not a string or null")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise GoldError(f"{prefix}{name} {value!r} is not a date in the form YYYY-MM-DD") from None


# -- matching -----------------------------------------------------------------------


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
    least total distance. Returns the pairs sorted by gold index.
    """
    if not predicted or not gold:
        return []
    dist = [[distance_km(p, g) for g in gold] for p in predicted]
    allowed = [[dist[i][j] <= gold[j].radius_km for j in range(len(gold))] for i in range(len(predicted))]
    # Every allowed pair is worth a bonus larger than any total distance, so
    # minimising the cost first maximises the number of pairs, then minimises
    # their total distance. A forbidden pair costs the same as no pair (0).
    bonus = max(RADIUS_KM.values()) * (min(len(predicted), len(gold)) + 1) + 1.0
    cost = [[dist[i][j] - bonus if allowed[i][j] else 0.0 for j in range(len(gold))]
            for i in range(len(predicted))]
    pairs = [Pair(i, j, dist[i][j]) for i, j in _assign(cost) if allowed[i][j]]
    return sorted(pairs, key=lambda p: p.gold)


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


# -- scoring ------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the measures made of them.

    An empty denominator counts as perfect (an article with no strikes and no
    predictions has precision and recall 1), so noise-only articles score well
    when nothing is predicted for them.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add another set of counts into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        """The counts and measures (rounded to 4 places) as a plain dict."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    """How many matched pairs agree on one attribute, of how many were scored."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """correct / total, or ``None`` when nothing was scored."""
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        """The figures as a plain dict (``accuracy`` rounded to 4 places, or null)."""
        value = self.value
        return {"correct": self.correct, "total": self.total,
                "accuracy": None if value is None else round(value, 4)}


@dataclass
class Match:
    """A matched pair as reported: the gold event, the prediction, and their distance."""

    document: str
    gold: GoldEvent
    predicted: Event
    distance_km: float

    def to_dict(self) -> dict[str, Any]:
        """The pair as a plain dict, with each scored attribute as gold and predicted value."""
        out: dict[str, Any] = {
            "document": self.document, "gold_place": self.gold.place, "gold_precision": self.gold.precision,
            "predicted_place": self.predicted.place, "predicted_place_id": self.predicted.place_id,
            "distance_km": round(self.distance_km, 2),
        }
        for name in (*ATTRIBUTES, "event_date"):
            out[name] = {"gold": getattr(self.gold, name), "predicted": getattr(self.predicted, name)}
        return out


@dataclass
class Miss:
    """A gold event that nothing matched (false negative), with where the text speaks of it."""

    document: str
    gold: GoldEvent
    sentence: str | None
    nearest_prediction_km: float | None

    def to_dict(self) -> dict[str, Any]:
        """The miss as a plain dict."""
        g = self.gold
        return {"document": self.document, "place": g.place, "lat": g.lat, "lon": g.lon,
                "precision": g.precision, "strike_type": g.strike_type, "target_type": g.target_type,
                "status": g.status, "event_date": g.event_date, "sentence": self.sentence,
                "nearest_prediction_km": _round_or_none(self.nearest_prediction_km)}


@dataclass
class FalsePositive:
    """A prediction that matched no gold event, its kind (see the module docstring) and evidence."""

    document: str
    predicted: Event
    kind: str
    near: str | None
    nearest_gold_km: float | None

    def to_dict(self) -> dict[str, Any]:
        """The false positive as a plain dict."""
        e = self.predicted
        return {"document": self.document, "kind": self.kind, "near": self.near, "place": e.place,
                "place_name": e.place_name, "place_id": e.place_id, "lat": round(e.lat, 5),
                "lon": round(e.lon, 5), "geo_precision": e.geo_precision, "strike_type": e.strike_type,
                "target_type": e.target_type, "status": e.status, "event_date": e.event_date,
                "evidence": e.evidence[0] if e.evidence else None,
                "nearest_gold_km": _round_or_none(self.nearest_gold_km)}


@dataclass
class DocumentReport:
    """The evaluation of one article."""

    name: str
    gold_path: str
    text_path: str
    published: str | None
    gold_events: int
    predicted_events: int
    counts: Counts
    matches: list[Match] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The article's figures and lists as a plain dict."""
        return {
            "name": self.name, "gold_path": self.gold_path, "text_path": self.text_path,
            "published": self.published, "gold_events": self.gold_events,
            "predicted_events": self.predicted_events, **self.counts.to_dict(),
            "matches": [m.to_dict() for m in self.matches],
            "false_negatives": [m.to_dict() for m in self.misses],
            "false_positives": [f.to_dict() for f in self.false_positives],
        }


@dataclass
class Report:
    """The whole evaluation: per-article reports, totals, attribute accuracy and error lists.

    ``problems`` holds one line per gold file that could not be used
    (``"PATH: reason"``); those files are left out of every figure.
    """

    gold_dir: str
    documents: list[DocumentReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    worst: int = 10

    @property
    def totals(self) -> Counts:
        """TP/FP/FN summed over all articles (micro-average)."""
        total = Counts()
        for doc in self.documents:
            total.add(doc.counts)
        return total

    @property
    def matches(self) -> list[Match]:
        """Every matched pair, article by article."""
        return [m for doc in self.documents for m in doc.matches]

    @property
    def misses(self) -> list[Miss]:
        """Every false negative, article by article."""
        return [m for doc in self.documents for m in doc.misses]

    @property
    def false_positives(self) -> list[FalsePositive]:
        """Every false positive, article by article."""
        return [f for doc in self.documents for f in doc.false_positives]

    @property
    def attribute_accuracy(self) -> dict[str, Accuracy]:
        """Accuracy of each of :data:`ATTRIBUTES` and ``event_date`` on matched pairs.

        Only pairs whose gold event gives the attribute are scored; for
        ``event_date``, only pairs whose gold event has a date (exact match);
        ``event_date_window`` counts the gold day as found when it lies in the
        window the predicted date's precision states (a week, a month).
        """
        return _attribute_accuracy(self.matches)

    @property
    def status_confusion(self) -> dict[str, dict[str, int]]:
        """Matched pairs counted by gold status (outer key) and predicted status (inner key)."""
        return status_confusion(self.matches)

    @property
    def mentions_mapped(self) -> list[FalsePositive]:
        """False positives lying on a gold mention: places only mentioned that were mapped."""
        return [f for f in self.false_positives if f.kind == "mention"]

    @property
    def duplicates(self) -> list[FalsePositive]:
        """False positives within the radius of an already matched gold event (a strike twice)."""
        return [f for f in self.false_positives if f.kind == "duplicate"]

    def worst_misses(self, n: int | None = None) -> list[Miss]:
        """The ``n`` worst false negatives: nothing predicted near them first, then the farthest."""
        n = self.worst if n is None else n
        return sorted(self.misses, key=_miss_badness)[:n]

    def worst_false_positives(self, n: int | None = None) -> list[FalsePositive]:
        """The ``n`` worst false positives: spurious and mentions before duplicates, farthest first."""
        n = self.worst if n is None else n
        return sorted(self.false_positives, key=_fp_badness)[:n]

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain JSON-ready data."""
        confusion = self.status_confusion
        return {
            "gold_dir": self.gold_dir,
            "radius_km": dict(RADIUS_KM),
            "mention_radius_km": MENTION_RADIUS_KM,
            "documents_evaluated": len(self.documents),
            "problems": list(self.problems),
            "totals": {"gold_events": sum(d.gold_events for d in self.documents),
                       "predicted_events": sum(d.predicted_events for d in self.documents),
                       **self.totals.to_dict()},
            "attribute_accuracy": {k: v.to_dict() for k, v in self.attribute_accuracy.items()},
            "status_confusion": {"labels": list(STATUSES), "matrix": confusion},
            "mentions_mapped": {"count": len(self.mentions_mapped),
                                "items": [f.to_dict() for f in self.mentions_mapped]},
            "leftover_duplicates": {"count": len(self.duplicates),
                                    "items": [f.to_dict() for f in self.duplicates]},
            "worst_false_negatives": [m.to_dict() for m in self.worst_misses()],
            "worst_false_positives": [f.to_dict() for f in self.worst_false_positives()],
            "documents": [d.to_dict() for d in self.documents],
        }


def _round_or_none(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _miss_badness(miss: Miss) -> tuple[float, str]:
    far = math.inf if miss.nearest_prediction_km is None else miss.nearest_prediction_km
    return (-far, miss.document)


_FP_KIND_ORDER = {"spurious": 0, "mention": 1, "duplicate": 2}


def _fp_badness(fp: FalsePositive) -> tuple[int, float, str]:
    far = math.inf if fp.nearest_gold_km is None else fp.nearest_gold_km
    return (_FP_KIND_ORDER.get(fp.kind, 0), -far, fp.document)


def _attribute_accuracy(matches: Sequence[Match]) -> dict[str, Accuracy]:
    result = {name: Accuracy() for name in (*ATTRIBUTES, "event_date", "event_date_window")}
    for m in matches:
        for name, acc in result.items():
            expected = getattr(m.gold, "event_date" if name == "event_date_window" else name)
            if expected is None:
                continue
            acc.total += 1
            if name == "event_date_window":
                acc.correct += int(_date_within(m.predicted, expected))
            else:
                acc.correct += int(getattr(m.predicted, name) == expected)
    return result


def _date_within(predicted: Event, gold_date: str) -> bool:
    """Whether the gold day lies in the window the predicted date and its precision stand for.

    A ``week`` date stands for a week either side of it, a ``month`` date for its month.
    """
    if predicted.event_date is None:
        return False
    day, gold = dt.date.fromisoformat(predicted.event_date), dt.date.fromisoformat(gold_date)
    if predicted.date_precision == "week":
        return abs((gold - day).days) <= 7
    if predicted.date_precision == "month":
        return (day.year, day.month) == (gold.year, gold.month)
    return day == gold


def status_confusion(matches: Sequence[Match]) -> dict[str, dict[str, int]]:
    """Count matched pairs by gold status × predicted status (pairs without gold status skipped).

    Every status of the vocabulary appears as a row and a column, zeros included.
    """
    matrix = {g: {p: 0 for p in STATUSES} for g in STATUSES}
    for m in matches:
        if m.gold.status is None:
            continue
        row = matrix.setdefault(m.gold.status, {p: 0 for p in STATUSES})
        row[m.predicted.status] = row.get(m.predicted.status, 0) + 1
    return matrix


def score_document(name: str, predicted: Sequence[Event], gold: Gold, *, text: str = "",
                   gold_path: str = "", text_path: str = "") -> DocumentReport:
    """Score one article's predictions against its gold annotation.

    ``text`` (the article) is used only to quote, for each false negative,
    the sentence that names the gold place.
    """
    pairs = match_events(predicted, gold.events)
    matched_gold = {p.gold for p in pairs}
    matched_pred = {p.predicted for p in pairs}
    matches = [Match(name, gold.events[p.gold], predicted[p.predicted], p.distance_km) for p in pairs]
    sentences = [s.text for s in split_sentences(normalise(text))] if text else []
    misses = []
    for j, g in enumerate(gold.events):
        if j in matched_gold:
            continue
        nearest = min((distance_km(p, g) for p in predicted), default=None)
        misses.append(Miss(name, g, _sentence_naming(g.place, sentences), nearest))
    false_positives = []
    for i, p in enumerate(predicted):
        if i in matched_pred:
            continue
        false_positives.append(_classify_fp(name, p, gold, matched_gold))
    counts = Counts(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold.events) - len(pairs))
    return DocumentReport(name=name, gold_path=gold_path, text_path=text_path, published=gold.published,
                          gold_events=len(gold.events), predicted_events=len(predicted), counts=counts,
                          matches=matches, misses=misses, false_positives=false_positives)


def _classify_fp(name: str, event: Event, gold: Gold, matched_gold: set[int]) -> FalsePositive:
    nearest_gold = min((distance_km(event, g) for g in gold.events), default=None)
    for j, g in enumerate(gold.events):
        if j in matched_gold and distance_km(event, g) <= g.radius_km:
            return FalsePositive(name, event, "duplicate", g.place, nearest_gold)
    near_mentions = [(distance_km(event, m), m) for m in gold.mentions]
    near_mentions = [(d, m) for d, m in near_mentions if d <= MENTION_RADIUS_KM]
    if near_mentions:
        _, mention = min(near_mentions, key=lambda dm: dm[0])
        return FalsePositive(name, event, "mention", mention.place, nearest_gold)
    return FalsePositive(name, event, "spurious", None, nearest_gold)


_WORD = re.compile(r"\w+")
# Words of a gold place name that say what, not where ("Ryazan oil refinery" -> "Ryazan").
_GENERIC_WORDS = frozenset({
    "oil", "refinery", "depot", "plant", "power", "station", "thermal", "nuclear", "hydroelectric",
    "region", "oblast", "krai", "district", "city", "town", "village", "airfield", "air", "base",
    "port", "terminal", "factory", "works", "pumping", "substation", "gas", "the", "of", "in", "near",
    "and", "chemical", "military", "airport", "bay", "sea", "republic", "settlement",
})


def _sentence_naming(place: str, sentences: Sequence[str]) -> str | None:
    """The sentence that best names ``place``: the whole name if any sentence has it, else the
    sentence with most of its distinctive words (each matched as a word prefix, so case endings
    such as "Ryazani" still count). ``None`` when no sentence names any of them."""
    if not sentences:
        return None
    folded = [match_fold(s) for s in sentences]
    whole = " ".join(match_fold(normalise(place)).split())
    if whole:
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in whole.split()) + r"\b")
        for sentence, text in zip(sentences, folded, strict=True):
            if pattern.search(text):
                return sentence
    words = [w for w in _WORD.findall(match_fold(normalise(place))) if w not in _GENERIC_WORDS and len(w) > 2]
    if not words:
        return None
    # A word prefix that tolerates a case ending: all but the last letter or two of long words.
    stems = [w[: max(4, len(w) - 2)] if len(w) > 5 else w for w in words]
    patterns = [re.compile(rf"\b{re.escape(s)}") for s in stems]
    best, best_score = None, 0
    for sentence, text in zip(sentences, folded, strict=True):
        score = sum(1 for p in patterns if p.search(text))
        if score > best_score:
            best, best_score = sentence, score
    return best


# -- running ------------------------------------------------------------------------


def find_text(gold_path: Path, texts_dir: str | Path | None = None) -> Path | None:
    """The article a gold file annotates: same stem, ``.txt`` (or ``.html``/``.htm``), looked for
    in ``texts_dir`` when given, then beside the gold file. ``None`` when there is none."""
    folders = ([Path(texts_dir)] if texts_dir is not None else []) + [gold_path.parent]
    for folder in folders:
        for suffix in TEXT_SUFFIXES:
            candidate = folder / f"{gold_path.stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def evaluate(gold_dir: str | Path, *, texts_dir: str | Path | None = None, worst: int = 10,
             on_problem: Callable[[str], None] | None = None) -> Report:
    """Run the pipeline on every article annotated in ``gold_dir`` and score it.

    Every ``*.json`` directly in ``gold_dir`` is a gold file; its article is
    found by :func:`find_text`. Each article goes through
    :func:`geomap.pipeline.extract_events` on its own, with the gold
    ``published`` date. A gold file that cannot be used (unreadable, invalid,
    no article, an article the pipeline cannot read) is listed in
    ``Report.problems`` — and passed to ``on_problem(line)`` as it is met —
    and the rest are still evaluated. Raises ``NotADirectoryError`` when
    ``gold_dir`` is not a folder.
    """
    from .pipeline import extract_events

    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise NotADirectoryError(0, "not a folder", str(gold_dir))
    report = Report(gold_dir=str(gold_dir), worst=worst)

    def problem(path: Path, reason: str) -> None:
        line = f"{path}: {reason}"
        report.problems.append(line)
        if on_problem is not None:
            on_problem(line)

    for gold_path in sorted(gold_dir.glob("*.json")):
        try:
            gold = load_gold(gold_path)
        except GoldError as exc:
            problem(gold_path, str(exc))
            continue
        except OSError as exc:
            problem(gold_path, exc.strerror or str(exc))
            continue
        text_path = find_text(gold_path, texts_dir)
        if text_path is None:
            where = f"{texts_dir} or {gold_path.parent}" if texts_dir is not None else str(gold_path.parent)
            problem(gold_path, f"no article {gold_path.stem}{{{','.join(TEXT_SUFFIXES)}}} in {where}")
            continue
        result = extract_events([str(text_path)], date=gold.published)
        errors = [p for p in result.problems if not p.warning]
        if errors or result.documents != 1:
            reason = str(errors[0]) if errors else f"{result.documents} documents read, expected 1"
            problem(gold_path, f"article unusable: {reason}")
            continue
        text = _document_text(text_path)
        report.documents.append(score_document(gold_path.stem, result.events, gold, text=text,
                                               gold_path=str(gold_path), text_path=str(text_path)))
    if not report.documents and not report.problems:
        problem(gold_dir, "no gold files (*.json) in this folder")
    return report


def _document_text(path: Path) -> str:
    """The article's text as the pipeline reads it (markup dropped from HTML), for quoting."""
    from .model import Document
    from .read import iter_documents

    for item in iter_documents([str(path)]):
        if isinstance(item, Document):
            return item.text
    return ""


# -- printing -----------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:5.1f}"


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: Report, *, worst: int | None = None) -> str:
    """The report as a fixed-width text table (per article, totals, attributes, errors)."""
    worst = report.worst if worst is None else worst
    lines: list[str] = []
    name_w = max([len("document"), len("TOTAL")] + [len(d.name) for d in report.documents])
    name_w = min(name_w, 40)
    header = f"{'document':<{name_w}}  {'gold':>4} {'pred':>4} {'TP':>4} {'FP':>4} {'FN':>4}  " \
             f"{'P%':>5} {'R%':>5} {'F1%':>5}"
    lines.append(f"Evaluation of {report.gold_dir}: {len(report.documents)} articles"
                 + (f", {len(report.problems)} unusable gold files" if report.problems else ""))
    lines.append("")
    lines.append(header)
    lines.append("-" * len(header))

    def row(name: str, gold: int, pred: int, c: Counts) -> str:
        return (f"{_clip(name, name_w):<{name_w}}  {gold:>4} {pred:>4} {c.tp:>4} {c.fp:>4} {c.fn:>4}  "
                f"{_pct(c.precision)} {_pct(c.recall)} {_pct(c.f1)}")

    for d in report.documents:
        lines.append(row(d.name, d.gold_events, d.predicted_events, d.counts))
    lines.append("-" * len(header))
    lines.append(row("TOTAL", sum(d.gold_events for d in report.documents),
                     sum(d.predicted_events for d in report.documents), report.totals))
    lines.append("")

    lines.append("Attributes on matched pairs")
    for name, acc in report.attribute_accuracy.items():
        shown = "  n/a" if acc.value is None else f"{_pct(acc.value)}%"
        lines.append(f"  {name:<17} {shown:>6}  ({acc.correct}/{acc.total})")
    lines.append("")

    lines.append("Status confusion (rows gold, columns predicted)")
    confusion = report.status_confusion
    labels = list(STATUSES) + sorted({p for r in confusion.values() for p in r} - set(STATUSES))
    width = max(len(s) for s in labels) + 1
    lines.append(f"  {'':<{width}}" + "".join(f"{s:>{width}}" for s in labels))
    for g, counts in confusion.items():
        lines.append(f"  {g:<{width}}" + "".join(f"{counts.get(p, 0):>{width}}" for p in labels))
    lines.append("")

    fps = report.false_positives
    lines.append(f"False positives by kind: {len(report.duplicates)} leftover duplicates, "
                 f"{len(report.mentions_mapped)} mentioned places mapped, "
                 f"{sum(1 for f in fps if f.kind == 'spurious')} spurious")
    for f in report.mentions_mapped:
        lines.append(f"  mention   {f.document}: {f.predicted.place} (on mention {f.near})")
    for f in report.duplicates:
        lines.append(f"  duplicate {f.document}: {f.predicted.place} (gold {f.near} already matched)")
    lines.append("")

    lines.append(f"Worst false negatives (up to {worst})")
    if not report.misses:
        lines.append("  (none)")
    for m in report.worst_misses(worst):
        far = "nothing predicted" if m.nearest_prediction_km is None \
            else f"nearest prediction {m.nearest_prediction_km:.0f} km"
        lines.append(f"  {m.document}: {m.gold.place} [{m.gold.precision}, {m.gold.status or '-'}] ({far})")
        lines.append(f"      > {_clip(m.sentence, 100) if m.sentence else '(no sentence names it)'}")
    lines.append("")
    lines.append(f"Worst false positives (up to {worst})")
    if not report.false_positives:
        lines.append("  (none)")
    for f in report.worst_false_positives(worst):
        far = "no gold event" if f.nearest_gold_km is None else f"nearest gold {f.nearest_gold_km:.0f} km"
        lines.append(f"  {f.document}: {f.predicted.place} -> {f.predicted.place_name} "
                     f"[{f.kind}, {f.predicted.status}] ({far})")
        evidence = f.predicted.evidence[0] if f.predicted.evidence else ""
        lines.append(f"      > {_clip(evidence, 100) or '(no evidence)'}")
    if report.problems:
        lines.append("")
        lines.append("Unusable gold files")
        lines.extend(f"  {p}" for p in report.problems)
    return "\n".join(lines)


def run_cli(gold_dir: str, *, texts_dir: str | None = None, report_path: str | None = None,
            worst: int = 10, prog: str = "geomap") -> int:
    """What ``geomap evaluate`` does: evaluate, print the table, write the JSON report.

    Each unusable gold file gets one line on stderr. Returns the exit status:
    0, or 1 when some gold file was unusable (evaluation is not a test, so low
    scores never fail it).
    """
    from .atomic import write_text_atomic

    def say(line: str) -> None:
        print(f"{prog}: bad gold file {line}", file=sys.stderr)

    report = evaluate(gold_dir, texts_dir=texts_dir, worst=worst, on_problem=say)
    print(format_report(report))
    if report_path:
        write_text_atomic(report_path, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {report_path}")
    return 1 if report.problems else 0
