"""Which places named in a sentence can be strike places, and why the others are only mentioned.

A place is only mentioned when it names a person, a country, a place abroad, a
dateline, talks or a visit, a reference point ("120 km south of Moscow"), a
government ("Moscow agreed"), an official's office ("the Rostov governor"), or a
district of a town named beside it; and a place that holds a more precise one in
the same sentence gives way to it (the refinery, not its region). Every phrase
looked for is data in :mod:`geomap.lexicon`.
"""

from __future__ import annotations

import re

from . import lexicon, settings
from .gazetteer import Place, distance_km
from .lang import rules as cyrillic_rules
from .matcher import Match
from .model import CITY_DISTRICT_KM
from .reading import PlaceHit, words_after, words_before
from .text import Sentence

# "KYIV, March 3 (Wire) -", "MOSCOW -", "KHARKIV (Reuters) -": a place in capitals opening the story.
_DATELINE = re.compile(
    r"[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\-]*(?: [A-ZА-ЯІЇЄ'\-]+)*(?:/[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\- ]*)*(?:,| ?\(| -| —| –)"
)
# A dateline written in capitals and small letters: the town, perhaps its country, the agency in
# brackets and a dash ("Kyiv, Ukraine (AP) –").
_AGENCY_DATELINE = re.compile(
    r"(?:,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)?\s+\([A-Z][\w .&-]{0,30}\)\s*[-–—]")
# What may stand before a place of a dateline: nothing, or other places in capitals and a slash.
_SLASHED_CAPS = re.compile(r"(?:[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\- ]*/)*")
_KICKER = re.compile(r"\s*(?::|/\s)")
_PROPER_NEXT = re.compile(r"\s+([A-ZА-ЯІЇЄ][a-zа-яіїє]+)")


def city_of(text: str, m: Match) -> bool:
    """"the city of Ryazan", "the capital, Kyiv": the town, even where the sentence speaks of regions."""
    return words_before(text, m, 20).endswith(("city of", "town of", "village of", "capital,", "capital"))


def village_of(text: str, m: Match) -> bool:
    """"the village of Lviv": a village, whatever city shares its name."""
    return words_before(text, m, 24).endswith(("village of", "settlement of", "villages of", "hamlet of"))


_MENTION_REASON = {p: reason for reason, phrases in lexicon.MENTION_BEFORE.items() for p in phrases}
# A phrase ends the words before a place only if its last word is their last word.
_MENTION_LAST_WORDS = frozenset(p.rsplit(" ", 1)[-1] for p in _MENTION_REASON)
_MENTION_PHRASES = tuple(_MENTION_REASON)
_MENTION_BEFORE = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in sorted(_MENTION_REASON, key=len, reverse=True)) + r")$"
)


OFFICE = "names an official's office (e.g. its governor)"
GROUND_FIGHTING = "ground fighting (gains, captures)"
PERSON = "person's name"
LABEL = "label of the story"
_TITLE_BEFORE = re.compile(
    r"(?i:\b(?:" + "|".join(re.escape(t) for t in lexicon.PERSON_TITLES) + r"))\s+$"
)
NAMED_AFTER = "what something is named after"
# "named after S. Ordzhonikidze", "named for Lenin": a name borne in honour of someone or something.
_NAMED_AFTER = re.compile(r"\bnamed (?:after|for)\s+(?:[A-ZА-ЯІЇЄ]\.\s*)*$")
_PROPER_START = re.compile(r"[A-ZА-ЯІЇЄ]")
_SPEAKS_AFTER = re.compile(r"(?:'s)?\s+(?:said|says|wrote|writes|told|added|noted|stated|posted)\b")
# Verbs of reporting that a city's authorities may be said to do ("Kharkiv reported no casualties"),
# but no village: read as a person's only after a place under _HAMLET people.
_REPORTS_AFTER = re.compile(r"\s+(?:reported|reports|announced|confirmed|claimed|warned|urged|explained|"
                            r"stressed|emphasi[sz]ed|insisted|commented)\b")
_HAMLET = 10_000
# "Moscow-appointed", "Moscow-installed", "Kyiv-backed": a place as an adjective of allegiance.
_GOVERNED_AFTER = re.compile(r"-(?:appointed|installed|backed|controlled|led|imposed|annexed|held|based)\b")
_FIRST_NAME_BEFORE = re.compile(r"([A-ZА-ЯІЇЄ][a-zа-яіїє']+)\s+$")
# The last letters every first name and every title ends in (as many as the shortest has).
_NAME_END = min(len(n) for n in lexicon.PERSON_FIRST_NAMES)
_FIRST_NAME_ENDINGS = frozenset(n[-_NAME_END:] for n in lexicon.PERSON_FIRST_NAMES)
_TITLE_END = min(len(t) for t in lexicon.PERSON_TITLES)
_TITLE_ENDINGS = frozenset(t.lower()[-_TITLE_END:] for t in lexicon.PERSON_TITLES)


WEAPON_NAME = "a weapon system's name"
# "a Pantsir", "the Russian Buk", "two Malka", «Малка»: a weapon's name after an article, a side, a
# number or an opening quote ...
_WEAPON_BEFORE = re.compile(r"(?i:\b(?:a|an|the|russian|ukrainian|enemy|its|their|several|\d+|two|three|four)"
                            r"\s+|[«\"“„])$")
# ... or before a weapon's own words or model ("Peklo missile-drones", "Baba Yaga", "Tor-M2", "Buk-M2";
# not a bare number: "in Verba 3 people were hurt").
_WEAPON_AFTER = re.compile(
    r"(?i:[»\"”]?(?:-(?:m\d?|k|s|\d+)|[\s-]+(?:yaga|systems?|complex(?:es)?|launchers?|units?|batter(?:y|ies)|"
    r"missiles?|drones?|self-propelled|howitzers?|guns?|air[\s-]defen[cs]e|sams?|manpads|mlrs|munitions?|"
    r"guided|shells?|rockets?|radars?))\b)"
)


RIVER = "a river"
# "the Dnipro" with nothing of a town's after it (not "the Dnipro airport", nor "the Dnipro and
# Pavlohrad areas"); "Siverskyi Donets" ...
_RIVER_BEFORE = re.compile(r"(?i:\b(?:the|siverskyi|seversky|severskiy|northern)\s+)$")
_RIVER_AFTER = re.compile(r"(?i:\s*(?:$|[.,;:)!?]|\s+(?:river|near|in|at|to|from|on|between|where|which|"
                          r"into|toward|towards|by|with|was|is|has)\b))")
# ... and in Russian and Ukrainian, after a bank or a river: "лівий берег Дніпра", "реки Оскол".
_RIVER_BEFORE_CYRILLIC = re.compile(r"(?i:(?:берег\w*|річк\w*|рік\w*|рек\w*|русл\w*)\s+)$")


#: :data:`lexicon.RIVER_NAMES` as GeoNames writes the towns' names (no lower-casing per place).
_RIVER_PLACE_NAMES = frozenset(name.capitalize() for name in lexicon.RIVER_NAMES)


def _river(text: str, start: int, end: int, place: Place) -> bool:
    """A river that shares its name with a town (:data:`lexicon.RIVER_NAMES`), written as one."""
    if place.name not in _RIVER_PLACE_NAMES or place.kind != "town":
        return False
    window = max(0, start - 24)
    return bool(_RIVER_BEFORE.search(text, window, start) and _RIVER_AFTER.match(text, end)) \
        or _RIVER_BEFORE_CYRILLIC.search(text, window, start) is not None


def plain_reason(text: str, m: Match, place: Place) -> str | None:
    """The reasons that need no reading of the words around: a person, a country, abroad, a weapon."""
    start, end, key = m.start, m.end, m.key  # (each field read once: see attributes.cues.cue_distance)
    if key in lexicon.WEAPON_NAMES and (_WEAPON_AFTER.match(text, end)
                                        or _WEAPON_BEFORE.search(text, max(0, start - 12), start)):
        return WEAPON_NAME
    if _river(text, start, end, place):
        return RIVER
    if key in lexicon.PERSON_FIRST_NAMES and _PROPER_NEXT.match(text, end):
        return PERSON
    # The last letters of the words before, looked up in a set, spare the two patterns below
    # nearly always (every first name and title ends in one of these endings).
    before = text[max(0, start - 20):start].rstrip().lower()
    if before[-_NAME_END:] in _FIRST_NAME_ENDINGS:
        first = _FIRST_NAME_BEFORE.search(text, max(0, start - 20), start)
        if first and first.group(1).lower() in lexicon.PERSON_FIRST_NAMES:
            return PERSON  # "governor Alexander Gusev": a surname that is also a town
    if before[-_TITLE_END:] in _TITLE_ENDINGS and _TITLE_BEFORE.search(text, max(0, start - 16), start) \
            and _PROPER_START.match(text, start):
        return PERSON  # "Governor Gusev", "Mayor Sadovyi"
    window = max(0, start - 24)
    if "named " in text[window:start] and _NAMED_AFTER.search(text, window, start):
        return NAMED_AFTER  # "the Sevmorzavod shipyard named after S. Ordzhonikidze"
    kind = place.kind
    if kind == "town" and key not in lexicon.CAPITALS and (_SPEAKS_AFTER.match(text, end) or (
            not key.isascii() and cyrillic_rules.speaks_after(text, end))):
        return PERSON  # "Gladkov and Gusev said": a town does not speak, its governor does
    if kind == "town" and place.population < _HAMLET and _REPORTS_AFTER.match(text, end):
        return PERSON  # "Sadovyi reported damage in Lviv": a village of a few hundred reports nothing
    if text.startswith("-", end) and _GOVERNED_AFTER.match(text, end):
        return "capital standing for its government"  # "Moscow-appointed", "Kyiv-backed"
    if kind == "country":
        return "country named"
    country = place.country
    if country and country not in settings.THEATRE_COUNTRIES:
        return "outside the theatre"
    return None


def office_after(text: str, m: Match) -> bool:
    """"the Kharkiv Regional Military Administration", "Kursk governor": the place names an office."""
    return _office_at_start(words_after(text, m))


def _office_at_start(after: str) -> bool:
    """``_OFFICE_AFTER.match(after)``, spared where no office word starts the words (nearly always)."""
    return after.startswith(_OFFICE_WORDS) and _OFFICE_AFTER.match(after) is not None


# "shelled Esman from the Kursk region", "обстріляли з території Курської області": where the fire
# came from, which says nothing of where the report's strikes fell.
_FROM_BEFORE = re.compile(
    r"(?i:\bfrom\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?|direction\s+of\s+(?:the\s+)?)?"
    r"|(?:^|\s)(?:з|із|зі|из|с|со)\s+(?:(?:території|территории|боку|стороны)\s+)?)$")


# "launched the drones from Primorsko-Akhtarsk in Russia's Krasnodar Krai": the region is the
# address of the place the weapons came from.
_FROM_PLACE_IN = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,3}(?:in|of)\s+(?:the\s+)?(?:Russia['’]s\s+|occupied\s+)?$")


def named_as_origin(text: str, m: Match) -> bool:
    """Whether a place is named as where something came from ("from the Kursk region", "from
    Primorsko-Akhtarsk in Russia's Krasnodar Krai"): for a region, where fire came from (the
    caller asks only of regions: "smoke pouring from the refinery" and "casualties from the
    Novopavlivka community" are the places' own)."""
    start = m.start
    if _FROM_BEFORE.search(text, max(0, start - 30), start) is not None:
        return True
    window = text[max(0, start - 80):start]
    return "from" in window and _FROM_PLACE_IN.search(window) is not None


HOSPITAL = "where the wounded were taken"
# "the wounded man was taken to a hospital in Belgorod", "доставили в городскую больницу №2 Белгорода",
# "доставили до лікарні в Сумах", "hospitalised in Kursk": the town of the hospital, not of the strike.
# A verb of taking someone there is needed: "a missile hit a hospital in Kharkiv" is a strike.
_TAKING = "taken|brought|rushed|delivered|admitted|evacuated|transported|transferred"  # someone hurt
_HOSPITAL_BEFORE = re.compile(
    rf"(?i:\b(?:{_TAKING}|"
    r"доставл\w*|доставил\w*|доставят|доставля\w*|госпитализир\w*|транспортир\w*|эвакуир\w*|обратил\w*|"
    r"доправил\w*|доставили|госпіталізу\w*|госпіталізов\w*)\b[^.;]{0,60}?"
    r"(?:hospital|clinic|больниц\w*|лікарн\w*|ЦРБ|медучрежден\w*)(?:\s+(?:№|No\.?|#)\s*\d+)?"
    r"(?:\s+(?:in|of|at|в|у|г\.|города|міста))?\s+"
    r"|\b(?:hospitali[sz]ed|госпитализирован\w*|госпіталізован\w*)\s+(?:in|to|в|у)\s+)$"
)
_HOSPITAL_WORDS = ("hospital", "clinic", "больниц", "лікарн", "ЦРБ", "медучрежден", "госпит", "госпіт")


def _taken_to_hospital(text: str, start: int) -> bool:
    """Whether the place at ``start`` is named as where someone hurt was taken (see _HOSPITAL_BEFORE)."""
    window = text[max(0, start - 110):start]
    return any(map(window.__contains__, _HOSPITAL_WORDS)) and _HOSPITAL_BEFORE.search(window) is not None


# "was taken to the Kalanchak central district hospital": the hospital named by its town.
_HOSPITAL_NAMED_AFTER = re.compile(
    r"(?:\s+(?:central|district|city|regional|raion|municipal|multidisciplinary|children's|clinical)){0,4}"
    r"\s+(?:hospital|clinic)\b", re.IGNORECASE)
_TAKEN_TO_THE = re.compile(
    rf"\b(?:{_TAKING})\s+to\s+(?:the\s+)?$",
    re.IGNORECASE)


def _hospital_of(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` names the hospital someone hurt was taken to."""
    after = text[end:end + 60].lower()
    if "hospital" not in after and "clinic" not in after:
        return False  # (nearly every place: a substring test spares the two patterns)
    return _HOSPITAL_NAMED_AFTER.match(text, end) is not None \
        and _TAKEN_TO_THE.search(text, max(0, start - 40), start) is not None


def mention_reason(text: str, sentence: Sentence, m: Match, place: Place) -> str | None:
    """Why a place named here cannot be a strike location, or None if it can be."""
    start, end = m.start, m.end  # (each field read once: see attributes.cues.cue_distance)
    plain = plain_reason(text, m, place)
    if plain:
        return plain
    if _taken_to_hospital(text, start) or _hospital_of(text, start, end):
        return HOSPITAL
    if place.kind == "region" and named_as_origin(text, m):
        return "relative position"  # "shelled Esman from the Kursk region"
    if text[start:end].isupper() and _DATELINE.match(text, sentence.start) and _SLASHED_CAPS.fullmatch(
            text, sentence.start, start):
        return "dateline"  # "KYIV, March 3 (Wire) -", and "MOSCOW/KYIV (Reuters) -"
    if start == sentence.start and _KICKER.match(text, end):
        return LABEL  # "Воронеж: governor reports ...", "Харків / Kharkiv region: ..."
    if start == sentence.start and _AGENCY_DATELINE.match(text, end):
        return "dateline"  # "Kyiv, Ukraine (AP) –", "Kharkiv (Reuters) -"
    before = words_before(text, m)
    if before.endswith(("st.", " st")):
        before = _SAINT.sub("", before)  # "south of St. Petersburg"
    if before.endswith(_HELD_WORDS):
        before = _HELD_AT_END.sub("", before)  # "to the east of occupied Crimea"
    found = _mention_before(before)
    if found is None and before.endswith(_QUALIFIER_ENDINGS):
        # "the border with Ukraine's Kharkiv region", "urged civilians in the eastern Luhansk
        # region", "not far from the Black Sea port of Novorossiisk": the phrase before the words
        # that only qualify the place (but "the authorities in Russia's Oryol Oblast reported
        # attacks" are the region's own, telling of strikes on it).
        found = _mention_before(_QUALIFIER_AT_END.sub("", before))
        if found == "seat of government":
            found = None
    if found:
        return found
    if before.endswith(" and") and _BETWEEN_BEFORE.search(before):
        return "relative position"  # "traffic between St. Petersburg and Pskov"
    if (text.startswith("-", end) or text[start - 1:start] == "-") and _ROUTE_AFTER.match(text, end):
        return ROUTE  # "the Oryol-Kursk railway line"
    if not m.key.isascii():
        cyrillic = cyrillic_rules.mention_reason(before)  # "губернатор Курской области", "нараді в Києві"
        if cyrillic:
            return cyrillic
    if before.endswith(_FROM_ENDINGS) \
            and _holds_match(words_before(text, m, 60), _LAUNCH_WORDS, _LAUNCHED_FROM):
        return "launch area"  # "fired four Kalibr missiles from (ships in) the Black Sea"
    if before.endswith(_OVER_ENDINGS) \
            and _holds_match(words_before(text, m, 60), _LAUNCHER_WORDS, _LAUNCHERS_OVER):
        return "launch area"
    if _in_launch_list(text, sentence.start, start):
        return "launch area"  # "launched the drones from the areas of Oryol, Millerovo and Kursk"
    after = words_after(text, m)
    if _office_at_start(after):
        return OFFICE  # (office_after, with the words after at hand)
    if _STREET_OR_BUILDING_AFTER.match(text, end):
        return SITE_NAME  # "near the Lunacharsky Theatre", "on Sumska Street": a name, not a place
    if _OUTLET_AFTER.match(text, end):
        return OUTLET  # "Crimea Today News said", "the Kyiv Independent reported"
    if _FRONT_AFTER.match(text, end):
        return FRONT_SECTOR  # "wounded on the Zaporizhzhia front", "in the Bakhmut direction"
    if "ipeline" in text[end:end + 24] and _PIPELINE_AFTER.match(text, end):
        return ROUTE  # "the Druzhba oil pipeline": the pipeline's name, not the town's
    site = _SITE_NAMED_AFTER.match(text, end)
    if site and not text.startswith(text[start:start + 4], site.end()):
        return SITE_NAME  # "the Sokol market in Donetsk": the market's name, not a place of its own
    if m.key in lexicon.CAPITALS:
        if text[end:end + 2] == "'s" or (_METONYM_AFTER.match(after) or _DOING_AFTER.match(after)) \
                and not _struck_before(text, sentence.start, start):
            return "capital standing for its government"
        if _PROPER_NEXT.match(text, end) and not after.startswith(("region", "oblast")):
            return "capital as a title (e.g. its mayor)"
    return None


def _holds_match(words: str, needed: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """``pattern.search(words)``, spared where ``words`` holds none of the words every match holds
    (substring tests in C; the search tries the pattern at every position)."""
    return any(map(words.__contains__, needed)) and pattern.search(words) is not None


def _mention_before(before: str) -> str | None:
    """The reason a phrase of :data:`lexicon.MENTION_BEFORE` ending ``before`` gives, if any."""
    if before[before.rfind(" ") + 1:] not in _MENTION_LAST_WORDS:  # a set look-up spares the search
        return None
    if not before.endswith(_MENTION_PHRASES) and not before.endswith("\n"):
        return None  # the search's match ends the words with a phrase: one C-level test spares it
    found = _MENTION_BEFORE.search(before)
    return _MENTION_REASON[found.group(0).strip()] if found else None


def _words_at_start(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern for any of ``words`` as the first whole words of a text."""
    longest_first = sorted(words, key=len, reverse=True)
    # (a closing quote may end the words: 'blamed the "Kyiv regime"')
    return re.compile("(?:" + "|".join(re.escape(w) for w in longest_first) + r")(?:[ ,.;:\"”’»)]|$)")


_OFFICE_AFTER = _words_at_start(lexicon.OFFICE_AFTER)
_OFFICE_WORDS = tuple(lexicon.OFFICE_AFTER)  # a match starts with one of them: str.startswith tests it in C
_HELD_WORDS = ("occupied", "annexed")
_HELD_AT_END = re.compile(r"\s*(?:temporarily\s+)?(?:occupied|annexed)$")
_BETWEEN_BEFORE = re.compile(r"\bbetween (?:[\w.'’-]+ ){1,3}and$")
# "Oryol-Kursk railway", "the Saint Petersburg-Pskov line": two places naming a route between them.
_ROUTE_AFTER = re.compile(
    r"(?:-[A-ZА-ЯІЇЄ][\w.'’]*(?: [A-ZА-ЯІЇЄ][\w.'’]*)?)?\s+(?:railway|railroad|rail|line|highway|motorway|"
    r"road|route|pipeline|gas pipeline|oil pipeline)\b"
)
ROUTE = "names a route (a railway line, a road)"
_PIPELINE_AFTER = re.compile(r"[\"”»']?\s+(?:oil\s+|gas\s+|product\s+|ammonia\s+)?pipeline\b", re.IGNORECASE)
_SAINT = re.compile(r" ?\bst\.?$")
_QUALIFIER_ENDINGS = ("'s", "’s", "ern", "central", " port of", " city of", " town of")
_QUALIFIER_AT_END = re.compile(
    r"(?:\s+(?:ukraine|russia|belarus)['’]s"
    r"|\s+(?:north|south|east|west|(?:north|south)-?(?:east|west))ern|\s+central"
    r"|\s+the(?:\s+[\w-]+){0,2}\s+(?:port|city|town)\s+of)$"
)
# "Kyiv is sticking to its course", "Kyiv was aiming its drones": a capital doing something.
_DOING_AFTER = re.compile(r"(?:is|was|has been|had been) (?!being\b)\w+ing\b")
# "missiles from the Black Sea", "drones launched at night from the Kursk region".
_FROM_ENDINGS = ("from", "from the", "occupied", "annexed", " in", " in the")
_OVER_ENDINGS = ("over", "above", "over the", "russia's", "russian", "occupied")
_LAUNCHED_FROM = re.compile(
    r"\b(?:missiles?|drones?|uavs?|shaheds?|rockets?|bombers?|aircraft|ships?|submarines?|launched|fired)"
    r"(?: [\w-]+){0,4} (?:in )?from(?: the)?(?: (?:ships?|submarines?|aircraft|bombers|positions) in)?"
    # "launched from the aggressor's territory, in the Voronezh region"
    r"(?: (?:aggressor's|aggressor’s|enemy|russian|russia's|russia’s|its own|their own) territory,? in)?"
    r"(?: the)?(?: occupied| annexed| temporarily occupied)?$"
)
# "launched the drones from the areas of Oryol, Millerovo, Kursk and Primorsko-Akhtarsk", "from the
# directions of Kursk and Cape Chauda in Crimea": where a list of launch areas begins.
_LIST_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:areas?|directions?|vicinity|regions?)\s+of\s+(?:the\s+)?)?(?:occupied\s+)?")
# What may stand between two places of such a list ("Kursk and Oryol regions and from Primorsko-Akhtarsk").
_LIST_SEPARATOR = re.compile(
    r"(?:\s+(?:regions?|oblasts?|krai)\b)?(?:,\s*(?:and\s+)?|\s+and\s+)(?:from\s+)?(?:the\s+)?(?:occupied\s+)?"
    r"|\s+in\s+(?:the\s+)?(?:occupied\s+)?|\s*\(\s*")
# A place's name in such a list: capitalised words ("Cape Chauda", "Primorsko-Akhtarsk").
_LISTED_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*")
_LAUNCH_STEMS = ("launch", "fired", "drone", "missile", "uav", "UAV", "Shahed", "shahed")


def _in_launch_list(text: str, sentence_start: int, start: int) -> bool:
    """Whether the place at ``start`` is one of a list of launch areas that a launch verb or a
    weapon opens ("launched the drones from the areas of Oryol, Millerovo, Kursk and ...")."""
    first = max(sentence_start, start - 240)
    if text.rfind("from ", first, start) < 0:
        return False  # nearly every place: no "from" before it in its sentence
    head = text[first:start]
    at = head.rfind("from ")
    opened = _LIST_FROM.match(head, at)
    if opened is None or not any(map(head[max(0, at - 60):at].__contains__, _LAUNCH_STEMS)):
        return False
    # Between the list's opening and this place only names and separators may stand.
    pos = opened.end()
    while pos < len(head):
        name = _LISTED_NAME.match(head, pos)
        if name is None:
            return False
        separator = _LIST_SEPARATOR.match(head, name.end())
        if separator is None or separator.end() == name.end():
            return False
        pos = separator.end()
    return True


# Every match of _LAUNCHED_FROM holds one of these, and of _LAUNCHERS_OVER one of the second.
_LAUNCH_WORDS = ("missile", "drone", "uav", "shahed", "rocket", "bomber", "aircraft", "ship", "submarine",
                 "launched", "fired")
_LAUNCHER_WORDS = ("bomber", "aircraft", "plane", "jet", "tu-")
# "Tu-95 bombers over Russia's Saratov Oblast fired ...": where the launchers flew (but "anti-aircraft
# missile units over the Kyiv region" are the defence).
_LAUNCHERS_OVER = re.compile(
    r"\b(?:bombers?|(?<!anti-)(?<!anti )aircraft|planes?|jets?|tu-\d+\w*)(?: [\w-]+){0,2}"
    r" (?:over|above)(?: the)?"
    r"(?: russia's| russian| occupied)?$"
)
_METONYM_AFTER = _words_at_start(lexicon.METONYM_AFTER)
# What the capital is struck by when these end the words before it: "attacks on Kyiv", "a strike at".
_STRUCK_ENDINGS = (" on", " at", " against", " over", "assault", "attack", "attacks", "strike", "strikes")


def _struck_before(text: str, sentence_start: int, start: int) -> bool:
    """Whether the words of its sentence just before a capital tell it struck ("the drone assault on
    Kyiv continues"): then a verb after it is not the capital's government acting."""
    return text[max(sentence_start, start - 24):start].lower().rstrip().endswith(_STRUCK_ENDINGS)
SITE_NAME = "name of a site in another place"
# "Sokol market in Donetsk", "Galaktika shopping centre in Donetsk": a name, a kind of site, and the
# town it stands in (not "the Ryazan refinery in Ryazan region": a region after it is its own).
# A place's name as the proper name of a street or a building, capitalised as such.
_STREET_OR_BUILDING_AFTER = re.compile(
    r"\s+(?:Theatre|Theater|Street|Avenue|Square|Boulevard|Prospekt|Prospect|Lane|Embankment)\b")
# A place's name as the name of a news outlet ("Crimea Today News", "the Kyiv Independent").
_OUTLET_AFTER = re.compile(r"\s+(?:Today|News|Post|Times|Independent|Online|Journal|Herald|Daily)\b")
OUTLET = "names a news outlet"
# A town's name as the name of a stretch of the front ("on the Zaporizhzhia front", "in the Bakhmut
# direction", "the Pokrovsk axis", "the Zaporizhzhia and Kherson fronts"): fighting along the
# line the town names, not a strike on the town. ("in front of" has no name before it.)
_FRONT_AFTER = re.compile(
    r"(?:\s+and\s+[A-Z][\w'’-]+)?\s+(?:fronts?(?:\s+lines?)?|frontlines?|ax[ie]s|directions?|sectors?)\b"
    r"(?!\s+(?:of|to|towards?)\b)")
FRONT_SECTOR = "names a stretch of the front"
_SITE_NAMED_AFTER = re.compile(
    r"\s+(?:market|bazaar|shopping (?:centre|center|mall)|mall|plant|factory|works|terminal|hotel|"
    r"stadium|supermarket)(?:\s+area)?\s+(?:in|at)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?"
    r"(?=[A-ZА-ЯІЇЄ][\w'’-]+(?![\w'’-]*\s+(?:region|oblast|krai|district|raion|province|republic)\b))"
)


#: Why a place is named, read from the words before it, that the next places of a list share.
_LIST_SHARED = frozenset({
    "flights halted", "launch area", "visit or travel", "direction of flight", "seat of government",
    "named as left out",
})
# "Voronezh (Liski) and Kursk": a place in brackets refines the one before; the list goes on.
_LIST_JOIN = re.compile(r"\)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\()")


def share_list_reasons(text: str, hits: list[PlaceHit]) -> None:
    """"Airports in Kazan, Kirov and Saratov halted flights": the places listed after the first
    are named for the same reason as the first."""
    for before, hit in zip(hits, hits[1:], strict=False):
        if (hit.reason is None and before.reason in _LIST_SHARED
                and _LIST_JOIN.fullmatch(text, before.match.end, hit.match.start)):
            hit.reason = before.reason


_DISTRICT_WORDS = ("district", "raion", "neighbourhood", "neighborhood", "microdistrict")


def _district_word_after(text: str, m: Match) -> bool:
    """``words_after(text, m).startswith(_DISTRICT_WORDS)`` without splitting and joining the words:
    no district word holds a space, so the lower-cased window without its leading spaces starts
    with one exactly where the words do."""
    end = m.end
    return text[end:end + 30].lower().lstrip().startswith(_DISTRICT_WORDS)
CITY_DISTRICT = "district of a city the report names"


def read_districts(text: str, hits: list[PlaceHit]) -> None:
    """"the Dniprovskyi district" of a town named beside it is part of that town;
    "the Obukhiv district of the Kyiv region" is a district of its own."""
    for hit in hits:
        if hit.reason is None and not hit.match.key.isascii() and cyrillic_rules.city_district(
                text, hit.match.start, hit.match.end):
            hit.reason = CITY_DISTRICT  # "у Шевченківському районі" of Kyiv, not a namesake raion
    districts = [h for h in hits
                 if _district_word_after(text, h.match) or h.match.key.endswith(_DISTRICT_WORDS)]
    if not districts:
        return  # (most sentences: the towns below are asked about only for a district)
    # (A village drawn at its raion or region, not found itself, is still a town the text names.)
    towns = [h for h in hits if h not in districts and (h.place.kind == "town" or h.stand_in)
             and h.reason is None]
    for hit in districts:
        if hit.reason is not None:
            continue
        if hit.place.kind == "district" and _possessed_by_a_far_town(text, hit, towns):
            # "Kherson's Korabelnyi district": a district of the city named just before it, not
            # Mykolaiv's district of that name 60 km off (the city itself is the strike's place).
            hit.reason = "district of a town named beside it"
            continue
        if hit.place.kind == "district":
            # A raion or hromada of the gazetteer ("Dniprovskyi district") beside a town the
            # text names is that town's own city district when the town is a city around the
            # district's point ("the Nakhimovsky district" of Sevastopol), or when no named
            # town is near it or in its region at all (the Dniprovskyi district of Kyiv is not
            # Dnipro Raion; but "the Dnipro district ... and Kryvyi Rih" are of one oblast).
            near = [distance_km(t.place.lat, t.place.lon, hit.place.lat, hit.place.lon) for t in towns]
            if towns and (all(km > 60 and t.place.admin1 != hit.place.admin1
                              for km, t in zip(near, towns, strict=True)) or any(
                    km <= 20 and t.place.population >= 100_000 for km, t in zip(near, towns, strict=True))):
                hit.reason = "district of a town named beside it"
            continue
        if hit.place.kind != "town":
            continue
        if towns:
            hit.reason = "district of a town named beside it"
        else:
            hit.place = hit.place._replace(kind="district")


def _possessed_by_a_far_town(text: str, hit: PlaceHit, towns: list[PlaceHit]) -> bool:
    """Whether a district follows "<town>'s " (a town of ``towns``) and lies farther from that town
    than a city's own districts do."""
    start = hit.match.start
    if not text.startswith(("'s ", "’s "), start - 3):
        return False
    owner = next((t for t in towns if t.match.end == start - 3), None)
    return owner is not None and distance_km(owner.place.lat, owner.place.lon, hit.place.lat,
                                             hit.place.lon) > CITY_DISTRICT_KM


#: How far (km) from a town's or district's point its facilities may lie.
_TOWN_KM = 30

_RANK = {"facility": 0, "town": 1, "district": 2, "region": 3, "informal": 4, "country": 5}


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` holds ``inner`` (a region its towns, a town its facilities)."""
    if outer.kind == inner.kind == "district":
        # "the Pokrovske community of the Synelnykove district": a raion holds its hromadas.
        return bool(outer.name) and inner.admin1 == outer.admin1 and inner.admin2 == outer.name
    if _RANK.get(outer.kind, 9) <= _RANK.get(inner.kind, 9):
        return False
    if outer.kind == "region":
        return bool(inner.admin1) and inner.admin1 == outer.admin1
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "town":
        return distance_km(outer.lat, outer.lon, inner.lat, inner.lon) <= _TOWN_KM
    if outer.kind == "district":
        # "Vovchansk in Chuhuiv district", "у селі Безруки Дергачівської громади": the raion or
        # hromada the gazetteer files the town under (a facility by its distance, as a town's).
        if inner.kind == "facility":
            return distance_km(outer.lat, outer.lon, inner.lat, inner.lon) <= _TOWN_KM
        return (bool(outer.name) and inner.admin1 == outer.admin1
                and outer.name in (inner.admin2, inner.admin3))
    if outer.kind == "informal":  # "the Black Sea coast", "Donbas": a loose frame around what is named
        # ... around places, not regions: "over the Krasnodar Region and the Black Sea" are two areas.
        return inner.kind != "region" and distance_km(outer.lat, outer.lon, inner.lat, inner.lon) <= 500
    return False


CONTAINER = "contains a more precise place in the sentence"


def _place_in_named_districts(hits: list[PlaceHit]) -> None:
    """"Lukyantsi in Kharkiv district, Budarki in Chuhuiv district": the first raion or hromada
    named after a village (or a hromada) that holds one of its namesakes decides which one it is.
    (:func:`geomap.address.place_by_districts` has settled villages by the districts on both
    sides of them already; this also settles a hromada by its raion.)"""
    districts = [h for h in hits if h.place.kind == "district"]
    if not districts:
        return
    for hit in hits:
        if hit.place.kind not in ("town", "district") or not hit.alternatives:
            continue
        after = [d for d in districts if d.match.start > hit.match.start]
        for district in sorted(after, key=lambda d: d.match.start):
            if contains(district.place, hit.place):
                break
            held = next((p for p in hit.alternatives
                         if p.kind == hit.place.kind and contains(district.place, p)), None)
            if held is not None:
                hit.place, hit.rivals = held, ()
                break


def most_precise(hits: list[PlaceHit]) -> list[PlaceHit]:
    """Drop places that contain another place of the same sentence, and repeats."""
    _place_in_named_districts(hits)
    kept: list[PlaceHit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.place.id in seen:
            continue
        inner = [other for other in hits if other is not hit and contains(hit.place, other.place)] \
            if len(hits) > 1 else []  # (a lone place contains no other: no list made)
        if inner:
            hit.reason = CONTAINER
            if hit.place.kind == "district":
                # "Borova in Izium raion": the raion named rules out the namesakes outside it.
                for other in inner:
                    other.rivals = tuple(r for r in other.rivals if contains(hit.place, r))
            continue
        seen.add(hit.place.id)
        kept.append(hit)
    return kept
