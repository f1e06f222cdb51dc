"""Whether a negation governs a cue: "no damage", "did not confirm any casualties or damage"."""

from __future__ import annotations

import re

from .. import lexicon
from ..lang import rules as cyrillic_rules
from ..matcher import Match
from ..reading import SentenceReading
from ..text import Sentence

_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:but|while|although|though|whereas)\b")
_CLAUSE_WORDS = ("but", "while", "though", "whereas")  # "although" holds "though"


def negated(reading: SentenceReading, cue: Match) -> bool:
    """Whether a negation governs the cue: "no damage", "did not confirm any casualties or damage".

    The negation may stand up to six words before the cue, within the same clause.
    The answer is kept with the sentence: every place of it asks about the same cues.
    """
    start = cue.start  # (a NamedTuple's field, read once: see attributes.cues.cue_distance)
    known = reading.negations.get(start)
    if known is None:
        if cue.key.isascii():
            known = _negation_before(reading.sentence, start)
        else:  # Russian and Ukrainian: "не пострадал", and after the word too: "пострадавших нет"
            at = reading.sentence.start
            known = cyrillic_rules.negated(reading.sentence.text, start - at, cue.end - at)
        reading.negations[start] = known
    return known


_NEGATION_WORDS = frozenset(n for n in lexicon.NEGATIONS if " " not in n)
# Phrases that hold none of the single words (those a word test would already find).
_NEGATION_PHRASES = tuple(n for n in lexicon.NEGATIONS
                          if " " in n and _NEGATION_WORDS.isdisjoint(n.split()))
_NEGATION_PHRASES = tuple(f" {n} " for n in _NEGATION_PHRASES)  # as whole words in " w1 w2 ... "
_PHRASE_FIRST_WORDS = frozenset(n.split()[0] for n in _NEGATION_PHRASES)



def _negation_before(sentence: Sentence, at: int) -> bool:
    at -= sentence.start  # (read once)
    before = sentence.text[max(0, at - 60):at]
    lower = before.lower()
    clause = lower[max(lower.rfind(","), lower.rfind(";"), lower.rfind(":"), lower.rfind(".")) + 1:]
    if any(map(clause.__contains__, _CLAUSE_WORDS)):  # the slower word pattern only where it may cut
        clause = _CLAUSE_BREAK.split(clause)[-1]
    words = clause.split()[-6:]
    if not _NEGATION_WORDS.isdisjoint(words):
        return True
    if _PHRASE_FIRST_WORDS.isdisjoint(words):
        return False  # no phrase's first word: none of them (the lexicon has none now) is there
    window = " " + " ".join(words) + " "
    return any(map(window.__contains__, _NEGATION_PHRASES))
