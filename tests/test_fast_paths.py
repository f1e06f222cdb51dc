"""The reader's fast paths give the answers of the plain code they replace.

Reading was made cheaper (see the README's "Measured" section) by answering a few
questions without the slow, obvious code: a region's "home of places" pattern is no
longer compiled per place, the word before a full stop is found by one search, matches
go to their sentences by bisection. Each fast path is checked here against the obvious
code, kept in this file as the reference, on generated inputs (derandomized: the same
cases every run).
"""

from __future__ import annotations

import re

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="these checks need hypothesis (the test extra)")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from geomap import attributes, claims, story, text  # noqa: E402
from geomap.dates import finding  # noqa: E402
from geomap.extract import _assign  # noqa: E402
from geomap.matcher import Match  # noqa: E402

_PLACE_WORDS = ("village", "villages", "Villages", "towns", "town", "settlement", "communities",
                "community", "hromada", "hromadas", "districts", "cities", "DISTRICT")
_NAMES = ("Kharkiv region", "Kyiv", "kyiv", "KYIV", "Sumy oblast", "the Hague", "Oblast", "of",
          "St. Petersburg", "Zaporizhzhia", "Kır", "İzmir", "ſumy", "Харківська область", "in")
_GLUE = (" ", "  ", "\t", " of ", " in ", " of the ", " in  the ", " of The ", ", ", "", " and ",
         "\u00a0", " the ", " two ", ".")


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_PLACE_WORDS + _NAMES + _GLUE + ("said", "x")), max_size=14),
       st.sampled_from(_NAMES))
def test_home_of_places_without_compiling_a_pattern_per_place(words: list[str], place: str) -> None:
    sentence = "".join(words)
    reference = story._home_of_places(place).search(sentence) is not None
    assert story._names_home_of_places(sentence, place) == reference


def _word_start_by_loop(chunk: str, stop: int) -> int:
    """Where the word (letters, digits, "_", dots) running up to ``stop - 1`` starts, 40 back at most."""
    end = stop - 1
    start = end
    limit = max(0, stop - 41)
    while start > limit and (chunk[start - 1].isalnum() or chunk[start - 1] in "._"):
        start -= 1
    return start


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from("ab.Z_9 ,-é\u0416\u0661\u00b2\u2167\t'\u00a0\u0301\u200b"),
               min_size=1, max_size=60),
       st.integers(min_value=1, max_value=60))
def test_word_before_a_full_stop_as_the_loop_finds_it(chunk: str, stop: int) -> None:
    stop = min(stop, len(chunk))
    end = stop - 1
    limit = max(0, stop - 41)
    other = text._NOT_IN_WORD.search(chunk[limit:end][::-1])
    assert (end - other.start() if other else limit) == _word_start_by_loop(chunk, stop)


def _assign_by_loop(matches: list[Match], sentences: list[text.Sentence]) -> list[list[Match]]:
    out: list[list[Match]] = [[] for _ in sentences]
    i = 0
    for m in matches:
        while i < len(sentences) and sentences[i].end <= m.start:
            i += 1
        if i < len(sentences) and sentences[i].start <= m.start:
            out[i].append(m)
    return out


@settings(max_examples=500, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from("Ab. \n!?x"), max_size=80), st.data())
def test_matches_go_to_their_sentences_as_the_loop_puts_them(body: str, data: st.DataObject) -> None:
    sentences = text.split_sentences(body)
    starts = sorted(data.draw(st.lists(st.integers(min_value=0, max_value=max(0, len(body))), max_size=12)))
    matches = [Match(s, s + 1, "x", True, ()) for s in starts]
    assert _assign(matches, sentences) == _assign_by_loop(matches, sentences)


# Substring tests put before case-blind patterns (the dense slice's strike sentences): each gate
# must never turn away text its pattern would match, exotic case-folding letters included.
_STOCK_WORDS = ("drones", "Storage", "stored", "were kept", "the", "hangar", "holding", "made", "Making",
                "DEPOT", "bases", "launching site", "plant", "missiles", ",", "were", "had been", "Assembled",
                "Production of", "stocks of", "\t", "  ", "-", "ſtored", "Склад", "K", "ﬁ", "batteries",
                "air defense", "Air Defence", "missile", "attacks", "strike")


@settings(max_examples=400, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_STOCK_WORDS), min_size=1, max_size=14), st.data())
def test_stocked_weapons_as_the_two_patterns_find_them(words: list[str], data: st.DataObject) -> None:
    from geomap import reading

    sentence_text = " ".join(words)
    start = data.draw(st.integers(min_value=0, max_value=len(sentence_text)))
    end = data.draw(st.integers(min_value=start, max_value=len(sentence_text)))
    sentence = text.Sentence(7, 7 + len(sentence_text), sentence_text)
    cue = Match(7 + start, 7 + end, "drones", False, ())
    reference = bool(reading._STOCK_AFTER.match(sentence_text, end)) or bool(
        reading._STOCK_BEFORE.search(sentence_text, max(0, start - 60), start)
        and not reading._ATTACK_AFTER.match(sentence_text, end))
    assert reading._stocked(sentence, cue) == reference


@settings(max_examples=400, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("since", "Until", "TILL", "next", "upcoming", "following", "ſince",
                                 "unt", "the", "\n", "\t", " ", "", "-", "coming", "Наступного", "ıll")),
                max_size=8),
       st.integers(min_value=0, max_value=40))
def test_bound_date_phrases_as_the_pattern_finds_them(words: list[str], start: int) -> None:
    from geomap import dates
    from geomap.dates import choosing

    sentence = " ".join(words) + " 5 March"
    start = min(start, len(sentence))
    phrase = dates.DatePhrase(start, len(sentence), sentence[start:], "date")
    reference = bool(choosing._BOUND_BEFORE.search(sentence[max(0, start - 20):start]))
    assert choosing._is_bound(sentence, phrase) == reference


@settings(max_examples=400, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("KYIV", "Kyiv", ",", "March 3", "(Reuters)", "-", "—", "–", "MOSCOW/KYIV",
                                 "drones", "struck", "\n", "ХАРКІВ", "Jan. 5", "")), max_size=10))
def test_datelines_as_the_pattern_finds_them(words: list[str]) -> None:
    sentence = " ".join(words) + " drones struck the depot"
    reference = story._DATELINE_PREFIX.match(sentence[:80])
    head = sentence[:80]
    gated = story._DATELINE_PREFIX.match(head) if any(map(head.__contains__, story._DASHES)) else None
    assert (gated and gated.span()) == (reference and reference.span())


@settings(max_examples=400, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("of", "in", "the", "from", "near", "talks", "city", "border", "with", "x",
                                 "born", "visit", "to", "governor", "\t", "\n", "occupied", "by")),
                max_size=9),
       st.integers(min_value=0, max_value=3))
def test_mention_phrases_as_the_pattern_finds_them(words: list[str], phrases: int) -> None:
    from geomap import mentions

    chosen = sorted(mentions._MENTION_REASON)[phrases::37]
    for phrase in ("", *chosen):
        before = " ".join([*words, phrase]).strip(" ")
        last_word_known = before[before.rfind(" ") + 1:] in mentions._MENTION_LAST_WORDS
        found = mentions._MENTION_BEFORE.search(before) if last_word_known else None
        reference = mentions._MENTION_REASON[found.group(0).strip()] if found else None
        assert mentions._mention_before(before) == reference


@settings(max_examples=400, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("The", "ministry", "said", "SAID", "on Monday", "that", "it", "IT", "They",
                                 "its", "Its", "forces", "had", "struck", "hit", "the", "depot", "\t", ",",
                                 "claims", "reported", "ıt", "ſaid", "Київ")), max_size=12))
def test_own_claims_as_the_pattern_finds_them(words: list[str]) -> None:
    from geomap import attributes

    sentence = " ".join(words)
    reference = tuple(m.start() for m in attributes._OWN_CLAIM.finditer(sentence))
    if not any(map(sentence.lower().__contains__, ("said", "say", "claim", "reported", "announced"))):
        reference = ()  # the older gate, kept as it was
    assert attributes._own_claims.__wrapped__(sentence) == reference


def _facility_at_by_scan(gaz, place, target_type: str, max_km: float = 30.0):
    """``Gazetteer.facility_at`` as it was written first: every facility scanned, its town's
    keys spelled out again, the haversine measured to each of the type."""
    from geomap.gazetteer import distance_km
    from geomap.gazetteer.names import town_keys

    if place.kind == "facility":
        return place
    towns = town_keys(place.name)
    found = [
        f for f in gaz._facilities
        if f.target_type == target_type
        and (not towns.isdisjoint(town_keys(f.town)) if place.kind != "region"
             else f.admin1 == place.admin1)
    ]
    if place.kind != "region" and not found:
        found = [f for f in gaz._facilities if f.target_type == target_type
                 and distance_km(f.lat, f.lon, place.lat, place.lon) <= max_km]
    return found[0] if len(found) == 1 else None


def test_facility_at_as_the_scan_finds_it() -> None:
    from geomap.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    types = sorted({f.target_type for f in gaz._facilities}) + ["school"]
    places = []
    for f in gaz._facilities:   # each facility's town, its namesakes, and the facility itself
        places.append(f)
        for name in (f.town, f.name):
            places.extend(gaz.rank(name)[:4] if name else [])
    places.extend(gaz._regions.values())
    # Points about the 30 km edge, north, south, east and west of each facility.
    for f in gaz._facilities[::3]:
        for dlat, dlon in ((0.26, 0), (0.28, 0), (-0.27, 0), (0, 0.45), (0.1, -0.3), (0.02, 0.01)):
            places.append(f._replace(kind="town", name="Nowhere", id="x", lat=f.lat + dlat, lon=f.lon + dlon))
    assert len(places) > 300
    for place in places:
        for target_type in types:
            assert gaz.facility_at(place, target_type) == _facility_at_by_scan(gaz, place, target_type), \
                (place.name, place.kind, target_type)


def _twin_by_generators(by_date, event, members):
    """``merge.merger._twin_in`` as it was written first: _nearby's generators, _same_window and
    _compatible called for every event met."""
    from geomap.merge.fold import _compatible, _tally_beside_hit
    from geomap.merge.windows import _nearby, _same_window, _window

    if not by_date:
        return None
    window = _window(event)
    for seen in _nearby(by_date, event):
        if seen is not event and _same_window(seen, _window(seen), event, window, members) and \
                (_compatible(seen.target_type, event.target_type)
                 or members.share_document(seen, event)) and not _tally_beside_hit(seen, event):
            return seen
    return None


def _random_reading(rng, index: int):
    import datetime as dt

    from geomap.model import Event

    precision = rng.choice(("day", "day", "day", "week", "month", "unknown", None))
    day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(-40, 40))
    doc = f"d{rng.randrange(30)}"
    return Event(place=f"p{index % 3}", place_name=f"p{index % 3}", place_id=f"p{rng.randrange(3)}",
                 lat=48.0, lon=37.0, admin1="UA-14", country="UA",
                 geo_precision=rng.choice(("town", "region")),
                 strike_type=rng.choice(("drone", "missile", "unknown")),
                 target_type=rng.choice(("unknown", "refinery", "residential", "port")),
                 status=rng.choice(("hit", "intercepted", "unknown", "claimed")),
                 event_date=None if precision is None else day.isoformat(),
                 date_precision=precision or "unknown", doc_ids=[doc], sources=[doc], evidence=[f"s{index}"])


@pytest.mark.parametrize("seed", range(6))
def test_twin_as_the_generators_find_it(seed: int) -> None:
    import random

    from geomap.merge import Merger
    from geomap.merge.merger import _twin_in

    rng = random.Random(seed)
    merger = Merger()
    compared = found = 0
    for index in range(400 if seed % 2 else 120):   # few buckets a place, and more than 20
        reading = _random_reading(rng, index)
        by_date = merger._by_place.get(reading.place_id)
        twin = _twin_in(by_date, reading, merger._members)
        assert twin is _twin_by_generators(by_date, reading, merger._members)
        compared += 1
        found += twin is not None
        merger.add(reading, published="2024-03-01", position=index)
    assert found > compared / 10


def _fold_by_generators(events, members, homes):
    """``merge.fold._fold_coarse`` as it was written first: each candidate pool a generator
    (_finer_nearby), each candidate tested by _folds_into."""
    from geomap.merge.books import _absorb
    from geomap.merge.fold import _PRECISION_ORDER, _finer, _finer_nearby, _folds_into
    from geomap.merge.windows import _bucket

    by_precision = sorted(events, key=lambda e: (_PRECISION_ORDER[e.geo_precision], e.event_date or "",
                                                 e.place_id, e.target_type, e.strike_type, e.status,
                                                 members.of(e).key))
    kept, by_admin1, by_country = [], {}, {}
    for event in by_precision:
        level = _PRECISION_ORDER[event.geo_precision]
        if event.geo_precision == "country":
            pool = _finer_nearby(by_country.get(event.country, {}), event, level)
        elif event.admin1:
            pool = _finer_nearby(by_admin1.get(event.admin1, {}), event, level)
        elif event.geo_precision == "region":
            pool = iter(())
        else:
            pool = _finer(kept, level)
        home = next((k for k in pool if _folds_into(event, k, members)), None)
        if home is None:
            kept.append(event)
            bucket = _bucket(event)
            by_admin1.setdefault(event.admin1, {}).setdefault(bucket, []).append(event)
            by_country.setdefault(event.country, {}).setdefault(bucket, []).append(event)
        else:
            _absorb(home, members.of(home), event, members.of(event))
            homes[id(event)] = home
    return kept


def _coarse_reading(rng, index: int):
    reading = _random_reading(rng, index)
    reading.geo_precision = rng.choice(("facility", "town", "town", "district", "region", "country"))
    reading.admin1 = rng.choice(("UA-14", "UA-63", ""))
    reading.lat, reading.lon = 48.0 + rng.uniform(-0.4, 0.4), 37.0 + rng.uniform(-0.5, 0.5)
    reading.place_id = rng.choice(("p1", "p2", "citydistrict:x", "geonames:1", "hromada:UA1"))
    return reading


@pytest.mark.parametrize("seed", range(10))
def test_fold_as_the_generators_fold(seed: int) -> None:
    import random

    from geomap.merge import Merger
    from geomap.merge.fold import _fold_coarse

    readings = [_coarse_reading(random.Random(seed * 1000 + i), i) for i in range(500 if seed % 2 else 250)]
    results = []
    for fold in (_fold_coarse, _fold_by_generators):
        merger = Merger()
        for position, reading in enumerate(readings):
            merger.add(reading, published="2024-03-01", position=position)
        homes: dict = {}
        kept = fold(list(merger._order), merger._members, homes)
        positions = {id(e): i for i, e in enumerate(merger._order)}
        results.append(([(positions[id(e)], dict(e.__dict__)) for e in kept],
                        sorted((positions[a], positions[id(b)]) for a, b in homes.items())))
    assert results[0] == results[1]
    assert len(results[0][1]) > 3


@pytest.mark.parametrize("seed", range(4))
def test_events_settled_later_as_settled_at_once(seed: int) -> None:
    # A store's update asks a restored merger for its events with their lists not written out
    # (Merger.events(settle=False)) and settles only those it looks at: each comes out as
    # events() gives it, ids included.
    import copy
    import random

    from geomap.merge import Merger

    readings = [_coarse_reading(random.Random(seed * 1000 + i), i) for i in range(300)]
    first = Merger()
    for position, reading in enumerate(readings[:200]):
        first.add(reading, published="2024-03-01", position=position)
    states = [first.group_state(p) for p in range(len(first))]
    ids = {p: e.event_id for p, e in enumerate(first._order)}
    first.events()
    pairs = [(first.group_id(p) if first.home(p) == p else "", state) for p, state in enumerate(states)]
    merged = []
    for lazy in (False, True):
        merger = Merger.restore(copy.deepcopy(pairs))
        for position, reading in enumerate(readings[200:]):
            merger.add(reading, published="2024-03-02", position=position)
        events = merger.events(settle=not lazy)
        if lazy:
            assert any(id(e) in merger._unsettled for e in events)  # some left unsettled
            events = [merger.settle(e) for e in events]
        merged.append([dict(e.__dict__) for e in events])
    assert merged[0] == merged[1] and ids
    assert len({e["event_id"] for e in merged[0]}) == len(merged[0])


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("a", "b", "c", "d", "")), max_size=6),
       st.lists(st.sampled_from(("a", "b")), min_size=1, max_size=3))
def test_a_book_as_the_loop_writes_it(values: list[str], others: list[str]) -> None:
    from geomap.merge.books import _Book
    from geomap.model import Event

    key = (False, "2024-03-01", "doc", 0, "sentence", "place")

    def by_loop(items: list[str]) -> dict:
        found: dict = {}
        for index, value in enumerate(items):
            found.setdefault(value, (key, index))
        return found

    for docs, sources, evidence in ((values, others, values), (values[:1], values[:1], values[:1]),
                                    (others, others, others)):
        event = Event(place="p", place_name="p", place_id="p", lat=0.0, lon=0.0, doc_ids=docs,
                      sources=sources, evidence=evidence, confidence=0.7)
        book = _Book.of(event, key)
        for built, items in ((book.docs, docs), (book.sources, sources), (book.evidence, evidence)):
            assert list(built.items()) == list(by_loop(items).items())   # the order too


@settings(max_examples=500, derandomize=True, database=None)
@given(st.floats(min_value=-60, max_value=70), st.floats(min_value=-179, max_value=179),
       st.lists(st.tuples(st.floats(min_value=-1.5, max_value=1.5), st.floats(min_value=-2.5, max_value=2.5)),
                max_size=6),
       st.sampled_from(("town", "district", "facility", "region")))
def test_near_bonus_as_any_finds_it(lat: float, lon: float, offsets: list, kind: str) -> None:
    from geomap.gazetteer import Context, Place, distance_km
    from geomap.gazetteer.ranking import _NEAR_DEG, NEAR_BONUS, NEAR_KM, context_bonus

    place = Place(id="p", name="p", lat=lat, lon=lon, kind=kind, country="UA", admin1="UA-14")
    # Points about the 150 km edge: along the meridian 1.349 degrees is 150 km.
    near = [(lat + dlat, lon + dlon) for dlat, dlon in offsets] + [(lat + 1.349, lon), (lat - 1.3491, lon)]
    ctx = Context(regions={"UA-63"}, near=near)
    plain = NEAR_BONUS if kind in ("town", "district", "facility") and any(
        abs(a - place.lat) <= _NEAR_DEG and distance_km(a, b, place.lat, place.lon) <= NEAR_KM
        for a, b in near) else 0.0
    assert context_bonus(place, ctx) == plain


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("Explosions", "EXPLOSION", "explosion", "blasts", "Blast", "last night",
                                 "were", "heard", "rocked", "struck", "Kyiv", " ", "  ", "\t", ",", "ſtruck",
                                 "ship")),
                max_size=10))
def test_heard_spans_as_the_pattern_finds_them(words: list[str]) -> None:
    sentence = " ".join(words)
    attributes._heard_spans.cache_clear()
    plain = () if "xplosion" not in sentence and "last" not in sentence else \
        tuple(m.span() for m in attributes._HEARD.finditer(sentence))
    assert attributes._heard_spans(sentence) == plain


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("Ukraine's", "navy", "Navy", "the Russian", "defence ministry", "said",
                                 "SAID", "Says", "claimed", "claims", "according to", "According to", "the",
                                 "Kyiv's",
                                 "military", "confirmed", "reported", "stated", "(AP)", "has", "Russia's",
                                 "Ukraine", "x")), max_size=10), st.integers(min_value=0, max_value=120))
def test_speaking_side_as_the_pattern_finds_it(words: list[str], before: int) -> None:
    sentence = " ".join(words)
    plain = None
    if "Ukrain" in sentence or "Kyiv" in sentence or "Russia" in sentence:
        for m in attributes._SIDE_SPEAKS.finditer(sentence, 0, before):
            plain = "ukraine" if m.group("ukraine") or m.group("ukraine2") else "russia"
    assert attributes.speaking_side(sentence, before) == plain


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("The", "GOVERNOR", "Mayor", "local", "officials", "LOCAL MEDIA", "videos",
                                 "Telegram", "channels", "independently", "confirmed", "губернатор", "фото",
                                 "TASS", "said", "Ukrinform", "x", "ſatellite", "Kelvin \u212a")),
                max_size=8),
       st.sampled_from(("russia", "ukraine")))
def test_other_voice_as_the_pattern_finds_it(words: list[str], side: str) -> None:
    sentence = " ".join(words)
    other = "ukraine" if side == "russia" else "russia"
    plain = bool(claims._OTHER_VOICE.search(sentence)) or any(n in sentence for n in claims._VOICES[other]) \
        or attributes.speaking_side(sentence) == other
    assert claims._other_voice(sentence, side) == plain


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("in", "the", "early", "hours", "of", "Friday", "Sunday", "(on", "on", "late",
                                 "during", "night", "into", "overnight", "this", "past", "last", "morning",
                                 "to", "-", "Monday,", "x", "Saturday.", "\t", "", "LATE", "ON", "Sundays",
                                 "xFriday", "Tuesday-Wednesday", "Overnight", "The", "In", "DURING")),
                max_size=16),
       st.sampled_from((" ", "  ", "\n", "\u00a0", "\u2003")))
def test_weekday_phrases_near_weekday_names_as_from_the_start(words: list[str], glue: str) -> None:
    sentence = glue.join(words)
    pattern = dict(finding._PATTERNS)["weekday"]
    weekday = finding._WEEKDAY_NAME.search(sentence)
    at = weekday.start() if weekday else 0
    plain = [m.span() for m in pattern.finditer(sentence)]
    assert [m.span() for m in pattern.finditer(sentence, finding._weekday_window(sentence, at))] == plain
    assert [m.span() for m in finding._weekday_matches(pattern, sentence, at)] == plain


@pytest.mark.parametrize("phrase", [
    "in the early hours of Friday", "The early hours of Friday", "EARLY HOURS OF Friday",
    "the night into Sunday", "During the night of Monday", "in the night to Monday", "Night into Monday",
    "overnight into Tuesday", "Overnight Tuesday", "late on Friday", "Late Friday", "early on Wednesday",
    "last Sunday", "On last Sunday", "this past Saturday", "on this past Saturday", "ON Friday", "Friday",
    "Thursday night"])
def test_weekday_phrases_open_with_a_word_tried(phrase: str) -> None:
    # Each branch of the case-blind prefix, in ASCII text where the word starts are gated.
    sentence = f"Drones hit the depot {phrase} evening, (on {phrase}), officials said."
    pattern = dict(finding._PATTERNS)["weekday"]
    at = finding._WEEKDAY_NAME.search(sentence).start()
    plain = [m.span() for m in pattern.finditer(sentence)]
    assert [m.span() for m in finding._weekday_matches(pattern, sentence, at)] == plain


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("in", "the", "early", "late", "earlier", "this", "morning", "Morning",
                                 "today", "TONIGHT", "last", "night", "overnight", "yesterday", "day",
                                 "before", "past",
                                 "previous", "over", "during", "on", "24", "hours", "two", "days", "ago", "a",
                                 "Chicago", "(over", "x", "of", "-", ",", "nights", "pastry", "Last")),
                max_size=16),
       st.sampled_from((" ", "  ", "\n", "\t", ", ")))
def test_relative_days_near_their_words_as_finditer_finds_them(words: list[str], glue: str) -> None:
    sentence = glue.join(words)
    pattern = dict(finding._PATTERNS)["relative_day"]
    plain = [m.span() for m in pattern.finditer(sentence)]
    words_before = finding._NEAR_WORDS["relative_day"]
    cased = finding._CASED["relative_day"]
    assert not cased.flags & re.IGNORECASE
    near = finding._matches_near_words(cased, sentence, sentence.lower(), *words_before)
    assert [m.span() for m in near] == plain


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("last", "previous", "past", "week", "Week", "earlier", "late", "this", "a",
                                 "one", "ago", "over", "at", "during", "the", "weekend", "in", "recent",
                                 "days", "few", "several", "weeks", "x", "(over", "DAYS", "")), max_size=14),
       st.sampled_from((" ", "  ", "\n", ", ")))
def test_week_phrases_near_their_words_as_finditer_finds_them(words: list[str], glue: str) -> None:
    sentence = glue.join(words)
    pattern = dict(finding._PATTERNS)["week"]
    plain = [m.span() for m in pattern.finditer(sentence)]
    cased = finding._CASED["week"]
    assert not cased.flags & re.IGNORECASE
    near = finding._matches_near_words(cased, sentence, sentence.lower(), *finding._NEAR_WORDS["week"])
    assert [m.span() for m in near] == plain


@pytest.mark.parametrize("kind", sorted(finding._NEAR_WORDS))
def test_cased_twins_hold_no_capital_letter(kind: str) -> None:
    # Matching the lower-cased sentence stands in for case-blind matching only for a lower-case pattern.
    assert not re.search(r"[A-Z]", re.sub(r"\\.", "", finding._CASED[kind].pattern))
    assert finding._CASED[kind].pattern == dict(finding._PATTERNS)[kind].pattern


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from('ab.!?"\')] \tKЖ9(['), max_size=40)
       | st.text(alphabet=st.sampled_from('ab.."\')] \tKЖ9(['), max_size=40))
def test_sentence_boundaries_as_the_plus_pattern_finds_them(chunk: str) -> None:
    import re

    plus = re.compile(text._BOUNDARY.pattern.replace("[.!?][.!?]*", "[.!?]+", 1))
    assert plus.pattern != text._BOUNDARY.pattern
    plain = [(m.span(), m.span("end")) for m in plus.finditer(chunk)]
    assert [(m.span(), m.span("end")) for m in text._BOUNDARY.finditer(chunk)] == plain
    assert [(m.span(), m.span("end")) for m in text._boundaries(chunk)] == plain



@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("Some", "background", "Background", "Earlier", "this", "month", "Last",
                                 "week", "In", "recent", "days", "March", "Previously", "Нагадаємо", "Ранее",
                                 "Раніше", "Напомним", "The", "drones", "earlier", "in", "x", "")),
                max_size=6))
def test_new_frames_as_the_pattern_finds_them(words: list[str]) -> None:
    from types import SimpleNamespace

    sentence = " ".join(words)
    reading = SimpleNamespace(sentence=SimpleNamespace(text=sentence))
    assert story.opens_new_frame(reading) == bool(story._NEW_FRAME.match(sentence))


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("regional", "military", "administration", "governor", "oblast", "council",
                                 "mayor", "x", ",", "head", "region", "regional military administration,",
                                 "")),
                max_size=5))
def test_office_words_as_the_pattern_finds_them(words: list[str]) -> None:
    from geomap import mentions

    after = " ".join(words)
    assert mentions._office_at_start(after) == bool(mentions._OFFICE_AFTER.match(after))


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("Shot", "down", "shot down", "SHOT DOWN", "downed", "Destroyed", "a",
                                 "Su-25", "Ukrainian", "aircraft", "near", "Izyum", "ſhot down",
                                 "helicopters", "\t")),
                max_size=8))
def test_aircraft_downed_as_the_pattern_finds_it(words: list[str]) -> None:
    from geomap import strike_sentence

    sentence = " ".join(words)
    assert strike_sentence.downs_aircraft(sentence) == bool(strike_sentence._AIRCRAFT_DOWNED.search(sentence))


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("the", "THE", "The", "city", "City", "town", "village", "regional", "centre",
                                 "center", "of", "x", "\t", "ſ", "cityscape")), max_size=6))
def test_the_town_as_the_pattern_finds_it(words: list[str]) -> None:
    sentence = " ".join(words)
    assert story._names_the_town(sentence) == bool(story._THE_TOWN.search(sentence))


@settings(max_examples=500, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from("Sunday Fri-.12 \u0661\u0662x"), max_size=30))
def test_date_clues_as_the_searches_find_them(sentence: str) -> None:
    clues = finding._Clues.of(sentence)
    weekday = finding._WEEKDAY_NAME.search(sentence)
    assert clues.has_weekday == (weekday is not None)
    assert clues.weekday_at == (weekday.start() if weekday else 0)
    assert clues.has_digit_pair == (finding._DIGIT_PAIR.search(sentence) is not None)


@settings(max_examples=500, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from("ab Z_9.,-'(\t\x1c\x7f"), max_size=30))
def test_word_starts_of_ascii_text_as_the_unicode_pattern_finds_them(chunk: str) -> None:
    assert [m.start() for m in finding._WORD_START_ASCII.finditer(chunk)] == \
        [m.start() for m in finding._WORD_START.finditer(chunk)]


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("March", "Mar", "Mariupol", "xMarch", "May", "Novo", "Nov.", "Sept", "Dec",
                                 "DecMarch", "JanFeb", "June", "12", "-", ".", "in", "\u0661", "Мар", "")),
                max_size=8))
def test_month_clue_as_the_search_finds_it(words: list[str]) -> None:
    sentence = " ".join(words)
    assert finding._Clues.of(sentence).has_month == (finding._MONTH_NAME.search(sentence) is not None)


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("missiles", "drone", "launched", "fired", "from", "the", "ships", "in",
                                 "tu-95", "bombers", "over", "russia's", "occupied", "x", "jets", "above")),
                max_size=7))
def test_launch_areas_as_the_patterns_find_them(words: list[str]) -> None:
    from geomap import mentions

    window = " ".join(words)
    for needed, pattern in ((mentions._LAUNCH_WORDS, mentions._LAUNCHED_FROM),
                            (mentions._LAUNCHER_WORDS, mentions._LAUNCHERS_OVER)):
        assert mentions._holds_match(window, needed, pattern) == bool(pattern.search(window))


# The matcher's keys are added in trie_order (its letter search is linear in each node's letters):
# an automaton built with the keys in their plain order must find the same names and cues.
_TRIE_NAMES = ("kyiv", "kyiv oblast", "kyivska", "kharkiv", "tula", "the hague", "sumy", "odesa", "київ",
               "харків", "kır", "izmir", "1 maya", "ak", "orel", "sankt peterburg", "zaporizhzhia", "tuapse")
_TRIE_WORDS = ("Kyiv", "kyiv", "Oblast", "Kyivska", "Kharkiv", "Tula", "the Hague", "The", "Sumy", "Odesa",
               "Київ", "Харків", "Kır", "İzmir", "1", "Maya", "Ak", "Orel", "Sankt-Peterburg", "drone",
               "drones", "struck", "oil refinery", "refinery", "missile strike", "shelled", "in", "of", ",",
               ".", "Zaporizhzhia", "Tuapse", "дрони", "атакували", "x", "")


@pytest.fixture(scope="module")
def matchers_in_both_orders():
    from geomap import matcher

    in_trie_order = matcher.Matcher(_TRIE_NAMES)
    plain = pytest.MonkeyPatch()
    plain.setattr(matcher, "trie_order", lambda key: 0)  # sorted() keeps the order given
    try:
        in_plain_order = matcher.Matcher(_TRIE_NAMES)
    finally:
        plain.undo()
    return in_trie_order, in_plain_order


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.lists(st.sampled_from(_TRIE_WORDS), max_size=12))
def test_matcher_in_trie_order_finds_what_the_plain_order_finds(matchers_in_both_orders, words):
    in_trie_order, in_plain_order = matchers_in_both_orders
    body = text.normalise(" ".join(words))
    folded = in_plain_order.fold(body)
    assert in_trie_order.find(body) == in_plain_order.find(body)
    assert in_trie_order.may_report_strikes(folded) == in_plain_order.may_report_strikes(folded)


def test_trie_order_puts_common_word_starts_first() -> None:
    from geomap.matcher import trie_order

    # English letters commonest first (t before k, e before a), then Cyrillic, then other letters.
    assert sorted(["kyiv", "tula"], key=trie_order) == ["tula", "kyiv"]
    assert sorted(["tak", "tek"], key=trie_order) == ["tek", "tak"]
    assert sorted(["ılgın", "київ", "zaporizhzhia"], key=trie_order) == ["zaporizhzhia", "київ", "ılgın"]
    assert sorted(["kyiv oblast", "kyiv", "kyivska"], key=trie_order)[0] == "kyiv"


@pytest.mark.parametrize("sentence", [
    "Russian forces struck a depot in Kherson, the Russian defence ministry said.",
    "Ukraine's General Staff said its forces had struck the refinery in Tuapse.",
    "A drone hit Kyiv overnight, according to Ukraine's military; the Russian defence ministry said so too.",
    "Drones hit Kursk, the governor said.", "Україна"])
def test_speaking_side_kept_per_sentence_as_the_search_finds_it(sentence: str) -> None:
    # speaking_side keeps its answers (each place of a sentence asks about the whole sentence).
    from geomap.attributes import speakers

    for before in (None, len(sentence) // 2, len(sentence)):
        plain = speakers.speaking_side.__wrapped__(sentence, before)
        assert speakers.speaking_side(sentence, before) == plain
        assert speakers.speaking_side(sentence, before) == plain  # (the kept answer)


_SIDE_WORDS = ("Ukraine's", "Ukrainian", "the", "General Staff", "of", "Ukraine", "Navy", "said", "has",
               "(SBU)", "Russian", "Russia's", "Russia", "military", "forces", "x", "bathe", ",", "\n",
               # each branch whole, in several cases, so that the test meets them often
               "Ukraine's navy said", "Ukrainian special forces have claimed", "Kyiv's military says",
               "THE General Staff of the Armed Forces of Ukraine said", "Defence Forces of Ukraine stated",
               "Defense Forces of Ukraine (SBU) said", "Armed Forces of Ukraine reported",
               "Navy of Ukraine said", "General Staff of Ukraine said",
               "the Russian defence ministry said", "Russia's MINISTRY OF DEFENSE announced",
               "Russia's military confirmed", "the Defence Ministry of Russia said",
               "ministry of defense of Russia claims", "According to Ukraine's General Staff",
               "according to the Russian Ministry of Defence", "citing the Ministry of Defence of Russia",
               "xthe Russian defence ministry said")


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_SIDE_WORDS), max_size=10), st.sampled_from((" ", "  ", "", " \t")),
       st.data())
def test_side_speaking_where_its_words_stand_as_finditer_finds_it(words, glue, data) -> None:
    from geomap.attributes import speakers

    sentence = glue.join(words)
    before = data.draw(st.integers(min_value=0, max_value=len(sentence)))
    plain = [m.span() for m in speakers._SIDE_SPEAKS.finditer(sentence, 0, before)]
    assert [m.span() for m in speakers._side_matches(sentence, before)] == plain


_CLAIM_WORDS = ("The", "ministry", "x", "on Monday", "that", "it", "They", "its", "Its forces", "had",
                "struck", "hit", "depot", ",", "\t", "",
                # each verb of the pattern whole, in several cases, so that the test meets them often
                "said it had struck", "SAYS they hit", "Say its drones destroyed", "claimed it attacked",
                "Claims its units have mined", "REPORTED that its navy successfully struck",
                "announced on Friday that it targeted", "xsaid it hit", "unsaid they struck")


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_CLAIM_WORDS), max_size=8), st.sampled_from((" ", "  ", "")))
def test_own_claims_where_their_verbs_stand_as_finditer_finds_them(words: list[str], glue: str) -> None:
    from geomap.attributes import speakers

    sentence = glue.join(words)
    plain = [m.span() for m in speakers._OWN_CLAIM.finditer(sentence)]
    found = text.matches_at_words(speakers._OWN_CLAIM, sentence, sentence.lower(), speakers._CLAIM_VERBS)
    assert [m.span() for m in found] == plain


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("ab", "Ab", "abab", "b", "a", "xab", " ", "c", "AB c")), max_size=10),
       st.data())
def test_matches_at_words_as_finditer_finds_them(words: list[str], data: st.DataObject) -> None:
    # Overlapping openers, matches that run over the next opener, a look-behind, and an end position.
    pattern = re.compile(r"(?<!x)(?:ab|b)(?:ab)*\s*c?", re.IGNORECASE)
    sentence = "".join(words)
    end = data.draw(st.integers(min_value=0, max_value=len(sentence)))
    plain = [m.span() for m in pattern.finditer(sentence, 0, end)]
    assert [m.span() for m in text.matches_at_words(pattern, sentence, sentence.lower(), ("ab", "b"), end)] \
        == plain


_REPORTING = ("said", "SAID", "Says", "according to", "According  to", "press conference",
              "news\tconference", "statement", "readout", "posted", "post", "x", "the", "on", "Friday", "_",
              "-", "'", "2", "(", "ſaid", "unsaid", "saidx", "reported", "Reporting", "told", "tells")


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_REPORTING), max_size=8), st.sampled_from((" ", "", "  ", "_", "-")))
def test_report_gate_never_spares_a_reporting_word(words: list[str], glue: str) -> None:
    from geomap.dates import choosing

    clause = glue.join(words)
    if choosing._REPORT_BEFORE.search(clause) is not None:
        assert choosing._may_report(clause)


_JOIN_WORDS = ("and", "And", "while", "whereas", "but", "as", "has", "after", "before", "x", "beforehand",
               ";", ",", ", while", ",but", "_and", "Kyiv", "\u00e9as")


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_JOIN_WORDS), max_size=10), st.sampled_from((" ", "", "  ")))
def test_joins_where_they_may_start_as_finditer_finds_them(words: list[str], glue: str) -> None:
    from geomap.attributes import weapons_targets

    sentence = glue.join(words)
    plain = tuple((*m.span(), m.group("clause") is not None)
                  for m in weapons_targets._JOINS.finditer(sentence))
    assert weapons_targets._joins.__wrapped__(sentence) == plain


@settings(max_examples=800, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("no", "not", "longer", "any", "damage", "hardly", "ever", "x", ",", ";",
                                 "but", "while", "NO", "Longer", "ever.", "xno")), max_size=12))
def test_negation_phrases_where_their_first_word_stands_as_the_window_finds_them(words: list[str]) -> None:
    from geomap.attributes import negation
    from geomap.text import Sentence

    phrases = (" no longer ", " hardly ever ", " not any ")  # (the lexicon has none now: made up here)
    saved = negation._NEGATION_PHRASES, negation._PHRASE_FIRST_WORDS, negation._NEGATION_WORDS
    negation._NEGATION_PHRASES = phrases
    negation._PHRASE_FIRST_WORDS = frozenset(n.split()[0] for n in phrases)  # as the module makes it
    negation._NEGATION_WORDS = frozenset({"none"})
    try:
        text = " ".join(words) + " damage"
        at = len(text) - len("damage")
        before = text[max(0, at - 60):at].lower()
        clause = before[max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind(".")) + 1:]
        clause = negation._CLAUSE_BREAK.split(clause)[-1]
        window = " " + " ".join(clause.split()[-6:]) + " "
        plain = "none" in window.split() or any(p in window for p in phrases)
        assert negation._negation_before(Sentence(0, len(text), text), at) == plain
    finally:
        negation._NEGATION_PHRASES, negation._PHRASE_FIRST_WORDS, negation._NEGATION_WORDS = saved


@pytest.mark.parametrize("before", ["air defence ", "Air  Defense\t", "the air defense  ", "air defences ",
                                    "air defense of the ", "defence "])
def test_stocked_weapons_after_air_defence_as_the_patterns_find_them(before: str) -> None:
    # The words before a weapon may end in "air defence" (the pattern's last branch) with no
    # other word of the gate's list before it.
    from geomap import reading

    sentence_text = f"Russian {before}missiles hit the city"
    start = sentence_text.index("missiles")
    end = start + len("missiles")
    sentence = text.Sentence(0, len(sentence_text), sentence_text)
    cue = Match(start, end, "missiles", False, ())
    reference = bool(reading._STOCK_AFTER.match(sentence_text, end)) or bool(
        reading._STOCK_BEFORE.search(sentence_text, max(0, start - 60), start)
        and not reading._ATTACK_AFTER.match(sentence_text, end))
    assert reading._stocked(sentence, cue) == reference



@settings(max_examples=800, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("at 3:00", "at", ":", "12-03", "1.2", "-", ".", "Friday", "friday",
                                 "last week", "days", "month", "tonight", "Night", "x", "24 hours", "ſ")),
                max_size=10))
def test_kinds_held_as_may_hold_answers_each(words: list[str]) -> None:
    sentence = " ".join(words)
    clues = finding._Clues.of(sentence)
    held = finding._held_kinds(clues)
    for kind, _ in finding._PATTERNS:
        if kind not in finding._NEEDS_MONTH:
            assert (kind in held) == finding._may_hold(kind, clues), kind



@settings(max_examples=500, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from("a-b -"), max_size=30))
def test_hyphens_where_they_stand(chunk: str) -> None:
    from geomap.extract.extractor import _hyphens

    assert _hyphens(chunk) == {i for i in range(len(chunk)) if chunk.startswith("-", i)}


def _ends_sentence_plain(chunk: str, stop: int) -> bool:
    """text._ends_sentence as it was before its fast path for a plain word."""
    if chunk[stop - 1] != ".":
        return True
    end = stop - 1
    limit = max(0, stop - 41)
    other = text._NOT_IN_WORD.search(chunk[limit:end][::-1])
    start = end - other.start() if other else limit
    if start == end:
        return True
    token = chunk[start:end].lower().rstrip(".")
    if token in text._ABBREVIATIONS:
        return start >= 2 and chunk[start - 1] == "-" and chunk[start - 2].isalpha() and \
            text._capitalised_word_before(chunk, start - 1)
    return not (len(token) == 1 and token.isalpha())


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("Kyiv", "etc", "Feb", "u.s", "J", "x", "Naryan-Mar", "mid-Feb", "a" * 45,
                                 "2", "\u0661", "\u00b2", "\u2167", "İ", "_", "approx", "APPROX", "St")),
                min_size=1, max_size=6),
       st.sampled_from((" ", "  ", "\t", ", ", "-", "")))
def test_sentence_ends_as_the_word_search_finds_them(words: list[str], glue: str) -> None:
    chunk = glue.join(words) + ". Next"
    stop = len(chunk) - len(" Next")
    assert text._ends_sentence(chunk, stop) == _ends_sentence_plain(chunk, stop)


def _cue_distance_plain(cue: Match, place: Match) -> int:
    """attributes.cues.cue_distance as it was before it read each field once."""
    if cue.end <= place.start:
        return place.start - cue.end
    if cue.start >= place.end:
        return cue.start - place.end
    return 0


def _target_distance_plain(reading, cue: Match, hit) -> int:
    """weapons_targets._target_distance as it was before cue_distance was inlined in it."""
    from geomap.attributes import weapons_targets

    m = hit.match
    lo, hi = sorted((cue.end, m.start) if cue.end <= m.start else (m.end, cue.start))
    offset = reading.sentence.start
    lo, hi = lo - offset, hi - offset
    between = [clause for start, end, clause in weapons_targets._joins(reading.sentence.text)
               if lo <= start and end <= hi]
    return _cue_distance_plain(cue, m) + (60 if between else 0) + (120 if any(between) else 0)


@settings(max_examples=1500, derandomize=True, database=None)
@given(st.integers(0, 60), st.integers(0, 12), st.integers(0, 60), st.integers(0, 12), st.integers(0, 5))
def test_cue_and_target_distances_as_the_plain_comparisons_give_them(
        cue_at: int, cue_len: int, place_at: int, place_len: int, offset: int) -> None:
    from geomap.attributes import weapons_targets
    from geomap.gazetteer import Place
    from geomap.reading import PlaceHit, SentenceReading

    sentence_text = "Drones hit Kyiv, and a plant in Lviv; while artillery fired on Sumy and Izium too."
    sentence = text.Sentence(offset, offset + len(sentence_text), sentence_text)
    cue = Match(offset + cue_at, offset + cue_at + cue_len, "drones", False, (("weapon", "drone"),))
    place = Match(offset + place_at, offset + place_at + place_len, "kyiv", True, ())
    hit = PlaceHit(place, "Kyiv", Place("t:1", "Kyiv", 50.45, 30.52, "town", "UA", "UA-30"), [])
    reading = SentenceReading(sentence, 0, [hit], [cue], "strong")
    assert attributes.cue_distance(cue, hit) == _cue_distance_plain(cue, place)
    assert weapons_targets._target_distance(reading, cue, hit) == _target_distance_plain(reading, cue, hit)


_CUE_KEYS = ("fire and air strikes", "shelling", "kyiv", "came under fire and air strikes", "drones",
             "shelling and airstrikes")


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_CUE_KEYS), max_size=6))
def test_mixed_fire_as_the_loop_finds_it(keys: list[str]) -> None:
    from geomap.reading import SentenceReading
    from geomap.story.weapons import _MIXED_FIRE, tells_mixed_fire

    cues = [Match(i, i + 1, key, False, (("weapon", "shelling"),)) for i, key in enumerate(keys)]
    reading = SentenceReading(text.Sentence(0, 10, "x" * 10), 0, [], cues, "strong")
    assert tells_mixed_fire(reading) == any(c.key in _MIXED_FIRE for c in cues)


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(("killed", "damaged", "destroyed", "kyiv", "drones")),
                          st.booleans(),
                          st.sampled_from(((), (("outcome", "hit"),), (("weapon", "drone"),),
                                           (("target", "depot"), ("outcome", "hit"))))), max_size=6))
def test_place_and_outcome_loops_as_any_finds_them(specs: list[tuple[str, bool, tuple]]) -> None:
    from geomap import lexicon
    from geomap.strike_sentence import has_outcome, names_place

    found = [Match(i, i + 1, key, is_place, cues) for i, (key, is_place, cues) in enumerate(specs)]
    assert names_place(found) == any(m.is_place for m in found)
    for words in (lexicon.CASUALTIES, lexicon.DESTROYED, lexicon.DAMAGE):
        assert has_outcome(found, words) == any(c.has("outcome") and c.key in words for c in found)


@settings(max_examples=1000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(("district", "District", " ", "\n", "\t", "raion", "x", "Ob", "neighbour",
                                 "hood", "micro", "İ", "\u00a0", ",")), max_size=10))
def test_district_word_after_as_words_after_finds_it(words: list[str]) -> None:
    from geomap import mentions
    from geomap.reading import words_after

    chunk = "Kyiv" + "".join(words)
    m = Match(0, 4, "kyiv", True, ())
    plain = words_after(chunk, m).startswith(mentions._DISTRICT_WORDS)
    assert mentions._district_word_after(chunk, m) == plain
