"""Reading Russian and Ukrainian: which language a text is in, and the rules only Cyrillic text needs.

English text never pays for this package: every caller asks :func:`has_cyrillic`
first (one regex search that stops at the first Cyrillic letter), and the
Cyrillic word tables (:mod:`geomap.lang.cues`) load on first use.
"""

from __future__ import annotations

import re

#: Any Cyrillic letter (Russian or Ukrainian).
CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_CYRILLIC_LETTERS = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]+")
# Letters only one of the two languages writes.
_UKRAINIAN_ONLY = re.compile(r"[ІіЇїЄєҐґ]")
_RUSSIAN_ONLY = re.compile(r"[ЫыЭэЪъЁё]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]+")

#: The values of the ``language`` property of an event.
LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` holds any Cyrillic letter (ASCII text answers at once)."""
    return not text.isascii() and CYRILLIC.search(text) is not None


def language_of(text: str) -> str:
    """"ru", "uk" or "en": the language most of the text's letters are written in.

    Cyrillic text is Ukrainian when it writes more of the letters only Ukrainian
    has (і, ї, є, ґ) than of those only Russian has (ы, э, ъ, ё); a text whose
    letters are mostly Latin is English (a quoted Russian name does not make an
    English report Russian).
    """
    if not has_cyrillic(text):
        return "en"
    cyrillic = sum(len(w) for w in _CYRILLIC_LETTERS.findall(text))
    latin = sum(len(w) for w in _LATIN_LETTERS.findall(text))
    if latin > cyrillic:
        return "en"
    return "uk" if len(_UKRAINIAN_ONLY.findall(text)) > len(_RUSSIAN_ONLY.findall(text)) else "ru"
