"""Dates in news text: find date phrases in a sentence and turn them into calendar dates.

Three steps, each usable on its own:

* :func:`find_date_phrases` finds the phrases ("overnight", "on Friday",
  "last week", "12 February 2024", "the night of 12 to 13 March", ...) and
  labels each with a *kind* (see :data:`PHRASE_KINDS`);
* :func:`resolve` turns one phrase into a date and a precision
  (``day``/``week``/``month``/``unknown``, the values of
  :data:`geomap.model.DATE_PRECISIONS`), relative to the publication date;
* :func:`event_date` picks, for a strike whose cue word sits at a given offset
  in a sentence, the phrase that dates *the strike* rather than the report of
  it, and returns its ISO date and precision.

Conventions (the same everywhere, so that two reports of one strike agree):

* **Nights are dated by the evening they begin.** "the night of 12 to 13
  March" is 12 March; "overnight" and "last night" in a report are the night
  that ended on the publication day, so the day *before* publication;
  "overnight into Sunday" / "the night to Sunday" is Saturday; "Saturday
  night" and "overnight on Saturday" are Saturday (the named day). "tonight"
  is the publication day. "the night of 22 October" with one date is the
  night *into* that day, so 21 October: reporting on this war renders the
  Ukrainian and Russian "в ніч на 22 жовтня" / "в ночь на 22 октября" so, and
  the Ukrainian Air Force dates a night by the morning it ends. "In the early
  hours of 21 September" is the end of that night too: 20 September, and so is
  "overnight on 21 September" in a report published that day. A bare clock time
  before six ("his post, at 3:08 Moscow time, said ...") is in the small hours of
  the publication day: the night before.
* **Weekdays** are the most recent such weekday on or before publication
  ("on Friday" in a report published on a Friday is that same day);
  "last Friday" is strictly before publication.
* **Dates without a year** ("on 12 March") are the most recent such date on or
  before publication; without a publication date they cannot be resolved.
* **Weeks** ("last week", "a week ago") resolve to publication − 7 days,
  "this week" / "in recent days" to the publication date, the weekend to its
  Saturday, all with ``week`` precision.
* **Months** ("earlier this month", "last month", "in March", "March 2024")
  resolve to the first day of the month with ``month`` precision.
* Month and weekday names must be capitalised and stand as whole words
  ("Fridays" and "Mondayisation" are not dates); "May" counts as a month only
  next to a day number or a year ("9 May", "May 2024"), never alone.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .lang import dates as cyrillic_dates
from .lang import has_cyrillic
from .settings import date_in_range

__all__ = ["PHRASE_KINDS", "DatePhrase", "find_date_phrases", "resolve", "event_date", "to_date",
           "dated_by_report_only"]

#: The kinds of phrase :func:`find_date_phrases` reports.
PHRASE_KINDS: tuple[str, ...] = (
    "iso",           # 2024-02-12
    "numeric",       # 12.02.2024 (day.month.year)
    "date",          # 12 February [2024], February 12[, 2024], Feb. 24, 2022, the 12th of March
    "night",         # the night of 12 to 13 March, the night of March 12-13, overnight on 12-13 March
    "range",         # 12-13 March, between 12 and 15 March
    "month",         # in March, in early March, March 2024
    "weekday",       # Friday, on Friday, late on Tuesday, early Monday, Saturday night, overnight into Sunday
    "relative_day",  # today, this morning, tonight, overnight, last night, yesterday, two days ago
    "small_hours",   # at 3:08 (Moscow time): a time before six, in a report of that morning
    "week",          # last week, this week, a week ago, over the weekend, in recent days
    "relative_month",  # earlier this month, this month, last month
)

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "unknown": 3}


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in a sentence: its span (``sentence[start:end] == text``) and kind."""

    start: int
    end: int
    text: str
    kind: str


# --------------------------------------------------------------------------- vocabularies

_MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_FULL_MONTH_NO_MAY = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December)\b"
)
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])\.?"
_MONTH = rf"\b(?:{_FULL_MONTH}|{_ABBR_MONTH})"
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
_DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_DAY = rf"(?<![\d.,/:])\b{_DAY_NUM}"           # a day number that is not part of a bigger number
_WEEKDAY = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_SEP = r"(?:\s*[-–—]\s*|\s+(?:to|into|and)\s+)"  # between the two ends of a range

_DM = rf"{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
_MD = rf"{_MONTH}\s+{_DAY_NUM}(?:,?\s+{_YEAR})?"
_DATE_PREFIX = r"(?i:\b(?:on|in)\s+(?:the\s+)?|\bthe\s+)?"
_RANGE = (
    rf"(?:{_DAY}(?:\s+of)?(?:\s+{_MONTH})?{_SEP}{_DAY_NUM}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY_NUM}{_SEP}(?:{_MONTH}\s+)?{_DAY_NUM}(?:,?\s+{_YEAR})?)"
)
_NIGHT_PREFIX = (
    r"(?i:(?:\b(?:on|in|during)\s+)?(?:the\s+)?\bnight\s+(?:of|from|into|to)\s+(?:the\s+)?"
    r"|\b(?:in\s+)?the\s+(?:early|small)\s+hours\s+of\s+(?:the\s+)?"
    r"|\bovernight\s+(?:on\s+|into\s+|to\s+)?(?:the\s+)?)"
)

_WD_PREFIX = (
    r"(?i:(?:\b(?:late|early)\s+(?:on\s+)?)"
    r"|(?:\b(?:in\s+)?(?:the\s+)?early\s+hours\s+of\s+)"
    r"|(?:\b(?:(?:in|during|on)\s+)?(?:the\s+)?night\s+(?:of|into|to)\s+)"
    r"|(?:\bovernight\s+(?:into|to|on)\s+)"
    r"|(?:\bovernight\s+)"
    r"|(?:\b(?:on\s+)?(?:last|this\s+past)\s+)"
    r"|(?:\bon\s+))?"
)
_WD_SUFFIX = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WD_RANGE = rf"(?:(?:\s+(?:into|to)\s+|\s*[-–]\s*){_WEEKDAY}{_WD_SUFFIX})?"

_NUM_DAYS = r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)"

# (kind, pattern, flags). Case-sensitive patterns carry month/weekday names (capitalised in
# English prose); the relative phrases are matched case-insensitively.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")),
    ("numeric", re.compile(
        r"(?<![\d.])(?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:19|20)\d{2}(?![\d.]\d)")),
    ("night", re.compile(rf"{_NIGHT_PREFIX}(?:{_RANGE}|{_DM}|{_MD})")),
    # "during the night into Tuesday, September 26": the weekday names the morning the night ended
    ("night", re.compile(
        rf"(?i:(?:\b(?:on|in|during)\s+)?(?:the\s+)?\b(?:night|overnight)\s+(?:into|to)\s+)"
        rf"{_WEEKDAY},?\s+(?:{_DM}|{_MD})")),
    ("range", re.compile(rf"(?:(?i:\bbetween\s+)|{_DATE_PREFIX}){_RANGE}")),
    ("date", re.compile(rf"{_DATE_PREFIX}(?:{_DM}|{_MD})")),
    ("month", re.compile(
        rf"\b(?:in|during)\s+(?:early\s+|mid-|late\s+)?{_FULL_MONTH_NO_MAY}(?!\s*\d)(?:,?\s+{_YEAR})?"
        rf"|(?:\b(?:in|during)\s+(?:early\s+|mid-|late\s+)?)?\b{_FULL_MONTH}\s+{_YEAR}")),
    ("weekday", re.compile(rf"{_WD_PREFIX}{_WEEKDAY}{_WD_SUFFIX}{_WD_RANGE}")),
    ("relative_day", re.compile(
        r"\b(?:(?:earlier|late|early)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"
        r"|\b(?:(?:late|early)\s+)?(?:last\s+night|overnight|yesterday(?:\s+(?:morning|afternoon|evening))?)\b"
        r"|\b(?:during|in)\s+the\s+night\b(?!\s+(?:of|into|to|from)\b)"
        # Morning tallies: "over the past night", "the previous night", "in the past 24 hours".
        r"|\b(?:(?:over|in|during|on)\s+)?the\s+(?:past|previous|last)\s+(?:night|day|24\s+hours)\b(?!\s+of\b)"
        r"|\bthe\s+day\s+before\s+yesterday\b"
        rf"|\b{_NUM_DAYS}\s+days?\s+ago\b",
        re.IGNORECASE)),
    ("small_hours", re.compile(
        r"\bat\s+0?[0-5]:[0-5]\d\b(?!\s*(?:p\.?m\b|pm\b))(?:\s*(?:a\.m\.|am\b))?"
        r"(?:\s+(?:Moscow|Kyiv|local)\s+time)?", re.IGNORECASE)),
    ("week", re.compile(
        r"\b(?:last|previous|past)\s+week\b"
        r"|\b(?:(?:earlier|late|early)\s+)?this\s+week\b"
        r"|\b(?:a|one)\s+week\s+ago\b"
        r"|\b(?:over|at|during)\s+the\s+weekend\b|\b(?:last|this|past)\s+weekend\b"
        r"|\bin\s+recent\s+days\b|\b(?:over\s+|in\s+)?the\s+(?:past|last)\s+(?:few|several)\s+days\b",
        re.IGNORECASE)),
    ("relative_month", re.compile(
        r"\b(?:(?:earlier|late|early)\s+)?this\s+month\b"
        r"|\b(?:last|previous)\s+month\b|\b(?:a|one)\s+month\s+ago\b",
        re.IGNORECASE)),
]

_TOKEN = re.compile(
    rf"(?P<month>{_MONTH})|(?P<year>{_YEAR})|(?P<day>(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d))"
)


# --------------------------------------------------------------------------- finding

def find_date_phrases(sentence: str) -> list[DatePhrase]:
    """Return the date phrases in ``sentence``, in order of position, never overlapping.

    Where two patterns match overlapping text the longer match wins (so
    "overnight into Sunday" is one weekday phrase, not "overnight" plus
    "Sunday"). Day-month combinations that cannot exist ("31 February",
    "2024-02-30") are left out.
    """
    return list(_find_cached(sentence))


@functools.lru_cache(maxsize=512)
def _find_cached(sentence: str) -> tuple[DatePhrase, ...]:
    # A sentence that tells several strikes is asked about once per strike, and wire copy
    # repeats sentences across documents: read each once.
    clues = _Clues.of(sentence)
    found: list[DatePhrase] = []
    may_hold = _may_hold
    for kind, pattern in _PATTERNS:
        # _may_hold, its two commonest answers inlined (the month kinds).
        if not (clues.has_month if kind in _NEEDS_MONTH else may_hold(kind, clues)):
            continue
        for m in pattern.finditer(sentence):
            if m.end() > m.start() and _plausible(kind, m.group()):
                found.append(DatePhrase(m.start(), m.end(), m.group(), kind))
    if not sentence.isascii() and has_cyrillic(sentence):
        # "в ночь на 5 марта", "у ніч проти 5 березня", "вчера": see geomap.lang.dates.
        found += [DatePhrase(s, e, sentence[s:e], k) for s, e, k in cyrillic_dates.find(sentence)]
    # Longest first, then leftmost; keep a phrase only if it overlaps none already kept.
    found.sort(key=lambda p: (-(p.end - p.start), p.start))
    kept: list[DatePhrase] = []
    for phrase in found:
        if all(phrase.end <= k.start or phrase.start >= k.end for k in kept):
            kept.append(phrase)
    kept.sort(key=lambda p: p.start)
    return tuple(kept)


# The patterns are slow (most start with a case-insensitive alternation that the regex engine
# tries at every position), so each runs only when the sentence holds something none of its
# matches can do without. These tests are cheap and never skip a pattern that could match.

#: Words one kind of phrase cannot do without, looked for in the lower-cased sentence.
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "relative_day": ("today", "tonight", "morning", "afternoon", "evening", "night", "yesterday", "ago",
                     "past day", "previous day", "last day", "24 hours"),
    "week": ("week", "days"),
    "relative_month": ("month",),
}
_NEEDS_MONTH = frozenset({"night", "range", "date", "month"})
#: The separator of each numeric kind, between two digits in every match ("2024-02-12", "12.02.2024").
_NEEDS_DIGIT_PAIR: dict[str, str] = {"iso": "-", "numeric": "."}
_DIGIT_PAIR = re.compile(r"\d[-.]\d")

# Every month name and abbreviation starts with one of these; this search (fast: it starts with a
# literal) spares the slower whole-word one in most sentences.
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_MONTH_START = re.compile(_MON)
_MONTH_NAME = re.compile(_MONTH)
# The weekday pattern's names are case-sensitive; without one of them it cannot match.
_WEEKDAY_NAME = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")


class _Clues(NamedTuple):
    """What the cheap tests of :func:`_may_hold` read, worked out once per sentence."""

    low: str              # the sentence, lower-cased
    has_month: bool       # a month name as the patterns spell it: capitalised, a whole word
    has_digit_pair: bool  # digits on both sides of a "-" or "."
    has_weekday: bool     # a weekday name as the patterns spell it: capitalised ("Friday")

    @classmethod
    def of(cls, sentence: str) -> _Clues:
        has_month = _MONTH_START.search(sentence) is not None and _MONTH_NAME.search(sentence) is not None
        return cls(sentence.lower(), has_month, _DIGIT_PAIR.search(sentence) is not None,
                   _WEEKDAY_NAME.search(sentence) is not None)


def _may_hold(kind: str, clues: _Clues) -> bool:
    """A cheap test that the sentence could hold a phrase of this kind."""
    if kind == "small_hours":
        return ":" in clues.low and "at " in clues.low
    if kind in _NEEDS_MONTH:
        return clues.has_month
    if kind == "weekday":
        return clues.has_weekday
    separator = _NEEDS_DIGIT_PAIR.get(kind)
    if separator is not None:
        return clues.has_digit_pair and separator in clues.low
    return any(map(clues.low.__contains__, _KIND_WORDS.get(kind, ("",))))  # C-level: no generator


def _words_back(text: str, end: int, words: int) -> int:
    """A position at or before the start of the ``words``-th whitespace-separated word before ``end``."""
    parts = text[:end].rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


def _plausible(kind: str, text: str) -> bool:
    """Return False for day-month combinations no calendar has."""
    if kind in ("iso", "numeric"):
        return _explicit_date(kind, text) is not None
    if kind in ("date", "night", "range"):
        parsed = _tokens(text)
        for day, month, year in _pairs(parsed):
            if not _valid(day, month, year if year is not None else 2000):  # 2000: leap, allows 29 Feb
                return False
    return True


# --------------------------------------------------------------------------- resolving

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


# Compiled once: resolving runs for every phrase of every sentence read.
_WEEKDAY_WORD = re.compile(_WEEKDAY)
_LAST_WEEKDAY = re.compile(r"(?:on\s+)?last\b")
_INTO_WEEKDAY = re.compile(r"\b(?:into|to)\s+\w+day\b")
_DAYS_AGO = re.compile(rf"\b({_NUM_DAYS})\s+days?\s+ago")
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
    if re.search(r"\b(?:past|previous|last)\s+(?:day|24\s+hours)\b", low):
        return 1  # a morning report of the past day tells of the day before
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


# --------------------------------------------------------------------------- choosing

_REPORT_WORDS = (
    r"said|says|say|saying|reported|reports|reporting|wrote|writes|writing|told|tells|telling"
    r"|announced|announces|announcing|stated|states|added|adds|posted|posts|claimed|claims"
    r"|confirmed|confirms|noted|notes|declared|declares|tweeted|warned|warns|explained|commented"
    r"|according\s+to|statement|briefing|press\s+conference|news\s+conference|interview|address"
    r"|post|update|message|announcement|readout"
)
_REPORT_BEFORE = re.compile(rf"\b(?:{_REPORT_WORDS})\b", re.IGNORECASE)
_REPORT_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+)?(?:said|says|reported|reports|wrote|writes|told|tells|announced|announces"
    r"|stated|states|claimed|claims|confirmed|confirms|declared|posted)\b",
    re.IGNORECASE,
)
# Words that open a new clause: a date after them belongs to that clause, not to the verb.
_CLAUSE_OPENERS = re.compile(
    r"\b(?:that|when|after|as|while|how|where|which|who|because|since|before|following)\b", re.IGNORECASE
)
_BOUND_BEFORE = re.compile(r"\b(?:since|until|till|next|coming|upcoming|following)\s*$", re.IGNORECASE)
_BOUND_WORDS = ("since", "until", "till", "next", "coming", "following")
_GAP_WORDS = 5  # at most this many words between a reporting word and the phrase it dates
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\"“”—–]")


def _reporting_verbs(sentence: str, phrase: DatePhrase) -> tuple[int | None, int | None]:
    """Where the reporting verbs that ``phrase`` may date are, as far as the cue does not matter.

    A phrase dates a reporting verb ("said on Sunday") rather than the event
    when, before the phrase, a reporting word ("said", "told", "wrote",
    "statement", ...) stands in the same clause, at most five words back,
    with no clause opener ("that", "when", ...) between them ("told reporters
    on Friday", "wrote on Telegram on Monday", "said in a statement on
    Friday"); or when a reporting verb follows at most one word on
    ("officials on Sunday said").

    Returns ``(gap_start, verb_end)``: where the gap between the word before
    and the phrase starts, and where the verb after the phrase ends; None
    where there is no such verb. Both only hold when the cue word is not in
    between (:meth:`_Candidate.reports`), and only that depends on the cue.
    """
    before = sentence[max(0, phrase.start - 120):phrase.start]
    last_break = _CLAUSE_BREAK.search(before[::-1])  # the first break of the reversed text
    clause = before[len(before) - last_break.start():] if last_break else before
    offset = phrase.start - len(clause)
    gap_start = None
    # Reporting words never overlap, and one starting further back than the last
    # _GAP_WORDS + 2 words of the clause (two for "according to") leaves too long a gap:
    # only that tail needs reading.
    tail = _words_back(clause, len(clause), _GAP_WORDS + 2)
    matches = list(_REPORT_BEFORE.finditer(clause, tail)) if _may_report(clause[tail:]) else []
    if matches:
        verb = matches[-1]
        gap = clause[verb.end():]
        if len(gap.split()) <= _GAP_WORDS and not _CLAUSE_OPENERS.search(gap):
            gap_start = offset + verb.end()
    verb_end = None
    after = sentence[phrase.end:phrase.end + 40]
    m = _REPORT_AFTER.match(after)
    if m and not _CLAUSE_BREAK.search(after[:m.end()]):
        verb_end = phrase.end + m.end()
    return gap_start, verb_end


# Every reporting word, lower-cased, holds one of these. In ASCII text, where case-insensitive
# matching is plain lower-casing, a clause without any of them holds no reporting word, and this
# search (fast: it starts with literals) spares the slow case-insensitive one.
_REPORT_STEMS = re.compile(
    r"said|say|report|wrote|writ|told|tell|announc|state|add|post|claim|confirm|note|declare|tweet"
    r"|warn|explain|comment|according|briefing|conference|interview|update|message|readout"
)


def _may_report(clause: str) -> bool:
    """False only when ``clause`` cannot hold a reporting word (:data:`_REPORT_BEFORE`)."""
    return not clause.isascii() or _REPORT_STEMS.search(clause.lower()) is not None


def _is_bound(sentence: str, phrase: DatePhrase) -> bool:
    """True for "since 24 February 2022", "until Friday", "next week": not the event's date."""
    window = sentence[max(0, phrase.start - 20):phrase.start]
    if window.isascii() and not window.rstrip().lower().endswith(_BOUND_WORDS):
        return False  # the word ends the window, and ASCII text is case-blind by lower(): the search spared
    return bool(_BOUND_BEFORE.search(window))


class _Candidate(NamedTuple):
    """A phrase that may date the strike, with all that does not depend on the cue worked out."""

    phrase: DatePhrase
    answer: tuple[str | None, str]  # what event_date returns when this phrase is chosen
    unresolved: bool                # no date (a weekday without a publication date)
    rank: int                       # of its precision: the more precise wins ties
    gap_start: int | None           # see _reporting_verbs
    verb_end: int | None

    def reports(self, cue_start: int, cue_end: int) -> bool:
        """True when the phrase dates a reporting verb rather than the strike whose cue is given."""
        start, end = self.phrase.start, self.phrase.end
        if self.gap_start is not None:
            cue_inside = self.gap_start <= cue_start < start or self.gap_start < cue_end <= start
            if not cue_inside:
                return True
        return self.verb_end is not None and not end <= cue_start < self.verb_end


@functools.lru_cache(maxsize=512)
def _candidates(sentence: str, published: date | str | None) -> tuple[str | None, tuple[_Candidate, ...]]:
    """The publication date (ISO) and the phrases that may date a strike in ``sentence``.

    Rule 1 of :func:`event_date`, and all of rules 2 and 3 that does not
    depend on the cue: a sentence that tells several strikes is asked about
    once per strike, with the same publication date, and reads once.
    """
    pub = to_date(published)
    candidates: list[_Candidate] = []
    for phrase in _find_cached(sentence):
        if _is_bound(sentence, phrase):
            continue
        day, precision = resolve(phrase, pub)
        if day is not None and pub is not None and day > pub + timedelta(days=1):
            continue
        answer = (day.isoformat(), precision) if day is not None else (None, "unknown")
        candidates.append(_Candidate(phrase, answer, day is None, _PRECISION_RANK[precision],
                                     *_reporting_verbs(sentence, phrase)))
    return (pub.isoformat() if pub else None), tuple(candidates)


_CUE_WORD = re.compile(r"[\w'’-]*")


def _cue_span(sentence: str, cue_start: int) -> tuple[int, int]:
    """Where the cue word starting at ``cue_start`` begins and ends (at least one character)."""
    cue_start = max(0, min(cue_start, len(sentence)))
    word_end = _CUE_WORD.match(sentence, cue_start).end()
    return cue_start, word_end if word_end > cue_start else cue_start + 1


def dated_by_report_only(sentence: str, cue_start: int, published: date | str | None) -> bool:
    """Whether every date phrase of ``sentence`` dates a reporting verb ("the governor wrote on
    Friday"), so that :func:`event_date` falls back on when the strike was reported."""
    _, candidates = _candidates(sentence, published)
    if not candidates or all(c.gap_start is None and c.verb_end is None for c in candidates):
        return False
    cue_start, cue_end = _cue_span(sentence, cue_start)
    return all(c.reports(cue_start, cue_end) for c in candidates)


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
    return None


def event_date(sentence: str, cue_start: int, published: date | str | None) -> tuple[str | None, str]:
    """Return ``(ISO date or None, precision)`` for a strike whose cue word starts at ``cue_start``.

    The rules, in order:

    1. Collect the date phrases of the sentence (:func:`find_date_phrases`).
       Drop the ones bound to another period ("since 24 February 2022",
       "until Friday", "next week") and those that resolve to more than a
       day after publication (a strike is not reported before it happens).
    2. Prefer phrases attached to the strike over phrases attached to a
       reporting verb ("said on Sunday", "told reporters on Friday", "wrote on
       Telegram on Monday", "announced on ..."): the latter are used only when
       nothing else is left. So "the depot, hit by drones last week, stays
       closed, the governor said on Sunday" gives last week.
    3. Among what remains, take the phrase nearest the cue word (ties: the
       more precise, then the earlier one); a phrase that cannot be resolved
       (a weekday without a publication date) gives way to one that can.
    4. With no usable phrase at all, return ``(published, "week")`` when the
       publication date is known (reports are usually about the last few
       days), else ``(None, "unknown")``.

    ``published`` may be a date, a datetime or an ISO string.
    """
    pub, candidates = _candidates(sentence, published)
    if not candidates:
        return (pub, "week") if pub else (None, "unknown")
    if len(candidates) == 1:
        return candidates[0].answer  # rules 2 and 3 only choose between phrases
    cue_start, cue_end = _cue_span(sentence, cue_start)

    pool = [c for c in candidates if not c.reports(cue_start, cue_end)] or candidates

    def distance(phrase: DatePhrase) -> int:
        if phrase.end <= cue_start:
            return cue_start - phrase.end
        if phrase.start >= cue_end:
            return phrase.start - cue_end
        return 0

    best = min(pool, key=lambda c: (c.unresolved, distance(c.phrase), c.rank, c.phrase.start))
    return best.answer
