"""The evaluation against gold annotations: matching, metrics, error kinds, and the command end to end."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.evaluate import (
    RADIUS_KM,
    Counts,
    Gold,
    GoldError,
    GoldEvent,
    GoldMention,
    Match,
    Report,
    distance_km,
    format_report,
    load_gold,
    match_events,
    score_document,
    status_confusion,
)
from geomap.model import Event

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "eval_mini"

# One degree of latitude is about 111.2 km.
KM_PER_DEG = 111.19


def ev(lat: float, lon: float = 35.0, place: str = "P", **kw) -> Event:
    return Event(place=place, place_name=place, place_id=f"test:{place}", lat=lat, lon=lon,
                 evidence=[f"Something happened in {place}."], **kw)


def gold(lat: float, lon: float = 35.0, precision: str = "town", place: str = "G", **kw) -> GoldEvent:
    return GoldEvent(place=place, lat=lat, lon=lon, precision=precision, **kw)


def north(km: float, lat: float = 50.0) -> float:
    """The latitude ``km`` north of ``lat``."""
    return lat + km / KM_PER_DEG


# -- matching -------------------------------------------------------------------------


def test_distance_is_haversine():
    assert distance_km(ev(50.0), ev(north(100.0))) == pytest.approx(100.0, rel=1e-3)
    assert distance_km(ev(50.0, 30.0), ev(50.0, 30.0)) == 0.0


def test_matching_is_one_to_one():
    # Two predictions at the same town, one gold event: one pair, the other prediction unmatched.
    pairs = match_events([ev(50.0), ev(north(1.0))], [gold(50.0)])
    assert len(pairs) == 1
    assert pairs[0].predicted == 0 and pairs[0].gold == 0
    # Two gold events, one prediction: one pair.
    assert len(match_events([ev(50.0)], [gold(50.0), gold(north(2.0))])) == 1


def test_matching_prefers_more_pairs_over_shorter_distance():
    # p0 is nearest to g1 but also the only one in reach of g0; greedy-by-distance would pair
    # p0-g1 and leave g0 unmatched. The optimal matching pairs both.
    g0, g1 = gold(50.0), gold(north(30.0))
    p0, p1 = ev(north(20.0)), ev(north(50.0))
    pairs = match_events([p0, p1], [g0, g1])
    assert {(p.predicted, p.gold) for p in pairs} == {(0, 0), (1, 1)}


def test_matching_minimises_total_distance():
    g0, g1 = gold(50.0), gold(north(10.0))
    p0, p1 = ev(north(9.0)), ev(north(1.0))
    pairs = match_events([p0, p1], [g0, g1])
    assert {(p.predicted, p.gold) for p in pairs} == {(1, 0), (0, 1)}
    assert sum(p.distance_km for p in pairs) == pytest.approx(2.0, rel=1e-2)


def test_matching_pairs_a_region_with_a_region_where_distances_tie():
    # A region's point is its capital's: a plant 4 km from the capital is as far from the gold
    # town as from the gold region, and so is the region's prediction. Like pairs with like.
    town, region = gold(50.0, place="Bryansk"), gold(50.0, precision="region", place="Bryansk region")
    plant = ev(north(4.0), place="plant", geo_precision="facility")
    tally = ev(50.0, place="Bryansk Oblast", geo_precision="region")
    for predicted in ([plant, tally], [tally, plant]):
        pairs = match_events(predicted, [town, region])
        paired = {(predicted[p.predicted].place, p.gold) for p in pairs}
        assert paired == {("plant", 0), ("Bryansk Oblast", 1)}


def test_matching_pairs_each_day_with_its_own_where_distances_tie():
    # Melitopol struck on the 27th and on the 29th: two predictions at the town's point, two gold
    # events (one at the depot 3 km off). Each report pairs with the gold event of its own day.
    depot = gold(north(3.0), place="depot", precision="facility", event_date="2023-03-29")
    town = gold(50.0, place="Melitopol", event_date="2023-03-27")
    early, late = ev(50.0, event_date="2023-03-27"), ev(50.0, event_date="2023-03-29")
    for predicted in ([early, late], [late, early]):
        pairs = match_events(predicted, [depot, town])
        assert {(predicted[p.predicted].event_date, p.gold) for p in pairs} == {
            ("2023-03-29", 0), ("2023-03-27", 1)}


@pytest.mark.parametrize(("precision", "inside", "outside"), [
    ("facility", 24.0, 26.0), ("town", 24.0, 26.0), ("district", 49.0, 51.0),
    ("region", 199.0, 201.0), ("country", 499.0, 501.0),
])
def test_radius_follows_gold_precision(precision, inside, outside):
    assert RADIUS_KM[precision] == pytest.approx((inside + outside) / 2)
    assert len(match_events([ev(north(inside))], [gold(50.0, precision=precision)])) == 1
    assert match_events([ev(north(outside))], [gold(50.0, precision=precision)]) == []


def test_far_prediction_is_a_false_positive_and_a_false_negative():
    doc = score_document("d", [ev(north(300.0))], Gold(Path("d.json"), None, [gold(50.0)]))
    assert (doc.counts.tp, doc.counts.fp, doc.counts.fn) == (0, 1, 1)
    assert doc.false_positives[0].kind == "spurious"
    assert doc.misses[0].nearest_prediction_km == pytest.approx(300.0, rel=1e-2)


def test_matching_with_nothing_on_one_side():
    assert match_events([], [gold(50.0)]) == []
    assert match_events([ev(50.0)], []) == []


def _best_by_brute_force(preds, golds):
    """Most pairs, then least total distance, over every one-to-one matching (by recursion)."""

    def best(i, used):
        if i == len(preds):
            return (0, 0.0)
        options = [best(i + 1, used)]                          # preds[i] left unmatched
        for j, g in enumerate(golds):
            d = distance_km(preds[i], g)
            if j not in used and d <= g.radius_km:
                count, total = best(i + 1, used | {j})
                options.append((count + 1, total + d))
        return min(options, key=lambda o: (-o[0], o[1]))

    return best(0, frozenset())


def test_matching_is_optimal_on_random_cases():
    rng = random.Random(7)
    for _ in range(150):
        golds = [gold(north(rng.uniform(0, 80)), 35.0 + rng.uniform(-0.3, 0.3),
                      precision=rng.choice(["town", "district", "facility"]))
                 for _ in range(rng.randint(1, 5))]
        preds = [ev(north(rng.uniform(0, 80)), 35.0 + rng.uniform(-0.3, 0.3))
                 for _ in range(rng.randint(1, 5))]
        pairs = match_events(preds, golds)
        assert len({p.predicted for p in pairs}) == len(pairs) == len({p.gold for p in pairs})
        assert all(p.distance_km <= golds[p.gold].radius_km for p in pairs)
        count, total = _best_by_brute_force(preds, golds)
        assert len(pairs) == count
        assert sum(p.distance_km for p in pairs) == pytest.approx(total, abs=1e-6)


# -- metrics --------------------------------------------------------------------------


def test_counts_measures():
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 1.0                      # nothing to find, nothing predicted
    assert Counts(fp=2).precision == 0.0 and Counts(fp=2).recall == 1.0
    assert Counts(fn=2).f1 == 0.0


def test_document_scores_and_attribute_accuracy():
    g = Gold(Path("d.json"), "2025-03-21", [
        gold(50.0, place="A", strike_type="drone", status="hit", event_date="2025-03-20"),
        gold(north(100.0), place="B", strike_type="missile", status="intercepted"),
        gold(north(200.0), place="Krasnovo depot", precision="facility", status="hit"),
    ])
    preds = [
        ev(north(2.0), place="A", strike_type="drone", status="hit", event_date="2025-03-21"),
        ev(north(101.0), place="B", strike_type="drone", status="hit", event_date="2025-03-20"),
        ev(north(400.0), place="Z"),
    ]
    text = "Drones hit Alpha. Then Krasnovo was struck by missiles at night."
    doc = score_document("d", preds, g, text=text)
    assert (doc.counts.tp, doc.counts.fp, doc.counts.fn) == (2, 1, 1)
    assert doc.counts.tp + doc.counts.fn == len(g.events)
    assert doc.counts.tp + doc.counts.fp == len(preds)
    assert doc.misses[0].gold.place == "Krasnovo depot"
    assert doc.misses[0].sentence == "Then Krasnovo was struck by missiles at night."
    report = Report(gold_dir="x", documents=[doc])
    acc = report.attribute_accuracy
    assert (acc["strike_type"].correct, acc["strike_type"].total) == (1, 2)
    assert (acc["status"].correct, acc["status"].total) == (1, 2)
    assert acc["target_type"].total == 0 and acc["target_type"].value is None  # not annotated
    assert (acc["event_date"].correct, acc["event_date"].total) == (0, 1)      # only A has a gold date
    data = report.to_dict()
    assert data["totals"]["tp"] == 2 and data["totals"]["gold_events"] == 3
    json.dumps(data)  # JSON-ready


def test_status_confusion_matrix():
    def m(gold_status, pred_status):
        return Match("d", gold(50.0, status=gold_status), ev(50.0, status=pred_status), 0.0)

    matrix = status_confusion([m("hit", "hit"), m("hit", "claimed"), m("intercepted", "hit"),
                               m("hit", "hit"), m(None, "hit")])
    assert matrix["hit"] == {"hit": 2, "intercepted": 0, "claimed": 1, "unknown": 0}
    assert matrix["intercepted"]["hit"] == 1
    assert sum(sum(row.values()) for row in matrix.values()) == 4   # the pair without gold status skipped
    assert set(matrix) == {"hit", "intercepted", "claimed", "unknown"}


def test_duplicates_and_mentions_are_counted_apart():
    g = Gold(Path("d.json"), None,
             events=[gold(50.0, place="Town"), gold(north(300.0), place="Oblast", precision="region")],
             mentions=[GoldMention("Capital", north(600.0), 35.0), GoldMention("Town", 50.0, 35.0)])
    preds = [
        ev(50.0, place="Town"),                      # TP
        ev(north(3.0), place="Town again"),          # duplicate of Town (also on the Town mention)
        ev(north(290.0), place="Oblast village"),    # TP (region radius 200 km)
        ev(north(420.0), place="Oblast edge"),       # duplicate: within 200 km of the matched region
        ev(north(605.0), place="Capital"),           # mention mapped
        ev(north(900.0), place="Nowhere"),           # spurious
    ]
    doc = score_document("d", preds, g)
    kinds = {f.predicted.place: f.kind for f in doc.false_positives}
    assert kinds == {"Town again": "duplicate", "Oblast edge": "duplicate", "Capital": "mention",
                     "Nowhere": "spurious"}
    report = Report(gold_dir="x", documents=[doc], worst=2)
    assert len(report.duplicates) == 2 and len(report.mentions_mapped) == 1
    data = report.to_dict()
    assert data["leftover_duplicates"]["count"] == 2
    assert data["mentions_mapped"]["count"] == 1
    assert data["mentions_mapped"]["items"][0]["near"] == "Capital"
    # The worst false positives: spurious first, then mentions; duplicates last.
    assert [f.predicted.place for f in report.worst_false_positives()] == ["Nowhere", "Capital"]
    text = format_report(report)
    assert "2 leftover duplicates, 1 mentioned places mapped, 1 spurious" in text


# -- gold files -----------------------------------------------------------------------


def test_load_gold_reads_the_fixture():
    g = load_gold(MINI / "001_ryazan_night.json")
    assert g.published == "2025-04-10"
    assert [e.precision for e in g.events] == ["facility", "region"]
    assert g.events[1].event_date is None
    assert g.mentions[0].place == "Istanbul"


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "not valid JSON"),
    ("[]", "not a JSON object"),
    ('{"events": {}}', "'events' is not a list"),
    ('{"events": [{"place": "X", "lat": 95, "lon": 30, "precision": "town"}]}',
     "events[0].lat 95 is out of range"),
    ('{"events": [{"place": "X", "lat": 50, "lon": 30}]}', "events[0].precision is None"),
    ('{"events": [{"place": "X", "lat": 50, "lon": 30, "precision": "town", "status": "destroyed"}]}',
     "events[0].status is 'destroyed'"),
    ('{"published": "21/03/2025", "events": []}', "published '21/03/2025' is not a date"),
    ('{"events": [], "mentions": [{"place": "X", "lat": "50", "lon": 30}]}', "mentions[0].lat is missing"),
])
def test_load_gold_names_the_problem(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=reason.replace("[", r"\[").replace("]", r"\]")):
        load_gold(path)


def test_bad_gold_files_get_one_line_each_and_the_rest_is_evaluated(tmp_path, capsys):
    shutil.copy(MINI / "003_talks_only.txt", tmp_path)
    shutil.copy(MINI / "003_talks_only.json", tmp_path)
    (tmp_path / "001_broken.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "002_no_text.json").write_text('{"events": []}', encoding="utf-8")
    status = main(["evaluate", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2, err
    assert "001_broken.json" in lines[0] and "not valid JSON" in lines[0]
    assert "002_no_text.json" in lines[1] and "no article" in lines[1]
    assert "Traceback" not in err
    assert "003_talks_only" in out


def test_texts_folder_is_searched(tmp_path, capsys):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(MINI / "003_talks_only.json", gold_dir)
    assert main(["evaluate", str(gold_dir), "--texts", str(MINI)]) == 0
    assert "003_talks_only" in capsys.readouterr().out


def test_missing_gold_folder_is_one_line(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "absent")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "absent" in err


# -- end to end -----------------------------------------------------------------------


def test_evaluate_command_end_to_end(tmp_path):
    report_path = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "-m", "geomap.cli", "evaluate", str(MINI), "--report",
                           str(report_path), "--worst", "3"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for heading in ("TOTAL", "Attributes on matched pairs", "Status confusion", "False positives by kind",
                    "Worst false negatives", "Worst false positives"):
        assert heading in proc.stdout
    data = json.loads(report_path.read_text(encoding="utf-8"))
    assert data["problems"] == []
    assert data["documents_evaluated"] == 3
    docs = data["documents"]
    assert [d["name"] for d in docs] == ["001_ryazan_night", "002_kharkiv_sumy", "003_talks_only"]
    gold_counts = {d["name"]: len(load_gold(MINI / f"{d['name']}.json").events) for d in docs}
    for d in docs:
        assert d["gold_events"] == gold_counts[d["name"]]
        assert d["tp"] + d["fn"] == d["gold_events"]
        assert d["tp"] + d["fp"] == d["predicted_events"]
        assert len(d["matches"]) == d["tp"]
        assert len(d["false_negatives"]) == d["fn"]
        assert len(d["false_positives"]) == d["fp"]
        for key in ("precision", "recall", "f1"):
            assert 0.0 <= d[key] <= 1.0
    totals = data["totals"]
    assert totals["gold_events"] == sum(gold_counts.values()) == 4
    assert totals["tp"] + totals["fn"] == totals["gold_events"]
    assert totals["tp"] + totals["fp"] == totals["predicted_events"]
    assert set(data["attribute_accuracy"]) == {"strike_type", "target_type", "status", "attacker",
                                               "event_date", "event_date_window"}
    for acc in data["attribute_accuracy"].values():
        assert acc["total"] <= totals["tp"] and 0 <= acc["correct"] <= acc["total"]
    matrix = data["status_confusion"]["matrix"]
    assert sum(sum(row.values()) for row in matrix.values()) == data["attribute_accuracy"]["status"]["total"]
    all_fps = [f for d in docs for f in d["false_positives"]]
    assert data["mentions_mapped"]["count"] == sum(f["kind"] == "mention" for f in all_fps)
    assert data["leftover_duplicates"]["count"] == sum(f["kind"] == "duplicate" for f in all_fps)
    assert len(data["worst_false_negatives"]) <= 3 and len(data["worst_false_positives"]) <= 3
    assert all(f["evidence"] for f in data["worst_false_positives"])


def test_a_week_date_covers_the_gold_day_within_its_window():
    from geomap.evaluate.scoring import _date_within
    from geomap.model import Event

    week = Event(place="X", place_name="X", place_id="x", lat=0, lon=0, event_date="2025-03-23",
                 date_precision="week")
    assert _date_within(week, "2025-03-18") and _date_within(week, "2025-03-23")
    assert _date_within(week, "2025-03-30") and not _date_within(week, "2025-03-31")
    assert not _date_within(week, "2025-03-15")
    day = Event(place="X", place_name="X", place_id="x", lat=0, lon=0, event_date="2025-03-23",
                date_precision="day")
    assert _date_within(day, "2025-03-23") and not _date_within(day, "2025-03-22")


# -- genres, confidence bands, coded notes ------------------------------------------------


def test_breakdown_by_genre_and_confidence_band():
    from geomap.evaluate.breakdown import by_genre, confidence_bands

    g = Gold(path=Path("x.json"), published=None, events=[gold(50.0), gold(52.0)], genre="tally")
    sure, unsure = ev(50.0, confidence=0.9), ev(north(300), confidence=0.4)
    doc = score_document("a", [sure, unsure], g)
    other = score_document("b", [ev(60.0, confidence=0.6)],
                           Gold(path=Path("y.json"), published=None, events=[gold(60.0)], genre="wire"))
    report = Report(gold_dir="x", documents=[doc, other])
    genres = {f.genre: f for f in by_genre(report.documents)}
    assert (genres["tally"].counts.tp, genres["tally"].counts.fp, genres["tally"].counts.fn) == (1, 1, 1)
    assert genres["wire"].counts.f1 == 1.0
    bands = {b.low: b for b in confidence_bands(report)}
    assert (bands[0.85].predicted, bands[0.85].correct) == (1, 1)
    assert (bands[0.0].predicted, bands[0.0].correct) == (1, 0)
    assert (bands[0.5].predicted, bands[0.5].correct) == (1, 1)


def test_gold_keeps_genre_and_source(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"published": None, "genre": "tally", "source": "https://example.org/x",
                                "events": []}), encoding="utf-8")
    loaded = load_gold(path)
    assert (loaded.genre, loaded.source) == ("tally", "https://example.org/x")
    path.write_text(json.dumps({"genre": 3, "events": []}), encoding="utf-8")
    with pytest.raises(GoldError, match="genre"):
        load_gold(path)


def test_notes_placement_counts_near_and_far_points(tmp_path):
    from geomap.evaluate.notes import evaluate_notes

    notes = tmp_path / "notes.jsonl"
    lines = [
        # Coded at Kupiansk itself: placed.
        {"id": "a", "text": "On 3 May 2023, Russian forces shelled Kupiansk, Kharkiv region.",
         "published": "2023-05-03", "lat": 49.7106, "lon": 37.6152, "origin": "written"},
        # Coded 200 km north of Kupiansk: the drawn point is far off and nothing is placed.
        {"id": "b", "text": "On 4 May 2023, Russian forces shelled Kupiansk, Kharkiv region.",
         "published": "2023-05-04", "lat": north(200, 49.7106), "lon": 37.6152, "namesakes": True},
        # No strike at all: nothing drawn.
        {"id": "c", "text": "On 5 May 2023, a concert took place in Kupiansk.", "published": "2023-05-05",
         "lat": 49.7106, "lon": 37.6152},
    ]
    notes.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    report = evaluate_notes(notes)
    assert len(report.problems) == 1 and ":4:" in report.problems[0]
    total = report.placement()
    assert (total.notes, total.placed, total.unplaced_empty) == (3, 1, 1)
    assert (total.points, total.far_points) == (2, 1)
    groups = report.groups()
    assert groups["namesakes"].far_points == 1 and groups["no namesakes"].far_points == 0
    assert [r.note.id for r in report.worst()] == ["b", "c"]


def test_evaluate_command_on_notes(tmp_path):
    notes = tmp_path / "n.jsonl"
    notes.write_text(json.dumps({"id": "a", "text": "On 3 May 2023, Russian forces shelled Kupiansk.",
                                 "published": "2023-05-03", "lat": 49.71, "lon": 37.62}) + "\n",
                     encoding="utf-8")
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, "-m", "geomap.cli", "evaluate", str(notes), "--report", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Placement on" in proc.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["placement"]["all"]["placed"] == 1
