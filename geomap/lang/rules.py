"""The reading rules that Russian and Ukrainian word order needs on top of the English ones.

Each is asked only for Cyrillic words (the caller checks), so English text never
runs them: a negation may follow its word ("пострадавших нет"), a count of
downed drones is an interception tally ("сбиты пять беспилотников"), a surname
speaks ("Гладков сообщил"), and the phrase before a place may make it a mention
("губернатор Курской области", "на нараді в Києві").
"""

from __future__ import annotations

import functools
import re

from ..text import match_fold
from . import cues

# Words before a negation that make it no negation: "не менее трёх" (at least three).
_NOT_NEGATION_AFTER = frozenset({"менее", "меньше", "менш", "лише", "только", "тільки", "раз"})
_CLAUSE_BREAK = re.compile(r"[,;:.!?]|\b(?:но|однако|а|але|проте|однак)\b")
_WORD = re.compile(r"[\w'-]+")


def negated(sentence: str, start: int, end: int) -> bool:
    """Whether a negation governs the outcome word at ``sentence[start:end]``.

    Before it, within its clause and six words ("не пострадал", "без пострадавших");
    right after it ("пострадавших нет", "разрушений не зафиксировано"); or ending its clause a few
    words on ("влучань на території міста не зафіксовано", "пострадавших среди жителей нет").
    """
    before = _CLAUSE_BREAK.split(sentence[max(0, start - 60):start].lower())[-1]
    words = _WORD.findall(before)[-6:]
    negations = cues.words("negation")
    for i, word in enumerate(words):
        if word in negations and not (i + 1 < len(words) and words[i + 1] in _NOT_NEGATION_AFTER):
            return True
    parts = _CLAUSE_BREAK.split(sentence[end:end + 60].lower())
    words = _WORD.findall(parts[0])
    after = " ".join(words[:3])
    if any(after == n or after.startswith(n + " ") for n in cues.words("negation_after")):
        return True
    if (len(parts) > 1 or end + 60 >= len(sentence)) and len(words) <= 7:  # the clause ends soon
        tail = " " + " ".join(words)
        return any(tail.endswith(" " + n) for n in cues.words("negation_after"))
    return False


_DOWNED_VERB = (
    r"(?:сбит|сбил|сбив|уничтож|перехва?ч|перехвати|перехоп|подавл|нейтрализ|збит|збил|збив|знищ|"
    r"знешкодж|знешкоди|подавил|подавле)\w*"
)
_WEAPON_WORD = r"(?:беспилотн|безпілотн|бпла|бла\b|дрон|ракет|шахед|снаряд|авиабомб|авіабомб|каб)\w*"
_DOWNED = re.compile(
    rf"\b{_DOWNED_VERB}[\s:,]+(?:[\w-]+[\s:,]+){{0,5}}?{_WEAPON_WORD}"
    rf"|\b{_WEAPON_WORD}[\s:,]+(?:[\w-]+[\s:,]+){{0,4}}?{_DOWNED_VERB}",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=64)
def counts_downed(sentence: str) -> bool:
    """"сбиты пять беспилотников", "збито 78 БпЛА", "уничтожены 12 украинских БПЛА": a tally of
    weapons brought down, whose "уничтожены" is no damage on the ground."""
    return _DOWNED.search(sentence) is not None


def speaks_after(text: str, end: int) -> bool:
    """"Гладков сообщил", "Синєгубов повідомив": a person speaking, not a place."""
    m = _WORD.search(text, end, end + 30)
    return m is not None and not text[end:m.start()].strip() and m.group().lower() in cues.words("speaks")


@functools.cache
def _mention_before() -> re.Pattern[str]:
    phrases = sorted(cues.mention_phrases(), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in phrases) + r")$")


def mention_reason(before: str) -> str | None:
    """Why a place is only mentioned, from the lower-case words just before it (see
    :func:`geomap.reading.words_before`): "губернатор", "нараді в", "со стороны", ..."""
    folded = " ".join(match_fold(before).split())
    found = _mention_before().search(folded)
    if found is None:
        # The second of a pair: "з напрямків Курська й Орла", "со стороны Брянской и Курской областей".
        for pair in _PAIR_BEFORE:
            found = pair.search(folded)
            found = found and _mention_before().search(folded[:found.start()])
            if found:
                break
        if not found or cues.mention_phrases()[found.group(0).strip()] not in _PAIRED_REASONS:
            return None
    return cues.mention_phrases()[found.group(0).strip()]


_PAIR_BEFORE = (re.compile(r"\s\w+\s(?:й|і|та|и)$"), re.compile(r"\s\w+\s\w+\s(?:й|і|та|и)$"))
# Reasons that hold for every place of a pair, not only the first.
_PAIRED_REASONS = frozenset({"launch area", "direction of flight", "talks or meeting"})


#: City districts of the theatre's big cities, whose names the gazetteer also knows as raions or
#: hromadas elsewhere ("Дніпровський район" of Kyiv, not the Dnipro raion): city -> (how the
#: report names the city, the stems of its districts' adjectives). Source: the cities' own
#: district lists (Wikipedia articles on each city's administrative divisions).
CITY_DISTRICTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Kyiv": (("київ", "києв", "киев", "столиц", "кмва"), (
        "голосіїв", "голосеев", "дарниц", "деснян", "дніпровськ", "днепровск", "оболон", "печерськ",
        "печерск", "подільськ", "подольск", "святошин", "солом'ян", "соломен", "шевченків",
        "шевченковск")),
    "Kharkiv": (("харків", "харьков"), (
        "шевченків", "шевченковск", "київськ", "киевск", "холодногір", "холодногор", "новобавар",
        "основ'ян", "основянск", "слобідськ", "слободск", "індустріальн", "индустриальн", "немишлян",
        "немышлян", "салтівськ", "салтовск")),
    "Odesa": (("одес",), ("приморськ", "приморск", "київськ", "киевск", "малинов", "суворов", "пересип",
                          "хаджибей")),
    "Dnipro": (("дніпр", "днепр"), ("амур", "шевченків", "шевченковск", "соборн", "індустріальн",
                                    "индустриальн", "центральн", "чечелів", "чечелов", "новокодацьк",
                                    "новокодацк", "самарськ", "самарск")),
    "Zaporizhzhia": (("запоріж", "запорож"), (
        "дніпровськ", "днепровск", "олександрівськ", "александровск", "шевченків", "шевченковск",
        "вознесенів", "вознесеновск", "комунарськ", "коммунарск", "заводськ", "заводск", "хортицьк",
        "хортицк")),
    "Mykolaiv": (("миколаїв", "николаев"), ("центральн", "заводськ", "заводск", "інгульськ", "ингульск",
                                            "корабельн")),
    "Kherson": (("херсон",), ("дніпровськ", "днепровск", "корабельн", "суворов")),
}
_DISTRICT_NOUN = re.compile(r"(?:мікро|микро)?район", re.IGNORECASE)


def city_district(text: str, start: int, end: int) -> bool:
    """"у Шевченківському районі" in a report on Kyiv: a district of the city the report names
    (read with its city, not as the namesake raion or hromada); also each name of a list that
    shares the noun ("у Дніпровському, Деснянському та Печерському районах")."""
    word = text[start:end].lower().replace("’", "'")
    if _DISTRICT_NOUN.search(text, start, end + 80) is None:
        return False
    low = None
    for names, districts in CITY_DISTRICTS.values():
        if word.startswith(districts):
            low = low if low is not None else text.lower()
            if any(name in low for name in names):
                return True
    return False
