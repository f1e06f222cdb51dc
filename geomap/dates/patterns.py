"""What a date phrase is (its kinds, :class:`DatePhrase`) and the words and patterns that spell one.

Month and weekday names, number words, and the regular expressions
:mod:`geomap.dates.finding` runs over a sentence, one list of patterns per kind.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase found in a sentence: its span (``sentence[start:end] == text``) and kind."""

    start: int
    end: int
    text: str
    kind: str


_MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
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
        rf"\b(?:[Ii]n|[Dd]uring)\s+(?:early\s+|mid-|late\s+)?{_FULL_MONTH}(?!\s*\d)(?:,?\s+{_YEAR})?"
        rf"|(?:\b(?:in|during)\s+(?:early\s+|mid-|late\s+)?)?\b{_FULL_MONTH}\s+{_YEAR}")),
    ("weekday", re.compile(rf"{_WD_PREFIX}{_WEEKDAY}{_WD_SUFFIX}{_WD_RANGE}")),
    ("relative_day", re.compile(
        r"\b(?:(?:earlier|late|early)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"
        r"|\b(?:(?:late|early)\s+)?(?:last\s+night|overnight|yesterday(?:\s+(?:morning|afternoon|evening))?)\b"
        r"|\b(?:during|in)\s+the\s+night\b(?!\s+(?:of|into|to|from)\b)"
        # Morning tallies: "over the past night", "the previous night", "in the past 24 hours".
        r"|\b(?:(?:over|in|during|on)\s+)?the\s+(?:past|previous|last)\s+(?:night|day|24\s+hours)\b(?!\s+of\b)"
        # "shelled 28 times over one day", "in 24 hours": a morning report's count of the past day.
        r"|\b(?:over|in|during)\s+(?:one\s+day|24\s+hours)\b(?!\s+of\b)"
        r"|\bthe\s+day\s+before\s+yesterday\b"
        # "destroyed over the region the evening before", "on the previous evening"
        r"|\bthe\s+(?:previous|prior)\s+(?:evening|morning|afternoon)\b"
        r"|\bthe\s+(?:evening|morning|afternoon|day|night)\s+before(?=[,.;:)]|\s*$|\s+(?:and|when|at|in|on|over)\b)"
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
