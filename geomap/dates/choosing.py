"""Choosing the date of a strike: the phrase of its sentence that dates the strike, not its report.

A phrase bound to another period ("since", "until", "next week") or dating a
reporting verb ("said on Sunday") gives way to one that dates the strike; see
:func:`event_date` for the rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from ..text import _ASCII_WORD_TABLE
from .finding import _find_cached
from .patterns import DatePhrase
from .resolving import resolve, to_date

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "unknown": 3}


def _words_back(text: str, end: int, words: int) -> int:
    """A position at or before the start of the ``words``-th whitespace-separated word before ``end``."""
    parts = text[:end].rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


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


# A date phrase that modifies the strike's noun ("the overnight drone attack", "Sunday's
# missile strike") dates the strike, whatever verb of telling stands before it.
_STRIKE_NOUN_AFTER = re.compile(
    r"(?:'s)?\s+(?:(?:drone|missile|air|rocket|massive|combined|russian|ukrainian|artillery)\s+){0,2}"
    r"(?:attacks?|strikes?|shelling|raids?|bombardment)\b", re.IGNORECASE)


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
    if _STRIKE_NOUN_AFTER.match(sentence, phrase.end):
        return None, None  # "said the overnight drone attack had damaged ...": the attack's time
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


def _may_report(clause: str) -> bool:
    """False only when ``clause`` cannot hold a reporting word (:data:`_REPORT_BEFORE`).

    In ASCII text a match's first word is a whole run of letters and digits (\\b on both sides),
    lower-cased by the case-blind match: one of the clause's runs, as the byte table of
    :func:`geomap.text.match_fold` cuts them, is then in :data:`_REPORT_FIRST_WORDS`. A set
    look-up per word instead of the stems' search at every position (the dense slice's 480
    clauses, replayed under callgrind: 9.5 -> 3.5 M instructions).
    """
    if not clause.isascii():
        return True
    return not _REPORT_FIRST_WORDS.isdisjoint(clause.lower().encode().translate(_ASCII_WORD_TABLE).split())


#: The first word of every reporting word or phrase of :data:`_REPORT_BEFORE`, lower-cased, as bytes.
_REPORT_FIRST_WORDS = frozenset(w.split("\\s+")[0].encode() for w in _REPORT_WORDS.split("|"))


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
    word = _CUE_WORD.match(sentence, cue_start)  # (never None: the pattern may match nothing)
    word_end = word.end() if word is not None else cue_start
    return cue_start, word_end if word_end > cue_start else cue_start + 1


def _near_a_verb(candidates: Sequence[_Candidate]) -> bool:
    """Whether a date phrase stands with a reporting verb (a plain loop: asked for every event,
    it costs less than all() over a generator)."""
    for c in candidates:
        if c.gap_start is not None or c.verb_end is not None:
            return True
    return False


def dated_by_report_only(sentence: str, cue_start: int, published: date | str | None) -> bool:
    """Whether every date phrase of ``sentence`` dates a reporting verb ("the governor wrote on
    Friday"), so that :func:`event_date` falls back on when the strike was reported."""
    _, candidates = _candidates(sentence, published)
    if not candidates or not _near_a_verb(candidates):
        return False
    cue_start, cue_end = _cue_span(sentence, cue_start)
    return all(c.reports(cue_start, cue_end) for c in candidates)


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
