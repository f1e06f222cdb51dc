"""Dates written with numbers or a month name: their day, month and year, and the day they name.

"2024-02-12", "12.02.2024", "12 March [2024]", "the night of 12 to 13 March",
"12-13 March", "in March", "March 2024": reading the numbers out of the
phrase, checking that a calendar has the day, and dating it (a date without a
year is the most recent one on or before publication).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .patterns import _MONTHS, _TOKEN


def _explicit_date(kind: str, text: str) -> date | None:
    try:
        if kind == "iso":
            return date.fromisoformat(text)
        day, month, year = (int(x) for x in text.split("."))
        return date(year, month, day)
    except ValueError:
        return None


def _tokens(text: str) -> list[tuple[str, int]]:
    """Return the month, year and day numbers in ``text`` in order, as (kind, value)."""
    out: list[tuple[str, int]] = []
    for m in _TOKEN.finditer(text):
        if m.group("month"):
            out.append(("month", _MONTHS[m.group("month").rstrip(".").lower()]))
        elif m.group("year"):
            out.append(("year", int(m.group("year"))))
        else:
            out.append(("day", int(m.group("day"))))
    return out


def _pairs(tokens: list[tuple[str, int]]) -> list[tuple[int, int, int | None]]:
    """Pair day numbers with months: one month serves every day; two months go one per day."""
    days = [v for k, v in tokens if k == "day"]
    months = [v for k, v in tokens if k == "month"]
    years = [v for k, v in tokens if k == "year"]
    if not days or not months:
        return []
    year = years[-1] if years else None
    if len(months) >= len(days):
        return [(d, months[i], year) for i, d in enumerate(days)]
    return [(d, months[0], year) for d in days]


def _valid(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _most_recent(day: int, month: int, pub: date) -> date | None:
    """The most recent ``day``/``month`` on or before ``pub`` (looks back up to 8 years for 29 Feb)."""
    for year in range(pub.year, pub.year - 9, -1):
        if _valid(day, month, year) and date(year, month, day) <= pub:
            return date(year, month, day)
    return None


# "the night of 22 October", "the early hours of 21 September": the night into that day.
_NIGHT_INTO = re.compile(r"(?i)\bnight\s+(?:of|into|to)\b|\bhours\s+of\b|\bovernight\s+(?:into|to)\b")


def _resolve_calendar(kind: str, text: str, pub: date | None) -> tuple[date | None, str]:
    pairs = _pairs(_tokens(text))
    if not pairs:
        return None, "unknown"
    day, month, year = pairs[0]
    if year is not None:
        first = date(year, month, day) if _valid(day, month, year) else None
    elif pub is not None:
        first = _most_recent(day, month, pub)
    else:
        first = None
    if first is None:
        return None, "unknown"
    if kind == "night" and len(pairs) == 1 and _NIGHT_INTO.search(text):
        return first - timedelta(days=1), "day"  # "the night of 22 October": it began on the 21st
    if kind == "night" and len(pairs) == 1 and first == pub:
        # "overnight on June 22" in a report of June 22: the night that ended that morning.
        return first - timedelta(days=1), "day"
    if kind != "range" or len(pairs) < 2:
        return first, "day"
    d2, m2, _ = pairs[-1]
    last = None
    for y in (first.year, first.year + 1):
        if _valid(d2, m2, y) and date(y, m2, d2) >= first:
            last = date(y, m2, d2)
            break
    span = (last - first).days if last else 0
    return first, "day" if span <= 1 else "week" if span <= 7 else "month"


def _resolve_month_name(text: str, pub: date | None) -> tuple[date | None, str]:
    tokens = _tokens(text)
    month = next((v for k, v in tokens if k == "month"), None)
    year = next((v for k, v in tokens if k == "year"), None)
    if month is None:
        return None, "unknown"
    if year is None:
        if pub is None:
            return None, "unknown"
        year = pub.year if month <= pub.month else pub.year - 1
    return date(year, month, 1), "month"
