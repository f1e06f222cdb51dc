"""Normalising and sentence splitting."""

from geomap.text import match_fold, name_key, normalise, split_sentences


def test_normalise_keeps_length_after_folding_quotes_and_dashes():
    raw = "Kyiv\u2019s \u201cdrones\u201d \u2013 Ryazan\u00a0refinery"
    out = normalise(raw)
    assert out == "Kyiv's \"drones\" - Ryazan refinery"
    assert len(out) == len(raw)


def test_match_fold_keeps_offsets():
    text = "Rostov-on-Don's Refinery, (Рязань)!"
    folded = match_fold(text)
    assert len(folded) == len(text)
    assert folded.split() == ["rostov", "on", "don", "s", "refinery", "рязань"]


def test_name_key_collapses_spaces_and_case():
    assert name_key("  Kursk   Oblast ") == "kursk oblast"
    assert name_key("Kam\u2019yanske") == "kam yanske"


def test_glued_sentences_are_split():
    text = "Drones flew towards Kharkiv.The attack damaged a school. Officials counted the losses."
    assert [s.text for s in split_sentences(text)] == [
        "Drones flew towards Kharkiv.",
        "The attack damaged a school.",
        "Officials counted the losses.",
    ]


def test_abbreviations_initials_and_decimals_do_not_split():
    text = "Mr. Ivanenko said on Feb. 3 that 4.5 tonnes burned near St. Petersburg. J. Smith agreed."
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "Mr. Ivanenko said on Feb. 3 that 4.5 tonnes burned near St. Petersburg.",
        "J. Smith agreed.",
    ]


def test_line_breaks_end_sentences_and_offsets_point_into_text():
    text = "Headline without a stop\n\nBody sentence one. Body two!"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Headline without a stop", "Body sentence one.", "Body two!"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_a_hyphenated_town_ending_in_an_abbreviation_ends_its_sentence():
    text = "Drones were downed near Naryan-Mar. The governor said no one was hurt."
    assert [s.text for s in split_sentences(text)] == [
        "Drones were downed near Naryan-Mar.", "The governor said no one was hurt."]
    # A lower-case prefix keeps the month abbreviation: "mid-Feb. 2024" goes on.
    assert len(split_sentences("Talks stalled in mid-Feb. 2024 and resumed later.")) == 1
