"""Names written with an adjective the matcher did not take in: "Novaya Mayachka", "Malaya
Tokmachka".

Villages are told apart by "New", "Old", "Great", "Little", "Upper", "Lower", "Wet", "Red",
"White", "Black", "Middle" written as part of their name, and reporting writes those adjectives
in several transliterations the gazetteer does not all hold ("Novaya" for Ukrainian "Nova"). When
it lacks the one a text uses, or the whole village ("Мокрая Орловка"), the matcher still finds the
rest of the name, "Mayachka", "Орловка": another village, which may lie in the same oblast 100 km
away or in another 900 km off. A name found right after such an adjective is therefore read with
it, when the gazetteer knows the whole name in some spelling
(:func:`geomap.gazetteer.names.russian_spellings` adds the Russian-style ones), and is no place at
all when it does not: no point is better than a namesake's. So is an adjective matched alone before
a name that is no place ("Новый Путь": not the hamlet Novyy).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..gazetteer import Place
from ..matcher import Match
from ..text import name_key

# The adjectives, in the transliterations news uses, in the forms a place name takes; "Male" and
# "Stare" are left out (English words that may open a sentence before a name).
_ADJECTIVE = re.compile(
    r"(?:Nov|Star|Vel[iy]k|Mal|Bol'?sh|Verkhn|N[iy]zhn|Sukh|Mokr|Krasn|Chern|Chorn|Seredn)"
    r"(?:a|aya|aia|aja|yi|yy|y|yj|iy|ii|ij|oye|oe|oi|oy|ia|ya|yaya|iaia|iaya|ja|jaja|e)"
    r"|(?:Нов|Стар|Велик|Мал|Больш|Верхн|Нижн|Сух|Мокр|Красн|Черн|Чорн|Середн|Бел|Біл)[а-яіїєґ]{1,3}"
)


_NAME_AFTER = re.compile(r" ([A-ZА-ЯІЇЄ][\w'’-]+)")


def with_prefixed_names(text: str, places: list[Match], kind_of: Callable[[Match], str | None],
                        lookup: Callable[[str], list[Place]]) -> list[Match]:
    """``places`` with each town name written right after a name's adjective read as the whole
    name ("Novaya Mayachka" for "Mayachka") when the gazetteer knows it, and left out otherwise.

    ``kind_of`` gives the kind of the place a match ranks first (only towns are read so);
    ``lookup`` the places of a name key, names the matcher leaves to look-up included.
    """
    out: list[Match] | None = None  # made only when a name changes (rarely)
    for i, m in enumerate(places):
        start = m.start
        if text[m.end:m.end + 1] == " " and _ADJECTIVE.fullmatch(text, start, m.end):
            # The adjective alone matched, a capitalised word after it that is no place of its own
            # ("Новый Путь": not the hamlet Novyy 6,000 km off): the whole name, or no place.
            after = _NAME_AFTER.match(text, m.end)
            if after is not None and not (i + 1 < len(places) and places[i + 1].start == after.start(1)):
                if out is None:
                    out = places[:i]
                whole = name_key(text[start:after.end(1)])
                if any(p.kind == "town" for p in lookup(whole)):
                    out.append(Match(start, after.end(1), whole, True, m.cues))
                continue
        # The word before the name, if a space parts them: most such words are lower-case.
        spaced = start > 2 and text[start - 1] == " "
        at = text.rfind(" ", max(0, start - 20), start - 1) + 1 if spaced else -1
        if at < 0 or not text[at].isupper() or not _ADJECTIVE.fullmatch(text, at, start - 1) \
                or kind_of(m) != "town":
            if out is not None:
                out.append(m)
            continue
        if any(p.start <= at and p.end >= m.end for p in places[max(0, i - 3):i]):
            if out is not None:  # the whole name is matched already ("Novaya Kakhovka")
                out.append(m)
            continue
        if out is None:
            out = places[:i]
        whole = name_key(text[at:m.end])
        if out and out[-1].end > at:
            out.pop()  # the adjective alone was matched as a name ("Novaya", a hamlet)
        if any(p.kind == "town" for p in lookup(whole)):
            out.append(Match(at, m.end, whole, True, m.cues))
        # (else: a village the gazetteer does not know, left out: not its namesake's point)
    return places if out is None else out
