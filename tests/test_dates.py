"""Tests for geomap.dates: finding date phrases, resolving them, choosing the strike's date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geomap import dates
from geomap.dates import PHRASE_KINDS, DatePhrase, event_date, find_date_phrases, resolve, to_date
from geomap.model import DATE_PRECISIONS

FRI = date(2025, 3, 21)  # a Friday
MON = date(2025, 3, 24)  # the Monday after


def only(sentence: str) -> DatePhrase:
    """The single date phrase in ``sentence`` (fails if there is not exactly one)."""
    phrases = find_date_phrases(sentence)
    assert len(phrases) == 1, phrases
    return phrases[0]


def resolved(sentence: str, published: date | None = FRI) -> tuple[str | None, str]:
    day, precision = resolve(only(sentence), published)
    return (day.isoformat() if day else None), precision


# --------------------------------------------------------------------------- every phrase form

@pytest.mark.parametrize(
    ("sentence", "text", "kind", "expected"),
    [
        # relative days (published Friday 21 March 2025); nights are dated by their evening
        ("Drones attacked the plant overnight.", "overnight", "relative_day", ("2025-03-20", "day")),
        ("Explosions were heard last night.", "last night", "relative_day", ("2025-03-20", "day")),
        ("Air raid alerts are expected tonight.", "tonight", "relative_day", ("2025-03-21", "day")),
        ("A missile hit the city this morning.", "this morning", "relative_day", ("2025-03-21", "day")),
        ("A missile hit the city today.", "today", "relative_day", ("2025-03-21", "day")),
        ("A missile hit the city earlier today.", "earlier today", "relative_day", ("2025-03-21", "day")),
        ("Shelling resumed yesterday.", "yesterday", "relative_day", ("2025-03-20", "day")),
        ("Shelling resumed yesterday evening.", "yesterday evening", "relative_day", ("2025-03-20", "day")),
        ("It burned the day before yesterday.", "the day before yesterday", "relative_day",
         ("2025-03-19", "day")),
        ("The depot was hit two days ago.", "two days ago", "relative_day", ("2025-03-19", "day")),
        ("The depot was hit 3 days ago.", "3 days ago", "relative_day", ("2025-03-18", "day")),
        # weekdays: most recent on or before publication
        ("A drone hit the depot on Friday.", "on Friday", "weekday", ("2025-03-21", "day")),
        ("A drone hit the depot Friday.", "Friday", "weekday", ("2025-03-21", "day")),
        ("A drone hit the depot on Wednesday.", "on Wednesday", "weekday", ("2025-03-19", "day")),
        ("Missiles struck late on Tuesday.", "late on Tuesday", "weekday", ("2025-03-18", "day")),
        ("Late on Tuesday missiles struck.", "Late on Tuesday", "weekday", ("2025-03-18", "day")),
        ("Drones attacked early Monday.", "early Monday", "weekday", ("2025-03-17", "day")),
        ("Shelling began on Saturday night.", "on Saturday night", "weekday", ("2025-03-15", "day")),
        ("The refinery burned on Thursday morning.", "on Thursday morning", "weekday",
         ("2025-03-20", "day")),
        ("Russia attacked overnight into Sunday.", "overnight into Sunday", "weekday", ("2025-03-15", "day")),
        ("It came in the night to Thursday.", "in the night to Thursday", "weekday", ("2025-03-19", "day")),
        ("It came on the night of Tuesday to Wednesday.", "on the night of Tuesday to Wednesday", "weekday",
         ("2025-03-18", "day")),
        ("It came in the early hours of Thursday.", "in the early hours of Thursday", "weekday",
         ("2025-03-20", "day")),
        ("The port was hit last Friday.", "last Friday", "weekday", ("2025-03-14", "day")),
        ("Friday's attack killed two.", "Friday", "weekday", ("2025-03-21", "day")),
        # weeks
        ("The plant was hit last week.", "last week", "week", ("2025-03-14", "week")),
        ("The plant was hit a week ago.", "a week ago", "week", ("2025-03-14", "week")),
        ("The plant was hit this week.", "this week", "week", ("2025-03-21", "week")),
        ("The plant was hit earlier this week.", "earlier this week", "week", ("2025-03-21", "week")),
        ("Strikes continued in recent days.", "in recent days", "week", ("2025-03-21", "week")),
        ("Strikes continued over the weekend.", "over the weekend", "week", ("2025-03-15", "week")),
        # months: first day of the month
        ("The depot was hit earlier this month.", "earlier this month", "relative_month",
         ("2025-03-01", "month")),
        ("The depot was hit last month.", "last month", "relative_month", ("2025-02-01", "month")),
        ("The depot was hit in March 2024.", "in March 2024", "month", ("2024-03-01", "month")),
        ("The depot was hit in early February.", "in early February", "month", ("2025-02-01", "month")),
        ("The depot was hit in June.", "in June", "month", ("2024-06-01", "month")),
        ("The port was shelled in May 2024.", "in May 2024", "month", ("2024-05-01", "month")),
        # calendar dates
        ("The plant was hit on 12 February.", "on 12 February", "date", ("2025-02-12", "day")),
        ("The plant was hit on 12 February 2024.", "on 12 February 2024", "date", ("2024-02-12", "day")),
        ("The plant was hit 12 February 2024.", "12 February 2024", "date", ("2024-02-12", "day")),
        ("The plant was hit on February 12, 2024.", "on February 12, 2024", "date", ("2024-02-12", "day")),
        ("The plant was hit February 12 2024.", "February 12 2024", "date", ("2024-02-12", "day")),
        ("Russia invaded on Feb. 24, 2022.", "on Feb. 24, 2022", "date", ("2022-02-24", "day")),
        ("The plant was hit on Feb 3.", "on Feb 3", "date", ("2025-02-03", "day")),
        ("The plant was hit on the 12th of March.", "on the 12th of March", "date", ("2025-03-12", "day")),
        ("The plant was hit on March 12th.", "on March 12th", "date", ("2025-03-12", "day")),
        ("The parade on 9 May was cancelled.", "on 9 May", "date", ("2024-05-09", "day")),
        ("The parade on May 9 was cancelled.", "on May 9", "date", ("2024-05-09", "day")),
        # nights and ranges: the first night date
        ("It was hit on the night of 12 to 13 March.", "on the night of 12 to 13 March", "night",
         ("2025-03-12", "day")),
        ("It was hit on the night of March 12-13.", "on the night of March 12-13", "night",
         ("2025-03-12", "day")),
        ("It was hit on the night of 12–13 March 2024.", "on the night of 12–13 March 2024", "night",
         ("2024-03-12", "day")),
        ("It was hit during the night from 28 February to 1 March.",
         "during the night from 28 February to 1 March", "night", ("2025-02-28", "day")),
        ("It was hit overnight on 12-13 March.", "overnight on 12-13 March", "night", ("2025-03-12", "day")),
        # One date: the night into it (as "в ніч на 12 березня" is rendered), so the 11th.
        ("It was hit on the night of 12 March.", "on the night of 12 March", "night", ("2025-03-11", "day")),
        ("It was hit overnight on 12 March.", "overnight on 12 March", "night", ("2025-03-12", "day")),
        ("Strikes on 12-13 March hit Odesa.", "on 12-13 March", "range", ("2025-03-12", "day")),
        ("Strikes between 3 and 7 March hit Odesa.", "between 3 and 7 March", "range",
         ("2025-03-03", "week")),
        ("Strikes between 1 and 20 March hit Odesa.", "between 1 and 20 March", "range",
         ("2025-03-01", "month")),
        # numeric
        ("The plant was hit on 2024-02-12.", "2024-02-12", "iso", ("2024-02-12", "day")),
        ("The plant was hit on 12.02.2024.", "12.02.2024", "numeric", ("2024-02-12", "day")),
    ],
)
def test_phrase_forms(sentence: str, text: str, kind: str, expected: tuple[str, str]) -> None:
    phrase = only(sentence)
    assert (phrase.text, phrase.kind) == (text, kind)
    assert sentence[phrase.start:phrase.end] == phrase.text
    assert phrase.kind in PHRASE_KINDS
    day, precision = resolve(phrase, FRI)
    assert ((day.isoformat() if day else None), precision) == expected
    assert precision in DATE_PRECISIONS


@pytest.mark.parametrize(
    "sentence",
    [
        "Fridays are usually quiet.",
        "The Mondayisation of holidays.",
        "Sundays and Mondays are market days.",
        "The attack may have been planned in advance.",
        "May the town stay quiet.",              # the wish, not the month
        "He said he would march on the capital.",
        "Marchers gathered in the square.",
        "Ten drones were launched at 12:30.",
        "A 2024-13-45 serial number.",          # not a date
        "It happened on 31 February.",         # no such day
        "The plant was founded 1,200 years ago.",
        "Next week talks resume.",              # future: not matched at all
    ],
)
def test_not_dates(sentence: str) -> None:
    assert find_date_phrases(sentence) == []


def test_weekday_and_month_names_are_case_sensitive() -> None:
    assert find_date_phrases("the friday market") == []
    assert find_date_phrases("a march on 12 march") == []


def test_phrases_do_not_overlap_and_longest_wins() -> None:
    phrases = find_date_phrases("Russia attacked overnight into Sunday and again on 12 March 2024.")
    assert [p.text for p in phrases] == ["overnight into Sunday", "on 12 March 2024"]
    assert [p.kind for p in phrases] == ["weekday", "date"]


def test_several_phrases_in_order() -> None:
    sentence = "Repairs began yesterday at the depot hit last week, the governor said on Sunday."
    assert [p.text for p in find_date_phrases(sentence)] == ["yesterday", "last week", "on Sunday"]


# --------------------------------------------------------------------------- resolution details

def test_weekday_resolution_across_week_boundary() -> None:
    # Published on Monday 24 March: "on Friday" is the previous week's Friday.
    assert resolved("It was hit on Friday.", MON) == ("2025-03-21", "day")
    assert resolved("It was hit on Sunday.", MON) == ("2025-03-23", "day")
    assert resolved("It was hit on Monday.", MON) == ("2025-03-24", "day")
    assert resolved("It was hit on Tuesday.", MON) == ("2025-03-18", "day")
    assert resolved("It was hit last Monday.", MON) == ("2025-03-17", "day")
    assert resolved("It was hit overnight into Monday.", MON) == ("2025-03-23", "day")
    assert resolved("It was hit overnight into Sunday.", MON) == ("2025-03-22", "day")
    # ... and across a month and year boundary
    assert resolved("It was hit on Saturday.", date(2025, 1, 1)) == ("2024-12-28", "day")


def test_no_year_dates_take_the_most_recent_on_or_before_publication() -> None:
    assert resolved("Hit on 12 March.", date(2025, 3, 21)) == ("2025-03-12", "day")
    assert resolved("Hit on 21 March.", date(2025, 3, 21)) == ("2025-03-21", "day")
    assert resolved("Hit on 22 March.", date(2025, 3, 21)) == ("2024-03-22", "day")
    assert resolved("Hit on 12 March.", date(2025, 3, 1)) == ("2024-03-12", "day")
    assert resolved("Hit on 30 December.", date(2025, 1, 2)) == ("2024-12-30", "day")
    assert resolved("Hit on 29 February.", date(2025, 3, 21)) == ("2024-02-29", "day")
    new_year = date(2025, 1, 1)
    assert resolved("Hit on the night of 31 December to 1 January.", new_year) == ("2024-12-31", "day")


def test_without_publication_date() -> None:
    for sentence in ("Hit on 12 March.", "Hit on Friday.", "Hit overnight.", "Hit last week.",
                     "Hit last month.", "Hit in June."):
        assert resolved(sentence, None) == (None, "unknown"), sentence
    assert resolved("Hit on 12 March 2024.", None) == ("2024-03-12", "day")
    assert resolved("Hit on 2024-03-12.", None) == ("2024-03-12", "day")
    assert resolved("Hit in March 2024.", None) == ("2024-03-01", "month")


def test_months_across_year_boundary() -> None:
    assert resolved("Hit last month.", date(2025, 1, 15)) == ("2024-12-01", "month")
    assert resolved("Hit earlier this month.", date(2025, 1, 15)) == ("2025-01-01", "month")
    assert resolved("Hit in December.", date(2025, 1, 15)) == ("2024-12-01", "month")


def test_resolve_accepts_hand_made_phrases_and_string_dates() -> None:
    assert resolve(DatePhrase(0, 0, "12 March", "date"), "2025-03-21") == (date(2025, 3, 12), "day")
    assert resolve(DatePhrase(0, 0, "on Friday", "weekday"), datetime(2025, 3, 24, 8, 0)) == (
        date(2025, 3, 21), "day")
    assert resolve(DatePhrase(0, 0, "whenever", "no-such-kind"), FRI) == (None, "unknown")
    assert resolve(DatePhrase(0, 0, "2024-02-30", "iso"), FRI) == (None, "unknown")


def test_to_date() -> None:
    assert to_date("2025-03-21T10:00:00Z") == FRI
    assert to_date(datetime(2025, 3, 21, 10)) == FRI
    assert to_date(FRI) == FRI
    assert to_date(None) is None
    assert to_date("not a date") is None


# --------------------------------------------------------------------------- event_date

def ed(sentence: str, cue: str, published: date | str | None = FRI) -> tuple[str | None, str]:
    return event_date(sentence, sentence.index(cue), published)


def test_event_date_prefers_strike_phrase_over_reporting_verb() -> None:
    sentence = "Following a drone raid last week, the governor said on Sunday that the depot stays closed."
    assert ed(sentence, "raid") == ("2025-03-14", "week")
    sentence = "The depot, hit by drones last week, stays closed, the governor said on Sunday."
    assert ed(sentence, "hit") == ("2025-03-14", "week")


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones hit the refinery overnight, the governor said on Friday.",
        "Drones hit the refinery overnight, the governor told reporters on Friday.",
        "Drones hit the refinery overnight, the governor wrote on Telegram on Friday.",
        "Drones hit the refinery overnight, the ministry announced on Friday.",
        "Drones hit the refinery overnight, the governor said in a statement on Friday.",
        "Drones hit the refinery overnight, the governor said late on Friday.",
        "The governor said on Friday that drones hit the refinery overnight.",
        "The governor wrote on Telegram on Friday that drones had hit the refinery overnight.",
        "Officials on Friday said drones hit the refinery overnight.",
        "In a statement on Friday, the ministry said drones hit the refinery overnight.",
    ],
)
def test_event_date_drops_reporting_phrases(sentence: str) -> None:
    assert ed(sentence, "hit") == ("2025-03-20", "day")


def test_event_date_uses_reporting_phrase_when_nothing_else() -> None:
    assert ed("A drone hit the depot, the governor said on Wednesday.", "hit") == ("2025-03-19", "day")


def test_event_date_reporting_verb_then_strike_clause_keeps_strike_date() -> None:
    # "said" is followed by the strike clause: "on Tuesday" belongs to the strike, not the verb.
    sentence = "The ministry said drones struck the depot on Tuesday."
    assert ed(sentence, "struck") == ("2025-03-18", "day")
    sentence = "The ministry said that on Tuesday drones struck the depot."
    assert ed(sentence, "struck") == ("2025-03-18", "day")


def test_event_date_nearest_phrase_to_cue() -> None:
    sentence = "A missile hit Odesa on Tuesday, two days after drones struck Kharkiv on Sunday."
    assert ed(sentence, "hit") == ("2025-03-18", "day")
    assert ed(sentence, "struck") == ("2025-03-16", "day")


def test_event_date_without_any_phrase() -> None:
    assert ed("A drone hit the depot.", "hit") == ("2025-03-21", "week")
    assert ed("A drone hit the depot.", "hit", "2025-03-21") == ("2025-03-21", "week")
    assert ed("A drone hit the depot.", "hit", None) == (None, "unknown")


def test_event_date_ignores_bound_and_future_phrases() -> None:
    sentence = "Since Feb. 24, 2022 Russia has attacked Kharkiv hundreds of times."
    assert ed(sentence, "attacked") == ("2025-03-21", "week")
    sentence = "The plant, hit on Tuesday, will stay closed until Friday."
    assert ed(sentence, "hit", date(2025, 3, 19)) == ("2025-03-18", "day")
    sentence = "Talks are due on 30 April 2025 after the strike."
    assert ed(sentence, "strike") == ("2025-03-21", "week")


def test_event_date_resolvable_phrase_beats_unresolvable_one() -> None:
    sentence = "A drone hit the depot on Friday, months after the raid of 12 March 2024."
    assert ed(sentence, "hit", None) == ("2024-03-12", "day")
    assert ed(sentence, "hit") == ("2025-03-21", "day")


def test_event_date_weekday_without_publication_is_unknown() -> None:
    assert ed("A drone hit the depot on Friday.", "hit", None) == (None, "unknown")


def test_event_date_cue_offset_out_of_range_is_tolerated() -> None:
    assert event_date("A drone hit the depot overnight.", 999, FRI) == ("2025-03-20", "day")
    assert event_date("", 0, FRI) == ("2025-03-21", "week")


def test_the_cheap_gates_let_every_kind_of_phrase_through():
    """Each kind of phrase is found although a cheap test decides which patterns run."""
    from geomap import dates

    samples = [
        "over the past few days", "in recent days", "late on Tuesday", "overnight", "tonight",
        "this morning", "12 March 2024", "2024-03-12", "12.03.2024", "over the weekend", "last week",
        "earlier this month", "in May 2024", "the night of 12 to 13 March", "two days ago",
        "the day before yesterday", "yesterday evening",
    ]
    for text in samples:
        assert dates.find_date_phrases(f"Drones struck {text}, officials said."), text


def test_skipping_patterns_by_their_words_changes_no_result(monkeypatch):
    """The cheap per-kind test only skips patterns that could not have matched."""
    from pathlib import Path

    from geomap import dates
    from geomap.dates import finding
    from geomap.text import split_sentences

    root = Path(__file__).resolve().parents[1]
    sentences = [s.text for f in sorted((root / "tests" / "gold").glob("*.txt"))
                 for s in split_sentences(f.read_text(encoding="utf-8"))]
    sentences += [f"Drones struck {p}." for p in ("on 3 May", "in May 2024", "12.03.2024", "2024-03-12",
                                                  "the day before yesterday", "three days ago")]
    finding._find_cached.cache_clear()
    gated = [dates.find_date_phrases(s) for s in sentences]
    monkeypatch.setattr(finding, "_held_kinds", lambda clues: {kind for kind, _ in finding._PATTERNS})
    finding._find_cached.cache_clear()
    ungated = [dates.find_date_phrases(s) for s in sentences]
    finding._find_cached.cache_clear()
    assert gated == ungated
    assert sum(bool(g) for g in gated) > 100  # the comparison covered many dated sentences


# --------------------------------------------------------------------------- speed-ups change nothing

def test_words_back():
    from geomap.dates.choosing import _words_back

    text = "one two  three\tfour five"
    assert _words_back(text, len(text), 2) <= text.index("four")
    assert text[_words_back(text, len(text), 2):].split() == ["four", "five"]
    assert _words_back(text, text.index("four"), 3) == 0          # only three words before "four"
    assert _words_back(text, text.index("five"), 1) == len("one two  three")
    assert _words_back("(on Friday", 4, 1) == 0                   # "(on" is one word


def test_report_gate_lets_every_reporting_word_through():
    from geomap.dates import choosing

    for word in choosing._REPORT_WORDS.split("|"):
        spelled = word.replace(r"\s+", " ")
        assert choosing._may_report(f"the ministry {spelled.upper()} "), word
        assert choosing._may_report(f"(x-{spelled}, "), word
    assert not choosing._may_report("drones hit the depot ")
    assert choosing._may_report("the ministry ſaid ")  # not ASCII: the full search decides


def test_reporting_word_too_far_back_is_not_read():
    """Only the last words of a clause are searched for the reporting word a phrase dates."""
    from geomap.dates.choosing import _reporting_verbs

    def gap_start(sentence: str) -> int | None:
        phrase = only(sentence)
        return _reporting_verbs(sentence, phrase)[0]

    five = "The governor said drones hit a big depot on Friday."      # five words between
    assert gap_start(five) == five.index(" drones")
    assert gap_start("The governor said drones hit a big old depot on Friday.") is None
    sentence = "Drones hit a big old depot overnight, according to the governor on Friday."
    assert find_date_phrases(sentence)[1].text == "on Friday"
    assert _reporting_verbs(sentence, find_date_phrases(sentence)[1])[0] == sentence.index(" the governor")
    sentence = "Drones hit the depot overnight, the governor said in a statement to the press on Friday."
    assert ed(sentence, "hit") == ("2025-03-20", "day")


def test_event_date_answers_each_cue_of_a_sentence():
    """Work shared between the cues of one sentence does not leak from one cue to the next."""
    sentence = "Officials on Sunday said drones struck Kharkiv on Tuesday, after shelling on Saturday."
    assert ed(sentence, "said") == ("2025-03-16", "day")       # the cue is the verb "on Sunday" dates
    assert ed(sentence, "Officials") == ("2025-03-15", "day")  # ... and here it is not
    assert ed(sentence, "struck") == ("2025-03-18", "day")
    assert ed(sentence, "shelling") == ("2025-03-15", "day")
    assert ed(sentence, "struck", "2025-03-21") == ed(sentence, "struck", FRI)
    assert ed(sentence, "struck", None) == (None, "unknown")


@pytest.mark.parametrize("sentence, expected", [
    ("Air defences destroyed 116 drones over the past night.", "2025-12-05"),
    ("Over the past day Russia struck nine regions.", "2025-12-05"),
    ("Russia attacked the previous night.", "2025-12-05"),
    ("In the past 24 hours Russian troops shelled 20 towns.", "2025-12-05"),
])
def test_morning_report_phrases_are_the_day_before(sentence, expected):
    from geomap.dates import event_date

    assert event_date(sentence, 0, "2025-12-06") == (expected, "day")


def test_the_last_day_of_a_month_is_not_yesterday():
    from geomap.dates import find_date_phrases

    assert find_date_phrases("It happened on the last day of May.") == []


def test_a_dateline_or_page_date_with_a_year_dates_the_text():
    from geomap.dates import document_date

    assert str(document_date("KYIV, March 5, 2025 (Reuters) - Drones hit Odesa overnight.")) == "2025-03-05"
    assert str(document_date("Friday, October 10, 2025\n\nDrones hit Odesa overnight.")) == "2025-10-10"
    assert document_date("KYIV, March 5 (Reuters) - Drones hit Odesa overnight.") is None


def test_a_text_without_publication_date_is_dated_by_its_dateline():
    from geomap.pipeline import extract_text

    (event,) = extract_text("KYIV, March 5, 2025 (Reuters) - Russian drones hit Odesa overnight, "
                            "the governor said.")
    assert event.event_date == "2025-03-04"


def test_a_tally_without_a_date_takes_the_headline_s_night():
    from geomap.pipeline import extract_text

    text = ("116 drones downed overnight\n\nThe ministry said 29 drones were brought down over the "
            "Ryazan Region and 27 over the Voronezh Region.")
    events = extract_text(text, published="2025-12-06")
    assert {e.event_date for e in events} == {"2025-12-05"}


@pytest.mark.parametrize("sentence, published, expected", [
    # The early hours of a day end the night that began the evening before.
    ("Russia began a missile attack in the early hours of Sept. 21, firing in waves.", "2023-09-21",
     "2023-09-20"),
    ("Drones struck Odesa in the small hours of 3 March.", "2024-03-05", "2024-03-02"),
    # "overnight on June 22" in a report of June 22 is the night that ended that morning ...
    ("Russia launched 29 missiles and drones overnight on June 22.", "2024-06-22", "2024-06-21"),
    # ... and in a later report, the night of that day, as "overnight on Saturday" is Saturday's.
    ("Russia launched 29 missiles and drones overnight on June 22.", "2024-06-25", "2024-06-22"),
    # The night into a date, with or without its weekday, began the evening before.
    ("During the night into Tuesday, September 26, drones attacked Odesa Region.", "2023-09-27",
     "2023-09-25"),
    ("Overnight into 12 March, drones hit the port.", "2024-03-14", "2024-03-11"),
])
def test_the_small_hours_belong_to_the_night_before(sentence, published, expected):
    assert event_date(sentence, 0, published) == (expected, "day")


@pytest.mark.parametrize("sentence, expected", [
    ("His message, posted at 3:08 Moscow time, said debris fell on a house.", ("2025-02-09", "day")),
    ("Drones struck the depot at 05:40, the governor said.", ("2025-02-09", "day")),
    # Not the small hours: a later time, or an afternoon one.
    ("At 11:00 Russian artillery targeted the village.", ("2025-02-10", "week")),
    ("A drone hit the market at 4:15 p.m.", ("2025-02-10", "week")),
])
def test_a_clock_time_before_six_is_the_night_before(sentence, expected):
    assert event_date(sentence, 0, "2025-02-10") == expected


@pytest.mark.parametrize("text, expected", [
    # 7 October was a Monday in 2024 only among the war's years; 15 September a Sunday in 2024 only.
    ("Drones hit a depot in Feodosia early on Monday, Oct. 7, the General Staff said.", "2024-10-07"),
    ("On Sunday, 15 September, drones hit a refinery in Ryazan.", "2024-09-15"),
    # a year written anywhere leaves the dates to it; a weekday that fits no year dates nothing
    ("On Sunday, 15 September, drones hit Ryazan, as in 2023.", None),
    ("On Tuesday, Oct. 7, drones hit a depot in Feodosia.", "2025-10-07"),
    ("On Friday, 31 February, drones hit a depot in Feodosia.", None),
])
def test_a_weekday_written_with_a_date_dates_a_text_with_no_year(text, expected):
    found = dates.document_date(text)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Three drones were destroyed over the region the evening before, Lysak said.", ("2024-02-29", "day")),
    ("Three drones were destroyed over the region the day before, Lysak said.", ("2024-02-29", "day")),
    ("The attack came on the previous evening.", ("2024-02-29", "day")),
    # the day before something else the sentence names: not a day of the report's
    ("Drones were downed over Kursk the day before the talks.", ("2024-03-01", "week")),
])
def test_the_evening_before_is_the_day_before_the_report(sentence, expected):
    assert event_date(sentence, 0, "2024-03-01") == expected


def test_a_count_of_strikes_over_a_month_dates_none_of_them():
    # "for the third time this month" counts strikes; it is not the date of this one.
    phrases = find_date_phrases("Drones struck the refinery for the third time this month, the governor "
                                "said.")
    assert not any(p.kind == "relative_month" for p in phrases)
    phrases = find_date_phrases("Drones struck the refinery earlier this month.")
    assert any(p.kind == "relative_month" for p in phrases)


@pytest.mark.parametrize("sentence", [
    "The governor said that over one day the Russians had shelled settlements 28 times.",
    "Russians shelled the Donetsk region 28 times in 24 hours.",
])
def test_a_count_over_one_day_in_a_morning_report_is_the_day_before(sentence):
    assert event_date(sentence, 0, "2025-08-10") == ("2025-08-09", "day")


def test_an_agency_reminding_of_an_earlier_report_does_not_date_the_story():
    from geomap.pipeline import extract_text

    events = extract_text(
        "Over one day Russian forces shelled the region 28 times.\n"
        "Three houses were damaged in Siversk.\n"
        "Ukrinform earlier reported that Russian troops killed four civilians in the region on August 8.",
        published="2025-08-10")
    assert [(e.place_name, e.event_date) for e in events] == [("Siversk", "2025-08-09")]


def test_the_night_of_the_reports_own_weekday_began_the_day_before():
    # Published on Tuesday 5 August: "on Tuesday night" was the small hours of that Tuesday.
    assert event_date("The enemy shelled Lozova on Tuesday night.", 0, "2025-08-05") == ("2025-08-04", "day")
    assert event_date("The enemy shelled Lozova on Monday night.", 0, "2025-08-05") == ("2025-08-04", "day")
    assert event_date("The enemy shelled Lozova on Tuesday.", 0, "2025-08-05") == ("2025-08-05", "day")


def test_strikes_told_as_reported_earlier_do_not_date_the_story():
    from geomap.pipeline import extract_text

    events = extract_text(
        "The enemy shelled the Nikopol district all day long, hitting Marhanets and the Myrove community.\n"
        "As reported earlier, the enemy shelled Nikopol with heavy artillery during the night.",
        published="2024-12-16")
    dates_by_place = {e.place_name: e.event_date for e in events}
    assert dates_by_place["Marhanets"] == "2024-12-16"
    assert dates_by_place["Nikopol"] == "2024-12-15"


@pytest.mark.parametrize("sentence", [
    "За добу окупанти випустили по громаді шість дронів.",
    "За сутки противник выпустил по району шесть дронов.",
])
def test_a_cyrillic_count_over_the_day_in_a_morning_report_is_the_day_before(sentence):
    assert event_date(sentence, 0, "2025-03-12") == ("2025-03-11", "day")


@pytest.mark.parametrize("text", [
    "On the morning of 12 March the head of the Sumy administration told of the night's shelling.\n"
    "A woman was wounded in Bilopillia.\n"
    "Over the past day the enemy dropped three guided bombs on the district.",
    "Вранці 12 березня голова Сумської ОВА розповів про наслідки обстрілів.\n"
    "У Білопіллі поранено жінку.\n"
    "За добу ворог скинув на район три керовані авіабомби.",
])
def test_a_mornings_date_of_the_telling_does_not_date_the_strikes_it_tells(text):
    from geomap.pipeline import extract_text

    events = extract_text(text, published="2025-03-12")
    assert [e.event_date for e in events] == ["2025-03-11"]


def test_a_morning_date_of_a_strike_still_dates_it():
    from geomap.pipeline import extract_text

    events = extract_text("On the morning of 12 March a drone struck a house in Bilopillia.\n"
                          "Over the past day the enemy dropped three guided bombs on the Sumy district.",
                          published="2025-03-12")
    assert {e.place: e.event_date for e in events}["Bilopillia"] == "2025-03-12"


@pytest.mark.parametrize("sentence", [
    "Early in May, drones damaged energy facilities in the Kursk region.",
    "In May, drones damaged energy facilities in the Kursk region.",
])
def test_may_is_a_month_like_the_others(sentence):
    assert event_date(sentence, 0, "2024-05-27") == ("2024-05-01", "month")


def test_the_modal_may_is_no_month():
    assert event_date("Drones may strike the Kursk region again tonight.", 0, "2024-05-27")[1] != "month"


def test_a_date_modifying_the_attack_dates_it_after_a_verb_of_telling():
    sentence = "The governor said the overnight drone attack had damaged two houses in Pavlohrad."
    assert event_date(sentence, 40, "2024-06-08") == ("2024-06-07", "day")


def test_a_tally_told_only_with_the_day_of_its_telling_is_the_night_the_next_strike_tells():
    from geomap.pipeline import extract_text

    events = extract_text(
        "Air defences shot down eleven of 15 drones, the air force said on Sunday.\n"
        "The drones were downed over the Sumy and Chernihiv regions.\n"
        "The Sumy governor said the overnight drone attack had damaged a school in Shostka.",
        published="2024-06-09")
    assert {e.place: e.event_date for e in events} == {
        "Sumy": "2024-06-08", "Chernihiv": "2024-06-08", "Shostka": "2024-06-08"}
