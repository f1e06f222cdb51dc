"""Lists of regions that share one plural noun: "над Брянской и Курской областями",
"над Харківською, Полтавською та Київською областями".

Each adjective of such a list names a region, though only the last stands next to
the noun and none of them is a name on its own ("Курской" alone is also a
village). :func:`region_lists` finds the lists and gives one place match per
adjective, keyed by the region's nominative name ("курская область"), which the
gazetteer knows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ADJ = r"[А-ЯІЇЄҐ][а-яіїєґ'-]*?(?:к(?:ой|ая|ую|ою|ей)|ьк(?:а|ої|ій|у|ою))(?![а-яіїєґ])"
_JOIN = r"(?:\s*,\s*|\s*,?\s+(?:и|та|і|й|а\s+также|а\s+також)\s+)"
_NOUN = r"(?:областями|областях|областей|областям|области|області|облостях)"
_LIST = re.compile(rf"(?<![\w-])(?:{_ADJ}{_JOIN})+{_ADJ}\s+{_NOUN}\b")
_ONE = re.compile(_ADJ)
# Ending of a case form -> the nominative ending (Russian -ая, Ukrainian -а).
_RUSSIAN = re.compile(r"к(?:ой|ая|ую|ою|ей)$")
_UKRAINIAN = re.compile(r"ьк(?:а|ої|ій|у|ою)$")
_PLURAL_NOUNS = ("областями", "областях", "областей", "областям", "области", "області")


def _nominative(adjective: str) -> str:
    low = adjective.lower()
    if _UKRAINIAN.search(low):
        return _UKRAINIAN.sub("ька", low) + " область"
    return _RUSSIAN.sub("кая", low) + " область"


def region_lists(text: str, known: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` for each region adjective of a shared-noun list in ``text``, where
    ``known(key)`` says the gazetteer indexes the key."""
    if not any(noun in text for noun in _PLURAL_NOUNS):
        return []
    out: list[tuple[int, int, str]] = []
    for found in _LIST.finditer(text):
        for adj in _ONE.finditer(text, found.start(), found.end()):
            key = _nominative(adj.group())
            if known(key):
                out.append((adj.start(), adj.end(), key))
    return out
