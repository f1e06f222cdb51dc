"""Finding the date phrases of a sentence: the patterns run, cheap gates first, overlaps settled."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from ..lang import dates as cyrillic_dates
from ..lang import has_cyrillic
from .calendar_dates import _explicit_date, _pairs, _tokens, _valid
from .patterns import _MONTH, _PATTERNS, DatePhrase


def find_date_phrases(sentence: str) -> list[DatePhrase]:
    """Return the date phrases in ``sentence``, in order of position, never overlapping.

    Where two patterns match overlapping text the longer match wins (so
    "overnight into Sunday" is one weekday phrase, not "overnight" plus
    "Sunday"). Day-month combinations that cannot exist ("31 February",
    "2024-02-30") are left out.
    """
    return list(_find_cached(sentence))


# "for the third time this month", "the fifth attack this week", "twice this month": a count of
# strikes over a span, which dates none of them.
_COUNT_BEFORE = re.compile(
    r"(?i:(?:\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)?|two|"
    r"three|four|five|six|several|many)\s+(?:times?|attacks?|strikes?|raids?)|\btwice|\bthrice|\bonce)\s+)$")
_COUNTED_KINDS = frozenset({"relative_month", "week"})


@functools.lru_cache(maxsize=512)
def _find_cached(sentence: str) -> tuple[DatePhrase, ...]:
    # A sentence that tells several strikes is asked about once per strike, and wire copy
    # repeats sentences across documents: read each once.
    clues = _Clues.of(sentence)
    found: list[DatePhrase] = []
    held = _held_kinds(clues)  # _may_hold of every kind at once (the month kinds inlined below)
    for kind, pattern in _PATTERNS:
        if not (clues.has_month if kind in _NEEDS_MONTH else kind in held):
            continue
        # A weekday phrase starts at most a few words before its weekday name (see _weekday_matches).
        if kind == "weekday":
            matches = _weekday_matches(pattern, sentence, clues.weekday_at)
        elif kind in _NEAR_WORDS and sentence.isascii():  # likewise near their words (see there)
            matches = _matches_near_words(_CASED[kind], sentence, clues.low, *_NEAR_WORDS[kind])
        else:
            matches = pattern.finditer(sentence)
        for m in matches:
            start, end = m.span()
            text = sentence[start:end]  # (a match may be of the lower-cased sentence: see _CASED)
            if end > start and _plausible(kind, text) and not (
                    kind in _COUNTED_KINDS and _COUNT_BEFORE.search(sentence, max(0, start - 24), start)):
                found.append(DatePhrase(start, end, text, kind))
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
                     "past day", "previous day", "last day", "24 hours", "day before", "one day"),
    "week": ("week", "days"),
    "relative_month": ("month",),
}
_NEEDS_MONTH = frozenset({"night", "range", "date", "month"})
#: The separator of each numeric kind, between two digits in every match ("2024-02-12", "12.02.2024").
_NEEDS_DIGIT_PAIR: dict[str, str] = {"iso": "-", "numeric": "."}
_DIGIT_PAIR = re.compile(r"\d[-.]\d")
# In ASCII text \d is [0-9] either way; compiled with re.ASCII it is tested as a range, not by a
# Unicode look-up per character.
_DIGIT_PAIR_ASCII = re.compile(_DIGIT_PAIR.pattern, re.ASCII)

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
    weekday_at: int       # where the first such name starts (0 without one)

    @classmethod
    def of(cls, sentence: str) -> _Clues:
        # Every month name starts with one of the three letters _MONTH_START finds: the slower
        # whole-word search starts at the first of them.
        first = _MONTH_START.search(sentence)
        has_month = first is not None and _MONTH_NAME.search(sentence, first.start()) is not None
        # A substring test in C spares the search (which checks every character against a set)
        # where it cannot match: every weekday name ends in "day".
        weekday = _WEEKDAY_NAME.search(sentence) if "day" in sentence else None
        digit_pair = (_DIGIT_PAIR_ASCII if sentence.isascii() else _DIGIT_PAIR).search(sentence) is not None
        return cls(sentence.lower(), has_month, digit_pair, weekday is not None,
                   weekday.start() if weekday else 0)


def _weekday_matches(pattern: re.Pattern[str], sentence: str, weekday_at: int) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(sentence)`` gives for the weekday pattern, tried only near weekday names.

    The pattern's case-blind words before a weekday name are tried at every position a search
    scans, which costs more than all else in a long sentence. Every match starts at a word start
    (each branch opens with \\b and a word) within five words before its weekday name
    (:func:`_weekday_window`): only those starts are tried, in order.
    """
    pos = 0  # no match starts before this
    name = weekday_at
    # In ASCII text (case-blind there is lower()), a word start is tried only where one of the words
    # every match opens with stands: a failed attempt of this pattern costs more than the test.
    low = sentence.lower() if sentence.isascii() else None
    word_start = _WORD_START if low is None else _WORD_START_ASCII
    while True:
        for start in word_start.finditer(sentence, max(pos, _weekday_window(sentence, name)), name + 1):
            if low is not None and not low.startswith(_WEEKDAY_OPENERS, start.start()):
                continue
            found = pattern.match(sentence, start.start())
            if found is not None:
                yield found
                pos = found.end()  # never an empty match: each holds a weekday name
                break
        else:
            pos = name + 1  # every start up to the name was tried
        following = _WEEKDAY_NAME.search(sentence, pos) if sentence.find("day", pos) >= 0 else None
        if following is None:
            return
        name = following.start()


#: For the case-blind kinds tried near their words (:func:`_matches_near_words`): words one of
#: which every phrase of the kind holds, and the most words a phrase has before the first of them
#: ("the day before yesterday", "over the past 24 hours", "early overnight": "early over|night";
#: "over the past few days").
_NEAR_WORDS: dict[str, tuple[tuple[str, ...], int]] = {
    "relative_day": (("today", "tonight", "morning", "afternoon", "evening", "night", "yesterday", "ago",
                      "past", "previous", "last", "before", "one day", "24 hours"), 3),
    "week": (("week", "days"), 4),
}
# Where a word starts: each weekday, relative-day and week phrase starts so (every branch opens
# with \b and a word).
_WORD_START = re.compile(r"\b(?=\w)")
# The same starts in ASCII text, where \w is [a-zA-Z0-9_] either way: a table look-up per character
# instead of four Unicode ones.
_WORD_START_ASCII = re.compile(_WORD_START.pattern, re.ASCII)
# The same kinds' patterns without IGNORECASE: every letter they hold is lower case, so in an ASCII
# sentence (whose case-blind reading is lower()) they match the lower-cased sentence where the
# case-blind patterns match the sentence, at half the cost (no case folding of each character).
_CASED = {kind: re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
          for kind, pattern in _PATTERNS if kind in _NEAR_WORDS}


def _matches_near_words(pattern: re.Pattern[str], sentence: str, low: str, words: tuple[str, ...],
                        words_before: int) -> Iterator[re.Match[str]]:
    """What finditer gives over an ASCII sentence for a case-blind kind of phrase, as spans.

    ``pattern`` is the kind's pattern without IGNORECASE (:data:`_CASED`), matched against
    ``low``, the sentence lower-cased, which in ASCII text is what the case-blind pattern reads
    (the matches are of ``low``: their spans are the sentence's). The case-blind pattern is tried
    at every position finditer scans; here it is tried only at the word starts within
    ``words_before`` words before each of its ``words`` (found in ``low``), in order, so the first
    that matches is the match finditer finds next.
    """
    # Every place one of the words stands, in order, found once (not again from each match's end:
    # _find_cached over the dense slice's 715 sentences, replayed under callgrind: 84.9 -> 79.7 M).
    keys = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            keys.append(at)
            at = low.find(word, at + 1)
    keys.sort()
    pos = 0  # no match starts before this
    for key in keys:
        if key < pos:
            continue  # (a word inside the last match, or one whose starts were all tried)
        head = sentence[:key].rsplit(None, words_before)
        window = len(head[0]) if len(head) > words_before else 0
        for start in _WORD_START_ASCII.finditer(sentence, max(pos, window), key + 1):  # (ASCII)
            found = pattern.match(low, start.start())
            if found is not None:
                yield found
                pos = found.end()  # never an empty match: each holds one of the words
                break
        else:
            pos = key + 1  # every start up to the word was tried


#: The words a weekday phrase opens with, lower-cased: the first of each branch of the pattern's
#: case-blind prefix ("late on", "in the early hours of", "during the night into", "overnight into",
#: "on this past", ...), or the weekday name itself.
_WEEKDAY_OPENERS = ("late", "early", "in", "the", "during", "on", "night", "overnight", "last", "this",
                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: The most words a weekday phrase has before its weekday name ("in the early hours of Friday").
_WEEKDAY_PREFIX_WORDS = 5


def _weekday_window(sentence: str, weekday_at: int) -> int:
    """Where a search for a weekday phrase holding the name at ``weekday_at`` may start, or later.

    What stands before a phrase's weekday name is at most five words, each followed by white
    space: it lies within the last five white-space-separated tokens before the name (the first
    word maybe glued to what precedes it: "(on Friday"), and no such word is a weekday name.
    A search starting there still sees the characters before it (\\b, look-behinds).
    """
    head = sentence[:weekday_at].rsplit(None, _WEEKDAY_PREFIX_WORDS)
    return len(head[0]) if len(head) > _WEEKDAY_PREFIX_WORDS else 0


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


def _held_kinds(clues: _Clues) -> set[str]:
    """The kinds of phrase, the month kinds apart, that :func:`_may_hold` lets through: asked once
    per sentence instead of once per kind (seven calls; _find_cached over the dense slice's 715
    sentences, replayed under callgrind: 79.7 -> 76.8 M instructions)."""
    low = clues.low
    held = {kind for kind, words in _KIND_WORDS.items() if any(map(low.__contains__, words))}
    if clues.has_weekday:
        held.add("weekday")
    if clues.has_digit_pair:
        held.update(kind for kind, separator in _NEEDS_DIGIT_PAIR.items() if separator in low)
    if ":" in low and "at " in low:
        held.add("small_hours")
    return held


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
