"""The Extractor's document pass: the sentences read one by one (places from :mod:`.places`,
events from :mod:`.events`), then the passes over the whole story; and
:func:`default_extractor`, one extractor a gazetteer."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter

from .. import dates
from ..claims import carry_claims, confirm_claims, confirm_claims_at_place
from ..gazetteer import Gazetteer, Place, Resolution, default_gazetteer
from ..lang import language_of
from ..lang.story import document_weapon
from ..matcher import Match, Matcher, matcher_for
from ..model import Document, Event, Mention
from ..namesakes import keep_struck_apart
from ..place_doubts import remember_people
from ..reading import LEAD, SentenceReading
from ..region_tally import tally_over_the_region
from ..story import (
    carry_on,
    depot_kinds,
    fold_containers,
    gunfire_is_shelling,
    inherit_weapons,
    mentions_of,
    opens_new_frame,
    regions_shelled,
    same_attack_area,
    story_dates,
    tells_gunfire_on_a_list,
    tells_mixed_fire,
)
from ..strike_sentence import destroyed_site, people_hurt, strike_strength
from ..text import Sentence, normalise, split_sentences
from .district_lists import (
    _DISTRICT_NOUNS,
    _DISTRICT_NOUNS_SPACED,
    _LISTED_AFTER_PLURAL,
    _LISTED_BEFORE_PLURAL,
)
from .events import _EventReader
from .offices import office_region_struck
from .tally_lines import join_tally_lines

_NAME_GOES_ON = re.compile(r"-[A-ZА-ЯІЇЄ]")


@dataclass
class Extraction:
    """What one document yielded: strike events and places only mentioned."""

    events: list[Event]
    mentions: list[Mention]


class Extractor(_EventReader):
    """Reads strike events from documents with a gazetteer and the cue lexicon."""

    def __init__(self, gazetteer: Gazetteer, matcher: Matcher | None = None) -> None:
        self.gazetteer = gazetteer
        self.matcher = matcher or matcher_for(gazetteer)
        self._facility_memo: dict[tuple[str, str, str], Place | None] = {}
        # Namesakes left to rival a place, by its resolution's memo key (see _resolve_places).
        self._rivals_memo: dict[tuple, tuple[Place, ...]] = {}
        # The town each name was read as where the document wrote its oblast beside it.
        self._addressed: dict[str, Place] = {}
        # The raions and hromadas the document has named as struck so far (see _resolve_places).
        self._districts_named: list[Place] = []
        self._last_city: Place | None = None
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
        if "-" in text:
            # "Seredyna-Budska", "Khutir-Mikhailiv": a name that goes on after a hyphen is not the
            # place its first part names (a "Seredyna" 750 km off); the whole name, when the
            # gazetteer knows it, is the longer match and stays.
            hyphens = _hyphens(text)  # a set look-up per match, not a str.startswith call (see there)
            matches = [m for m in matches if not (m.end in hyphens and m.is_place and not m.cues
                                                  and _NAME_GOES_ON.match(text, m.end))]
        published = dates.to_date(doc.published) or dates.document_date(text)
        sentences = split_sentences(text)
        per_sentence = _assign(matches, sentences)
        sentences, per_sentence = join_tally_lines(text, sentences, per_sentence)
        if any(map(folded.__contains__, _DISTRICT_NOUNS_SPACED)):  # one test spares most documents
            for sentence, found in zip(sentences, per_sentence, strict=True):
                if found and any(map(sentence.text.__contains__, _DISTRICT_NOUNS)) \
                        and _LISTED_BEFORE_PLURAL.search(sentence.text):  # the search only where it may match
                    found[:] = self._with_listed_district_names(text, sentence, found)
        if " районі " in folded or " районе " in folded:
            for sentence, found in zip(sentences, per_sentence, strict=True):
                if found:
                    found[:] = self._with_raions_by_adjective(text, sentence, found)
        article = self._article_context(text, per_sentence)
        if " communities " in folded or " hromadas " in folded or " districts " in folded \
                or " raions " in folded:
            for sentence, found in zip(sentences, per_sentence, strict=True):
                if found and _LISTED_AFTER_PLURAL.search(sentence.text):
                    found[:] = self._communities_listed_after(text, sentence, found, article.article_regions)
        resolved: dict[tuple, Resolution | None] = {}  # see _resolve_places
        self._rivals_memo.clear()  # like ``resolved``, an answer for this document only
        self._addressed.clear()  # (see _resolve_places)
        self._districts_named.clear()  # (the same)
        self._last_city = None  # (the same)
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
                hits = self._resolve_places(text, sentence, found, article, resolved, cues)
            else:
                hits = self._note_places(text, found)
            remember_people(hits, people)
            readings.append(SentenceReading(sentence, index, hits, cues, strength))
        headline: set[str] = set()  # the places the headline tells strikes on, for the lead
        for reading in readings:
            # A sentence with no strike cue has only places noted as mentions, each with its reason
            # already (see _note_places), which reading it would keep: there is nothing to read.
            if reading.strength is not None:
                office_region_struck(text, reading, readings, self.gazetteer)
                self._read_sentence(reading, text, published, doc,
                                    headline if reading.index <= LEAD else frozenset())
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
        shelled = regions_shelled(readings)
        fold_containers(readings)
        language = language_of(text)  # "en" at once for text without Cyrillic letters
        if language != "en" or _one_attack(readings) or _one_weapon_told_first(readings):
            # Russian and Ukrainian reports name the weapon once, and so does a report of one attack
            # (a sentence turning to earlier attacks neither lends its weapon nor takes the report's).
            # (A reading with neither cues nor events gives document_weapon nothing: left out before
            # the three tests, as most of a story's sentences are.)
            document_weapon([r for r in readings if (r.cues or r.events) and not opens_new_frame(r)
                             and not tells_mixed_fire(r) and not tells_gunfire_on_a_list(r)],
                            near=None if language != "en" else same_attack_area)
        gunfire_is_shelling(readings, shelled)
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


def _hyphens(text: str) -> set[int]:
    """Where the hyphens of ``text`` stand. Tested for every match of a document with a hyphen,
    ``m.end in hyphens`` costs less than ``text.startswith("-", m.end)``, a method call that parses
    its arguments (the dense slice's 101 such documents, replayed under callgrind: the filter
    6.8 -> 3.4 M instructions)."""
    found = set()
    at = text.find("-")
    while at >= 0:
        found.add(at)
        at = text.find("-", at + 1)
    return found


def _assign(matches: list[Match], sentences: list[Sentence]) -> list[list[Match]]:
    """Group matches by the sentence they fall in."""
    # Sentences do not overlap and matches come in order: each sentence takes the run of matches
    # that start inside it, found by bisection (C loops, not a Python step per match).
    starts = list(map(itemgetter(0), matches))  # Match.start
    return [matches[bisect_left(starts, s.start):bisect_left(starts, s.end)] for s in sentences]


def _one_attack(readings: list[SentenceReading]) -> bool:
    """Whether a report tells of few places struck: one attack, not a roundup of many."""
    struck = {e.place_id for r in readings for e in r.events if e.status != "intercepted"}
    return len(struck) <= _ONE_ATTACK_PLACES


_ONE_ATTACK_PLACES = 3


def _one_weapon_told_first(readings: list[SentenceReading]) -> bool:
    """Whether a roundup names one kind of weapon only, and names it in its lead: "Russian
    shelling of the Donetsk region during the day killed five", then the towns one by one."""
    kinds: set[str] = set()
    first: int | None = None
    for reading in readings:
        for _, value in reading.cue_values("weapon") if reading.cues else ():
            if value != "sabotage":
                kinds.add(value)
                first = reading.index if first is None else first
        if len(kinds) > 1:
            return False
    return len(kinds) == 1 and first is not None and first <= LEAD
