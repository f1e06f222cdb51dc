"""A tally written as lines: the lead ends with a colon, each line after it counts weapons at a place.

"Air defence forces destroyed 21 UAVs during the night:" and then "7 over the Smolensk region,",
"6 over the Bryansk region," on lines of their own. Every line break ends a sentence (see
:func:`geomap.text.split_sentences`), so each count would be read without the strike word of its
lead; read as one sentence with the lead, the lines are the tally the lead announces, as they are
when a report writes them on one line.
"""

from __future__ import annotations

import re

from ..matcher import Match
from ..strike_sentence import strike_strength
from ..text import Sentence

# A line that opens with a count ("7 over the Smolensk region", "— 3 над Брянской областью"): not
# an enumeration ("1. Kharkiv", "2) Sumy"), whose lines are items of their own.
_COUNT_LINE = re.compile(r"[-–—•*]?\s*\d+\s+\w")
#: The longest line read as a line of a tally; longer ones are sentences of their own.
_LINE_CHARS = 160


def join_tally_lines(text: str, sentences: list[Sentence],
                     per_sentence: list[list[Match]]) -> tuple[list[Sentence], list[list[Match]]]:
    """Join each lead that ends with a colon and tells a strike to the count lines under it.

    ``per_sentence`` holds each sentence's matches; both lists are returned anew when lines were
    joined, and as they came otherwise.
    """
    if ":\n" not in text:  # nearly every document: no line ends with a colon
        return sentences, per_sentence
    out_sentences: list[Sentence] = []
    out_found: list[list[Match]] = []
    i, n = 0, len(sentences)
    while i < n:
        sentence, found = sentences[i], per_sentence[i]
        j = i + 1
        if sentence.text.endswith(":") and strike_strength(found) is not None:
            while j < n and _a_count_line(text, sentences[j - 1], sentences[j]) \
                    and not _tells_its_own_strike(per_sentence[j]):
                j += 1
        if j == i + 1:
            out_sentences.append(sentence)
            out_found.append(found)
        else:
            last = sentences[j - 1]
            out_sentences.append(Sentence(sentence.start, last.end, text[sentence.start:last.end]))
            out_found.append([m for k in range(i, j) for m in per_sentence[k]])
        i = j
    return out_sentences, out_found


def _tells_its_own_strike(found: list[Match]) -> bool:
    """Whether a line has a strike or outcome word of its own ("5 air strikes hit Vasylivka"): a
    line of a day's list, read on its own, where joined to the others its weapon would be read for
    the places of the lines beside it. (A weapon alone, "2 of them UAVs", is the tally's.)"""
    for m in found:
        for table, _ in m.cues:
            if table.startswith("strike") or table == "outcome":
                return True
    return False


def _a_count_line(text: str, before: Sentence, line: Sentence) -> bool:
    """Whether ``line`` is the next line after ``before`` and opens with a count."""
    between = text[before.end:line.start]
    return (between.count("\n") == 1 and not between.strip() and len(line.text) <= _LINE_CHARS
            and _COUNT_LINE.match(line.text) is not None)
