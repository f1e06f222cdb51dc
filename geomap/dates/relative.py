"""Phrases counted back from the publication date: weekdays, "overnight", "two days ago", weeks, months.

Each helper takes the phrase's text and the publication date and returns the
day it names; :mod:`geomap.dates.resolving` attaches the precision.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .patterns import _NUM_DAYS, _NUMBER_WORDS, _WEEKDAY, _WEEKDAYS

# Compiled once: resolving runs for every phrase of every sentence read.
_WEEKDAY_WORD = re.compile(_WEEKDAY)
_LAST_WEEKDAY = re.compile(r"(?:on\s+)?last\b")
_INTO_WEEKDAY = re.compile(r"\b(?:into|to)\s+\w+day\b")
_DAYS_AGO = re.compile(rf"\b({_NUM_DAYS})\s+days?\s+ago")
_DAY_BEFORE = re.compile(r"\b(?:previous|prior)\s+(?:evening|morning|afternoon)\b"
                         r"|\b(?:evening|morning|afternoon|day)\s+before\b")
# "the past day", "in the last 24 hours", "shelled 28 times over one day".
_PAST_DAY = re.compile(r"\b(?:past|previous|last)\s+(?:day|24\s+hours)\b"
                       r"|\b(?:over|in|during)\s+(?:one\s+day|24\s+hours)\b")
_WEEK_BACK = re.compile(r"\b(?:last|previous) week\b|\bweek ago\b")


def _resolve_weekday(text: str, pub: date) -> date:
    names = [m.group().lower() for m in _WEEKDAY_WORD.finditer(text)]
    wanted = _WEEKDAYS[names[0]]
    back = (pub.weekday() - wanted) % 7
    low = text.lower()
    if back == 0 and _LAST_WEEKDAY.match(low):
        back = 7
    day = pub - timedelta(days=back)
    if len(names) == 1 and _INTO_WEEKDAY.search(low):
        day -= timedelta(days=1)  # "overnight into Sunday": the night began on Saturday
    elif back == 0 and "night" in low:
        # "on Tuesday night" in a report of that Tuesday: the small hours, a night that began on
        # Monday (its evening has not come when the report is written).
        day -= timedelta(days=1)
    return day


def _relative_day_offset(text: str) -> int:
    low = " ".join(text.lower().split())
    if "day before yesterday" in low:
        return 2
    m = _DAYS_AGO.search(low)
    if m:
        word = m.group(1)
        return int(word) if word.isdigit() else _NUMBER_WORDS[word]
    if "yesterday" in low or "overnight" in low or "night" in low and "tonight" not in low:
        return 1
    if _PAST_DAY.search(low):
        return 1  # a morning report of the past day tells of the day before
    if _DAY_BEFORE.search(low):
        return 1  # "the evening before", "the previous morning"
    return 0  # today, tonight, this morning/afternoon/evening


def _resolve_week(text: str, pub: date) -> date:
    low = " ".join(text.lower().split())
    if "weekend" in low:
        back = (pub.weekday() - 5) % 7  # Saturday
        if back <= 1 and low.startswith("last"):
            back += 7
        return pub - timedelta(days=back)
    if _WEEK_BACK.search(low):
        return pub - timedelta(days=7)
    return pub


def _month_start(year: int, month: int) -> date:
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)
