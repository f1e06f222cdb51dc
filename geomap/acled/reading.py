"""Reading an ACLED CSV export: telling one by its header, and streaming its strike rows as events."""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from geomap.model import Event, ReadProblem

from .from_acled import _row_event
from .schema import REQUIRED_COLUMNS


def _header(path: str | os.PathLike[str]) -> list[str] | None:
    """The folded column names of a CSV's first line, or None if it cannot be read as UTF-8 text."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline(1 << 20)
    except (OSError, UnicodeDecodeError):
        return None
    if not first.strip():
        return None
    row = next(csv.reader([first]), [])
    return [name.strip().casefold() for name in row]


def is_acled_csv(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a CSV whose header has ACLED's columns (:data:`REQUIRED_COLUMNS`)."""
    header = _header(path)
    return header is not None and REQUIRED_COLUMNS <= set(header)


def read_acled(path: str | os.PathLike[str], *, name: str | None = None) -> Iterator[Event | ReadProblem]:
    """Stream an ACLED CSV export: one Event (``origin="acled"``) per strike row, ReadProblems for the rest.

    Rows of event type "Explosions/Remote violence" and of sub-event type
    "Disrupted weapons use" become events (see ``docs/schema.md`` for the
    mapping); other rows (battles, protests, ...) are not strikes and are
    counted in one warning at the end. A row with a bad date or coordinates
    is a ReadProblem naming its line; a file without ACLED's header is one
    ReadProblem. The file is read row by row, so memory stays flat. ``name``
    (default: the file name) stands in for ``event_id_cnty`` when a row has
    none (``<name>:<line>``).
    """
    given = os.fspath(path)
    name = name or Path(given).name
    if not is_acled_csv(given):
        yield ReadProblem(given, "CSV without ACLED's header (event_date, event_type, sub_event_type, "
                                 "latitude, longitude)")
        return
    skipped: Counter[str] = Counter()
    try:
        with open(given, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [column.strip().casefold() for column in next(reader)]
            line = reader.line_num
            for cells in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                row = dict(zip(header, cells, strict=False))
                result = _row_event(row, given, name, start)
                if result is None:
                    skipped[row.get("event_type", "").strip() or "(no event type)"] += 1
                elif isinstance(result, str):
                    yield ReadProblem(given, result, start)
                else:
                    yield result
    except UnicodeDecodeError as exc:
        yield ReadProblem(given, f"not valid UTF-8 ({exc.reason})")
    except (OSError, csv.Error) as exc:
        yield ReadProblem(given, f"cannot read: {exc}")
    if skipped:
        detail = ", ".join(f"{kind}: {count}" for kind, count in sorted(skipped.items()))
        total = sum(skipped.values())
        yield ReadProblem(given, f"{total} row{'s' if total != 1 else ''} not strikes ({detail}); skipped",
                          warning=True)
