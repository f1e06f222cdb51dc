"""The Russian and Ukrainian cue words, as written by us (:mod:`geomap.lang.ru`,
:mod:`geomap.lang.uk`): the source of the cue forms.

Every table mirrors one of :mod:`geomap.lexicon` (weapons, strike and outcome
words, targets, actors, mention cues ...) and lists each cue once, in its
dictionary form. ``scripts/build_cue_forms.py`` inflects them with pymorphy3
and writes every form to ``cue_forms.tsv.gz`` beside this file, which is all
the run time reads (:mod:`geomap.lang.cues`): "беспилотник" is found as
"беспилотников", "FPV-дрон" as "FPV-дрона", "ракета" as "ракетами".

How a phrase is written:

* a single word gives every form of its word (its lexeme): "сбить" gives
  "сбит", "сбиты", "сбили", "сбитых" ...;
* several words are declined together, in every case and number
  ("крылатая ракета" -> "крылатыми ракетами"); a word in square brackets
  stays as written ("склад [боеприпасов]", "переговоры [в]"); words in
  Latin letters or digits stay as written ("FPV-дрон" -> "FPV-дрона");
* a phrase starting with ``=`` is taken as written, not inflected
  (abbreviations, fixed phrases: "=бпла", "=со стороны").

To teach the tool a word: add it to ``ru.py`` or ``uk.py``, run the build script, add a test.
"""

from __future__ import annotations

from . import ru, uk

#: Tables matched in the text, as in :func:`geomap.lexicon.phrases`: language -> table -> value -> phrases.
MATCHED: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {"ru": ru.MATCHED, "uk": uk.MATCHED}

#: Read from the words around a match, not matched: negations, mention and office cues.
AROUND: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {"ru": ru.AROUND, "uk": uk.AROUND}

#: The files the phrases are written in (the matcher's cache is keyed on them).
SOURCES: tuple[str, ...] = (__file__, ru.__file__, uk.__file__)
