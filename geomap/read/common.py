"""What every reader shares: the limits, the item type, dates, and the wording of problems."""

from __future__ import annotations

import json
import re
from datetime import date

from geomap.model import Document, Event, ReadProblem
from geomap.settings import MAX_DATE, MIN_DATE, date_in_range

#: The input name that means standard input, and the source/input name given to it.
STDIN = "-"
STDIN_SOURCE = "<stdin>"

#: JSONL lines longer than this are skipped with a problem instead of being held in memory.
MAX_JSONL_LINE_BYTES = 16 * 1024 * 1024
#: The most one article may take, whatever it comes in: a JSONL line, a file, standard input.
MAX_DOCUMENT_BYTES = MAX_JSONL_LINE_BYTES

#: What reading yields: an article, an event of an ACLED export, or a problem.
Item = Document | Event | ReadProblem

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[Tt ].*)?$", re.DOTALL)
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")


def iso_date_part(value: str) -> str | None:
    """Return the ``YYYY-MM-DD`` part of an ISO date or datetime string, or None if it is not one.

    ``"2025-03-21"``, ``"2025-03-21T06:40:00+03:00"`` and ``"2025-03-21 06:40"``
    all give ``"2025-03-21"``; ``"21.03.2025"``, ``"2025-02-30"`` and
    ``"yesterday"`` give None, and so do dates outside
    :data:`geomap.settings.MIN_DATE` .. ``MAX_DATE`` (``"9999-12-31"``).
    """
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        day = date.fromisoformat(m.group(1))
    except ValueError:
        return None
    return day.isoformat() if date_in_range(day) else None


def bad_date_reason(value: object) -> str:
    """The warning for a publication date that is not a usable ISO date."""
    shown = value if isinstance(value, str) else json.dumps(value)
    shown = " ".join(str(shown).split())
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if _in_iso_form(value):
        return f"published '{shown}' is outside {MIN_DATE}..{MAX_DATE}; ignored"
    return f"published '{shown}' is not an ISO date; ignored"


def _in_iso_form(value: object) -> bool:
    """Whether ``value`` is a real ISO date, whatever its year (then only its range is wrong)."""
    m = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    try:
        return m is not None and bool(date.fromisoformat(m.group(1)))
    except ValueError:
        return False


def date_from_name(name: str) -> str | None:
    """The ISO date a file name starts with (``2025-03-21_fire.txt``), or None."""
    m = _NAME_DATE.match(name)
    return iso_date_part(m.group(1)) if m else None


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def os_reason(exc: OSError) -> str:
    """One short reason for an OSError met while reading."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc.__class__.__name__}"


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for problems."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def size_words(limit: int) -> str:
    """``16 MiB`` for a byte limit, as problems say it."""
    return f"{limit // (1024 * 1024)} MiB"
