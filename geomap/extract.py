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
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import dates, lexicon, settings
from .attributes import attacker_by_geography, names_its_site, negated, read_attributes, score_confidence
from .gazetteer import Context, Gazetteer, Place, Resolution, default_gazetteer
from .matcher import Match, Matcher, matcher_for
from .mentions import (
    CONTAINER,
    OFFICE,
    city_of,
    mention_reason,
    most_precise,
    plain_reason,
    read_districts,
)
from .model import Document, Event, Mention
from .reading import PlaceHit, SentenceReading
from .text import Sentence, normalise, split_sentences

# Sentences after an event sentence that may carry on its story without naming a place.
_CONTINUATION = 2
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")



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
        published = dates.to_date(doc.published)
        sentences = split_sentences(text)
        per_sentence = _assign(matches, sentences)
        article = self._article_context(per_sentence)
        resolved: dict[tuple, Resolution | None] = {}  # see _resolve_places
        readings: list[SentenceReading] = []
        for index, (sentence, found) in enumerate(zip(sentences, per_sentence, strict=True)):
            cues = [m for m in found if not m.is_place or m.cues]
            strength = _strike_strength(cues)
            if strength is not None:
                hits = self._resolve_places(text, sentence, found, article, resolved)
            else:
                hits = self._note_places(text, found)
            readings.append(SentenceReading(sentence, index, hits, cues, strength))
        for reading in readings:
            self._read_sentence(reading, text, published, doc)
        _carry_on(readings, published)
        _inherit_weapons(readings)
        _story_dates(readings)
        events = [e for reading in readings for e in reading.events]
        mentions = _mentions(readings, doc)
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
        cue_keys = {v for m in found for t, v in m.cues if t == "region_context"}
        sentence_regions: set[str] = set()
        for m in places:
            best = self.gazetteer.rank_key(m.key)
            if best and best[0].kind == "region":
                sentence_regions.add(best[0].admin1)
        context = Context(regions=sentence_regions, article_regions=article.article_regions,
                          countries=article.countries, want_region=bool(cue_keys), near=article.near)
        hits = []
        signature = (frozenset(sentence_regions), context.want_region)
        for m in places:
            memo_key = (m.key, signature)
            if memo_key in resolved:
                resolution = resolved[memo_key]
            else:
                resolution = resolved[memo_key] = self.gazetteer.resolve(m.key, context, folded=True)
            if resolution is None:
                continue
            place = resolution.place
            if context.want_region and place.kind == "town" and not city_of(text, m):
                region = self.gazetteer.region_centred_on(place)
                if region is not None:
                    place = region
            hit = PlaceHit(m, text[m.start:m.end], place, resolution.alternatives)
            hit.reason = mention_reason(text, sentence, m, place)
            hits.append(hit)
        read_districts(text, hits)
        return hits

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
                ranked = self.gazetteer.rank_key(m.key)
                if ranked:
                    yield m, ranked

    def _note_places(self, text: str, found: list[Match]) -> list[PlaceHit]:
        """Places of a sentence with no strike word: resolved plainly, kept only as mentions."""
        hits = []
        for m, ranked in self._ranked_places(found):
            place = ranked[0]
            reason = plain_reason(text, m, place) or "no strike in the sentence"
            hits.append(PlaceHit(m, text[m.start:m.end], place, ranked[1:], reason))
        return hits

    # -- events --------------------------------------------------------------------

    def _read_sentence(
        self, reading: SentenceReading, text: str, published: dt.date | None, doc: Document
    ) -> None:
        strength = reading.strength
        if strength is None:
            for hit in reading.places:
                hit.reason = hit.reason or "no strike in the sentence"
            return
        if _is_historical(reading.sentence.text, published):
            for hit in reading.places:
                hit.reason = hit.reason or "historical reference"
            return
        if not reading.cue_values("weapon") and _is_accident(reading.sentence.text):
            for hit in reading.places:
                hit.reason = hit.reason or "accident, not a strike"
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
        # "Regions targeted included Saratov and Tula": a list of regions under attack.
        if strength == "weak" and not (
            reading.cue_values("target") or named_regions
            or any(h.place.kind == "facility" for h in candidates)
        ):
            for hit in candidates:
                hit.reason = "no strike in the sentence"
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
        event_date, date_precision = _strike_date(sentence.text, max(cue_at, 0), published)
        attacker = attrs.attacker or attacker_by_geography(place, hit.text)
        confidence = score_confidence(attrs, place)
        return Event(
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
        )


# Several places in one sentence share its date phrases: read them once.
_event_date = functools.lru_cache(maxsize=256)(dates.event_date)


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


# "MOSCOW, Feb 7 (Wire) - ": the dateline's date is when the story was filed, not the strike.
_DATELINE_PREFIX = re.compile(
    r"[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\-]*(?: [A-ZА-ЯІЇЄ'\-]+){0,3},? ?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})? ?(?:\([^)]{0,40}\))? ?[-—–] "
)


def _strike_date(sentence: str, cue_at: int, published: dt.date | None) -> tuple[str | None, str]:
    """The date of a strike told in ``sentence``, its dateline left out."""
    dateline = _DATELINE_PREFIX.match(sentence[:80])
    if dateline and cue_at >= dateline.end():
        cut = dateline.end()
        return _event_date(sentence[cut:], cue_at - cut, published)
    return _event_date(sentence, cue_at, published)


def _story_dates(readings: list[SentenceReading]) -> None:
    """Events told without a date of their own take the date of the strike told just before.

    A report dates its lead ("drones struck the refinery overnight") and then
    goes on ("Debris damaged windows in the city."): the second event gets the
    lead's date instead of the vague publication-week fallback: the report's
    one strike day if it names only one, else the day of the event just before
    within a few sentences (a later paragraph may tell another story).
    """
    undated = {id(e) for r in readings for e in r.undated}
    dated = {(e.event_date, e.date_precision) for r in readings for e in r.events
             if e.event_date and id(e) not in undated}
    if len(dated) == 1:
        # One strike day in the whole report: everything it tells happened then.
        (day, precision), = dated
        for event in (e for r in readings for e in r.undated):
            event.event_date, event.date_precision = day, precision
        return
    story: tuple[int, str, str] | None = None
    for reading in readings:
        for event in reading.events:
            if id(event) in undated:
                if story and reading.index - story[0] <= _CONTINUATION + 1:
                    event.event_date, event.date_precision = story[1], story[2]
            elif event.event_date:
                story = (reading.index, event.event_date, event.date_precision)


# -- small rules --------------------------------------------------------------------


def _assign(matches: list[Match], sentences: list[Sentence]) -> list[list[Match]]:
    """Group matches by the sentence they fall in."""
    out: list[list[Match]] = [[] for _ in sentences]
    i = 0
    for m in matches:
        while i < len(sentences) and sentences[i].end <= m.start:
            i += 1
        if i < len(sentences) and sentences[i].start <= m.start:
            out[i].append(m)
    return out





def _strike_strength(cues: list[Match]) -> str | None:
    """"strong" when a weapon or a strike word is among the cues, "weak" for softer ones, else None."""
    tables = {t for c in cues for t, _ in c.cues}
    if "weapon" in tables or "strike:strong" in tables:
        return "strong"
    if "strike:weak" in tables:
        return "weak"
    return None


def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for "any of these phrases anywhere" (one search instead of one per phrase)."""
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


_ACCIDENT = _any_of(lexicon.ACCIDENT)
_HISTORICAL = _any_of(lexicon.HISTORICAL)


def _is_accident(sentence: str) -> bool:
    return _ACCIDENT.search(sentence.lower()) is not None


def _is_historical(sentence: str, published: dt.date | None) -> bool:
    if _HISTORICAL.search(sentence.lower()):
        return True
    if published is not None:
        return any(int(y) < published.year - 1 for y in _YEAR.findall(sentence))
    return False






# -- after the sentences ------------------------------------------------------------------


#: Mentions that do not make a sentence a story of its own (it may still carry on the last one).
_PASSIVE_REASONS = frozenset({
    "country named", "person's name", "capital standing for its government",
    "capital as a title (e.g. its mayor)", "outside the theatre", OFFICE,
})
# How many sentences back "the refinery" may point to an event at a refinery.
_ANAPHORA = 8


def _carry_on(readings: list[SentenceReading], published: dt.date | None) -> None:
    """Let a sentence that names no place of its own add to the events just read.

    "The drones hit apartment buildings." after "drones were launched at
    Kyiv" adds its evidence, and fills the target, weapon and outcome where the
    first sentence left them unknown; a hit outcome upgrades an unknown or
    intercepted status (never a claim: the same side may still be speaking). A
    sentence that speaks of "the refinery" goes to the latest event at a
    refinery within a few sentences; if it gives a day of its own ("had already
    been struck on 13 March"), it is an earlier strike there: a separate event.
    """
    last: SentenceReading | None = None
    recent: list[SentenceReading] = []
    for reading in readings:
        if reading.events:
            last = reading
            recent.append(reading)
            continue
        if any(h.reason not in _PASSIVE_REASONS for h in reading.places):
            last = None  # a sentence that names a place of its own starts another story
            continue
        if reading.strength is None and not reading.cue_values("outcome"):
            continue
        targets = {v for c, v in reading.cue_values("target") if _definite(reading, c)}
        referred = [
            e for r in recent if reading.index - r.index <= _ANAPHORA
            for e in r.events if e.target_type in targets
        ]
        if referred:
            event = referred[-1]
            own_date = _own_date(reading, published)
            if own_date and own_date != event.event_date:
                reading.events.append(_earlier_strike(event, reading, own_date))
            else:
                _enrich(event, reading)
        elif last is not None and reading.index - last.index <= _CONTINUATION:
            if _OPENS_ON_LAST.match(reading.sentence.text):
                for event in last.events:
                    _enrich(event, reading)
            elif reading.cue_values("weapon") and any(e.strike_type == "unknown" for e in last.events):
                # "Partisans had mined the line": names the weapon of the strike just told.
                for event in last.events:
                    _enrich(event, reading, weapon_only=True)


def _own_date(reading: SentenceReading, published: dt.date | None) -> str | None:
    """The day a sentence itself names ("on 13 March", "on Monday"), if it names one."""
    if not dates.find_date_phrases(reading.sentence.text):
        return None
    day, precision = _strike_date(reading.sentence.text, 0, published)
    return day if precision == "day" else None


def _earlier_strike(event: Event, reading: SentenceReading, day: str) -> Event:
    """A strike on the same place on another day, told in passing."""
    outcomes = {v for c, v in reading.cue_values("outcome") if not negated(reading, c)}
    weapons = reading.cue_values("weapon")
    return Event(
        place=event.place, place_name=event.place_name, place_id=event.place_id, lat=event.lat,
        lon=event.lon, admin1=event.admin1, country=event.country, geo_precision=event.geo_precision,
        strike_type=weapons[0][1] if weapons else event.strike_type, target_type=event.target_type,
        status="hit" if "hit" in outcomes else "unknown", attacker=event.attacker,
        event_date=day, date_precision="day", doc_ids=list(event.doc_ids), sources=list(event.sources),
        evidence=[reading.sentence.text], confidence=round(event.confidence * 0.8, 3),
    )


def _inherit_weapons(readings: list[SentenceReading]) -> None:
    """An event whose weapon is not named takes the one of the strike told just before.

    "In the nearby town of Bor, debris damaged a school during the same attack."
    """
    known: tuple[int, str] | None = None
    for reading in readings:
        for event in reading.events:
            if event.strike_type == "unknown" and known and reading.index - known[0] <= _CONTINUATION + 1:
                event.strike_type = known[1]
        typed = [e.strike_type for e in reading.events if e.strike_type != "unknown"]
        named = {v for _, v in reading.cue_values("weapon") if v != "sabotage"}
        if typed:
            known = (reading.index, typed[-1])
        elif len(named) == 1:
            # "Russia attacked overnight with 149 drones." then "Hits were recorded in ..."
            known = (reading.index, named.pop())


# Sentence openings that carry on the story just told ("The drones hit ...", "Explosions ...").
_OPENS_ON_LAST = re.compile(
    r"(?:The|This|These|That|It|Its|They|Their|There|Explosions?|Fires?|A fire|Smoke|Debris|"
    r"Flames|Blasts?|Several|Two|Three|One|At least)\b"
)


def _definite(reading: SentenceReading, cue: Match) -> bool:
    """"the refinery", "the damaged depot": a target word that points back to one already named."""
    offset = cue.start - reading.sentence.start
    before = reading.sentence.text[max(0, offset - 25):offset].lower().split()
    return "the" in before[-3:]


def _enrich(event: Event, reading: SentenceReading, *, weapon_only: bool = False) -> None:
    if reading.sentence.text not in event.evidence:
        event.evidence.append(reading.sentence.text)
    if event.strike_type == "unknown":
        weapons = [(c, v) for c, v in reading.cue_values("weapon") if v != "sabotage"] \
            or reading.cue_values("weapon")
        if weapons:
            event.strike_type = weapons[0][1]
    if weapon_only:
        return
    outcomes = {v for c, v in reading.cue_values("outcome") if not negated(reading, c)}
    if "claimed" in outcomes or event.status == "claimed":
        pass  # the same side may still be speaking: its claim stays a claim
    elif "hit" in outcomes:
        event.status = "hit"
    elif event.status == "unknown" and "intercepted" in outcomes:
        event.status = "intercepted"
    if event.target_type == "unknown":
        targets = reading.cue_values("target")
        if targets:
            event.target_type = max(targets, key=lambda cv: len(cv[0].key))[1]


def _mentions(readings: list[SentenceReading], doc: Document) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    event_places = {e.place_id for r in readings for e in r.events}
    for reading in readings:
        for hit in reading.places:
            if hit.reason in (None, CONTAINER) or hit.place.id in event_places:
                continue
            key = (hit.place.id, hit.reason)
            if key in seen:
                continue
            seen.add(key)
            out.append(Mention(
                place=hit.text, place_name=hit.place.name, place_id=hit.place.id,
                lat=hit.place.lat, lon=hit.place.lon, country=hit.place.country, reason=hit.reason,
                doc_id=doc.doc_id, source=doc.source, sentence=reading.sentence.text,
            ))
    return out
