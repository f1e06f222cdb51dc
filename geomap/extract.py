"""Reading strikes out of a document: which places were hit, with what, how and when.

The reading goes sentence by sentence, the way an analyst reads:

1. find every place name and cue word in one pass (:class:`~geomap.matcher.Matcher`);
2. resolve each name in the gazetteer, with the regions named around it as context;
3. set aside the places that are only mentioned (talks, visits, datelines,
   capitals standing for governments, places outside the theatre, history),
   recording why (:func:`mention_reason`);
4. in a sentence that carries a strike cue, keep the most precise of the places
   that contain one another (the refinery, not its town or region);
5. give each remaining place the weapon, target, outcome and actor cues that
   lie nearest to it (:func:`read_attributes`), and a date (:mod:`geomap.dates`);
6. let a following sentence with no place of its own ("The attack set fire to
   the tanks.") add its evidence and outcome to the events just read.

Each rule is a small function, and every word it looks for is data in
:mod:`geomap.lexicon`. This module holds the document's flow (steps 1, 2, 4 and
6); :mod:`geomap.reading` holds the records a sentence is read into.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import itemgetter

from . import dates, lexicon, settings
from .address import (
    ADDRESS,
    Address,
    address_regions,
    district_names,
    has_district_list,
    listed_before,
    names_unknown_place,
    place_by_districts,
    with_quiet_names,
)
from .attributes import attacker_by_geography, names_its_site, negated, read_attributes, score_confidence
from .claims import carry_claims, confirm_claims, confirm_claims_at_place
from .gazetteer import Context, Gazetteer, Place, Resolution, default_gazetteer, distance_km
from .lang import language_of
from .lang.story import document_weapon
from .matcher import Match, Matcher, matcher_for
from .mentions import (
    GROUND_FIGHTING,
    OFFICE,
    city_of,
    mention_reason,
    most_precise,
    office_after,
    plain_reason,
    read_districts,
    share_list_reasons,
    village_of,
)
from .model import CITY_DISTRICT_KM, Document, Event, Mention
from .namesakes import keep_struck_apart
from .place_doubts import FAR_NAMESAKE, far_from_the_report, remember_people, rivals, unlikely_village
from .reading import PlaceHit, SentenceReading
from .region_tally import tally_over_the_region
from .story import (
    carry_on,
    depot_kinds,
    fold_containers,
    inherit_weapons,
    mentions_of,
    opens_new_frame,
    same_attack_area,
    story_dates,
    strike_date,
)
from .strike_sentence import (
    cause_sought,
    destroyed_site,
    downs_aircraft,
    is_accident,
    is_historical,
    people_hurt,
    repels_ground_attacks,
    strike_strength,
)
from .text import Sentence, name_key, normalise, split_sentences


@dataclass
class Extraction:
    """What one document yielded: strike events and places only mentioned."""

    events: list[Event]
    mentions: list[Mention]


class Extractor:
    """Reads strike events from documents with a gazetteer and the cue lexicon."""

    def __init__(self, gazetteer: Gazetteer, matcher: Matcher | None = None) -> None:
        self.gazetteer = gazetteer
        self.matcher = matcher or matcher_for(gazetteer)
        self._facility_memo: dict[tuple[str, str, str], Place | None] = {}
        # Namesakes left to rival a place, by its resolution's memo key (see _resolve_places).
        self._rivals_memo: dict[tuple, tuple[Place, ...]] = {}
        # The town each name was read as where the document wrote its oblast beside it.
        self._addressed: dict[str, Place] = {}
        # Each name's places without context, by key: the article's context, the plain and the
        # strike reading all ask for them (see _rank). The gazetteer keeps its own answers as long.
        self._ranks: dict[str, list[Place]] = {}

    def extract(self, doc: Document) -> Extraction:
        """Return the events and mentions of one document."""
        text = normalise(doc.text)
        folded = self.matcher.fold(text)
        if not self.matcher.may_report_strikes(folded):
            # No weapon and no strike word anywhere: nothing to map. Places named in
            # such stories are not recorded as mentions either; the mentions layer
            # explains the places of strike reporting, not every place in the news.
            return Extraction([], [])
        matches = self.matcher.find(text, folded)
        published = dates.to_date(doc.published) or dates.document_date(text)
        sentences = split_sentences(text)
        per_sentence = _assign(matches, sentences)
        if any(map(folded.__contains__, _PLURAL_DISTRICT_WORDS)):  # one test spares most documents
            for sentence, found in zip(sentences, per_sentence, strict=True):
                if found and any(map(sentence.text.__contains__, _PLURAL_WORDS)) \
                        and _LISTED_BEFORE_PLURAL.search(sentence.text):  # the search only where it may match
                    found[:] = sorted([*found, *self._listed_district_names(text, sentence, found)])
        article = self._article_context(per_sentence)
        resolved: dict[tuple, Resolution | None] = {}  # see _resolve_places
        self._rivals_memo.clear()  # like ``resolved``, an answer for this document only
        self._addressed.clear()  # (see _resolve_places)
        people: set[str] = set()  # names already read as a person's ("Governor Gusev")
        readings: list[SentenceReading] = []
        for index, (sentence, found) in enumerate(zip(sentences, per_sentence, strict=True)):
            if not found:  # nothing named, nothing to read: only its place in the story
                readings.append(SentenceReading(sentence, index, [], [], None))
                continue
            cues = [m for m in found if not m.is_place or m.cues]
            # Damage and people hurt are outcome cues: a sentence with no cue has neither.
            strength = (strike_strength(cues) or self._damaged_facility(found) or destroyed_site(found)
                        or people_hurt(sentence.text, found)) if cues else None
            if strength is not None:
                hits = self._resolve_places(text, sentence, found, article, resolved)
            else:
                hits = self._note_places(text, found)
            remember_people(hits, people)
            readings.append(SentenceReading(sentence, index, hits, cues, strength))
        headline: set[str] = set()  # the places the headline tells strikes on, for the lead
        for reading in readings:
            if reading.places or reading.strength is not None:  # else there is nothing to read
                self._read_sentence(reading, text, published, doc,
                                    headline if reading.index <= _LEAD else frozenset())
            if reading.index == 0:
                headline.update(e.place_id for e in reading.events)
        carry_on(readings, published)
        tally_over_the_region(readings, doc, published)
        carry_claims(readings)
        confirm_claims(readings)
        confirm_claims_at_place(readings)
        inherit_weapons(readings)
        depot_kinds(readings)
        story_dates(readings, published)
        fold_containers(readings)
        language = language_of(text)  # "en" at once for text without Cyrillic letters
        if language != "en" or _one_attack(readings):
            # Russian and Ukrainian reports name the weapon once, and so does a report of one attack
            # (a sentence turning to earlier attacks neither lends its weapon nor takes the report's).
            document_weapon([r for r in readings if not opens_new_frame(r)],
                            near=None if language != "en" else same_attack_area)
        events = [e for reading in readings for e in reading.events]
        keep_struck_apart(events)
        for event in events:
            event.language = language
            if event.status == "intercepted" and event.geo_precision == "region":
                # "drones attacked an industrial facility in the Samara region" and then "three
                # drones were shot down over the Samara region": a region's tally hit nothing, so
                # it struck no target (the facility is an event of its own where it is named).
                event.target_type = "unknown"
        mentions = mentions_of(readings, doc)
        return Extraction(events, mentions)

    # -- places --------------------------------------------------------------------

    def _article_context(self, per_sentence: list[list[Match]]) -> Context:
        """Regions and countries the article names, and where its unambiguous places lie.

        Places whose name can mean only one place in the theatre anchor the
        ranking of the ambiguous ones ("Pokrovsk" beside "Myrnohrad" and
        "Kramatorsk" is the Donetsk-oblast town).
        """
        regions: set[str] = set()
        countries: set[str] = set()
        near: list[tuple[float, float]] = []
        for found in per_sentence:
            for _, ranked in self._ranked_places(found):
                best = ranked[0]
                if best.kind == "region":
                    regions.add(best.admin1)
                elif best.kind == "country":
                    countries.add(best.country)
                elif (len(ranked) == 1 and best.country in settings.THEATRE_COUNTRIES
                      and len(near) < 20):
                    near.append((best.lat, best.lon))
        return Context(article_regions=regions, countries=countries, near=near)

    def _resolve_places(
        self, text: str, sentence: Sentence, found: list[Match], article: Context,
        resolved: dict[tuple, Resolution | None],
    ) -> list[PlaceHit]:
        """Resolve the places of a strike sentence with the regions around them as context.

        ``resolved`` keeps the answers of one document: within it the same name
        in the same sentence context resolves the same way, and ranking an
        ambiguous name against the article's places is the costly part.
        """
        places = [m for m in found if m.is_place]
        places = with_quiet_names(text, places, lambda m: next(iter(self._rank(m.key)), None),
                                  self.gazetteer.region_centred_on, self._rank)
        cue_keys = {v for m in found for t, v in m.cues if t == "region_context"}
        sentence_regions: set[str] = set()
        for m in places:
            best = self._rank(m.key)
            if best and best[0].kind == "region":
                sentence_regions.add(best[0].admin1)
        context = Context(regions=sentence_regions, article_regions=article.article_regions,
                          countries=article.countries, want_region=bool(cue_keys), near=article.near)
        hits = []
        signature = (frozenset(sentence_regions), context.want_region)
        addresses = self._addresses(text, places) if len(places) > 1 else {}
        addressing = {a.index for a in addresses.values()}
        lists_districts = has_district_list(sentence.text)
        for i, m in enumerate(places):
            address = addresses.get(i)
            memo_key = (m.key, signature, address)
            if memo_key in resolved:
                resolution = resolved[memo_key]
            elif address is not None:
                resolution = resolved[memo_key] = self._resolve_within(m.key, context, address)
            else:
                resolution = resolved[memo_key] = self.gazetteer.resolve(m.key, context, folded=True)
            if resolution is None:
                continue
            place = resolution.place
            stand_in = address is not None and place.kind == "region" and resolution.place is address.region
            if place.kind == "town" and address is not None:
                self._addressed.setdefault(m.key, place)
            elif place.kind == "town" and m.key in self._addressed:
                # "near Komyshivka, Donetsk ... a house in Komyshivka damaged": the name the
                # document gave an oblast to keeps it (not the Odesa-oblast Komyshivka).
                place = self._addressed[m.key]
            if place.kind == "town" and place.population >= _CITY_SIZE and village_of(text, m):
                # "the village of Lviv" (Kherson oblast): not the city, a village of that name.
                place = next((p for p in resolution.alternatives if p.kind == "town"
                              and p.population < _CITY_SIZE and p.country in settings.THEATRE_COUNTRIES),
                             place)
            elif place.kind == "town" and place.population < _CITY_SIZE and address is None \
                    and city_of(text, m) and not village_of(text, m):
                # "the city of Mykolaiv" beside Izyum: the city, not the Mykolaivka near Izyum that
                # GeoNames also calls "Mykolaiv".
                place = next((p for p in resolution.alternatives if p.kind == "town"
                              and p.population >= _CITY_SIZE and p.country in settings.THEATRE_COUNTRIES),
                             place)
            elif place.kind == "town" and place.population < _CITY_SIZE and address is None \
                    and place.admin1 in sentence_regions and not village_of(text, m):
                # "in the Kherson region, and a woman was wounded in Zaporizhzhia": a region named
                # as a place of its own in the sentence does not make a city's name a village of it.
                place = next((p for p in resolution.alternatives if p.kind == "town"
                              and p.population >= _BIG_CITY_SIZE), place)
            if place.kind == "region" and _AND_ITS_CENTRE.match(text, m.end):
                # "по Запорізькій області та обласному центру: два удари по місту": the region's
                # centre was struck; the region is only where it lies.
                place = self.gazetteer.centre_of(place) or place
            if place.kind == "town" and lists_districts:
                place = self._listed_district(text, m, place) or place
            centred = self.gazetteer.region_centred_on(place) if place.kind == "town" else None
            if centred is not None and _comma_before(text, m.start) and names_unknown_place(text, m, places):
                place, stand_in = centred, True
            if context.want_region and place.kind == "town" and not city_of(text, m):
                # "the Mykolaiv and Sumy regions": the name's regional centre, even where a
                # namesake village ranks first.
                centres = (self.gazetteer.region_centred_on(p) for p in (place, *resolution.alternatives)
                           if p.kind == "town")
                region = next((r for r in centres if r is not None), None)
                if region is not None:
                    place = region
            hit = PlaceHit(m, text[m.start:m.end], place, resolution.alternatives)
            hit.reason = ADDRESS if i in addressing else mention_reason(text, sentence, m, place)
            if hit.reason is None and unlikely_village(text, m, place, context, address is not None) and not (
                    _IN_DISTRICT_AFTER.match(text, m.end)
                    and not _NAME_BEFORE.search(text, max(0, m.start - 40), m.start)):
                hit.reason = "a small village's name without any sign of a place"
            elif hit.reason is None and far_from_the_report(place, resolution.alternatives, context,
                                                            address is not None):
                hit.reason = FAR_NAMESAKE
            hit.stand_in = stand_in
            if place.kind == "town":
                # A region named around the place rules out the namesakes outside it, not those in it.
                named = address is not None or place.admin1 in context.regions | context.article_regions
                rivals_key = (memo_key, place.id, named)
                if rivals_key not in self._rivals_memo:
                    self._rivals_memo[rivals_key] = rivals(place, resolution.alternatives, within=named)
                hit.rivals = self._rivals_memo[rivals_key]
            hits.append(hit)
        share_list_reasons(text, hits)
        place_by_districts(hits)
        read_districts(text, hits)
        return hits

    def _rank(self, key: str) -> list[Place]:
        """``gazetteer.rank_key(key)``, built once per name (the lists are only read)."""
        ranked = self._ranks.get(key)
        if ranked is None:
            ranked = self._ranks[key] = self.gazetteer.rank_key(key)
        return ranked

    def _listed_district(self, text: str, m: Match, town: Place) -> Place | None:
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
                return _city_district_near(ranked, town, _CITY_PART_KM) or ranked[0]
        return None

    def _listed_district_names(self, text: str, sentence: Sentence, found: list[Match]) -> list[Match]:
        """"over the Tarasovsky, Millerovsky and Kasharsky districts": the names of a list before a
        plural word for districts that the text matching missed, because only "Millerovsky
        district" is a name of the gazetteer, as matches of the district each names."""
        taken = {(m.start, m.end) for m in found}
        added = []
        for listed in _LISTED_BEFORE_PLURAL.finditer(text, sentence.start, sentence.end):
            singulars = _DISTRICT_SINGULAR_OF[listed.group("plural").lower()]
            city = self._city_after(text, listed.end())
            for word in _LIST_WORD.finditer(text, listed.start(), listed.start("plural")):
                if (word.start(), word.end()) in taken:
                    continue
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
        return added

    def _city_after(self, text: str, at: int) -> Place | None:
        """The town of "districts of Horlivka", if the words after a list name one."""
        of = _OF_TOWN.match(text, at)
        if of is None:
            return None
        ranked = self._rank(name_key(of.group(1)))
        return ranked[0] if ranked and ranked[0].kind == "town" else None

    def _damaged_facility(self, found: list[Match]) -> str | None:
        """"weak" for a sentence with no strike word that shows damage at a named facility
        ("Baza posted video of black smoke pouring from the Ilsky Oil Refinery.")."""
        if not any(c.has("outcome") and c.key in lexicon.DAMAGE for c in found):
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
        return found

    def _resolve_within(self, key: str, context: Context, address: Address) -> Resolution:
        """The best place of a name inside the region of its address; the region itself when the
        gazetteer knows no such place there (never a namesake in another region)."""
        region = address.region
        ranked = self.gazetteer.rank_key(key, context)
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

    def _ranked_places(self, found: list[Match]) -> Iterator[tuple[Match, list[Place]]]:
        """The place names among ``found`` that the gazetteer knows, with their places best first."""
        for m in found:
            if m.is_place:
                ranked = self._rank(m.key)
                if ranked:
                    yield m, ranked

    def _note_places(self, text: str, found: list[Match]) -> list[PlaceHit]:
        """Places of a sentence with no strike word: resolved plainly, kept only as mentions."""
        hits = []
        for m, ranked in self._ranked_places(found):
            place = ranked[0]
            # An office ("head of the Kharkiv Regional Military Administration") is told apart:
            # a sentence naming only offices does not end the story of the strike told before it.
            reason = plain_reason(text, m, place) or (
                OFFICE if office_after(text, m) else "no strike in the sentence")
            hits.append(PlaceHit(m, text[m.start:m.end], place, ranked[1:], reason))
        return hits

    # -- events --------------------------------------------------------------------

    def _read_sentence(
        self, reading: SentenceReading, text: str, published: dt.date | None, doc: Document,
        headline: AbstractSet[str] = frozenset(),
    ) -> None:
        strength = reading.strength
        no_strike = _no_strike_reason(reading, published)
        if no_strike is not None:
            for hit in reading.places:
                hit.reason = hit.reason or no_strike
            return
        candidates = [h for h in reading.places if h.reason is None]
        if strength == "weak":
            # A sea or "Donbas" is too loose a frame for a soft cue ("navigation in the Black Sea").
            for hit in candidates:
                if hit.place.kind == "informal":
                    hit.reason = "loose area named without a strike on it"
            candidates = [h for h in candidates if h.reason is None]
        named_regions = bool(reading.cue_values("region_context")) and candidates and all(
            h.place.kind == "region" for h in candidates
        )
        # "Regions targeted included Saratov and Tula": a list of regions under attack;
        # "Russian attacks injured seven people in Donetsk Oblast": people were hurt;
        # "attacked Mykolaiv, starting a fire": damage; "Vesele, Hatyshche and Budarky were
        # among the places targeted": a list of places under attack. Without any of these, the
        # lead still tells the headline's strike ("Russian forces attacked Zaporizhzhia
        # overnight" under "Night attack on Zaporizhzhia: 13 injured").
        if strength == "weak" and not (
            reading.cue_values("target") or named_regions or len(candidates) >= _LISTED_PLACES
            or any(h.place.kind == "facility" for h in candidates)
            or any((c.key in lexicon.CASUALTIES or c.key in lexicon.DAMAGE) and not negated(reading, c)
                   for c, _ in reading.cue_values("outcome"))
        ):
            for hit in candidates:
                if hit.place.id not in headline and not _ATTACK_ON.search(
                        text, max(0, hit.match.start - 40), hit.match.start):
                    hit.reason = "no strike in the sentence"
            candidates = [h for h in candidates if h.reason is None]
            if not candidates:
                return
        has_date: bool | None = None  # looked up only for the few events dated by a week
        for hit in most_precise(candidates):
            event = self._event(reading, hit, text, published, doc)
            if event is not None:
                reading.events.append(event)
                if event.date_precision == "week":
                    if has_date is None:
                        has_date = bool(dates.find_date_phrases(reading.sentence.text))
                    if not has_date:
                        reading.undated.append(event)

    def _event(
        self, reading: SentenceReading, hit: PlaceHit, text: str, published: dt.date | None,
        doc: Document,
    ) -> Event | None:
        others = [h for h in reading.places if h is not hit and h.reason is None]
        attrs = read_attributes(reading, hit, others)
        place = hit.place
        if attrs.status == "unknown" and place.id in _SEAS:
            # "airfields used to control the airspace, including over the Black Sea": a sea is
            # where drones are shot down or ships hit, not the frame of a sentence about strikes.
            hit.reason = "loose area named without a strike on it"
            return None
        if place.kind in ("town", "district") and attrs.target_type != "unknown":
            facility = self._facility_at(place, attrs.target_type, hit.text)
            if facility is None and attrs.target_type == "factory" and names_its_site(text, hit, attrs):
                # "the Burshtyn plant": a generic word for the one big site the town has.
                found = [f for t in _GENERIC_PLANT_TYPES if (f := self._facility_at(place, t, hit.text))]
                facility = found[0] if len(found) == 1 else None
            if facility is not None:
                place = facility
        target_type = place.target_type or attrs.target_type
        sentence = reading.sentence
        cue_at = attrs.cue_start - sentence.start if attrs.cue_start is not None else 0
        event_date, date_precision = strike_date(sentence.text, max(cue_at, 0), published)
        # "A drone attack on Mykolaiv wounded a man, Kim wrote on Friday": the day it was reported,
        # which the story's own day replaces (see geomap.story.story_dates).
        reported_only = date_precision == "day" and dates.dated_by_report_only(
            sentence.text, max(cue_at, 0), published)
        attacker = attrs.attacker or attacker_by_geography(place, hit.text)
        confidence = score_confidence(attrs, place, rivals=len(hit.rivals), written=hit.text,
                                      stand_in=hit.stand_in)
        event = Event(
            place=hit.text,
            place_name=place.name,
            place_id=place.id,
            lat=place.lat,
            lon=place.lon,
            admin1=self.gazetteer.region_name(place.admin1) or (place.name if place.kind == "region" else ""),
            country=place.country,
            geo_precision=place.precision,
            strike_type=attrs.strike_type,
            target_type=target_type or "unknown",
            status=attrs.status,
            attacker=attacker,
            event_date=event_date,
            date_precision=date_precision,
            doc_ids=[doc.doc_id],
            sources=[doc.source],
            evidence=[sentence.text],
            confidence=confidence,
            namesakes=tuple(p.id for p in hit.rivals) if place is hit.place else (),
        )
        if reported_only:
            reading.undated.append(event)
        return event


# "launched a massive attack on Kyiv": the place is what the attack was on (not "attacks on
# energy facilities and navigation in the Black Sea").
_ATTACK_ON = re.compile(
    r"\battacks?\s+(?:on|against)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)

# "Chervona Zorya in Bohodukhiv district": a district named after a name is a sign of a place.
_IN_DISTRICT_AFTER = re.compile(
    r"\s+(?:in|of)\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:district|raion|rayon|hromada|community|municipality)\b")

# "the village of Cherkaski Tyshki" where the gazetteer knows only "Tyshki": the name goes on before.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+\s+\Z")

# "the Tarasovsky, Millerovsky and Kasharsky districts": capitalised words listed before the plural.
_LISTED_BEFORE_PLURAL = re.compile(
    r"[A-ZА-ЯІЇЄ][\w'’ʼ-]+(?:\s*(?:,|,?\s+(?:and|or|та|і|й|и))\s+[A-ZА-ЯІЇЄ][\w'’ʼ-]+)+"
    r"\s+(?P<plural>districts|raions|rayons|communities|hromadas|громади|громадах|районах|райони)(?!\w)")
_PLURAL_DISTRICT_WORDS = (" districts", " raions", " rayons", " communities", " hromadas", " громади",
                          " громадах", " районах", " райони")
_PLURAL_WORDS = tuple(w.strip() for w in _PLURAL_DISTRICT_WORDS)  # one of them ends every match above
_LIST_WORD = re.compile(r"[A-ZА-ЯІЇЄ][\w'’ʼ-]+")
_DISTRICT_SINGULAR_OF = {
    "districts": ("district", "raion"), "raions": ("raion",), "rayons": ("raion",),
    "communities": ("hromada",), "hromadas": ("hromada",),
    # "обстріляв Глухівську, Хотінську та Зноб-Новгородську громади", "по Покровській і
    # Марганецькій громадах": each adjective with the noun in the case it stands in.
    "громади": ("громаду", "громади"), "громадах": ("громаді",), "районах": ("районі",),
    "райони": ("район",),
}

#: Seas, which hold a strike only when something is shot down over them or hit in them.
_SEAS = frozenset({
    "informal:black-sea", "informal:sea-of-azov", "informal:caspian-sea", "informal:baltic-sea",
})

#: The sentences after the headline that make a report's lead.
_LEAD = 3

# After a region: "and its regional centre", "та обласному центру", "и областному центру".
_AND_ITS_CENTRE = re.compile(
    r"\s*(?:,\s*)?(?:and|та|і|и)\s+(?:(?:its|the)\s+regional\s+cent(?:re|er)|обласн\w*\s+центр\w*"
    r"|областн\w*\s+центр\w*)", re.IGNORECASE)

#: A city this big is what its bare name means, whatever region the sentence names elsewhere.
_BIG_CITY_SIZE = 200_000

#: A town this big is no village: "the village of X" means a namesake smaller than this.
_CITY_SIZE = 50_000

#: Places named in one sentence with a soft strike word that make it a list of places attacked.
_LISTED_PLACES = 3

#: Facility types a plain "plant" or "works" may stand for.
_GENERIC_PLANT_TYPES = ("refinery", "power_plant", "gas_facility", "factory")
# Extractors already built, by the id of their gazetteer (which they keep alive).
_EXTRACTORS: dict[int, Extractor] = {}


def default_extractor(gazetteer: Gazetteer | None = None) -> Extractor:
    """An extractor over ``gazetteer`` (default: the installed one), built once per process.

    Building one compiles the matcher over every name, about a second; scripts
    that call the pipeline in a loop reuse it.
    """
    gazetteer = gazetteer or default_gazetteer()
    extractor = _EXTRACTORS.get(id(gazetteer))
    if extractor is None or extractor.gazetteer is not gazetteer:
        extractor = _EXTRACTORS[id(gazetteer)] = Extractor(gazetteer)
    return extractor


# -- small rules --------------------------------------------------------------------


def _no_strike_reason(reading: SentenceReading, published: dt.date | None) -> str | None:
    """Why a sentence tells of no strike at its places (no strike word, history, or, where it
    names no weapon, an accident, a fire still unexplained, an aircraft downed, ground fighting);
    None when it may tell of one."""
    if reading.strength is None:
        return "no strike in the sentence"
    text = reading.sentence.text
    if is_historical(text, published):
        return "historical reference"
    if reading.cue_values("weapon"):
        return None
    return next((reason for tells, reason in _NO_STRIKE_WITHOUT_WEAPON if tells(text)), None)


# Sentences that name no weapon and tell of something else than a strike, in the order asked.
_NO_STRIKE_WITHOUT_WEAPON: tuple[tuple[Callable[[str], bool], str], ...] = (
    (is_accident, "accident, not a strike"),
    (cause_sought, "cause not known, no strike reported"),
    (downs_aircraft, "aircraft shot down, no strike on the place"),
    (repels_ground_attacks, GROUND_FIGHTING),
)


def _assign(matches: list[Match], sentences: list[Sentence]) -> list[list[Match]]:
    """Group matches by the sentence they fall in."""
    # Sentences do not overlap and matches come in order: each sentence takes the run of matches
    # that start inside it, found by bisection (C loops, not a Python step per match).
    starts = list(map(itemgetter(0), matches))  # Match.start
    return [matches[bisect_left(starts, s.start):bisect_left(starts, s.end)] for s in sentences]


def _comma_before(text: str, at: int) -> bool:
    """Whether a comma (then only spaces) stands right before ``at``: what an unknown place's
    address needs ("Olhivske, Zaporizhzhia"), tested before the costly search for one."""
    return text[max(0, at - 60):at].rstrip().endswith(",")


#: How near a city district's point lies to the gazetteer's point for that part of the city.
_CITY_PART_KM = 8.0
# The rest of a list up to its plural word: "(Kalininskyi) and Nikitovskyi districts".
_DISTRICTS_OF_AFTER = re.compile(r"(?:\s*(?:,|,?\s+(?:and|or))\s+[A-ZА-ЯІЇЄ][\w'’ʼ-]+)*\s+districts\b")
_OF_TOWN = re.compile(r"\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?([A-ZА-ЯІЇЄ][\w'’ʼ-]+)")


def _city_district_near(ranked: list[Place], place: Place, km: float) -> Place | None:
    """The first city district among ``ranked`` within ``km`` of ``place``'s point, if any."""
    return next((p for p in ranked if p.id.startswith("citydistrict:")
                 and distance_km(p.lat, p.lon, place.lat, place.lon) <= km), None)


def _one_attack(readings: list[SentenceReading]) -> bool:
    """Whether a report tells of few places struck: one attack, not a roundup of many."""
    struck = {e.place_id for r in readings for e in r.events if e.status != "intercepted"}
    return len(struck) <= _ONE_ATTACK_PLACES


_ONE_ATTACK_PLACES = 3
