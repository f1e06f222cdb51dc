"""ACLED CSV both ways: strike events out as an ACLED-compatible CSV, ACLED exports in as events.

ACLED (the Armed Conflict Location & Event Data project) publishes political
violence events as CSV, one row an event, with the columns ``event_id_cnty``,
``event_date``, ``time_precision``, ``disorder_type``, ``event_type``,
``sub_event_type``, ``actor1``, ``country``, ``admin1``, ``location``,
``latitude``, ``longitude``, ``geo_precision``, ``source``, ``notes``,
``fatalities`` and more. This module

- writes geomap's events in that layout (:func:`write_acled_csv`), so they can
  sit beside ACLED data in the same analysis, and
- reads an ACLED export back into :class:`~geomap.model.Event` records with
  ``origin="acled"`` (:func:`read_acled`), so ``geomap run`` can map them
  beside the strikes it read in the news.

The mapping both ways is documented in ``docs/schema.md`` ("ACLED CSV") and
held in the tables of :mod:`~geomap.acled.schema`. ACLED's own vocabulary has no target type and no
weapon finer than its sub-event types, so the reader takes the weapon and the
target from keywords in ``notes`` (the cue words of :mod:`geomap.lexicon`).

The package, one concern a module: :mod:`~geomap.acled.schema` (ACLED's columns
and code tables), :mod:`~geomap.acled.places` (countries and regions as ACLED
names them), :mod:`~geomap.acled.notes` (weapons and targets named in
``notes``), :mod:`~geomap.acled.to_acled` (an event as a row),
:mod:`~geomap.acled.writing` (the CSV out), :mod:`~geomap.acled.from_acled` (a
row as an event) and :mod:`~geomap.acled.reading` (the CSV in).
"""

from __future__ import annotations

from .places import ACLED_REGIONS as ACLED_REGIONS
from .places import ISO_NUMERIC as ISO_NUMERIC
from .places import acled_admin1
from .places import country_code as country_code
from .places import country_name as country_name
from .reading import is_acled_csv, read_acled
from .schema import (
    ACLED_COLUMNS,
    ACLED_CONFIDENCE,
    ACTORS,
    GEO_PRECISION_CODES,
    NOTES_SEPARATOR,
    REQUIRED_COLUMNS,
    SUB_EVENT_TYPES,
    TIME_PRECISION_CODES,
)
from .schema import INTER_CIVILIANS as INTER_CIVILIANS
from .schema import INTER_MILITIA as INTER_MILITIA
from .schema import INTER_STATE as INTER_STATE
from .to_acled import acled_row, outlets
from .writing import write_acled_csv

__all__ = [
    "ACLED_COLUMNS", "REQUIRED_COLUMNS", "ACTORS", "SUB_EVENT_TYPES", "GEO_PRECISION_CODES",
    "TIME_PRECISION_CODES", "ACLED_CONFIDENCE", "NOTES_SEPARATOR",
    "acled_row", "write_acled_csv", "is_acled_csv", "read_acled", "acled_admin1", "outlets",
]
