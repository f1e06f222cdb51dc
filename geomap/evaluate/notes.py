"""Placement on coded-event notes: does each note's strike land where the dataset coded it?

A notes file is JSON lines, one coded event a line (see ``tests/real/notes/README.md``)::

    {"id": "n0001", "text": "On 3 May 2023, Russian forces shelled Vilkhuvatka, Kharkiv region.",
     "published": "2023-05-03", "lat": 50.07, "lon": 37.25, "origin": "real", "namesakes": true, …}

Each note is read on its own. Two figures matter to an analyst: the share of
notes with a point within :data:`NEAR_KM` of the coded point (found and placed),
and the share of drawn points more than :data:`FAR_KM` from it (confidently
wrong: a namesake in another oblast, a region centre for a village).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Event
from .gold import GoldError
from .matching import distance_km

#: A note is placed when one of its points lies this close (km) to the coded point.
NEAR_KM = 25.0
#: A drawn point this far (km) from the coded point is a wrong place, not an imprecise one.
FAR_KM = 100.0


@dataclass(frozen=True)
class Note:
    """One coded event: its text, the dataset's point and what is known of its name."""

    id: str
    text: str
    published: str | None
    lat: float
    lon: float
    place: str = ""
    origin: str = ""
    namesakes: bool = False


@dataclass
class NoteResult:
    """What the reading drew for one note."""

    note: Note
    points: list[tuple[float, Event]]   # (distance km, event), nearest first

    @property
    def placed(self) -> bool:
        """A point lies within :data:`NEAR_KM` of the coded point."""
        return bool(self.points) and self.points[0][0] <= NEAR_KM

    @property
    def far(self) -> int:
        """How many drawn points lie more than :data:`FAR_KM` away."""
        return sum(1 for d, _ in self.points if d > FAR_KM)

    @property
    def far_precise(self) -> int:
        """Far points drawn as a town, facility or district: confidently wrong, not just coarse."""
        return sum(1 for d, e in self.points if d > FAR_KM and e.geo_precision != "region")


@dataclass
class Placement:
    """Placement figures over a set of notes."""

    notes: int = 0
    placed: int = 0
    unplaced_empty: int = 0      # nothing drawn at all
    points: int = 0
    far_points: int = 0
    far_precise: int = 0         # far points drawn as a town, facility or district

    def add(self, result: NoteResult) -> None:
        """Count one note's result in."""
        self.notes += 1
        self.placed += int(result.placed)
        self.unplaced_empty += int(not result.points)
        self.points += len(result.points)
        self.far_points += result.far
        self.far_precise += result.far_precise

    @property
    def placed_share(self) -> float | None:
        """Notes placed within :data:`NEAR_KM`, of all notes."""
        return self.placed / self.notes if self.notes else None

    @property
    def far_share(self) -> float | None:
        """Points drawn more than :data:`FAR_KM` off, of all points drawn."""
        return self.far_points / self.points if self.points else None

    def to_dict(self) -> dict[str, Any]:
        """The figures as plain data."""
        return {"notes": self.notes, "placed": self.placed, "nothing_drawn": self.unplaced_empty,
                "points": self.points, "far_points": self.far_points, "far_precise": self.far_precise,
                "placed_share": _round(self.placed_share), "far_share": _round(self.far_share)}


@dataclass
class NotesReport:
    """Placement over a notes file, in total and by origin and namesakes, with the worst notes."""

    path: str
    results: list[NoteResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def placement(self, keep: Callable[[Note], bool] = lambda note: True) -> Placement:
        """Placement figures over the notes ``keep`` accepts."""
        figures = Placement()
        for result in self.results:
            if keep(result.note):
                figures.add(result)
        return figures

    def groups(self) -> dict[str, Placement]:
        """The total, and the figures by origin and by whether the name has namesakes."""
        out = {"all": self.placement()}
        for origin in sorted({r.note.origin for r in self.results if r.note.origin}):
            out[f"origin={origin}"] = self.placement(lambda n, o=origin: n.origin == o)
        out["namesakes"] = self.placement(lambda n: n.namesakes)
        out["no namesakes"] = self.placement(lambda n: not n.namesakes)
        return out

    def worst(self, n: int = 10) -> list[NoteResult]:
        """Notes with far points first (farthest first), then notes with nothing drawn."""
        far = sorted((r for r in self.results if r.far), key=lambda r: -r.points[-1][0])
        empty = [r for r in self.results if not r.points]
        return (far + empty)[:n]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data."""
        return {"path": self.path, "near_km": NEAR_KM, "far_km": FAR_KM, "problems": self.problems,
                "placement": {k: v.to_dict() for k, v in self.groups().items()},
                "notes": [_result_dict(r) for r in self.results]}


def load_notes(path: str | Path) -> tuple[list[Note], list[str]]:
    """The notes of a JSON-lines file, and one ``"PATH:LINE: reason"`` per unusable line."""
    notes, problems = [], []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                notes.append(_note(json.loads(line), lineno))
            except (json.JSONDecodeError, GoldError, TypeError, ValueError) as exc:
                problems.append(f"{path}:{lineno}: {exc}")
    return notes, problems


def _note(data: Any, lineno: int) -> Note:
    if not isinstance(data, dict):
        raise GoldError("not a JSON object")
    for name in ("text", "lat", "lon"):
        if name not in data:
            raise GoldError(f"'{name}' is missing")
    lat, lon = float(data["lat"]), float(data["lon"])
    if not (abs(lat) <= 90 and abs(lon) <= 180):
        raise GoldError(f"coordinates {lat}, {lon} out of range")
    return Note(id=str(data.get("id") or f"line-{lineno}"), text=str(data["text"]),
                published=data.get("published") or data.get("event_date"), lat=lat, lon=lon,
                place=str(data.get("place") or ""), origin=str(data.get("origin") or ""),
                namesakes=bool(data.get("namesakes")))


def evaluate_notes(path: str | Path) -> NotesReport:
    """Read the notes of ``path`` as one run, as an analyst would, and measure where each note's
    points land (the events whose documents include the note)."""
    from ..model import Document
    from ..pipeline import extract_documents

    notes, problems = load_notes(path)
    report = NotesReport(path=str(path), problems=problems)
    docs = [Document(doc_id=note.id, text=note.text, source=note.id, published=note.published)
            for note in notes]
    by_note: dict[str, list[Event]] = {}
    for event in extract_documents(docs):
        for doc_id in event.doc_ids:
            by_note.setdefault(doc_id, []).append(event)
    for note in notes:
        events = by_note.get(note.id, [])
        points = sorted(((distance_km(note, e), e) for e in events), key=lambda de: de[0])
        report.results.append(NoteResult(note, points))
    return report


def format_notes_report(report: NotesReport, *, worst: int = 10) -> str:
    """The placement figures and the worst notes as text."""
    lines = [f"Placement on {report.path}: {len(report.results)} notes "
             f"(placed = a point within {NEAR_KM:.0f} km; far = a point over {FAR_KM:.0f} km off)", ""]
    lines.append(f"  {'set':<18} {'notes':>5} {'placed%':>8} {'empty':>6} {'points':>6} {'far%':>6} "
                 f"{'far, not region':>15}")
    for name, p in report.groups().items():
        lines.append(f"  {name:<18} {p.notes:>5} {_pct(p.placed_share):>8} {p.unplaced_empty:>6} "
                     f"{p.points:>6} {_pct(p.far_share):>6} {p.far_precise:>15}")
    lines.append("")
    lines.append(f"Worst notes (up to {worst})")
    for r in report.worst(worst):
        drawn = ", ".join(f"{e.place_name or e.place} {d:.0f} km" for d, e in r.points) or "nothing drawn"
        lines.append(f"  {r.note.id} {r.note.place}: {drawn}")
        lines.append(f"      > {r.note.text[:110]}")
    if report.problems:
        lines += ["", "Unusable lines", *(f"  {p}" for p in report.problems)]
    return "\n".join(lines)


def _result_dict(r: NoteResult) -> dict[str, Any]:
    return {"id": r.note.id, "place": r.note.place, "origin": r.note.origin, "namesakes": r.note.namesakes,
            "placed": r.placed, "points": [{"place": e.place, "place_id": e.place_id, "km": round(d, 1),
                                            "confidence": e.confidence} for d, e in r.points]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"
