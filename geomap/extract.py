"""Reading strikes out of a document: which places were hit, with what, how and when.

The reading goes sentence by sentence, the way an analyst reads:

1. find every place name and cue word in one pass (:class:`~geomap.matcher.Matcher`);
2. resolve each name in the gazetteer, with the regions named around it as context;
3. set aside the places that are only mentioned (talks, visits, datelines,
   capitals standing for governments, places outside the theatre, history),
   recording why (:func:`_mention_reason`);
4. in a sentence that carries a strike cue, keep the most precise of the places
   that contain one another (the refinery, not its town or region);
5. give each remaining place the weapon, target, outcome and actor cues that
   lie nearest to it (:func:`_attributes`), and a date (:mod:`geomap.dates`);
6. let a following sentence with no place of its own ("The attack set fire to
   the tanks.") add its evidence and outcome to the events just read.

Each rule is a small function, and every word it looks for is data in
:mod:`geomap.lexicon`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from . import dates, lexicon, settings
from .gazetteer import Context, Gazetteer, Place, default_gazetteer, distance_km
from .matcher import STRIKE_TABLES, Match, Matcher
from .model import Document, Event, Mention
from .text import Sentence, normalise, split_sentences

#: Regions held by Russia, where a strike is read as Ukrainian unless the text says otherwise.
OCCUPIED_REGIONS: frozenset[str] = frozenset({"UA-43", "UA-40"})
#: Towns in Russian-held parts of regions that are otherwise Ukrainian-held.
OCCUPIED_TOWNS: frozenset[str] = frozenset({
    "donetsk", "luhansk", "lugansk", "makiivka", "horlivka", "mariupol", "melitopol", "berdiansk",
    "berdyansk", "enerhodar", "nova kakhovka", "tokmak", "yenakiieve", "alchevsk", "sievierodonetsk",
    "lysychansk", "henichesk", "skadovsk", "dzhankoi", "sevastopol", "simferopol", "feodosia",
    "yevpatoria", "kerch", "saky", "debaltseve", "khartsyzk", "stakhanov", "sverdlovsk",
})

# How far (characters) a cue may lie from a place and still describe it.
_NEAR = 90
# Sentences after an event sentence that may carry on its story without naming a place.
_CONTINUATION = 2
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# "KYIV, March 3 (Wire) -", "MOSCOW -", "KHARKIV (Reuters) -": a place in capitals opening the story.
_DATELINE = re.compile(r"[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\-]*(?: [A-ZА-ЯІЇЄ'\-]+)*(?:,| ?\(| -| —| –)")
_KICKER = re.compile(r"\s*(?::|/\s)")
_PROPER_NEXT = re.compile(r"\s+([A-ZА-ЯІЇЄ][a-zа-яіїє]+)")


@dataclass
class _PlaceHit:
    """A place name found in a sentence and what it resolved to."""

    match: Match
    text: str
    place: Place
    alternatives: list[Place]
    reason: str | None = None  # why this is a mention and not a strike, if it is one


@dataclass
class _SentenceReading:
    sentence: Sentence
    index: int
    places: list[_PlaceHit]
    cues: list[Match]
    events: list[Event] = field(default_factory=list)
    #: Events of this sentence dated only by the publication-week fallback (no date phrase).
    undated: list[Event] = field(default_factory=list)
    _by_table: dict[str, list[tuple[Match, str]]] | None = None

    def cue_values(self, table: str) -> list[tuple[Match, str]]:
        """The cues of one table in this sentence, with their values (grouped once, on first use)."""
        if self._by_table is None:
            grouped: dict[str, list[tuple[Match, str]]] = {}
            for cue in self.cues:
                for t, v in cue.cues:
                    grouped.setdefault(t, []).append((cue, v))
            self._by_table = grouped
        return self._by_table.get(table, [])


@dataclass
class Extraction:
    """What one document yielded: strike events and places only mentioned."""

    events: list[Event]
    mentions: list[Mention]


class Extractor:
    """Reads strike events from documents with a gazetteer and the cue lexicon."""

    def __init__(self, gazetteer: Gazetteer, matcher: Matcher | None = None) -> None:
        self.gazetteer = gazetteer
        self.matcher = matcher or Matcher(gazetteer.names())
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
        readings: list[_SentenceReading] = []
        for index, (sentence, found) in enumerate(zip(sentences, per_sentence, strict=True)):
            cues = [m for m in found if not m.is_place or m.cues]
            if any(t in STRIKE_TABLES for c in cues for t, _ in c.cues):
                hits = self._resolve_places(text, sentence, found, article)
            else:
                hits = self._note_places(text, found)
            readings.append(_SentenceReading(sentence, index, hits, cues))
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
            for m in found:
                if not m.is_place:
                    continue
                ranked = self.gazetteer.rank_key(m.key)
                if not ranked:
                    continue
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
        self, text: str, sentence: Sentence, found: list[Match], article: Context
    ) -> list[_PlaceHit]:
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
        for m in places:
            resolution = self.gazetteer.resolve(m.key, context, folded=True)
            if resolution is None:
                continue
            place = resolution.place
            if context.want_region and place.kind == "town" and not _city_of(text, m):
                region = self.gazetteer.region_centred_on(place)
                if region is not None:
                    place = region
            hit = _PlaceHit(m, text[m.start:m.end], place, resolution.alternatives)
            hit.reason = _mention_reason(text, sentence, m, place)
            hits.append(hit)
        _read_districts(text, hits)
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

    def _note_places(self, text: str, found: list[Match]) -> list[_PlaceHit]:
        """Places of a sentence with no strike word: resolved plainly, kept only as mentions."""
        hits = []
        for m in found:
            if not m.is_place:
                continue
            ranked = self.gazetteer.rank_key(m.key)
            if not ranked:
                continue
            place = ranked[0]
            reason = _plain_reason(text, m, place) or "no strike in the sentence"
            hits.append(_PlaceHit(m, text[m.start:m.end], place, ranked[1:], reason))
        return hits

    # -- events --------------------------------------------------------------------

    def _read_sentence(
        self, reading: _SentenceReading, text: str, published: dt.date | None, doc: Document
    ) -> None:
        strength = _strike_strength(reading)
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
        for hit in _most_precise(candidates):
            event = self._event(reading, hit, text, published, doc)
            if event is not None:
                reading.events.append(event)
                if event.date_precision == "week":
                    if has_date is None:
                        has_date = bool(dates.find_date_phrases(reading.sentence.text))
                    if not has_date:
                        reading.undated.append(event)

    def _event(
        self, reading: _SentenceReading, hit: _PlaceHit, text: str, published: dt.date | None,
        doc: Document,
    ) -> Event | None:
        others = [h for h in reading.places if h is not hit and h.reason is None]
        attrs = _attributes(reading, hit, others)
        place = hit.place
        if place.kind in ("town", "district") and attrs.target_type != "unknown":
            facility = self._facility_at(place, attrs.target_type, hit.text)
            if facility is None and attrs.target_type == "factory" and _names_its_site(text, hit, attrs):
                # "the Burshtyn plant": a generic word for the one big site the town has.
                found = [f for t in _GENERIC_PLANT_TYPES if (f := self._facility_at(place, t, hit.text))]
                facility = found[0] if len(found) == 1 else None
            if facility is not None:
                place = facility
        target_type = place.target_type or attrs.target_type
        sentence = reading.sentence
        cue_at = attrs.cue_start - sentence.start if attrs.cue_start is not None else 0
        event_date, date_precision = _strike_date(sentence.text, max(cue_at, 0), published)
        attacker = attrs.attacker or _attacker_by_geography(place, hit.text)
        confidence = _confidence(attrs, place)
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


def _story_dates(readings: list[_SentenceReading]) -> None:
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


def _before(text: str, m: Match, width: int = 40) -> str:
    """The folded words just before a match."""
    return " ".join(text[max(0, m.start - width):m.start].lower().split())


def _after(text: str, m: Match, width: int = 30) -> str:
    return " ".join(text[m.end:m.end + width].lower().split())


def _city_of(text: str, m: Match) -> bool:
    """"the city of Ryazan": the town, even where the sentence speaks of regions."""
    return _before(text, m, 20).endswith(("city of", "town of", "village of"))


_MENTION_REASON = {p: reason for reason, phrases in lexicon.MENTION_BEFORE.items() for p in phrases}
_MENTION_BEFORE = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in sorted(_MENTION_REASON, key=len, reverse=True)) + r")$"
)


_OFFICE = "names an official's office (e.g. its governor)"
_FIRST_NAME_BEFORE = re.compile(r"([A-ZА-ЯІЇЄ][a-zа-яіїє']+)\s+$")


def _plain_reason(text: str, m: Match, place: Place) -> str | None:
    """The reasons that need no reading of the words around: a person, a country, abroad."""
    if m.key in lexicon.PERSON_FIRST_NAMES and _PROPER_NEXT.match(text, m.end):
        return "person's name"
    first = _FIRST_NAME_BEFORE.search(text, max(0, m.start - 20), m.start)
    if first and first.group(1).lower() in lexicon.PERSON_FIRST_NAMES:
        return "person's name"  # "governor Alexander Gusev": a surname that is also a town
    if place.kind == "country":
        return "country named"
    if place.country and place.country not in settings.THEATRE_COUNTRIES:
        return "outside the theatre"
    return None


def _mention_reason(text: str, sentence: Sentence, m: Match, place: Place) -> str | None:
    """Why a place named here cannot be a strike location, or None if it can be."""
    raw = text[m.start:m.end]
    plain = _plain_reason(text, m, place)
    if plain:
        return plain
    if m.start == sentence.start and _DATELINE.match(text, m.start) and raw.isupper():
        return "dateline"
    if m.start == sentence.start and _KICKER.match(text, m.end):
        return "label of the story"  # "Воронеж: governor reports ...", "Харків / Kharkiv region: ..."
    before = _before(text, m)
    found = _MENTION_BEFORE.search(before)
    if found:
        return _MENTION_REASON[found.group(0).strip()]
    after = _after(text, m)
    if any(after.startswith(w + " ") or after == w for w in lexicon.OFFICE_AFTER):
        return _OFFICE
    if m.key in lexicon.CAPITALS:
        after = _after(text, m)
        if text[m.end:m.end + 2] in ("'s", "'") or any(
            after.startswith(w + " ") or after == w for w in lexicon.METONYM_AFTER
        ):
            return "capital standing for its government"
        if _PROPER_NEXT.match(text, m.end) and not _after(text, m).startswith(("region", "oblast")):
            return "capital as a title (e.g. its mayor)"
    return None


_DISTRICT_WORDS = ("district", "raion", "neighbourhood", "neighborhood", "microdistrict")


def _read_districts(text: str, hits: list[_PlaceHit]) -> None:
    """"the Dniprovskyi district" of a town named beside it is part of that town;
    "the Obukhiv district of the Kyiv region" is a district of its own."""
    districts = [h for h in hits if _after(text, h.match).startswith(_DISTRICT_WORDS)
                 or h.match.key.endswith(_DISTRICT_WORDS)]
    towns = [h for h in hits if h not in districts and h.place.kind == "town" and h.reason is None]
    for hit in districts:
        if hit.reason is not None or hit.place.kind != "town":
            continue
        if towns:
            hit.reason = "district of a town named beside it"
        else:
            hit.place = hit.place._replace(kind="district")


def _strike_strength(reading: _SentenceReading) -> str | None:
    """"strong" when a weapon or a strike word is present, "weak" for softer cues, else None."""
    tables = {t for c in reading.cues for t, _ in c.cues}
    if "weapon" in tables or "strike:strong" in tables:
        return "strong"
    if "strike:weak" in tables:
        return "weak"
    return None


def _is_accident(sentence: str) -> bool:
    low = sentence.lower()
    return any(p in low for p in lexicon.ACCIDENT)


def _is_historical(sentence: str, published: dt.date | None) -> bool:
    low = sentence.lower()
    if any(p in low for p in lexicon.HISTORICAL):
        return True
    if published is not None:
        return any(int(y) < published.year - 1 for y in _YEAR.findall(sentence))
    return False


_RANK = {"facility": 0, "town": 1, "district": 2, "region": 3, "informal": 4, "country": 5}


def _contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` holds ``inner`` (a region its towns, a town its facilities)."""
    if _RANK.get(outer.kind, 9) <= _RANK.get(inner.kind, 9):
        return False
    if outer.kind == "region":
        return bool(inner.admin1) and inner.admin1 == outer.admin1
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "town":
        return distance_km(outer.lat, outer.lon, inner.lat, inner.lon) <= 30
    if outer.kind == "informal":  # "the Black Sea coast", "Donbas": a loose frame around what is named
        return distance_km(outer.lat, outer.lon, inner.lat, inner.lon) <= 500
    return False


_CONTAINER = "contains a more precise place in the sentence"


def _most_precise(hits: list[_PlaceHit]) -> list[_PlaceHit]:
    """Drop places that contain another place of the same sentence, and repeats."""
    kept: list[_PlaceHit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.place.id in seen:
            continue
        if any(_contains(hit.place, other.place) for other in hits if other is not hit):
            hit.reason = _CONTAINER
            continue
        seen.add(hit.place.id)
        kept.append(hit)
    return kept


@dataclass
class _Attributes:
    strike_type: str = "unknown"
    target_type: str = "unknown"
    status: str = "unknown"
    attacker: str | None = None
    cue_start: int | None = None
    strong: bool = False
    target_word: str = ""
    target_start: int | None = None


def _distance(cue: Match, hit: _PlaceHit) -> int:
    m = hit.match
    if cue.end <= m.start:
        return m.start - cue.end
    if cue.start >= m.end:
        return cue.start - m.end
    return 0


_JOINS = re.compile(r",|;|\band\b|\bwhile\b|\bas\b|\bafter\b|\bbefore\b")


def _target_distance(reading: _SentenceReading, cue: Match, hit: _PlaceHit) -> int:
    """Distance from a target word to a place, longer across "and" or a comma.

    "port infrastructure in Odesa and a power plant in the Kyiv region": the
    plant, though nearer to Odesa, is across an "and".
    """
    lo, hi = sorted((cue.end, hit.match.start) if cue.end <= hit.match.start else (hit.match.end, cue.start))
    between = reading.sentence.text[lo - reading.sentence.start:hi - reading.sentence.start]
    return _distance(cue, hit) + (60 if _JOINS.search(between) else 0)


_GENERIC_SITE_WORDS = frozenset({"plant", "works", "enterprise", "facility", "site", "complex"})


def _names_its_site(text: str, hit: _PlaceHit, attrs: _Attributes) -> bool:
    """"the Novokuibyshevsk plant": a generic site word right after the town's name."""
    if attrs.target_start is None or attrs.target_word not in _GENERIC_SITE_WORDS:
        return False
    return not text[hit.match.end:attrs.target_start].strip()


def _describes(reading: _SentenceReading, cue: Match, hit: _PlaceHit) -> bool:
    """"the port of Tuapse", "the city of Ryazan": the word names what the place is, not a target."""
    if cue.end > hit.match.start:
        return False
    between = reading.sentence.text[cue.end - reading.sentence.start:hit.match.start - reading.sentence.start]
    return between.strip().lower() == "of"


def _nearest_owner(cue: Match, hit: _PlaceHit, others: list[_PlaceHit]) -> bool:
    """Whether ``hit`` is the place nearest to ``cue`` (ties go to the place after the cue)."""
    mine = _distance(cue, hit)
    return all(mine <= _distance(cue, o) for o in others)


def _attributes(reading: _SentenceReading, hit: _PlaceHit, others: list[_PlaceHit]) -> _Attributes:
    """The weapon, target, outcome and actor cues that belong to this place."""
    attrs = _Attributes()
    weapons = reading.cue_values("weapon")
    if any(v != "sabotage" for _, v in weapons):
        # "a drone dropped an explosive device": the drone is the weapon.
        weapons = [(c, v) for c, v in weapons if v != "sabotage"]
    if weapons:
        cue, value = min(weapons, key=lambda cv: _target_distance(reading, cv[0], hit))
        attrs.strike_type, attrs.cue_start, attrs.strong = value, cue.start, True
    strikes = reading.cue_values("strike:strong") + reading.cue_values("strike:weak")
    if strikes:
        cue, _ = min(strikes, key=lambda cv: _distance(cv[0], hit))
        if attrs.cue_start is None:
            attrs.cue_start = cue.start
        attrs.strong = attrs.strong or cue.has("strike:strong")
    targets = reading.cue_values("target")
    # "the refinery in the Black Sea port of Tuapse": "port" only describes the town here.
    targets = [(c, v) for c, v in targets if not _describes(reading, c, hit)] or targets
    if targets:
        cue, value = min(targets, key=lambda cv: (_target_distance(reading, cv[0], hit), -len(cv[0].key)))
        if _distance(cue, hit) <= _NEAR or not others:
            attrs.target_type = value
            attrs.target_word, attrs.target_start = cue.key, cue.start
    attrs.attacker = _attacker_by_actor(reading, hit)
    attrs.status = _status(reading, hit, others, attrs.attacker)
    return attrs


_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:but|while|although|though|whereas)\b")


def _negated(reading: _SentenceReading, cue: Match) -> bool:
    """Whether a negation governs the cue: "no damage", "did not confirm any casualties or damage".

    The negation may stand up to six words before the cue, within the same clause.
    """
    text = reading.sentence.text
    before = text[max(0, cue.start - reading.sentence.start - 60):cue.start - reading.sentence.start]
    clause = _CLAUSE_BREAK.split(before.lower())[-1]
    words = clause.split()[-6:]
    window = " " + " ".join(words) + " "
    return any(f" {n} " in window for n in lexicon.NEGATIONS)


# "X said (on Thursday) (that) its forces had struck ...": the attacker speaking of its own strike.
_OWN_CLAIM = re.compile(
    r"\b(?:said|says|say|claimed|claims|reported|announced)\b(?:\s+on\s+\w+)?(?:\s+that)?\s+"
    r"(?:it|they|its\s+(?:\w+\s+)?(?:forces|drones|units|troops|navy|military))\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:successfully\s+)?"
    r"(?:struck|hit|attacked|targeted|destroyed|damaged|set\s+fire|blew\s+up|burned|mined|sabotaged)\b",
    re.IGNORECASE,
)


# "Ukraine's navy said", "the Russian defence ministry said": a belligerent speaking.
_SIDE_SPEAKS = re.compile(
    r"(?P<ukraine>(?:Ukraine's|Ukrainian|Kyiv's)\s+(?:[\w-]+\s+){0,2}?(?:navy|military|army|General Staff|"
    r"armed forces|forces|security service|SBU|defence forces|defense forces|drone forces|special forces|"
    r"military intelligence|intelligence|air force))"
    r"|(?P<russia>(?:the\s+)?(?:Russian|Russia's)\s+(?:defence|defense)\s+ministry|Russia's military)"
    r"(?:\s+\([A-Z]+\))?\s+(?:said|says|claimed|claims|reported|announced)\b",
)


def _speaking_side(sentence: str, before: int) -> str | None:
    """The belligerent reporting, in the words before ``before``, if one is."""
    side = None
    for m in _SIDE_SPEAKS.finditer(sentence, 0, before):
        side = "ukraine" if m.group("ukraine") else "russia"
    return side


def _own_claim_before(reading: _SentenceReading, hit: _PlaceHit, attacker: str | None = None) -> bool:
    """Whether the attacking side is reporting its own strike on this place."""
    offset = hit.match.start - reading.sentence.start
    if any(m.start() < offset for m in _OWN_CLAIM.finditer(reading.sentence.text)):
        return True
    side = _speaking_side(reading.sentence.text, offset)
    return side is not None and side == (attacker or _attacker_by_geography(hit.place, hit.text))


def _status(
    reading: _SentenceReading, hit: _PlaceHit, others: list[_PlaceHit], attacker: str | None = None
) -> str:
    """hit > intercepted > claimed, from the outcome cues that belong to this place.

    A claim belongs to the places after it ("claimed to have struck X"); other
    outcome words to the nearest place. Interception words that stand with a
    count of drones ("destroyed 20 drones") are interceptions, not damage.
    """
    found: set[str] = set()
    for cue, value in reading.cue_values("outcome"):
        if _negated(reading, cue) or _fires_a_weapon(reading, cue):
            continue
        if value == "claimed":
            if cue.start < hit.match.start and all(
                not (cue.start < o.match.start < hit.match.start) for o in others
            ):
                found.add("claimed")
            continue
        if not others or _nearest_owner(cue, hit, others) or _distance(cue, hit) <= 40:
            found.add(value)
    if _counts_downed_weapons(reading.sentence.text):
        if not _has_damage_word(reading):
            found.discard("hit")
        found.add("intercepted")
    if not found:
        # A list of places sharing one verb: "drones were downed over X, Y and Z".
        found = {v for c, v in reading.cue_values("outcome") if v != "claimed" and not _negated(reading, c)}
    if "claimed" in found or _own_claim_before(reading, hit, attacker):
        # The damage is in the attacker's own words: a claim until someone else reports it.
        return "claimed"
    if "hit" in found:
        return "hit"
    if "intercepted" in found:
        return "intercepted"
    if "claimed" in found:
        return "claimed"
    return "unknown"


_DOWNED = re.compile(
    r"(?:destroyed|downed|shot down|intercepted)\s+(?:[\w-]+\s+){0,4}?(?:drones?|missiles?|uavs?|shaheds?)\b"
    r"|\b(?:drones?|missiles?|uavs?|shaheds?|projectiles)\s+(?:\w+\s+){0,3}?"
    r"(?:destroyed|shot down|downed|intercepted)\b",
    re.IGNORECASE,
)


def _fires_a_weapon(reading: _SentenceReading, cue: Match) -> bool:
    """"fire cruise missiles at": the verb, not a blaze."""
    if cue.key != "fire":
        return False
    later = [c for c in reading.cues if c.start >= cue.end and c.start - cue.end <= 25]
    return any(c.has("weapon") for c in later)


def _counts_downed_weapons(sentence: str) -> bool:
    """"destroyed 20 drones" / "destroyed four Ukrainian drones": an interception tally."""
    return bool(_DOWNED.search(sentence))


def _has_damage_word(reading: _SentenceReading) -> bool:
    words = ("damaged", "fire", "killed", "injured", "debris", "blaze", "hit")
    return any(c.key in words and not _negated(reading, c) for c in reading.cues)


def _attacker_by_actor(reading: _SentenceReading, hit: _PlaceHit) -> str | None:
    """The side named right before the weapon or strike word nearest this place."""
    strikes = reading.cue_values("weapon") + reading.cue_values("strike:strong") + \
        reading.cue_values("strike:weak")
    if not strikes:
        return None
    cue, _ = min(strikes, key=lambda cv: _distance(cv[0], hit))
    actors = reading.cue_values("actor")
    places = [(h.match.start, h.match.end) for h in reading.places]
    best = None
    for actor, side in actors:
        gap = cue.start - actor.end
        between = reading.sentence.text[actor.end - reading.sentence.start:cue.start - reading.sentence.start]
        if (0 <= gap <= 30 and len(between.split()) <= 2 and not re.search(r"[,;.]", between)
                and not any(actor.end <= s and e <= cue.start for s, e in places)):
            best = side
    return best


def _attacker_by_geography(place: Place, written: str) -> str:
    """Strikes in Russia and Russian-held Ukraine are Ukraine's, the rest of Ukraine Russia's.

    Belarus is not at war: drones that stray there, or partisans' sabotage, get
    an attacker only when the text names one.
    """
    if place.country == "RU":
        return "ukraine"
    if place.country == "UA":
        if place.admin1 in OCCUPIED_REGIONS or written.lower() in OCCUPIED_TOWNS \
                or place.name.lower() in OCCUPIED_TOWNS:
            return "ukraine"
        return "russia"
    return "unknown"


def _confidence(attrs: _Attributes, place: Place) -> float:
    score = 0.45 if attrs.strong else 0.3
    if attrs.strike_type != "unknown":
        score += 0.1
    if attrs.status in ("hit", "intercepted"):
        score += 0.1
    if place.kind in ("facility", "town"):
        score += 0.1
    if attrs.target_type != "unknown" or place.target_type:
        score += 0.05
    return round(min(score, 0.9), 3)


# -- after the sentences ------------------------------------------------------------------


#: Mentions that do not make a sentence a story of its own (it may still carry on the last one).
_PASSIVE_REASONS = frozenset({
    "country named", "person's name", "capital standing for its government",
    "capital as a title (e.g. its mayor)", "outside the theatre", _OFFICE,
})
# How many sentences back "the refinery" may point to an event at a refinery.
_ANAPHORA = 8


def _carry_on(readings: list[_SentenceReading], published: dt.date | None) -> None:
    """Let a sentence that names no place of its own add to the events just read.

    "The drones hit apartment buildings." after "drones were launched at
    Kyiv" adds its evidence, and fills the target, weapon and outcome where the
    first sentence left them unknown; a hit outcome upgrades an unknown or
    intercepted status (never a claim: the same side may still be speaking). A
    sentence that speaks of "the refinery" goes to the latest event at a
    refinery within a few sentences; if it gives a day of its own ("had already
    been struck on 13 March"), it is an earlier strike there: a separate event.
    """
    last: _SentenceReading | None = None
    recent: list[_SentenceReading] = []
    for reading in readings:
        if reading.events:
            last = reading
            recent.append(reading)
            continue
        if any(h.reason not in _PASSIVE_REASONS for h in reading.places):
            last = None  # a sentence that names a place of its own starts another story
            continue
        if _strike_strength(reading) is None and not reading.cue_values("outcome"):
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


def _own_date(reading: _SentenceReading, published: dt.date | None) -> str | None:
    """The day a sentence itself names ("on 13 March", "on Monday"), if it names one."""
    if not dates.find_date_phrases(reading.sentence.text):
        return None
    day, precision = _strike_date(reading.sentence.text, 0, published)
    return day if precision == "day" else None


def _earlier_strike(event: Event, reading: _SentenceReading, day: str) -> Event:
    """A strike on the same place on another day, told in passing."""
    outcomes = {v for c, v in reading.cue_values("outcome") if not _negated(reading, c)}
    weapons = reading.cue_values("weapon")
    return Event(
        place=event.place, place_name=event.place_name, place_id=event.place_id, lat=event.lat,
        lon=event.lon, admin1=event.admin1, country=event.country, geo_precision=event.geo_precision,
        strike_type=weapons[0][1] if weapons else event.strike_type, target_type=event.target_type,
        status="hit" if "hit" in outcomes else "unknown", attacker=event.attacker,
        event_date=day, date_precision="day", doc_ids=list(event.doc_ids), sources=list(event.sources),
        evidence=[reading.sentence.text], confidence=round(event.confidence * 0.8, 3),
    )


def _inherit_weapons(readings: list[_SentenceReading]) -> None:
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


def _definite(reading: _SentenceReading, cue: Match) -> bool:
    """"the refinery", "the damaged depot": a target word that points back to one already named."""
    offset = cue.start - reading.sentence.start
    before = reading.sentence.text[max(0, offset - 25):offset].lower().split()
    return "the" in before[-3:]


def _enrich(event: Event, reading: _SentenceReading, *, weapon_only: bool = False) -> None:
    if reading.sentence.text not in event.evidence:
        event.evidence.append(reading.sentence.text)
    if event.strike_type == "unknown":
        weapons = [(c, v) for c, v in reading.cue_values("weapon") if v != "sabotage"] \
            or reading.cue_values("weapon")
        if weapons:
            event.strike_type = weapons[0][1]
    if weapon_only:
        return
    outcomes = {v for c, v in reading.cue_values("outcome") if not _negated(reading, c)}
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


def _mentions(readings: list[_SentenceReading], doc: Document) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    event_places = {e.place_id for r in readings for e in r.events}
    for reading in readings:
        for hit in reading.places:
            if hit.reason in (None, _CONTAINER) or hit.place.id in event_places:
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
