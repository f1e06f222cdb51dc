"""Figures behind the totals: per genre of reporting, and precision per confidence band.

The per-genre table shows where the reading is weak (tallies, officials' posts,
roundups); the confidence bands show whether ``confidence`` means something —
a higher band should be right more often.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .scoring import Accuracy, Counts, DocumentReport, Report, _attribute_accuracy

#: Lower edges of the confidence bands (each band runs to the next edge; the last to 1).
CONFIDENCE_EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.85)


@dataclass
class GenreFigures:
    """Event counts and attribute accuracy of the articles of one genre."""

    genre: str
    documents: int
    counts: Counts
    accuracy: dict[str, Accuracy]

    def to_dict(self) -> dict[str, Any]:
        """The figures as plain data."""
        return {"genre": self.genre, "documents": self.documents, **self.counts.to_dict(),
                "attribute_accuracy": {k: v.to_dict() for k, v in self.accuracy.items()}}


@dataclass
class Band:
    """Predicted events whose confidence lies in ``[low, high)``, and how many matched gold."""

    low: float
    high: float
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float | None:
        """correct / predicted, or ``None`` for an empty band."""
        return self.correct / self.predicted if self.predicted else None

    def to_dict(self) -> dict[str, Any]:
        """The band as plain data."""
        p = self.precision
        return {"low": self.low, "high": self.high, "predicted": self.predicted, "correct": self.correct,
                "precision": None if p is None else round(p, 4)}


def by_genre(documents: Sequence[DocumentReport]) -> list[GenreFigures]:
    """Counts and attribute accuracy per genre (articles without a genre under ``""``), by name."""
    groups: dict[str, list[DocumentReport]] = {}
    for doc in documents:
        groups.setdefault(doc.genre, []).append(doc)
    figures = []
    for genre in sorted(groups):
        docs = groups[genre]
        counts = Counts()
        for doc in docs:
            counts.add(doc.counts)
        accuracy = _attribute_accuracy([m for d in docs for m in d.matches])
        figures.append(GenreFigures(genre, len(docs), counts, accuracy))
    return figures


def confidence_bands(report: Report) -> list[Band]:
    """Precision of the predictions in each confidence band (:data:`CONFIDENCE_EDGES`)."""
    edges = (*CONFIDENCE_EDGES, 1.0)
    bands = [Band(lo, hi) for lo, hi in zip(edges, edges[1:], strict=False)]

    def band_of(confidence: float) -> Band:
        for band in reversed(bands):
            if confidence >= band.low:
                return band
        return bands[0]

    for match in report.matches:
        band = band_of(match.predicted.confidence)
        band.predicted += 1
        band.correct += 1
    for fp in report.false_positives:
        band_of(fp.predicted.confidence).predicted += 1
    return bands


def breakdown_dict(report: Report) -> dict[str, Any]:
    """Both breakdowns as plain data, for the JSON report."""
    return {"by_genre": [g.to_dict() for g in by_genre(report.documents)],
            "confidence_bands": [b.to_dict() for b in confidence_bands(report)]}


def format_breakdown(report: Report) -> str:
    """Both breakdowns as fixed-width text (the genre table only when genres are given)."""
    lines: list[str] = []
    genres = by_genre(report.documents)
    if any(g.genre for g in genres):
        lines.append("By genre")
        lines.append(f"  {'genre':<16} {'docs':>4} {'TP':>4} {'FP':>4} {'FN':>4}  {'F1%':>5}  "
                     f"{'type%':>5} {'target%':>7} {'status%':>7} {'date%':>5}")
        for g in genres:
            acc = {k: v.value for k, v in g.accuracy.items()}
            lines.append(
                f"  {g.genre or '(none)':<16} {g.documents:>4} {g.counts.tp:>4} {g.counts.fp:>4} "
                f"{g.counts.fn:>4}  {_pct(g.counts.f1)}  {_pct(acc['strike_type'])} "
                f"{_pct(acc['target_type']):>7} {_pct(acc['status']):>7} {_pct(acc['event_date'])}")
        lines.append("")
    lines.append("Precision by confidence band")
    for band in confidence_bands(report):
        lines.append(f"  [{band.low:.2f}, {band.high:.2f})  {band.predicted:>4} predicted  "
                     f"{_pct(band.precision)}% right")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}"
