"""Fuzzing: 10,000 seeded random texts and publication dates go through reading without an exception.

Texts are short runs of the words strikes are reported in (places in Latin and Cyrillic
script, weapons, targets, outcomes, date phrases, numbers) mixed with arbitrary Unicode, and
publication dates anything from 0001-01-01 to 9999-12-31, malformed or missing. Hypothesis
runs derandomized (a fixed seed: the same 10,000 cases every run, in CI too) and keeps no
example database. A failure prints the shrunk text and date to reproduce it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="the fuzz test needs hypothesis (the test extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from geomap import dates  # noqa: E402
from geomap.export import write_csv, write_geojson  # noqa: E402
from geomap.extract import default_extractor  # noqa: E402
from geomap.merge import Merger  # noqa: E402
from geomap.model import Document  # noqa: E402
from geomap.read import iso_date_part  # noqa: E402

WORDS = (
    "Drones", "drones", "missile", "missiles", "struck", "hit", "attacked", "shot", "down", "destroyed",
    "intercepted", "fire", "debris", "no", "damage", "the", "a", "in", "on", "at", "near", "over", "of",
    "oil", "refinery", "depot", "power", "plant", "substation", "port", "air", "base", "airfield",
    "Saratov", "Bryansk", "Kursk", "Belgorod", "region", "Oblast", "Kharkiv", "Odesa", "Kyiv", "Engels",
    "Pokrovsk", "Rostov-on-Don", "Novorossiysk", "Crimea", "Donbas", "Ryazan", "Тула", "Харків", "Рязани",
    "Ukrainian", "Russian", "governor", "said", "claimed", "army", "overnight", "yesterday", "today",
    "last", "week", "weekend", "month", "night", "Monday", "Friday", "Sunday", "into", "March", "May",
    "December", "February", "29", "30", "31", "12", "2024", "2022", "9999", "1899", "0001",
    "12.02.2024", "31.12.9999", "2024-02-30", "9999-12-31", "the night of 12 to 13 March",
    "between 12 and 15 March", "two days ago", "earlier this month", "in recent days", ".", ",", ";",
    "\n", "!", "?", "-", "'", '"', "(", ")", "=cmd", "@SUM", "+1", "\t", "\r", "\u2019", "\u00a0",
)
words = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))
texts = st.lists(words, min_size=1, max_size=30).map(" ".join)
publications = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["9999-12-31", "0001-01-01", "2100-12-31", "1900-01-01", "2024-02-29",
                     "2024-02-30", "yesterday", "", "9999-12-31T23:59:59+14:00"]),
)

_extractor = default_extractor()


@settings(max_examples=10_000, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(text=texts, published=publications)
def test_any_text_and_publication_date_is_read_without_an_exception(text, published):
    # The reader's own check of a date, then the extractor given the date as it came (the API
    # lets a caller pass anything), then merging, as the pipeline does.
    iso_date_part(published) if published is not None else None
    doc = Document(doc_id="fuzz", text=text, source="fuzz", published=published)
    extraction = _extractor.extract(doc)
    merger = Merger()
    for position, event in enumerate(extraction.events):
        merger.add(event, published=published, position=position)
    for event in merger.events():
        json.dumps(event.to_feature())
        if event.event_date is not None:
            day = dt.date.fromisoformat(event.event_date)
            assert dates.to_date(day) == day, f"event date {day} outside the dates geomap reads"
    for sentence in text.split("."):
        dates.event_date(sentence, len(sentence) // 2, published)


def test_the_outputs_take_whatever_the_fuzz_reads(tmp_path):
    """Events read from hostile text are written (GeoJSON and CSV) like any others."""
    text = ('=HYPERLINK("x") Drones hit the oil refinery in Saratov on 31.12.9999. '
            "@SUM(A1) A missile struck Kursk overnight into Sunday.")
    events = _extractor.extract(Document("=doc", text, "+source", published="2025-03-04")).events
    assert events
    write_geojson(events, tmp_path / "f.geojson")
    write_csv(events, tmp_path / "f.csv")
