"""Scoring: counts, attribute accuracy, errors sorted by kind, per article and in total."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import STATUSES, Event
from ..text import match_fold, normalise, split_sentences
from .gold import ATTRIBUTES, MENTION_RADIUS_KM, RADIUS_KM, Gold, GoldEvent
from .matching import distance_km, match_events


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
    genre: str
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
            "published": self.published, "genre": self.genre, "gold_events": self.gold_events,
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
                          genre=gold.genre,
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


