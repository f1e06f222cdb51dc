"""The date a text gives itself: a dateline or a page date with a year at its top, or else a
weekday written with a date ("on Monday, Oct. 7") that names one year of the war."""

from __future__ import annotations

import re
from datetime import date

from .finding import find_date_phrases
from .resolving import resolve

#: How far into a text its dateline or page date may lie ("KYIV, March 5, 2025 (Reuters) -",
#: "Friday, October 10, 2025" above the headline).
_DATELINE_REACH = 300


def document_date(text: str) -> date | None:
    """The date a text gives itself at its top (a dateline or page date with a year), if any.

    It dates a text that carries no publication date, so that "overnight" and
    "on Friday" in it resolve; dates without a year are left alone (they need
    the publication date themselves).
    """
    head = text[:_DATELINE_REACH]
    for phrase in find_date_phrases(head):
        if phrase.kind in ("date", "iso", "numeric") and re.search(r"\b(?:19|20)\d\d\b", phrase.text):
            day, precision = resolve(phrase, None)
            if day is not None and precision == "day":
                return day
    return _weekday_dated(text)


#: The years a text with no year may be from: the full-scale war's. A weekday and a date of the
#: month recur in the same pairing only after five, six or eleven years, so within these most
#: pairings name one year.
_WAR_YEARS = range(2022, 2029)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Between "on Monday" and "Oct. 7" in "on Monday, Oct. 7": a comma, or "the".
_WEEKDAY_DATE_GAP = re.compile(r",?\s*(?:the\s+)?")


def _weekday_dated(text: str) -> date | None:
    """"early on Monday, Oct. 7" in a text with no year anywhere: the day that was a Monday in the
    war's years, if one only (7 October 2024). It dates the text as a dateline would."""
    if re.search(r"\b(?:19|20)\d\d\b", text):
        return None  # a year written anywhere: leave the dates to it
    phrases = find_date_phrases(text)
    for weekday, dated in zip(phrases, phrases[1:], strict=False):
        if weekday.kind != "weekday" or dated.kind != "date" \
                or not _WEEKDAY_DATE_GAP.fullmatch(text, weekday.end, dated.start):
            continue
        name = next((i for i, w in enumerate(_WEEKDAYS) if w in weekday.text.lower()), None)
        if name is None:
            continue
        # The date as a text of each year would resolve it (the most recent on or before its end).
        days = {day for year in _WAR_YEARS
                if (day := resolve(dated, date(year, 12, 31))[0]) is not None and day.year == year}
        matching = [day for day in days if day.weekday() == name]
        return matching[0] if len(matching) == 1 else None
    return None
