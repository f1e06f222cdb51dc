"""One Aho-Corasick pass over a document for every place name and cue word.

Keys are stored between two spaces and the text is folded so that every
non-word character is a space (:func:`geomap.text.match_fold`): a match is
then always a run of whole words. Of overlapping matches the leftmost, then
the longest, wins, so "Kursk region" beats "Kursk" and "power plant" beats
"plant".

Building the automaton over some 300,000 names takes about half a second, so
the built automaton is kept in the cache folder beside the gazetteer's index
(:func:`matcher_for`) and loads in a fraction of that.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from . import lexicon
from . import text as _text_module
from .gazetteer import Gazetteer, load_cached, store_cached
from .lang import cues as _cyrillic
from .lang import has_cyrillic
from .lang import lemmas as _lemmas
from .lang.regions import region_lists
from .text import match_fold

#: Cue tables that mark a strike (a weapon, or a strike word).
STRIKE_TABLES = frozenset({"weapon", "strike:strong", "strike:weak"})

# Bump when the layout of the cached automaton changes.
_CACHE_VERSION = 1


class Match(NamedTuple):
    """A name or cue found in a text: its span, its key, and what it may signal."""

    start: int
    end: int
    key: str
    is_place: bool
    cues: tuple[tuple[str, str], ...]

    def has(self, table: str) -> bool:
        """Whether this match is a cue of ``table`` (e.g. "weapon", "target")."""
        for t, _ in self.cues:  # (a plain loop: any() over a generator costs more for a cue's few tables)
            if t == table:
                return True
        return False


class Matcher:
    """Finds place names and cue words in text with a single automaton.

    Each key's value in the automaton is one integer: whether it is a place,
    the key's length (the key itself is read back from the folded text), and
    which cue signals it carries (an index into a small table). Integers keep
    the automaton free of Python objects, so it pickles and loads fast.
    """

    def __init__(self, place_keys: Iterable[str]) -> None:
        cues: dict[str, list[tuple[str, str]]] = {}
        for phrase, signals in lexicon.phrases().items():
            cues.setdefault(" ".join(match_fold(phrase).split()), []).extend(signals)
        signal_table: list[tuple[tuple[str, str], ...]] = [()]
        signal_code: dict[str, int] = {}
        for key, signals in cues.items():
            signal_code[key] = len(signal_table)
            signal_table.append(tuple(signals))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key in sorted(place_keys, key=trie_order):  # (the order changes speed only: see trie_order)
            if key in lexicon.NOT_PLACES:
                continue
            automaton.add_word(f" {key} ", _code(len(key), True, signal_code.get(key, 0)))
        for key in sorted(signal_code, key=trie_order):
            if f" {key} " not in automaton:
                automaton.add_word(f" {key} ", _code(len(key), False, signal_code[key]))
        automaton.make_automaton()
        self._automaton = automaton
        self._signals = signal_table
        # In trie_order (see there), kept so: the small automaton is rebuilt from them on every load.
        strike_keys = (key for key, signals in cues.items()
                       if key in lexicon.DESTROYED or any(t in STRIKE_TABLES for t, _ in signals))
        self._strike_keys = sorted(strike_keys, key=trie_order)
        self._strike_words = _small_automaton(self._strike_keys)

    def __getstate__(self) -> dict:
        # The small strike-word automaton is rebuilt on load: a few hundred keys.
        return {"automaton": self._automaton, "signals": self._signals, "strike_keys": self._strike_keys}

    def __setstate__(self, state: dict) -> None:
        self._automaton = state["automaton"]
        self._signals = state["signals"]
        self._strike_keys = state["strike_keys"]
        self._strike_words = _small_automaton(self._strike_keys)

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
        signals = self._signals
        found: list[tuple[int, int, int, int]] = []
        append = found.append
        length_mask, signal_unit, signal_shift = _LENGTH_MASK, _SIGNAL_UNIT, _SIGNAL_SHIFT  # fast locals
        for last, code in self._automaton.iter(folded):
            end = last - 1  # folded index ``last`` is the closing space; text is shifted by one
            start = end - ((code >> 1) & length_mask)
            if not code & 1:  # a cue word
                append((start, -end, 0, code >> signal_shift))
            elif ((first := text[start]).isupper() or first.isdigit()
                  or (" " in folded[start + 1:end + 1] and not text[start:end].islower())):
                append((start, -end, 1, code >> signal_shift))
            elif code >= signal_unit:  # a lower-case place name that is also a cue word: a cue
                append((start, -end, 0, code >> signal_shift))
        found.sort()  # by start, then longest first
        out: list[Match] = []
        add = out.append
        reach = -1
        for start, neg_end, is_place, signal in found:
            if start >= reach:
                end = -neg_end
                # The key is the folded text itself (folded is one character ahead of text).
                add(_new_match((start, end, folded[start + 1:end + 1], is_place == 1, signals[signal])))
                reach = end
        if not folded.isascii() and has_cyrillic(text):
            out = self._with_region_lists(text, out)
        return out

    def _with_region_lists(self, text: str, found: list[Match]) -> list[Match]:
        """"над Брянской и Курской областями": each adjective a region (see geomap.lang.regions)."""
        automaton = self._automaton
        lists = region_lists(text, lambda key: bool(automaton.get(f" {key} ", 0) & 1))
        if not lists:
            return found
        kept = [m for m in found if not any(m.start < end and start < m.end for start, end, _ in lists)]
        kept += [Match(start, end, key, True, ()) for start, end, key in lists]
        kept.sort(key=lambda m: m.start)
        return kept


# Match(...) without the Python-level __new__ a NamedTuple has: one C call per match found.
_new_match = functools.partial(tuple.__new__, Match)

#: A match's key read in C: ``set.isdisjoint(map(match_key, cues))`` asks whether any of a sentence's
#: cues is one of a set of words without a Python step per cue (a NamedTuple's field, read by name
#: in Python, goes through the generic attribute look-up, some 150 instructions).
match_key = itemgetter(Match._fields.index("key"))

# An automaton value: bit 0 = place, bits 1-11 = key length, the rest = signal table index.
_LENGTH_MASK = 0x7FF
_SIGNAL_SHIFT = 12
_SIGNAL_UNIT = 1 << _SIGNAL_SHIFT


def _code(length: int, is_place: bool, signal: int) -> int:
    if length > _LENGTH_MASK:
        raise ValueError(f"name key too long for the matcher ({length} characters)")
    return (signal << _SIGNAL_SHIFT) | (length << 1) | int(is_place)


def trie_order(key: str) -> str:
    """A sort key that adds a matcher's keys so that news text finds its letters early in the trie.

    pyahocorasick looks a node's next letter up by a linear search of the node's letters, in
    the order keys through that node were first added, and the node after the opening space
    holds the first letter of every name (some two hundred: Cyrillic first in the gazetteer's
    order). Keys added in this order list at every node the English letters, commonest first,
    then digits, then Cyrillic, then other letters. The automaton finds the same matches
    whatever the order; only the search for each letter is shorter.
    """
    return key.translate(_TRIE_RANK)


def _trie_rank() -> dict[int, str]:
    """The str.translate table of :func:`trie_order`: English letters by frequency, then digits,
    right after the space; Cyrillic (U+0400 on) where it stands; other letters above U+007F after it."""
    table = {code: chr(code + 0x10000) for code in range(0x80, 0x400)}
    table.update({ord(c): chr(0x21 + i) for i, c in enumerate("etaoinshrdlcumwfgypbvkjxqz0123456789")})
    return table


_TRIE_RANK = _trie_rank()


def _small_automaton(keys: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key in keys:  # (in trie_order: see Matcher.__init__)
        automaton.add_word(f" {key} ", 1)
    automaton.make_automaton()
    return automaton


def matcher_for(gazetteer: Gazetteer, *, cache: bool | None = None) -> Matcher:
    """A matcher over every name of ``gazetteer``, loaded from the cache folder when it was built before.

    The cache is keyed on the gazetteer's data and on the code and lexicon that
    make the keys, so a change to any of them builds a new one; a cache that
    cannot be read or written is simply not used. ``cache`` defaults to the
    gazetteer's own choice (``Gazetteer(cache=...)``).
    """
    if not (gazetteer.uses_cache if cache is None else cache):
        return Matcher(gazetteer.names())
    fingerprint = _fingerprint(gazetteer)
    matcher = load_cached("matcher", fingerprint)
    if not isinstance(matcher, Matcher):
        matcher = Matcher(gazetteer.names())
        store_cached("matcher", fingerprint, matcher)
    return matcher


def _fingerprint(gazetteer: Gazetteer) -> str:
    digest = hashlib.sha1(f"v{_CACHE_VERSION}|{gazetteer.fingerprint}".encode())
    for module in (__file__, lexicon.__file__, _text_module.__file__, _cyrillic.__file__,
                   _cyrillic.FORMS_FILE, *_lemmas.SOURCES):
        digest.update(Path(str(module)).read_bytes())  # (str: a module's __file__ is typed str | None)
    return digest.hexdigest()[:16]
