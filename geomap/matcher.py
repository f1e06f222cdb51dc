"""One Aho-Corasick pass over a document for every place name and cue word.

Keys are stored between two spaces and the text is folded so that every
non-word character is a space (:func:`geomap.text.match_fold`): a match is
then always a run of whole words. Of overlapping matches the leftmost, then
the longest, wins, so "Kursk region" beats "Kursk" and "power plant" beats
"plant".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from . import lexicon
from .text import match_fold

#: Cue tables that mark a strike (a weapon, or a strike word).
STRIKE_TABLES = frozenset({"weapon", "strike:strong", "strike:weak"})


@dataclass(frozen=True)
class Match:
    """A name or cue found in a text: its span, its key, and what it may signal."""

    start: int
    end: int
    key: str
    is_place: bool
    cues: tuple[tuple[str, str], ...]

    def has(self, table: str) -> bool:
        """Whether this match is a cue of ``table`` (e.g. "weapon", "target")."""
        return any(t == table for t, _ in self.cues)


class Matcher:
    """Finds place names and cue words in text with a single automaton."""

    def __init__(self, place_keys: Iterable[str]) -> None:
        cues: dict[str, list[tuple[str, str]]] = {}
        for phrase, signals in lexicon.phrases().items():
            cues.setdefault(" ".join(match_fold(phrase).split()), []).extend(signals)
        automaton = ahocorasick.Automaton()
        for key in place_keys:
            if key in lexicon.NOT_PLACES:
                continue
            automaton.add_word(f" {key} ", (key, True, tuple(cues.get(key, ()))))
        for key, signals in cues.items():
            if f" {key} " not in automaton:
                automaton.add_word(f" {key} ", (key, False, tuple(signals)))
        automaton.make_automaton()
        self._automaton = automaton
        strike_words = ahocorasick.Automaton()
        for key, signals in cues.items():
            if any(t in STRIKE_TABLES for t, _ in signals):
                strike_words.add_word(f" {key} ", key)
        strike_words.make_automaton()
        self._strike_words = strike_words

    @staticmethod
    def fold(text: str) -> str:
        """The text as the automata read it: folded, between two spaces."""
        return f" {match_fold(text)} "

    def may_report_strikes(self, folded: str) -> bool:
        """A quick test: does the text (as :meth:`fold` gives it) hold any weapon or strike word?

        A second, small automaton stops at the first such word, so the many
        articles that report no strike skip the full matching pass.
        """
        for _ in self._strike_words.iter(folded):
            return True
        return False

    def find(self, text: str, folded: str | None = None) -> list[Match]:
        """Every match in ``text`` (already normalised), in order, leftmost-longest.

        A place name must start with a capital letter (or digit) in ``text``, or
        hold one if it has several words ("region of Krasnodar"): proper nouns
        are capitalised in news English and in Cyrillic alike, which keeps
        villages named like common words out. A lower-case name
        that is also a cue word stays a cue. ``folded`` may be passed when the
        caller already has :meth:`fold` of the text.
        """
        if folded is None:
            folded = self.fold(text)
        found: list[tuple[int, int, str, bool, tuple]] = []
        append = found.append
        for last, (key, is_place, cues) in self._automaton.iter(folded):
            end = last - 1  # folded index ``last`` is the closing space; text is shifted by one
            start = end - len(key)
            if is_place and not (text[start].isupper() or text[start].isdigit()
                                 or (" " in key and not text[start:end].islower())):
                if not cues:
                    continue
                is_place = False
            append((start, -end, key, is_place, cues))
        found.sort()  # by start, then longest first
        out: list[Match] = []
        reach = -1
        for start, neg_end, key, is_place, cues in found:
            if start >= reach:
                out.append(Match(start, -neg_end, key, is_place, cues))
                reach = -neg_end
        return out
