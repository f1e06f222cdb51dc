"""Weapons and targets named in an ACLED row's ``notes``: the lexicon's cue words (and, for notes in
Cyrillic, the Russian and Ukrainian ones) plus words ACLED notes use that the news lexicon does not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.lang import cues as cyrillic_cues
from geomap.lang import has_cyrillic
from geomap.lexicon import TARGETS, WEAPONS


def _phrase_pattern(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every phrase of a lexicon table (longest first, whole words) and phrase -> value."""
    value_of: dict[str, str] = {}
    for value, phrases in table.items():
        for phrase in phrases:
            value_of.setdefault(phrase.casefold(), value)
    alternatives = sorted(value_of, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in alternatives) + r")(?!\w)")
    return pattern, value_of


_WEAPON_RE, _WEAPON_OF = _phrase_pattern(WEAPONS)
_TARGET_RE, _TARGET_OF = _phrase_pattern(TARGETS)


_Pattern = tuple[re.Pattern[str], dict[str, str]]


@lru_cache(maxsize=1)
def _cyrillic_patterns() -> tuple[_Pattern, _Pattern]:
    """The weapon and target patterns with the Russian and Ukrainian words, every form; built for the
    first notes written in Cyrillic (thousands of forms: English notes never wait for them)."""
    def both(table: dict[str, tuple[str, ...]], name: str) -> dict[str, tuple[str, ...]]:
        cyrillic = cyrillic_cues.table(name)
        return {value: (*table.get(value, ()), *cyrillic.get(value, ())) for value in {*table, *cyrillic}}

    return _phrase_pattern(both(WEAPONS, "weapon")), _phrase_pattern(both(TARGETS, "target"))
_EXTRA_WEAPONS: dict[str, tuple[str, ...]] = {
    # words ACLED notes use that the news lexicon does not carry
    "artillery": ("shelled", "howitzer", "howitzers", "rocket artillery", "uragan", "smerch", "tornado-s"),
    "missile": ("kh-59", "kh-31", "kh-555", "tochka-u", "p-800 oniks", "oniks"),
    "airstrike": ("aircraft", "aviation", "helicopter", "helicopters", "fighter jet", "fighter jets"),
    "sabotage": ("ied", "improvised explosive device", "landmine", "mine"),
}
_EXTRA_RE, _EXTRA_OF = _phrase_pattern(_EXTRA_WEAPONS)


def _weapons_in(text: str) -> list[str]:
    """The strike types named in ``text`` (lexicon weapon words), in order of first appearance."""
    folded = text.casefold()
    found: list[tuple[int, str]] = []
    weapons = _cyrillic_patterns()[0] if has_cyrillic(text) else (_WEAPON_RE, _WEAPON_OF)
    for pattern, value_of in (weapons, (_EXTRA_RE, _EXTRA_OF)):
        found.extend((m.start(), value_of[m.group(0)]) for m in pattern.finditer(folded))
    seen: list[str] = []
    for _, value in sorted(found):
        if value not in seen:
            seen.append(value)
    return seen


def _target_in(text: str) -> str:
    """The first target type named in ``text`` (lexicon target words, longest match), else ``unknown``."""
    pattern, value_of = _cyrillic_patterns()[1] if has_cyrillic(text) else (_TARGET_RE, _TARGET_OF)
    match = pattern.search(text.casefold())
    return value_of[match.group(0)] if match else "unknown"
