"""The Russian and Ukrainian cue words in every form, read from ``cue_forms.tsv.gz``.

The phrases are written in :mod:`geomap.lang.lemmas` in their dictionary forms;
``scripts/build_cue_forms.py`` inflected them once (pymorphy3, build time only)
and this module only reads the table, so the run time needs no morphology
library. Everything is loaded on first use and kept.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

from ..text import match_fold
from .lemmas import AROUND, MATCHED

#: The derived table of forms (``lang<TAB>phrase<TAB>form|form|...``).
FORMS_FILE = Path(__file__).with_name("cue_forms.tsv.gz")

LANGUAGES: tuple[str, ...] = ("ru", "uk")


@functools.cache
def _table() -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    try:
        with gzip.open(FORMS_FILE, "rt", encoding="utf-8") as fh:
            for line in fh:
                lang, phrase, forms = line.rstrip("\n").split("\t")
                out[(lang, phrase)] = tuple(forms.split("|"))
    except OSError:
        pass  # no table (a broken install): each phrase is read as written
    return out


def forms(lang: str, phrase: str) -> tuple[str, ...]:
    """Every form of a phrase as written in :mod:`geomap.lang.lemmas`, lower case."""
    if phrase.startswith("="):
        return (phrase[1:].lower(),)
    found = _table().get((lang, phrase))
    if found:
        return found
    return (phrase.replace("[", "").replace("]", "").lower(),)


def _keys(lang: str, phrase: str) -> list[str]:
    """The matcher keys of a phrase: its forms folded as the text is (whole words, single spaces)."""
    out: list[str] = []
    for form in forms(lang, phrase):
        key = " ".join(match_fold(form).split())
        if key and key not in out:
            out.append(key)
    return out


def phrases() -> dict[str, list[tuple[str, str]]]:
    """Every Cyrillic cue key with the (table, value) pairs it signals, as :func:`geomap.lexicon.phrases`."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lang in LANGUAGES:
        for table, values in MATCHED[lang].items():
            for value, written in values.items():
                for phrase in written:
                    for key in _keys(lang, phrase):
                        signals = out.setdefault(key, [])
                        if (table, value) not in signals:
                            signals.append((table, value))
    return out


@functools.cache
def words(kind: str) -> frozenset[str]:
    """The folded forms of one of the :data:`~geomap.lang.lemmas.AROUND` word lists of both languages
    ("negation", "negation_after", "casualties", "damage", "first_name", "speaks")."""
    return frozenset(key for lang in LANGUAGES for phrase in AROUND[lang][kind]["word"]
                     for key in _keys(lang, phrase))


@functools.cache
def mention_phrases() -> dict[str, str]:
    """Phrase before a place (folded, lower case) -> why the place is only mentioned."""
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        for reason, written in AROUND[lang]["mention"].items():
            for phrase in written:
                for key in _keys(lang, phrase):
                    out.setdefault(key, reason)
    return out


def table(name: str) -> dict[str, tuple[str, ...]]:
    """One matched table of both languages as value -> every form (lower case, as written: "fpv-дрона"),
    the shape of :data:`geomap.lexicon.WEAPONS` and :data:`geomap.lexicon.TARGETS`."""
    out: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for value, written in MATCHED[lang].get(name, {}).items():
            found = out.setdefault(value, [])
            found.extend(f for phrase in written for f in forms(lang, phrase) if f not in found)
    return {value: tuple(found) for value, found in out.items()}
