"""Claims and speakers: a belligerent reporting ("Ukraine's navy said"), and the attacker
speaking of its own strike ("said its forces had struck"), which makes the damage a claim."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..reading import PlaceHit, SentenceReading
from ..text import matches_at_words
from .attacker import attacker_by_geography

# "X said (on Thursday) (that) its forces had struck ...": the attacker speaking of its own strike.
_OWN_CLAIM = re.compile(
    # The verbs spelled as a tree after a look-behind (not \b): the engine then skips fast.
    r"(?<!\w)(?:s(?:aid|ays?)|claim(?:ed|s)|reported|announced)\b(?:\s+on\s+\w+)?(?:\s+that)?\s+"
    r"(?:it|they|its\s+(?:\w+\s+)?(?:forces|drones|units|troops|navy|military))\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:successfully\s+)?"
    r"(?:struck|hit|attacked|targeted|destroyed|damaged|set\s+fire|blew\s+up|burned|mined|sabotaged)\b",
    re.IGNORECASE,
)


# "Ukraine's navy said", "the Russian defence ministry said", "according to Ukraine's military":
# a belligerent speaking.
_SIDE = (
    r"(?P<ukraine>(?:Ukraine's|Ukrainian|Kyiv's)\s+(?:[\w-]+\s+){0,2}?(?i:navy|military|army|General Staff|"
    r"armed forces|forces|security service|SBU|defence forces|defense forces|drone forces|special forces|"
    r"military intelligence|intelligence|air force|special services)"
    r"|(?i:the\s+)?(?:General Staff|Defen[cs]e Forces|Armed Forces|Navy)\s+of\s+"
    r"(?:the\s+Armed\s+Forces\s+of\s+)?Ukraine)"
    r"|(?P<russia>(?:the\s+)?(?:Russian|Russia's)\s+(?i:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)"
    r"|(?:the\s+)?(?:Russian|Russia's)\s+MoD"
    r"|Russia's military|(?:the\s+)?(?i:Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e)\s+of\s+Russia)"
)
_SIDE_AGAIN = _SIDE.replace("?P<ukraine>", "?P<ukraine2>").replace("?P<russia>", "?P<russia2>")
_SIDE_SPEAKS = re.compile(
    rf"(?:{_SIDE})(?:\s+\([A-Z]+\))?\s+(?:has\s+|have\s+)?"
    rf"(?:said|says|claimed|claims|reported|announced|confirmed|confirms|stated)\b"
    rf"|(?:[Aa]ccording\s+to|citing)\s+(?:the\s+)?(?:{_SIDE_AGAIN})"
    # "Sources in the Ukrainian special services told Ukrainian media that ...": how the services
    # tell of their own strikes.
    r"|(?P<ukraine3>(?:Ukraine's|Ukrainian)\s+special\s+services\s+told)\b"
)


# Every match of _SIDE_SPEAKS holds one of these (its verbs, "[Aa]ccording", "citing", "services
# told"), case and all.
_SPEAKING_WORDS = ("said", "says", "claim", "reported", "announced", "confirm", "stated", "ccording",
                   "citing", "services told")


@functools.lru_cache(maxsize=256)
def speaking_side(sentence: str, before: int | None = None) -> str | None:
    """The belligerent reporting, in the words before ``before`` (or anywhere), if one is.

    Kept per sentence: each place of a sentence asks about the whole sentence (see
    _own_claim_before), and the search costs some 270,000 instructions in a long one.
    """
    before = len(sentence) if before is None else before
    head = sentence[:before]  # a match lies wholly before ``before``: so do the words it needs
    if "Ukrain" not in head and "Kyiv" not in head and "Russia" not in head:
        return None  # the pattern below needs one of these words: nobody speaks for a side
    if not any(map(head.__contains__, _SPEAKING_WORDS)):
        return None  # nor without a verb of speaking or "according" (case-sensitive in the pattern)
    side = None
    for m in _side_matches(sentence, before):
        side = "ukraine" if m.group("ukraine") or m.group("ukraine2") or m.group("ukraine3") else "russia"
    return side


def _side_matches(sentence: str, before: int) -> Iterator[re.Match[str]]:
    """``_SIDE_SPEAKS.finditer(sentence, 0, before)``, tried only where the first word of a branch stands.

    The search tries the pattern at every position (some 270,000 instructions in a long sentence).
    In ASCII text, where its case-blind parts read as lower() does, every match starts at one of
    :data:`_SIDE_OPENERS` (anywhere: the pattern has no \\b before them); those places, in order,
    from the end of the last match, give what finditer gives.
    """
    if not sentence.isascii():
        yield from _SIDE_SPEAKS.finditer(sentence, 0, before)
        return
    low = sentence[:before].lower()
    starts = set()
    for word in _SIDE_OPENERS:
        at = low.find(word)
        while at >= 0:
            starts.add(at)
            at = low.find(word, at + 1)
    pos = 0  # no match starts before this
    for at in sorted(starts):
        if at >= pos and (found := _SIDE_SPEAKS.match(sentence, at, before)) is not None:
            yield found
            pos = found.end()  # never empty: each match holds a side or "according"/"citing"


# The first word of each branch of _SIDE_SPEAKS, lower-cased: "Ukraine's", "Ukrainian", "Kyiv's",
# "the", "General Staff", "Defence/Defense Forces" or "Ministry", "Armed Forces", "Navy", "Russian",
# "Russia's", "Ministry of Defence", "according to", "citing".
_SIDE_OPENERS = ("ukrain", "kyiv", "the", "general", "defen", "armed", "navy", "russia", "ministry",
                 "according", "citing")


def _own_claim_before(reading: SentenceReading, hit: PlaceHit, attacker: str | None = None) -> bool:
    """Whether the attacking side is reporting its own strike on this place."""
    sentence = reading.sentence
    text = sentence.text  # (a NamedTuple's field, read once: see attributes.cues.cue_distance)
    offset = hit.match.start - sentence.start
    claims = _own_claims(text)
    if claims and claims[0] < offset:
        return True
    # "Russian forces destroyed a depot at X, Interfax reported, citing Russia's defence ministry":
    # the attribution after the place speaks for the whole sentence.
    side = speaking_side(text, offset) or speaking_side(text)
    return side is not None and side == (attacker or attacker_by_geography(hit.place, hit.text))


_SPEAKER_WORDS = (" it ", " they ", " its ")


@functools.lru_cache(maxsize=64)
def _own_claims(sentence: str) -> tuple[int, ...]:
    # Where "said its forces had struck" phrases start; asked once per place of the sentence.
    lower = sentence.lower()
    if not any(map(lower.__contains__, ("said", "say", "claim", "reported", "announced"))):
        return ()  # substring tests spare the case-blind search in most sentences
    if sentence.isascii() and sentence.isprintable() and not any(map(lower.__contains__, _SPEAKER_WORDS)):
        return ()  # nor "it", "they", "its" between spaces (the only white space such a sentence has)
    if sentence.isascii():  # tried only where its verbs stand (dense slice's 824 sentences: 15.7 -> 13.5 M)
        return tuple(m.start() for m in matches_at_words(_OWN_CLAIM, sentence, lower, _CLAIM_VERBS))
    return tuple(m.start() for m in _OWN_CLAIM.finditer(sentence))


# The first word of every match of _OWN_CLAIM, lower-cased ("say" holds "says").
_CLAIM_VERBS = ("said", "say", "claim", "reported", "announced")
