"""Place resolution: each name of a strike sentence resolved in the gazetteer with the regions
named around it as context, its address and the lists it stands in, and the place kept or set
aside with a reason (:class:`_PlaceReader`, the half of the :class:`~geomap.extract.Extractor`
that finds places).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from .. import lexicon, settings
from ..address import (
    ADDRESS,
    Address,
    address_regions,
    district_addresses,
    district_names,
    has_district_list,
    listed_before,
    names_unknown_place,
    place_by_districts,
    place_by_report_districts,
    village_at_district,
    with_quiet_names,
)
from ..gazetteer import Context, Gazetteer, Place, Resolution
from ..matcher import Match
from ..mentions import (
    LABEL,
    OFFICE,
    city_of,
    mention_reason,
    named_as_origin,
    office_after,
    plain_reason,
    read_districts,
    share_list_reasons,
    village_of,
)
from ..model import CITY_DISTRICT_KM, is_hromada
from ..place_doubts import FAR_NAMESAKE, across_the_border, far_from_the_report, rivals, unlikely_village
from ..reading import PlaceHit
from ..strike_sentence import has_outcome
from ..text import Sentence, name_key
from .city_parts import CITY_SIZE, of_the_city, part_of
from .district_lists import _city_district_near, _DistrictListReader
from .neighbours import far_from_the_list, hromada_beside, in_list_oblast, listed_oblast
from .prefixed import with_prefixed_names


class _PlaceReader(_DistrictListReader):
    """The places of a document's sentences: resolved in a strike sentence, noted in another.

    The attributes below are made by :meth:`Extractor.__init__ <geomap.extract.Extractor>`.
    """

    gazetteer: Gazetteer
    _facility_memo: dict[tuple[str, str, str], Place | None]
    _rivals_memo: dict[tuple, tuple[Place, ...]]
    _addressed: dict[str, Place]
    _districts_named: list[Place]
    _ranks: dict[str, list[Place]]
    _last_city: Place | None  # the city the document named last (see city_parts)

    def _article_context(self, text: str, per_sentence: list[list[Match]]) -> Context:
        """Regions and countries the article names, and where its unambiguous places lie.

        Places whose name can mean only one place in the theatre anchor the
        ranking of the ambiguous ones ("Pokrovsk" beside "Myrnohrad" and
        "Kramatorsk" is the Donetsk-oblast town). A regional centre named as an office ("Belgorod
        governor Vyacheslav Gladkov", "the Kharkiv Regional Military Administration") names its
        region: a governor tells of the region he governs.
        """
        regions: set[str] = set()
        countries: set[str] = set()
        near: list[tuple[float, float]] = []
        near_regions: list[str] = []
        ranks, rank = self._ranks, self._rank
        for found in per_sentence:
            # The place names the gazetteer knows, best place first: a loop, not a generator (a
            # generator's step per place costs more).
            for m in found:
                if not m.is_place:
                    continue
                ranked = ranks.get(m.key) or rank(m.key)
                if not ranked:
                    continue
                best = ranked[0]
                kind = best.kind  # (read once)
                if kind == "region":
                    if not named_as_origin(text, m):
                        regions.add(best.admin1)
                elif kind == "country":
                    countries.add(best.country)
                else:
                    if kind == "town":
                        # (The dictionary first: most towns are no regional centre.)
                        office = self.gazetteer.region_centred_on(best)
                        if office is not None and office_after(text, m):
                            regions.add(office.admin1)
                    if (len(ranked) == 1 and best.country in settings.THEATRE_COUNTRIES
                            and len(near) < 20 and not (kind == "district" and " " not in m.key)):
                        # (A hromada's bare adjective, "Khotynska", may be news's spelling of another
                        # oblast's hromada: it anchors nothing.)
                        near.append((best.lat, best.lon))
                        near_regions.append(best.admin1)
        return Context(article_regions=regions, countries=countries, near=near, near_regions=near_regions)

    def _resolve_places(
        self, text: str, sentence: Sentence, found: list[Match], article: Context,
        resolved: dict[tuple, Resolution | None], cues: list[Match] | None = None,
    ) -> list[PlaceHit]:
        """Resolve the places of a strike sentence with the regions around them as context.

        ``resolved`` keeps the answers of one document: within it the same name
        in the same sentence context resolves the same way, and ranking an
        ambiguous name against the article's places is the costly part. ``cues`` may be passed
        when the caller has the matches of ``found`` that carry cues (fewer to look through).
        """
        places = [m for m in found if m.is_place]
        places = with_quiet_names(text, places, lambda m: next(iter(self._rank(m.key)), None),
                                  self.gazetteer.region_centred_on, self._rank)
        places = with_prefixed_names(text, places, self._first_kind, self._rank)
        cue_keys = {v for m in (found if cues is None else cues) for t, v in m.cues if t == "region_context"}
        sentence_regions: set[str] = set()
        for m in places:
            best = self._rank(m.key)
            if best and best[0].kind == "region" and not named_as_origin(text, m):
                sentence_regions.add(best[0].admin1)
        listed, sure = listed_oblast(places, self._rank, sentence_regions | article.article_regions)
        regions = sentence_regions | listed
        context = Context(regions=regions, article_regions=article.article_regions,
                          countries=article.countries, want_region=bool(cue_keys), near=article.near,
                          near_regions=article.near_regions)
        hits = []
        # (A list's sure places choose among its namesakes: the same name in another list may not
        # be the same place.)
        signature = (frozenset(regions), context.want_region, tuple(p.id for p in sure) if sure else ())
        addresses = self._addresses(text, places) if len(places) > 1 else {}
        addressing = {a.index for a in addresses.values()} if addresses else set()
        lists_districts = has_district_list(sentence.text)
        # (A NamedTuple's fields, Match's and Place's, read into locals once and read again only
        # where the place changes: each read by name costs some 150 instructions.)
        for i, m in enumerate(places):
            start, end, key = m.start, m.end, m.key
            address = addresses.get(i)
            memo_key = (key, signature, address)
            if memo_key in resolved:
                resolution = resolved[memo_key]
            elif address is not None:
                resolution = resolved[memo_key] = self._resolve_within(key, context, address)
            else:
                resolution = resolved[memo_key] = in_list_oblast(
                    self.gazetteer.resolve(key, context, folded=True), listed, sure)
            if resolution is None:
                continue
            if resolution.place.kind == "district" and is_hromada(resolution.place.id) and len(places) > 1:
                resolution = hromada_beside(resolution, m, places, self._rank)
            place = resolution.place
            kind = place.kind
            stand_in = address is not None and kind in ("region", "district") \
                and resolution.place is address.region
            if kind == "town" and address is not None:
                self._addressed.setdefault(key, place)
            elif kind == "town" and key in self._addressed:
                # "near Komyshivka, Donetsk ... a house in Komyshivka damaged": the name the
                # document gave an oblast to keeps it (not the Odesa-oblast Komyshivka).
                place = self._addressed[key]
                kind = place.kind
            if kind == "town" and " " in key and "-" in text[start:end]:
                # "Slavyansk-na-Kubani ... one person killed in Slavyansk": the town's first name
                # later in the report is that town, not Sloviansk in the Donetsk oblast.
                self._addressed.setdefault(key.split(" ", 1)[0], place)
            if kind == "town":
                population = place.population
                if population >= _CITY_SIZE and village_of(text, m):
                    # "the village of Lviv" (Kherson oblast): not the city, a village of that name.
                    place = next((p for p in resolution.alternatives if p.kind == "town"
                                  and p.population < _CITY_SIZE and p.country in settings.THEATRE_COUNTRIES),
                                 place)
                elif population < _CITY_SIZE and address is None \
                        and city_of(text, m) and not village_of(text, m):
                    # "the city of Mykolaiv" beside Izyum: the city, not the Mykolaivka near Izyum that
                    # GeoNames also calls "Mykolaiv".
                    place = next((p for p in resolution.alternatives if p.kind == "town"
                                  and p.population >= _CITY_SIZE and p.country in settings.THEATRE_COUNTRIES),
                                 place)
                elif population < _CITY_SIZE and address is None \
                        and place.admin1 in sentence_regions and not village_of(text, m):
                    # "in the Kherson region, and a woman was wounded in Zaporizhzhia": a region named
                    # as a place of its own in the sentence does not make a city's name a village of it.
                    place = next((p for p in resolution.alternatives if p.kind == "town"
                                  and p.population >= _BIG_CITY_SIZE), place)
                # (every place these choose is a town)
            if kind == "region" and _AND_ITS_CENTRE.match(text, end):
                # "по Запорізькій області та обласному центру: два удари по місту": the region's
                # centre was struck; the region is only where it lies.
                place = self.gazetteer.centre_of(place) or place
                kind = place.kind
            if kind == "district" and self._last_city is not None and of_the_city(text, end):
                # "the Dnipro district of the city" in a report on Kherson: Kherson's.
                place = part_of(self._last_city, place, resolution.alternatives)
                kind = place.kind
            elif kind == "town" and place.population >= CITY_SIZE:
                self._last_city = place
            if kind == "town" and lists_districts:
                place = self._listed_district(text, m, place, context.regions | context.article_regions) \
                    or place
                kind = place.kind
            centred = self.gazetteer.region_centred_on(place) if kind == "town" else None
            if centred is not None and _comma_before(text, start) and names_unknown_place(text, m, places):
                place, stand_in = centred, True
                kind = place.kind
            if context.want_region and kind == "town" and not city_of(text, m):
                # "the Mykolaiv and Sumy regions": the name's regional centre, even where a
                # namesake village ranks first.
                centres = (self.gazetteer.region_centred_on(p) for p in (place, *resolution.alternatives)
                           if p.kind == "town")
                region = next((r for r in centres if r is not None), None)
                if region is not None:
                    place = region
                    kind = place.kind
            hit = PlaceHit(m, text[start:end], place, resolution.alternatives)
            hit.reason = ADDRESS if i in addressing else mention_reason(text, sentence, m, place)
            if hit.reason is None and unlikely_village(text, m, place, context, address is not None) and not (
                    _IN_DISTRICT_AFTER.match(text, end)
                    and not _NAME_BEFORE.search(text, max(0, start - 40), start)):
                hit.reason = "a small village's name without any sign of a place"
            elif hit.reason is None and (
                    far_from_the_report(place, resolution.alternatives, context, address is not None, key)
                    or across_the_border(place, resolution.alternatives, context, address is not None)):
                hit.reason = FAR_NAMESAKE
            elif hit.reason is None and listed and far_from_the_list(m, place, resolution, listed, sure):
                hit.reason = FAR_NAMESAKE
            hit.stand_in = stand_in
            if kind == "town":
                # A region named around the place rules out the namesakes outside it, not those in it.
                named = address is not None or place.admin1 in context.regions | context.article_regions
                rivals_key = (memo_key, place.id, named)
                if rivals_key not in self._rivals_memo:
                    self._rivals_memo[rivals_key] = rivals(place, resolution.alternatives, within=named)
                hit.rivals = self._rivals_memo[rivals_key]
            hits.append(hit)
        if hits and hits[0].reason == LABEL and all(h.reason is not None for h in hits[1:]):
            # "Krasnopilska community: mortar fire (5 explosions)": a label that the rest of the
            # sentence tells of, naming no other place, is the place struck.
            hits[0].reason = None
        share_list_reasons(text, hits)
        place_by_districts(text, hits)
        place_by_report_districts(text, hits, self._districts_named)
        village_at_district(text, hits, context.regions)
        self._districts_named.extend(h.place for h in hits if h.place.kind == "district" and h.reason is None)
        read_districts(text, hits)
        return hits

    def _first_kind(self, m: Match) -> str | None:
        """The kind of the place a match ranks first, if any."""
        ranked = self._rank(m.key)
        return ranked[0].kind if ranked else None

    def _rank(self, key: str) -> list[Place]:
        """``gazetteer.rank_key(key)``, built once per name (the lists are only read)."""
        ranked = self._ranks.get(key)
        if ranked is None:
            ranked = self._ranks[key] = self.gazetteer.rank_key(key)
        return ranked

    def _listed_district(self, text: str, m: Match, town: Place, regions: AbstractSet[str] = frozenset(),
                         ) -> Place | None:
        """The district a listed name stands for ("the Ochakiv and Kutsurub communities").

        Of namesake districts, the city district at the town's own point comes first: the place
        "Dniprovskyi" is a part of Kyiv, so "the Darnytskyi, Dniprovskyi and Holosiivskyi
        districts" are Kyiv's, not Dnipro Raion.
        """
        tail = _DISTRICTS_OF_AFTER.match(text, m.end)
        city = self._city_after(text, tail.end()) if tail else None
        for name in district_names(text, m):
            ranked = self._rank(name_key(name))
            if city is not None:  # "the Kalininskyi and Nikitovskyi districts of Horlivka"
                return _city_district_near(ranked, city, CITY_DISTRICT_KM) or city
            if ranked and ranked[0].kind == "district":
                # ("the Khotyn, Myropil and Bilopillia communities" of a Sumy report: the Sumy
                # oblast's Myropil hromada, not the Zhytomyr oblast's ranked first.)
                named = next((p for p in ranked if p.kind == "district" and p.admin1 in regions), None)
                return _city_district_near(ranked, town, _CITY_PART_KM) or named or ranked[0]
        return None

    def _damaged_facility(self, found: list[Match]) -> str | None:
        """"weak" for a sentence with no strike word that shows damage at a named facility
        ("Baza posted video of black smoke pouring from the Ilsky Oil Refinery.")."""
        if not has_outcome(found, lexicon.DAMAGE):
            return None
        for m in found:
            if m.is_place:
                ranked = self._rank(m.key)
                if ranked and ranked[0].kind == "facility":
                    return "weak"
        return None

    def _addresses(self, text: str, places: list[Match]) -> dict[int, Address]:
        """The region each place of a sentence is addressed by ("Hrakove, Kharkiv region")."""
        def best(m: Match) -> Place | None:
            ranked = self._rank(m.key)
            return ranked[0] if ranked else None

        found = address_regions(text, places, best, self.gazetteer.region_centred_on)
        for i, address in sorted(found.items()):
            # "Ploske, Budarky and Kyslivka in Kharkiv region; Terny and Orlivka in Donetsk region":
            # the region after a list addresses each place listed, where it holds one of that name.
            for k in listed_before(text, places, i):
                if k in found or not any(p.admin1 == address.region.admin1 and p.kind == "town"
                                         for p in self._rank(places[k].key)):
                    break
                found[k] = Address(address.region, address.index)
        for i, address in district_addresses(text, places, best, found).items():
            # A raion after a village that has no namesake in the raion's region at all (a Belgorod
            # village under 500 people, not in the gazetteer): the strike is drawn at the raion,
            # never on a namesake in another region. Where the region holds one, the raion only
            # chooses among the namesakes (place_by_districts), as before.
            region = address.region.admin1
            if not any(p.kind == "town" and p.admin1 == region for p in self._rank(places[i].key)):
                found[i] = address
        return found

    def _resolve_within(self, key: str, context: Context, address: Address) -> Resolution:
        """The best place of a name inside the region of its address; the region itself when the
        gazetteer knows no such place there (never a namesake in another region)."""
        region = address.region
        ranked = self.gazetteer.rank_key(key, context)
        if region.kind == "district":  # (only a raion whose region holds no such town: _addresses)
            return Resolution(query=key, place=region, alternatives=ranked)
        inside = [p for p in ranked if p.admin1 == region.admin1 and p.kind != "region"]
        if not inside or address.partial:
            return Resolution(query=key, place=region, alternatives=ranked)
        return Resolution(query=key, place=inside[0], alternatives=[p for p in ranked if p is not inside[0]])

    def _facility_at(self, place: Place, target_type: str, written: str = "") -> Place | None:
        """The one facility of a type in a town; the town as written breaks ties between spellings."""
        key = (place.id, target_type, written)
        if key not in self._facility_memo:
            found = self.gazetteer.facility_at(place, target_type)
            if found is None and written and written != place.name:
                found = self.gazetteer.facility_at(place._replace(name=written), target_type)
            self._facility_memo[key] = found
        return self._facility_memo[key]

    def _note_places(self, text: str, found: list[Match]) -> list[PlaceHit]:
        """Places of a sentence with no strike word: resolved plainly, kept only as mentions.

        Each hit has its reason (never None): the document pass does not read such a sentence
        again (see Extractor.extract)."""
        hits = []
        ranks, rank = self._ranks, self._rank
        for m in found:  # (as in _article_context)
            if not m.is_place:
                continue
            ranked = ranks.get(m.key) or rank(m.key)
            if not ranked:
                continue
            place = ranked[0]
            # An office ("head of the Kharkiv Regional Military Administration") is told apart:
            # a sentence naming only offices does not end the story of the strike told before it.
            reason = plain_reason(text, m, place) or (
                OFFICE if office_after(text, m) else "no strike in the sentence")
            hits.append(PlaceHit(m, text[m.start:m.end], place, ranked[1:], reason))
        return hits


# "Chervona Zorya in Bohodukhiv district": a district named after a name is a sign of a place.
_IN_DISTRICT_AFTER = re.compile(
    r"\s+(?:in|of)\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:district|raion|rayon|hromada|community|municipality)\b")

# "the village of Cherkaski Tyshki" where the gazetteer knows only "Tyshki": the name goes on before.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+\s+\Z")



# After a region: "and its regional centre", "та обласному центру", "и областному центру".
_AND_ITS_CENTRE = re.compile(
    r"\s*(?:,\s*)?(?:and|та|і|и)\s+(?:(?:its|the)\s+regional\s+cent(?:re|er)|обласн\w*\s+центр\w*"
    r"|областн\w*\s+центр\w*)", re.IGNORECASE)

#: A city this big is what its bare name means, whatever region the sentence names elsewhere.
_BIG_CITY_SIZE = 200_000

#: A town this big is no village: "the village of X" means a namesake smaller than this.
_CITY_SIZE = 50_000


def _comma_before(text: str, at: int) -> bool:
    """Whether a comma (then only spaces) stands right before ``at``: what an unknown place's
    address needs ("Olhivske, Zaporizhzhia"), tested before the costly search for one."""
    return text[max(0, at - 60):at].rstrip().endswith(",")


#: How near a city district's point lies to the gazetteer's point for that part of the city.
_CITY_PART_KM = 8.0
# The rest of a list up to its plural word: "(Kalininskyi) and Nikitovskyi districts".
_DISTRICTS_OF_AFTER = re.compile(r"(?:\s*(?:,|,?\s+(?:and|or))\s+[A-ZА-ЯІЇЄ][\w'’ʼ-]+)*\s+districts\b")
