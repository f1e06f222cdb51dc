"""Lists of regions that share one plural noun: "над Брянской и Курской областями",
"над Харківською, Полтавською та Київською областями", and tallies that leave the noun out after
its first use ("26 - над Ростовской областью, 12 - над Курской").

Each adjective of such a list names a region, though only the last stands next to
the noun and none of them is a name on its own ("Курской" alone is also a
village). :func:`region_lists` finds the lists and gives one place match per
adjective, keyed by the region's nominative name ("курская область"), which the
gazetteer knows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# (A part after a hyphen may start with a capital: "Івано-Франківській".)
_ADJ = r"[А-ЯІЇЄҐ](?:[а-яіїєґ'-]|(?<=-)[А-ЯІЇЄҐ])*?(?:к(?:ой|ая|ую|ою|ей)|ьк(?:а|ої|ій|у|ою))(?![а-яіїєґ])"
_JOIN = r"(?:\s*,\s*|\s*,?\s+(?:и|та|і|й|а\s+также|а\s+також)\s+)"
_NOUN = r"(?:областями|областях|областей|областям|области|області|облостях)"
_LIST = re.compile(rf"(?<![\w-])(?:{_ADJ}{_JOIN})+{_ADJ}\s+{_NOUN}\b")
# A tally's elided noun: "26 - над Ростовской областью, 12 - над Курской, шесть - над Белгородской":
# "над" and region adjectives with no noun after them (a comma, a full stop or the end follows).
_ELIDED = re.compile(rf"(?<![\w-])над\s+(?:{_ADJ}{_JOIN})*{_ADJ}(?=\s*(?:[,.;)]|\s-|$))", re.MULTILINE)
_ONE = re.compile(_ADJ)
# Ending of a case form -> the nominative ending (Russian -ая, Ukrainian -а).
_RUSSIAN = re.compile(r"к(?:ой|ая|ую|ою|ей)$")
_UKRAINIAN = re.compile(r"ьк(?:а|ої|ій|у|ою)$")


def _nominative(adjective: str) -> str:
    # (As the matcher folds a name: a hyphen is a space, "івано франківська область".)
    low = adjective.lower().replace("-", " ")
    if _UKRAINIAN.search(low):
        return _UKRAINIAN.sub("ька", low) + " область"
    return _RUSSIAN.sub("кая", low) + " область"


def region_lists(text: str, known: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` for each region adjective of a shared-noun list in ``text``, where
    ``known(key)`` says the gazetteer indexes the key."""
    if "област" not in text:
        return []
    out: list[tuple[int, int, str]] = []
    lists = list(_LIST.finditer(text))
    if "област" in text:  # a tally that writes the noun once and leaves it out after
        lists += _ELIDED.finditer(text)
    for found in lists:
        for adj in _ONE.finditer(text, found.start(), found.end()):
            key = _nominative(adj.group())
            if known(key):
                out.append((adj.start(), adj.end(), key))
    return out
