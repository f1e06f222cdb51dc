"""Resolving one date phrase to a date and a precision, relative to the publication date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..lang import dates as cyrillic_dates
from ..lang import has_cyrillic
from ..settings import date_in_range
from .calendar_dates import _explicit_date, _resolve_calendar, _resolve_month_name
from .patterns import DatePhrase
from .relative import _month_start, _relative_day_offset, _resolve_week, _resolve_weekday


def to_date(value: date | str | None) -> date | None:
    """Return ``value`` as a :class:`~datetime.date` (accepts a date, a datetime or an ISO string).

    Dates outside :data:`geomap.settings.MIN_DATE` .. ``MAX_DATE`` give None, as unusable:
    relative dates counted from 9999-12-31 would overflow.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            return None
    return day if date_in_range(day) else None


def resolve(phrase: DatePhrase, published: date | str | None) -> tuple[date | None, str]:
    """Return ``(date, precision)`` for one phrase; see :func:`_resolve`.

    A date outside :data:`geomap.settings.MIN_DATE` .. ``MAX_DATE`` ("in December 9999")
    is no date: ``(None, "unknown")``, so nothing downstream computes near the calendar's end.
    """
    day, precision = _resolve(phrase, published)
    if day is not None and not date_in_range(day):
        return None, "unknown"
    return day, precision


def _resolve(phrase: DatePhrase, published: date | str | None) -> tuple[date | None, str]:
    """Return ``(date, precision)`` for one phrase, relative to the publication date.

    Only ``phrase.text`` and ``phrase.kind`` are read, so a hand-made
    ``DatePhrase(0, 0, "12 March", "date")`` works too. Phrases that need the
    publication date (everything except full dates with a year) resolve to
    ``(None, "unknown")`` when ``published`` is None, as do impossible dates.
    See the module docstring for the conventions. ``published`` may be a date,
    a datetime or an ISO string.
    """
    pub = to_date(published)
    text, kind = phrase.text, phrase.kind
    if not text.isascii() and has_cyrillic(text):
        return cyrillic_dates.resolve(text, kind, pub)
    try:
        if kind in ("iso", "numeric"):
            day = _explicit_date(kind, text)
            return (day, "day") if day else (None, "unknown")
        if kind in ("date", "night", "range"):
            return _resolve_calendar(kind, text, pub)
        if kind == "month":
            return _resolve_month_name(text, pub)
        if pub is None:
            return None, "unknown"
        if kind == "weekday":
            return _resolve_weekday(text, pub), "day"
        if kind == "relative_day":
            return pub - timedelta(days=_relative_day_offset(text)), "day"
        if kind == "small_hours":
            return pub - timedelta(days=1), "day"  # the night that ended that morning
        if kind == "week":
            return _resolve_week(text, pub), "week"
        if kind == "relative_month":
            low = text.lower()
            if "this" in low:
                return pub.replace(day=1), "month"
            return _month_start(pub.year, pub.month - 1), "month"
    except (ValueError, OverflowError):
        return None, "unknown"
    return None, "unknown"
