"""How many people a strike killed, where its evidence sentences say so (for ACLED's ``fatalities``).

Read at export time from an event's evidence, not during extraction: geomap's
events carry no casualty field. :func:`fatalities` returns the number of dead
the sentences state ("killed two people", "a man was killed", "3 dead",
"the death toll rose to 5", "загинули двоє людей", "погиб мужчина"), 0 when
they say no one died ("no one was killed", "no casualties"), and None when
they say nothing about deaths. Wounded and injured people are not counted.
Several sentences of one event usually repeat one toll, so the largest number
stated is taken, not the sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Number words (English, Ukrainian, Russian) up to twenty, and the singular people that count one.
_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "a": 1, "an": 1,
    "один": 1, "одна": 1, "двоє": 2, "двое": 2, "два": 2, "дві": 2, "две": 2, "троє": 3, "трое": 3,
    "три": 3, "четверо": 4, "чотири": 4, "четыре": 4, "п'ятеро": 5, "пятеро": 5, "п'ять": 5, "пять": 5,
}
_NUMBER = r"(\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True)) + r")"
_WHO = (r"(?:\s+(?:more\s+)?(?:people|persons?|civilians?|residents?|men|women|children|child|"
        r"man|woman|boy|girl|person|soldiers?|workers?|employees?|servicem[ae]n|"
        r"людей|людини|людина|человека?|мирних\s+жителів|мирных\s+жителей|мешканців|жителей))?")
_EN_PASSIVE = re.compile(_NUMBER + _WHO + r"\s+(?:\w+\s+)?(?:were|was|have\s+been|has\s+been|are|is)\s+"
                         r"(?:reported\s+)?(?:killed|dead)\b", re.IGNORECASE)
_EN_KILLING = re.compile(r"\b(?:killing|killed|kills|kill)\s+(?:at\s+least\s+)?" + _NUMBER + _WHO,
                         re.IGNORECASE)
_EN_DEAD = re.compile(_NUMBER + _WHO + r"\s+(?:died|dead|were\s+left\s+dead|lost\s+their\s+lives)\b",
                      re.IGNORECASE)
_TOLL = re.compile(r"death\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|is|at|reached)\s+" + _NUMBER, re.IGNORECASE)
_CYR = re.compile(r"(?:загинул[аио]?|загинуло|погибл[иао]?|погиб|вбит[аоі]?|убит[аоы]?)\s+" + _NUMBER + _WHO
                  + r"|" + _NUMBER + _WHO + r"\s+(?:загинул[аио]?|загинуло|погибл[иао]?|погиб|загиб)",
                  re.IGNORECASE)
_CYR_ONE = re.compile(r"(?:загинув|загинула|погиб|погибла)\s+(?:\w+\s+)?(?:чоловік|жінка|мужчина|женщина|"
                      r"людина|человек|дитина|ребенок|ребёнок)", re.IGNORECASE)
_EN_ONE = re.compile(r"\b(?:a|one)\s+(?:\w+\s+)?(?:man|woman|person|civilian|child|boy|girl|resident)\s+"
                     r"(?:was|has\s+been)\s+killed\b|\b(?:a|one)\s+(?:\w+\s+)?(?:man|woman|person|civilian|"
                     r"child|boy|girl|resident)\s+died\b", re.IGNORECASE)
_NONE = re.compile(r"\b(?:no\s*(?:one|body)\s+(?:was|were)\s+(?:killed|hurt|injured)|"
                   r"nobody\s+(?:was\s+killed|died)|no\s+(?:casualties|deaths|fatalities|victims)|"
                   r"without\s+casualties|"
                   r"без\s+жертв|обійшлося\s+без|обошлось\s+без|жертв\s+нет|жертв\s+немає)", re.IGNORECASE)


def _value(token: str) -> int:
    token = token.casefold().replace("’", "'")
    return int(token) if token.isdigit() else _WORDS.get(token, 0)


def fatalities(sentences: Iterable[str]) -> int | None:
    """The number of dead the sentences state (largest figure), 0 if they say none died, else None."""
    found: list[int] = []
    said_none = False
    for sentence in sentences:
        text = str(sentence)
        if _NONE.search(text):
            said_none = True
            text = _NONE.sub(" ", text)  # "no one was killed" is not "one was killed"
        for pattern in (_EN_PASSIVE, _EN_KILLING, _EN_DEAD, _TOLL, _CYR):
            for match in pattern.finditer(text):
                number = next((g for g in match.groups() if g), "")
                if number:
                    found.append(_value(number))
        if _EN_ONE.search(text) or _CYR_ONE.search(text):
            found.append(1)
    found = [n for n in found if 0 < n < 10000]
    if found:
        return max(found)
    return 0 if said_none else None


__all__ = ["fatalities"]
