"""Russian and Ukrainian date phrases: "в ночь на 5 марта", "у ніч проти 5 березня", "вчера", ...

:mod:`geomap.dates` asks this module only for sentences with Cyrillic letters;
the phrases get the kinds of :data:`geomap.dates.PHRASE_KINDS` and the same
conventions (a night is dated by the evening it begins: "в ночь на 5 марта" is
4 March, "ночью" in a report is the day before publication; a date without a
year is the most recent such date on or before publication).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS: dict[str, int] = {}
for _number, _words in enumerate((
    ("января", "январь", "январе", "січня", "січень", "січні"),
    ("февраля", "февраль", "феврале", "лютого", "лютий", "лютому"),
    ("марта", "март", "марте", "березня", "березень", "березні"),
    ("апреля", "апрель", "апреле", "квітня", "квітень", "квітні"),
    ("мая", "май", "мае", "травня", "травень", "травні"),
    ("июня", "июнь", "июне", "червня", "червень", "червні"),
    ("июля", "июль", "июле", "липня", "липень", "липні"),
    ("августа", "август", "августе", "серпня", "серпень", "серпні"),
    ("сентября", "сентябрь", "сентябре", "вересня", "вересень", "вересні"),
    ("октября", "октябрь", "октябре", "жовтня", "жовтень", "жовтні"),
    ("ноября", "ноябрь", "ноябре", "листопада", "листопад", "листопаді"),
    ("декабря", "декабрь", "декабре", "грудня", "грудень", "грудні"),
), start=1):
    for _word in _words:
        _MONTHS[_word] = _number

# Weekdays as written after "в"/"у"/"на" (accusative) and in the nominative, Monday = 0.
_WEEKDAYS: dict[str, int] = {}
for _number, _words in enumerate((
    ("понедельник", "понеділок"), ("вторник", "вівторок"), ("среду", "среда", "середу", "середа"),
    ("четверг", "четвер"), ("пятницу", "пятница", "п'ятницю", "п'ятниця"),
    ("субботу", "суббота", "суботу", "субота"), ("воскресенье", "неділю", "неділя"),
)):
    for _word in _words:
        _WEEKDAYS[_word] = _number


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_MONTH = rf"(?:{_alternation(_MONTHS)})"
_WEEKDAY = rf"(?:{_alternation(_WEEKDAYS)})"
_DAY = r"(?<![\d.,/:])(?:[12]\d|3[01]|0?[1-9])(?![\d.,:])"
_YEAR = r"(?:\s+(?:19|20)\d{2}(?:\s*(?:года|году|г\.|року|р\.))?)?"
_NIGHT = r"(?:в|у|во)\s+ніч|(?:в|во)\s+ночь"
_INTO = r"(?:на|проти|на\s+ночь)"

_SOURCES: tuple[tuple[str, str], ...] = (
    # "в ночь с 4 на 5 марта", "у ніч з 4 на 5 березня": the first day.
    ("night", rf"(?:{_NIGHT})\s+(?:с|з|із)\s+{_DAY}\s+(?:{_MONTH}\s+)?на\s+{_DAY}\s+{_MONTH}{_YEAR}"),
    # "в ночь на 5 марта", "у ніч проти 5 березня", "в ніч на 5-е березня": the evening before.
    ("night", rf"(?:{_NIGHT})\s+{_INTO}\s+{_DAY}(?:-?е|-?го)?\s+{_MONTH}{_YEAR}"),
    ("date", rf"{_DAY}\s+{_MONTH}{_YEAR}"),
    # "в ночь на субботу", "у ніч проти неділі" (genitive too).
    ("weekday", rf"(?:{_NIGHT})\s+{_INTO}\s+(?:{_WEEKDAY}|неділі|п'ятниці|суботи|середи)\b"),
    ("weekday", rf"\b(?:в|во|у)\s+{_WEEKDAY}\b"),
    ("month", rf"\b(?:в|у)\s+{_MONTH}(?:\s+(?:19|20)\d{{2}})?\b"),
    ("week", r"\b(?:на\s+(?:прошлой|минувшей|этой)\s+неделе|(?:минулого|цього|на\s+цьому)\s+тижн[яі]"
             r"|на\s+минулому\s+тижні)\b"),
    ("relative_day", r"\b(?:(?:сегодня|сьогодні|вчера|вчора|учора|позавчера|позавчора|позавчора)"
                     r"(?:\s+(?:утром|днем|вечером|ночью|вранці|зранку|вдень|ввечері|увечері|вночі|уночі))?"
                     r"|(?:этой|минувшей|прошлой|минулої|цієї|цієї\s+ж)\s+ночи|этой\s+ночью|минувшей\s+ночью"
                     r"|в\s+течение\s+(?:прошедшей\s+|минувшей\s+)?ночи|протягом\s+(?:минулої\s+)?ночі"
                     r"|за\s+(?:прошедшую\s+|минувшую\s+)?ночь|за\s+(?:минулу\s+)?ніч|ночью|вночі|уночі"
                     # "За добу ворог застосував два КАБ": a morning report's count of the past day.
                     r"|за\s+(?:минувшие\s+|прошедшие\s+|последние\s+)?сутки|за\s+(?:минулу\s+)?добу"
                     r"|упродовж\s+доби"
                     # "Минулої доби ворог обстріляв Херсон", "в течение минувших суток": the day before.
                     r"|(?:протягом\s+|упродовж\s+)?минулої\s+доби|в\s+течение\s+(?:минувших|прошедших)\s+суток"
                     r"|утром|вранці|зранку)\b"),
)
_PATTERNS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _SOURCES)


def find(sentence: str) -> list[tuple[int, int, str]]:
    """The Cyrillic date phrases of a sentence as ``(start, end, kind)``, overlapping allowed
    (the caller keeps the longest)."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if kind in ("date", "night") and _pairs(m.group()) is None:
                continue
            found.append((m.start(), m.end(), kind))
    return found


_NUMBER = re.compile(r"\d+")
_MONTH_WORD = re.compile(rf"(?<!\w){_MONTH}(?!\w)", re.IGNORECASE)


def _pairs(text: str) -> tuple[list[int], int, int | None] | None:
    """The day numbers, the month and the year of a phrase; None when no calendar has the day."""
    months = [_MONTHS[w.lower()] for w in _MONTH_WORD.findall(text)]
    if not months:
        return None
    month = months[0]  # "с 31 декабря на 1 января": the night began in December
    numbers = [int(n) for n in _NUMBER.findall(text)]
    year = numbers.pop() if numbers and numbers[-1] >= 1900 else None
    for day in numbers:
        try:
            date(year or 2000, month, day)  # 2000: a leap year, allows 29 February
        except ValueError:
            return None
    return numbers, month, year


def _recent(day: int, month: int, year: int | None, pub: date | None) -> date | None:
    if year is not None:
        return date(year, month, day)
    if pub is None:
        return None
    for y in range(pub.year, pub.year - 9, -1):
        try:
            found = date(y, month, day)
        except ValueError:
            continue
        if found <= pub:
            return found
    return None


_NIGHT_WORDS = re.compile(r"ноч|ніч|вночі|уночі|сутки|суток|добу|доби", re.IGNORECASE)
_INTO_NIGHT = re.compile(rf"(?:{_NIGHT})\s+{_INTO}\s", re.IGNORECASE)


def resolve(text: str, kind: str, pub: date | None) -> tuple[date | None, str]:
    """``(date, precision)`` of a phrase :func:`find` gave, relative to the publication date."""
    low = text.lower()
    try:
        if kind in ("date", "night"):
            parsed = _pairs(text)
            if parsed is None or not parsed[0]:
                return None, "unknown"
            days, month, year = parsed
            day = _recent(days[0], month, year, pub)
            if day is None:
                return None, "unknown"
            if kind == "night" and len(days) == 1:
                day -= timedelta(days=1)  # "в ночь на 5 марта": the night began on the 4th
            return day, "day"
        if kind == "month":
            parsed_month = next((n for w, n in _MONTHS.items() if re.search(rf"\b{w}\b", low)), None)
            years = [int(n) for n in _NUMBER.findall(text)]
            if parsed_month is None or (pub is None and not years):
                return None, "unknown"
            year = years[0] if years else (pub.year if parsed_month <= pub.month else pub.year - 1)
            return date(year, parsed_month, 1), "month"
        if pub is None:
            return None, "unknown"
        if kind == "weekday":
            name = next(w for w in sorted(_WEEKDAYS, key=len, reverse=True) if w in low) if any(
                w in low for w in _WEEKDAYS) else None
            wanted = _WEEKDAYS[name] if name else _GENITIVE_WEEKDAYS.get(low.split()[-1])
            if wanted is None:
                return None, "unknown"
            day = pub - timedelta(days=(pub.weekday() - wanted) % 7)
            if _INTO_NIGHT.match(low):
                day -= timedelta(days=1)
            return day, "day"
        if kind == "week":
            back = 0 if ("этой" in low or "цього" in low or "цьому" in low) else 7
            return pub - timedelta(days=back), "week"
        if kind == "relative_day":
            if "позавч" in low:
                return pub - timedelta(days=2), "day"
            if "вчера" in low or "вчора" in low or "учора" in low or _NIGHT_WORDS.search(low):
                return pub - timedelta(days=1), "day"
            return pub, "day"
    except (ValueError, OverflowError):
        return None, "unknown"
    return None, "unknown"


_GENITIVE_WEEKDAYS = {"неділі": 6, "п'ятниці": 4, "суботи": 5, "середи": 2}
