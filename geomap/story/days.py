"""Dates across sentences: the day a sentence gives a strike, its dateline left out
(:func:`strike_date`), and the day a report's undated strikes take from its lead or from the
strike told just before (:func:`story_dates`)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from .. import dates
from ..model import Event
from ..reading import SentenceReading
from .frames import opens_new_frame

# Sentences after an event sentence that may carry on its story without naming a place.
_CONTINUATION = 2


# Several places in one sentence share its date phrases: read them once.
_event_date = functools.lru_cache(maxsize=256)(dates.event_date)


# "MOSCOW, Feb 7 (Wire) - ": the dateline's date is when the story was filed, not the strike.
_DATELINE_PREFIX = re.compile(
    r"[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\-]*(?: [A-ZА-ЯІЇЄ'\-]+){0,3},? ?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})? ?(?:\([^)]{0,40}\))? ?[-—–] "
)


_DASHES = ("- ", "— ", "– ")


def strike_date(sentence: str, cue_at: int, published: dt.date | None) -> tuple[str | None, str]:
    """The date of a strike told in ``sentence``, its dateline left out."""
    head = sentence[:80]
    # The prefix ends in a dash and a space: substring tests spare the match in nearly every sentence.
    dateline = _DATELINE_PREFIX.match(head) if any(map(head.__contains__, _DASHES)) else None
    if dateline and cue_at >= dateline.end():
        cut = dateline.end()
        return _event_date(sentence[cut:], cue_at - cut, published)
    return _event_date(sentence, cue_at, published)


def story_dates(readings: list[SentenceReading], published: dt.date | None = None) -> None:
    """Events told without a date of their own take the date of the strike told just before.

    A report dates its lead ("drones struck the refinery overnight") and then
    goes on ("Debris damaged windows in the city."): the second event gets the
    lead's date instead of the vague publication-week fallback: the report's
    one strike day if it names only one, else the day of the event just before
    within a few sentences (a later paragraph may tell another story).
    """
    undated = {id(e) for r in readings for e in r.undated}
    if not undated:
        return  # every event has a day of its own
    # (A strike told in passing on another day does not date the report's story.)
    # (Nor does one a sentence turning to earlier attacks tells: "As reported earlier, the enemy
    # shelled Nikopol during the night.")
    aside = undated | {id(e) for r in readings for e in r.earlier} | {
        id(e) for r in readings if r.events and opens_new_frame(r) for e in r.events}
    dated = {(e.event_date, e.date_precision) for r in readings for e in r.events
             if e.event_date and id(e) not in aside}
    # A tally dated in a sentence of its own, with no place ("102 drones were downed on the night
    # of August 28. Of those, 22 over the Black Sea ..."): its day is one of the report's, and
    # the story moves to it.
    # (Not one that turns to earlier attacks: "Ukrinform earlier reported ... on August 8".)
    own_days = {r.index: day for r in readings if not r.events and r.strength is not None
                and (day := _own_day(r, published)) is not None and not opens_new_frame(r)}
    if dated:
        dated |= set(own_days.values())

    if not dated:
        # "Drones downed overnight" in the headline, then a tally with no date of its own.
        lead = _lead_date(readings, published)
        if lead is not None:
            dated = {lead}
    if len(dated) == 1:
        # One strike day in the whole report: everything it tells happened then.
        (day, precision), = dated
        for event in (e for r in readings for e in r.undated):
            event.event_date, event.date_precision = day, precision
        return
    story: tuple[int, str, str] | None = None
    told = False  # the story's day is only the day a sentence was told ("the air force said on Saturday")
    left: list[tuple[int, Event]] = []  # undated events told before any strike dated of its own
    for reading in readings:
        if reading.index in own_days:
            # "On 1 January the ministry said 15 drones were downed. They were downed over ...".
            story = (reading.index, *own_days[reading.index])
            told = _told_on(reading, published)
        for event in reading.events:
            if id(event) in undated:
                if story and reading.index - story[0] <= _CONTINUATION + 1:
                    event.event_date, event.date_precision = story[1], story[2]
                    # A report keeps to its day from one strike sentence to the next until it
                    # names another day or leaves strikes for a while.
                    story = (reading.index, story[1], story[2])
                    if told:
                        left.append((reading.index, event))
                elif story is None:
                    left.append((reading.index, event))
            elif event.event_date and id(event) not in aside:
                story, told = (reading.index, event.event_date, event.date_precision), False
    if left:
        _night_told_next(readings, left, aside)


def _told_on(reading: SentenceReading, published: dt.date | None) -> bool:
    """Whether a sentence's day is that of its telling ("..., the air force said on Saturday")."""
    cue_at = reading.cues[0].start - reading.sentence.start if reading.cues else 0
    return dates.dated_by_report_only(reading.sentence.text, cue_at, published)


def _night_told_next(readings: list[SentenceReading], left: list[tuple[int, Event]], aside: set[int]) -> None:
    """"Nine drones were shot down over four regions, the air force said on Saturday." then "the
    overnight drone attack damaged buildings": a strike told with only the day of its telling,
    before any dated one, took place the night before when the strike told next did."""
    for index, event in left:
        # (Dated by the report's own day, or by its week when the sentence names no day at all.)
        if event.date_precision not in ("day", "week") or not event.event_date:
            continue
        night = (dt.date.fromisoformat(event.event_date) - dt.timedelta(days=1)).isoformat()
        for reading in readings[index + 1:index + _CONTINUATION + 2]:
            days = {(e.event_date, e.date_precision) for e in reading.events
                    if e.event_date and id(e) not in aside}
            if days:
                if days == {(night, "day")} and _NIGHT.search(reading.sentence.text):
                    event.event_date, event.date_precision = night, "day"
                break


# What the strike told next must be dated by: the night before the report.
_NIGHT = re.compile(r"\b(?:overnight|night)\b|ніч|ноч", re.IGNORECASE)


def _own_day(reading: SentenceReading, published: dt.date | None) -> tuple[str, str] | None:
    """The day a sentence dates itself to in words ("on 1 January", "overnight"), if any."""
    text = reading.sentence.text
    if not dates.find_date_phrases(text):
        return None
    day, precision = strike_date(text, 0, published)
    return (day, precision) if day and precision == "day" else None


def _lead_date(readings: list[SentenceReading], published: dt.date | None) -> tuple[str, str] | None:
    """The day the headline or lead gives ("overnight", "on the night of 22 October"), if one;
    else the day of the first strike sentence that dates itself from the report's own day
    ("... more than a hundred drones and missiles during the night.")."""
    for reading in readings[:_LEAD_SENTENCES]:
        if opens_new_frame(reading):
            continue
        if not reading.events and _TOLD_THAT_MORNING.match(reading.sentence.text):
            continue  # "On the morning of 24 September the governor told of the shelling": when he told
        day, precision = strike_date(reading.sentence.text, 0, published)
        if day and precision == "day" and dates.find_date_phrases(reading.sentence.text):
            return day, precision
    for reading in readings[_LEAD_SENTENCES:]:
        if reading.strength is None or _EARLIER.search(reading.sentence.text):
            continue  # "Earlier, the ministry reported 95 drones downed overnight": another time
        phrases = dates.find_date_phrases(reading.sentence.text)
        if phrases and all(p.kind == "relative_day" for p in phrases):
            day, precision = strike_date(reading.sentence.text, 0, published)
            if day and precision == "day":
                return day, precision
    return None


# A morning's date at the head of a sentence whose verb is the telling: the day of the report,
# which tells of the night or the day before ("Уранці 24 вересня ... розповів", then "За добу ...").
_TOLD_THAT_MORNING = re.compile(
    r"(?:(?:on|in) the morning of|уранці|вранці|зранку|утром)\s[^.;]{0,140}?"
    r"\b(?:said|told|reported|wrote|розповів|розповіла|повідомив|повідомила|написав|написала"
    r"|сообщил|сообщила|рассказал|рассказала|написал)\b",
    re.IGNORECASE)

_EARLIER = re.compile(r"\b(?:earlier|previously)\b|раньше|раніше|ранее|напередодні|накануне", re.IGNORECASE)

#: The headline and the first sentences: where a report says when its story happened.
_LEAD_SENTENCES = 3


def _own_date(reading: SentenceReading, published: dt.date | None) -> str | None:
    """The day a sentence itself names ("on 13 March", "on Monday"), if it names one."""
    if not dates.find_date_phrases(reading.sentence.text):
        return None
    day, precision = strike_date(reading.sentence.text, 0, published)
    return day if precision == "day" else None
