"""Districts named by a noun they share: the lists before a plural ("the Tarasovsky, Millerovsky
and Kasharsky districts") or a singular raion noun, the hromadas listed after a plural, and the
raions a report names by their adjective alone once it has named one with the noun ("у Харківському
районі ..., у Богодухівському - приватний будинок") (:class:`_DistrictListReader`, a part of the
:class:`~geomap.extract.Extractor` that finds places).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from ..gazetteer import Place, distance_km
from ..matcher import Match
from ..model import CITY_DISTRICT_KM
from ..text import Sentence, name_key

# "the Tarasovsky, Millerovsky and Kasharsky districts": capitalised words listed before the plural
# noun.
# Russian and Ukrainian reports write the noun in the singular as often («в Каменском, Миллеровском
# и Чертковском районе»): each adjective is a raion all the same.
_LISTED_BEFORE_PLURAL = re.compile(
    r"[A-ZА-ЯІЇЄ][\w'’ʼ-]+(?:\s*(?:,|,?\s+(?:and|or|та|і|й|и))\s+[A-ZА-ЯІЇЄ][\w'’ʼ-]+)+"
    # (and a kind between them: "rural communities", "urban okrugs", «городских округах»)
    r"\s+(?:(?:городск|муниципальн)\w+\s+|(?:rural|urban|settlement|village|territorial|city)\s+)?"
    r"(?P<noun>districts|raions|rayons|communities|hromadas|громади|громадах|громад|районах|райони|районы"
    r"|районів|районов"
    r"|район|районе|района|районом|районі|району|округ|округе|округа|округом|округах)(?!\w)")
# (" район", " громад" and " округ" begin each of the Cyrillic nouns.)
_DISTRICT_NOUNS_SPACED = (" districts", " raions", " rayons", " communities", " hromadas", " громад",
                          " район", " округ")
_DISTRICT_NOUNS = tuple(w.strip() for w in _DISTRICT_NOUNS_SPACED)  # one of them ends every match above
# "The communities hit were Khotyn, Yunakiv, ... and Esman", "Settlements of eight communities were
# hit: Khotyn, ...": a list of hromadas after the plural word; so "three districts of the Kursk
# region: Sudzhansky, Korenevsky and Glushkovsky", raions.
_LISTED_AFTER_PLURAL = re.compile(
    r"\b(?P<noun>communities|hromadas|districts|raions)"
    r"(?:\s+of\s+the\s+[A-Z][\w'’-]+\s+(?:region|oblast))?"
    r"(?:\s+(?:hit|attacked|shelled|affected|struck|targeted))?"
    r"(?:\s+were(?:\s+(?:hit|attacked|shelled|affected|struck|targeted))?\s*:?|\s*:)\s+"
    r"(?P<list>[A-Z][\w'’-]+(?:\s*(?:,|,?\s+and)\s+[A-Z][\w'’-]+)+)")
#: What makes a hromada's name of a word listed as one: "Esman hromada", "Yunakiv" + "ska hromada"
#: (Yunakivska), "Andriyashiv" + "ka hromada" (Andriiashivka's).
_HROMADA_OF_STEM = (" hromada", "ska hromada", "ka hromada")
_RAION_OF_ADJECTIVE = (" district", " raion")  # "Sudzhansky" + " district"
_LIST_WORD = re.compile(r"[A-ZА-ЯІЇЄ][\w'’ʼ-]+")
_LATIN_ADJECTIVE = re.compile(r"(?:ska|skaya|sky|skyi|skiy|skii)$")
_DISTRICT_SINGULAR_OF = {
    "districts": ("district", "raion"), "raions": ("raion",), "rayons": ("raion",),
    "communities": ("hromada",), "hromadas": ("hromada",),
    # "обстріляв Глухівську, Хотінську та Зноб-Новгородську громади", "по Покровській і
    # Марганецькій громадах", "постраждали Марганецька та Покровська громади": each adjective with
    # the noun in the case it stands in.
    "громади": ("громаду", "громади", "громада"), "громадах": ("громаді",), "районах": ("районі", "районе"),
    "райони": ("район",), "районы": ("район",), "округах": ("округе",),
    # "населені пункти Чугуївського, Куп'янського і Харківського районів": the genitive plural.
    "районів": ("району",), "районов": ("района",), "громад": ("громади",),
    # The singular noun names each raion of the list in its own case.
    "районе": ("районе",), "района": ("района",), "районом": ("районом",), "районі": ("районі",),
    "району": ("району",), "район": ("район",), "округ": ("округ",), "округе": ("округе",),
    "округа": ("округа",), "округом": ("округом",),
}

# (Not "districts of Dnipropetrovsk Oblast": the oblast named after its old centre.)
_OF_TOWN = re.compile(r"\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?([A-ZА-ЯІЇЄ][\w'’ʼ-]+)"
                      r"(?!\s+(?:[Oo]blast|[Rr]egion|[Kk]rai|[Pp]rovince)\b)")

# "у Харківському районі": a raion named with its noun, in the locative case.
_RAION_IN = re.compile(
    r"[А-ЯІЇЄ][\w'’ʼ-]*(?:ському|цькому|зькому|ному|ском|цком|ном)\s+(?P<noun>районі|районе)(?!\w)")
# ", у Богодухівському - приватний будинок": after it, another raion by its adjective alone, the
# noun left out, a dash or a comma after it.
_RAION_ADJECTIVE_ALONE = re.compile(
    r"(?<!\w)[уУвВ]\s+(?P<word>[А-ЯІЇЄ][\w'’ʼ-]*(?:ському|цькому|зькому|ному|ском|цком|ном))(?=\s*[-–—,;:])")


class _DistrictListReader:
    """Districts a list or an elided noun names: the part of place finding that reads them."""

    def _rank(self, key: str) -> list[Place]:  # (the place reader's)
        raise NotImplementedError

    def _with_listed_district_names(self, text: str, sentence: Sentence, found: list[Match]) -> list[Match]:
        """``found`` with the names of a list before a noun for districts that the text
        matching missed ("over the Tarasovsky, Millerovsky and Kasharsky districts": only
        "Millerovsky district" is a name of the gazetteer), as matches of the district each names.

        A Russian or Ukrainian word of such a list is an adjective, so a town it also matched gives
        way ("Марганецька та Покровська громади": "Покровська" is also Pokrovsk's genitive)."""
        taken = {(m.start, m.end): m for m in found}
        added = []
        replaced: set[tuple[int, int]] = set()
        for listed in _LISTED_BEFORE_PLURAL.finditer(text, sentence.start, sentence.end):
            singulars = _DISTRICT_SINGULAR_OF[listed.group("noun").lower()]
            city = self._city_after(text, listed.end())
            for word in _LIST_WORD.finditer(text, listed.start(), listed.start("noun")):
                span = (word.start(), word.end())
                if any(m.start <= word.start() and m.end > word.end() for m in found):
                    continue  # "Чертковском районе": the raion matched whole with its noun
                if span in taken:
                    # (A Latin adjective gives way too: "Pokrovskaya" of "the Marganetskaya and
                    # Pokrovskaya rural communities" is no village Pokrovskaya.)
                    if word.group().isascii() and not _LATIN_ADJECTIVE.search(word.group()) \
                            or not self._is_town(taken[span]):
                        continue
                    replaced.add(span)
                for singular in singulars:
                    key = name_key(f"{word.group()} {singular}")
                    ranked = self._rank(key)
                    if city is not None:
                        # "the Kalininskyi and Nikitovskyi districts of Horlivka": that city's
                        # districts, or none the gazetteer knows (never a namesake raion elsewhere).
                        mine = _city_district_near(ranked, city, CITY_DISTRICT_KM)
                        if mine is not None:
                            added.append(Match(word.start(), word.end(), name_key(mine.name), True, ()))
                            break
                    elif ranked and ranked[0].kind == "district":
                        added.append(Match(word.start(), word.end(), key, True, ()))
                        break
                else:
                    replaced.discard(span)  # no district of that name: the town stays
        if not added:
            return found
        return sorted([*(m for m in found if (m.start, m.end) not in replaced), *added])

    def _is_town(self, m: Match) -> bool:
        """Whether a match is a place name whose best place is a town."""
        if not m.is_place:
            return False
        ranked = self._rank(m.key)
        return bool(ranked) and ranked[0].kind == "town"

    def _communities_listed_after(self, text: str, sentence: Sentence, found: list[Match],
                                  regions: AbstractSet[str]) -> list[Match]:
        """"The communities hit were Khotyn, Yunakiv and Esman": the names listed after a plural
        word for hromadas, often the stem of the hromada's adjective ("Yunakiv" for Yunakivska),
        as matches of the hromada each names in the ``regions`` the report names (any, if it
        names none). A town matched by the same word gives way: a list of communities names
        communities. A word with no such hromada keeps what it matched."""
        kept = list(found)
        for listed in _LISTED_AFTER_PLURAL.finditer(text, sentence.start, sentence.end):
            suffixes = _RAION_OF_ADJECTIVE if listed.group("noun") in ("districts", "raions") \
                else _HROMADA_OF_STEM
            for word in _LIST_WORD.finditer(text, listed.start("list"), listed.end("list")):
                for suffix in suffixes:
                    key = name_key(f"{word.group()}{suffix}")
                    if any(p.kind == "district" and (not regions or p.admin1 in regions)
                           for p in self._rank(key)):
                        kept = [m for m in kept if not (m.is_place and word.start() <= m.start < word.end())]
                        kept.append(Match(word.start(), word.end(), key, True, ()))
                        break
        return sorted(kept)

    def _city_after(self, text: str, at: int) -> Place | None:
        """The town of "districts of Horlivka", if the words after a list name one."""
        of = _OF_TOWN.match(text, at)
        if of is None:
            return None
        ranked = self._rank(name_key(of.group(1)))
        return ranked[0] if ranked and ranked[0].kind == "town" else None

    def _with_raions_by_adjective(self, text: str, sentence: Sentence, found: list[Match]) -> list[Match]:
        """``found`` with the raions a sentence names by their adjective alone after one named with
        the noun ("У Харківському районі пошкоджено склад, у Богодухівському - приватний будинок"),
        as matches of those raions. A town the adjective also matched gives way (Bohodukhivskyi,
        a settlement of Donetsk Oblast, 298 km off). An adjective no raion has keeps what it matched."""
        named = _RAION_IN.search(text, sentence.start, sentence.end)
        if named is None:
            return found
        noun = named.group("noun")
        kept: list[Match] | None = None  # made only when a raion is read (rarely)
        for alone in _RAION_ADJECTIVE_ALONE.finditer(text, named.end(), sentence.end):
            key = name_key(f"{alone.group('word')} {noun}")
            ranked = self._rank(key)
            if ranked and ranked[0].kind == "district":
                start, end = alone.span("word")
                before = found if kept is None else kept
                kept = [m for m in before if not (m.is_place and start <= m.start < end)]
                kept.append(Match(start, end, key, True, ()))
        return found if kept is None else sorted(kept)


def _city_district_near(ranked: list[Place], place: Place, km: float) -> Place | None:
    """The first city district among ``ranked`` within ``km`` of ``place``'s point, if any."""
    return next((p for p in ranked if p.id.startswith("citydistrict:")
                 and distance_km(p.lat, p.lon, place.lat, place.lon) <= km), None)
