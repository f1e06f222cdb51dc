"""Writing geomap's events as an ACLED-compatible CSV file (:func:`write_acled_csv`)."""

from __future__ import annotations

import csv
import math
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from geomap.atomic import atomic_path
from geomap.csvcell import safe_cell
from geomap.model import Event

from .schema import ACLED_COLUMNS
from .to_acled import acled_row


def _gazetteer_admin(place_id: str) -> tuple[str, str]:
    """A place's raion and hromada from the gazetteer, when it is already loaded (never loads it)."""
    from geomap import gazetteer

    loaded = gazetteer._DEFAULT  # noqa: SLF001 -- only use a gazetteer someone already paid to load
    place = loaded.get(place_id) if loaded is not None and place_id else None
    return (place.admin2, place.admin3) if place is not None else ("", "")


def write_acled_csv(events: Sequence[Event], path: str | os.PathLike[str], *,
                    warn: Callable[[str], None] | None = None,
                    admin_lookup: Callable[[str], tuple[str, str]] | None = None) -> Path:
    """Write the events as an ACLED-compatible CSV (UTF-8, header row) and return ``path``.

    Columns are :data:`ACLED_COLUMNS`, ACLED's 31 in ACLED's order; dates are
    ISO ``YYYY-MM-DD`` as in current ACLED exports; ``fatalities`` is the
    number of dead the evidence states (0 when it states none; ``tags`` then
    says "fatalities=not reported"). Events without a date are left out (ACLED
    has no undated rows) and counted in one message to ``warn`` (e.g. the
    CLI's warning line). ``admin_lookup`` (place id -> raion, hromada) fills
    ``admin2``/``admin3``; by default the gazetteer is asked when it is already
    loaded. The file is written atomically. Text cells are made
    spreadsheet-safe (:func:`geomap.csvcell.safe_cell`).
    """
    target = Path(path)
    stamp = int(time.time())
    lookup = admin_lookup or _gazetteer_admin
    undated = 0
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        for index, event in enumerate(events):
            try:
                row = acled_row(event, timestamp=stamp, admin_lookup=lookup)
            except (TypeError, ValueError) as exc:
                label = f"event {event.event_id!r}" if event.event_id else f"event #{index}"
                raise ValueError(f"{label}: cannot be written as an ACLED row "
                                 f"(event_date {event.event_date!r}, lat {event.lat!r}, "
                                 f"lon {event.lon!r}): {exc}") from None
            if row is None:
                undated += 1
                continue
            if not (math.isfinite(float(row["latitude"])) and math.isfinite(float(row["longitude"]))):
                raise ValueError(f"event {event.event_id!r}: coordinates are not finite")
            # Evidence, sources and ids come from outside: never let a spreadsheet run them.
            writer.writerow({key: safe_cell(value) for key, value in row.items()})
    if undated and warn is not None:
        warn(f"{target}: {undated} event{'s' if undated != 1 else ''} without a date left out "
             "(ACLED has no undated rows)")
    return target
