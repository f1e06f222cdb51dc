"""The store's look-ups that a partial update relies on to be exact (see docs/scale.md).

The store here is built from the examples (real places, dated reports, a few guesses between
namesakes); tests/test_scale.py compares whole updates with full updates and plain runs.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import pytest

from geomap import namesakes
from geomap.gazetteer import default_gazetteer, distance_km
from geomap.model import Event
from geomap.store import update_store
from geomap.store.guesses import sure_points_near

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "strikes.gpkg"
    update_store(path, [str(ROOT / "examples")], outdir=None)
    return path


def _sure_points(connection: sqlite3.Connection) -> dict[int, tuple[float, float, int | None]]:
    return {seq: (lat, lon, day) for seq, lat, lon, day in connection.execute(
        "SELECT seq, sure_lat, sure_lon, sure_day FROM geomap_groups WHERE sure_lat IS NOT NULL")}


def test_the_sure_points_read_by_cell_hold_every_one_within_reach(store):
    connection = sqlite3.connect(store)
    every = _sure_points(connection)
    assert len(every) >= 5
    gazetteer = default_gazetteer()
    places = [(lat, lon) for lat, lon, _ in every.values()]
    places += [(p.lat, p.lon) for p in (gazetteer.rank(name)[0] for name in ("Kyiv", "Kharkiv", "Odesa"))]
    cells: dict = {}
    for lat, lon in places:
        near = {seq for seq, (a, b, _) in every.items() if distance_km(lat, lon, a, b) <= namesakes.NEAR_KM}
        assert near  # a sure point's own place is near it; so are the cities the examples strike
        found = sure_points_near(connection, [(lat, lon)], cells)
        assert near <= set(found)
        assert all(found[seq] == every[seq] for seq in found)
    # Asked again with the cells read so far: nothing read anew, the same points.
    assert sure_points_near(connection, places[:3], cells) == sure_points_near(connection, places[:3])


def test_guesses_settled_together_move_as_each_settled_alone(store):
    # Every stored sure point is an anchor for all; each guess alone gets only those near its
    # namesakes. Counting only anchors within NEAR_KM, both must give the same moves.
    connection = sqlite3.connect(store)
    gazetteer = default_gazetteer()
    anchors = list(_sure_points(connection).values())
    guesses = []
    for (state,) in connection.execute("SELECT state FROM geomap_groups"):
        event = Event.__new__(Event)
        event.__dict__.update(json.loads(state)["event"])
        candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
        if event.namesakes and candidates[0] is not None:
            guesses.append((event, [c for c in candidates if c is not None]))
    # Beside the examples' guesses, some made up: each stands on a village at Lviv's point (no sure
    # point near it; a city of Lviv's size never moves) with the place of one of the sure points as
    # its namesake, so it must move there.
    far = gazetteer.rank("Lviv")[0]._replace(population=0)
    sure_places = [place_id for (place_id,) in connection.execute(
        "SELECT place_id FROM geomap_groups WHERE sure_lat IS NOT NULL ORDER BY seq")]
    for place in [gazetteer.get(i) for i in sure_places[:6]]:
        if place is not None and place.id != far.id:
            event = Event(place=far.name, place_name=far.name, place_id=far.id, lat=far.lat, lon=far.lon,
                          event_date="2025-03-24", namesakes=(place.id,))
            guesses.append((event, [far, place]))
    assert guesses
    together = {id(e): p.id for e, p in namesakes.settle(guesses, anchors)}
    assert len(together) >= 3  # the made-up guesses move
    alone = {}
    for event, candidates in guesses:
        mine = sure_points_near(connection, [(c.lat, c.lon) for c in candidates])
        alone.update({id(e): p.id for e, p in namesakes.settle([(event, candidates)], list(mine.values()))})
    assert together == alone


def test_a_store_update_without_outputs_writes_nothing_but_the_store(tmp_path, capsys):
    from geomap.cli import main
    from geomap.store import read_store

    store, out = tmp_path / "strikes.gpkg", tmp_path / "out"
    day = ROOT / "examples" / "2025-03-24_kharkiv_apartment_block.txt"
    assert main(["run", str(day), "--store", str(store), "-o", str(out), "--no-outputs", "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    events = read_store(store)[0]
    assert events and not out.exists() and "wrote" not in said
    assert f"{len(events)} strike events" in said
    # The same update with the outputs (the default) writes them from the store.
    assert main(["run", str(day), "--store", str(store), "-o", str(out), "--jobs", "1"]) == 0
    assert (out / "strikes.html").exists() and "0 new documents read" in capsys.readouterr().out
    assert main(["run", str(day), "-o", str(out), "--no-outputs"]) == 2
    assert "--no-outputs goes with --store" in capsys.readouterr().err


def _articles(path: Path, texts: list[Path], published: str) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for text in texts:
            record = {"id": text.stem, "url": f"https://example.org/{text.stem}", "published": published,
                      "text": text.read_text(encoding="utf-8")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _tables(store: Path) -> list:
    """Every row of every table, less the times (when the store was written, when a document was read)."""
    connection = sqlite3.connect(store)
    try:
        names = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'gpkg_contents' ORDER BY name")]
        found = [(name, sorted(map(repr, connection.execute(f"SELECT * FROM {name}")))) for name in names
                 if name != "geomap_documents"]
        found.append(("geomap_documents", sorted(connection.execute(
            "SELECT doc_id, hash, source, published FROM geomap_documents"))))
        return found
    finally:
        connection.close()


def test_kept_events_no_change_reached_are_left_as_stored_without_comparing(tmp_path, monkeypatch):
    # A partial update compares with the store only the kept events a changed group went into or
    # left; the others are the stored ones. Two stores take the same days, one comparing every
    # kept event: they end up the same, table by table, and the first compared fewer.
    from geomap.store import outcome, partial

    texts = sorted((ROOT / "tests" / "real" / "dev").glob("*.txt"))
    assert len(texts) > 80
    archive = _articles(tmp_path / "archive.jsonl", texts[:70], "2025-06-01")
    days = [_articles(tmp_path / f"day{n}.jsonl", texts[70 + 5 * n:75 + 5 * n], f"2025-06-0{2 + n}")
            for n in range(2)]
    shortcut, every = tmp_path / "shortcut.gpkg", tmp_path / "every.gpkg"
    update_store(shortcut, [str(archive)], outdir=None)
    every.write_bytes(shortcut.read_bytes())
    compared = {"shortcut": 0, "every": 0}
    changed = outcome._changed

    def counting(which: str):
        def compare(event, stored):
            compared[which] += 1
            return changed(event, stored)
        return compare

    for day in days:
        monkeypatch.setattr(outcome, "_changed", counting("shortcut"))
        done = update_store(shortcut, [str(day)], outdir=None)
        assert done.read == 5 and not done.full
        with monkeypatch.context() as m:
            m.setattr(outcome, "_changed", counting("every"))
            m.setattr(partial._LookedUp, "stored_ids", lambda self: set())  # no event known unchanged
            assert not update_store(every, [str(day)], outdir=None).full
        assert _tables(shortcut) == _tables(every)
    assert 0 < compared["shortcut"] < compared["every"]
    # A stored strike event is its kept group, written with it (the update reserves the ids of the
    # part's events as their kept groups' event ids): one for one, the same id.
    with sqlite3.connect(shortcut) as connection:
        events = set(connection.execute("SELECT event_id, seq FROM geomap_events WHERE kind = 0"))
        kept = set(connection.execute("SELECT event_id, seq FROM geomap_groups WHERE home = seq"))
    assert events == kept and len(events) > 50


def test_an_update_pauses_the_cycle_collector_and_leaves_nothing_only_it_could_free(tmp_path):
    # The collector is paused while the store's part is merged (it would walk the restored
    # groups again and again): that is safe only if the merge makes no reference cycles.
    import gc

    from geomap.extract import default_extractor

    default_extractor(None)  # the gazetteer and matcher, loaded once for the whole session
    gc.collect()
    store = tmp_path / "strikes.gpkg"
    texts = sorted((ROOT / "tests" / "real" / "dev").glob("*.txt"))
    days = [_articles(tmp_path / "archive.jsonl", texts[:40], "2025-06-01"),
            _articles(tmp_path / "day.jsonl", texts[40:44], "2025-06-02")]
    gc.disable()
    try:
        assert update_store(store, [str(days[0])], outdir=None).full
        assert gc.collect() == 0  # a full update
        assert not update_store(store, [str(days[1])], outdir=None).full
        assert gc.collect() == 0  # a partial one
    finally:
        gc.enable()
    assert update_store(store, [str(days[1])], outdir=None).skipped == 4
    assert gc.isenabled()  # on again after an update that found it on


def test_rounds_restoring_from_books_parsed_once_write_what_plain_restoring_writes(tmp_path, monkeypatch):
    # Each round of a partial update restores the part from the states and books read once, as
    # they are (no copies of the event's lists, a copy of the parsed book). Two stores take the
    # same days, one restoring the plain way (lists copied, books parsed each round): they end up
    # the same, table by table; and what the update kept of the store is as the store had it
    # before (no merge changed a kept state or book in place, which would reach the next round).
    from geomap.merge.books import _book_from_state, _PendingBook
    from geomap.store import partial

    texts = sorted((ROOT / "tests" / "real" / "dev").glob("*.txt"))
    archive = _articles(tmp_path / "archive.jsonl", texts[:70], "2025-06-01")
    days = [_articles(tmp_path / f"day{n}.jsonl", texts[70 + 6 * n:76 + 6 * n], f"2025-06-0{2 + n}")
            for n in range(2)]
    shortcut, plain, before = tmp_path / "shortcut.gpkg", tmp_path / "plain.gpkg", tmp_path / "before.gpkg"
    update_store(shortcut, [str(archive)], outdir=None)
    plain.write_bytes(shortcut.read_bytes())
    kept: list = []

    class Recorded(partial._LookedUp):
        def __init__(self, connection: sqlite3.Connection) -> None:
            super().__init__(connection)
            kept.append(self)

    restored = 0
    for day in days:
        before.write_bytes(shortcut.read_bytes())
        kept.clear()
        with monkeypatch.context() as m:
            m.setattr(partial, "_LookedUp", Recorded)
            done = update_store(shortcut, [str(day)], outdir=None)
        assert not done.full and len(kept) == 1
        restored += done.restored
        with monkeypatch.context() as m:
            m.setattr(partial, "_restorable", partial._restorable_plain)
            assert not update_store(plain, [str(day)], outdir=None).full
        assert _tables(shortcut) == _tables(plain)
        connection = sqlite3.connect(before)
        try:
            stored = {seq: json.loads(state) for seq, state in connection.execute(
                "SELECT seq, state FROM geomap_groups")}
        finally:
            connection.close()
        looked_up = kept[0]
        assert looked_up.groups and set(looked_up.books) == set(looked_up.groups)
        pending = 0
        for seq, (_, state, _, _) in looked_up.groups.items():
            assert (state["event"], state["bucket"]) == (stored[seq]["event"], stored[seq]["bucket"])
            book = looked_up.books[seq]
            if isinstance(book, _PendingBook):  # parsed when the merge first asked for it, or now
                pending += book.book is None
                book = book.parse()
            assert book == _book_from_state(stored[seq]["book"])
        assert 0 < pending < len(looked_up.groups)  # most books were never parsed, some were
    assert restored > 0


def test_a_guess_far_from_a_day_s_places_is_restored_when_one_of_its_namesakes_lies_near_them(tmp_path):
    # "Oleksandropil" with nothing around it stands on the likeliest of three Donetsk namesakes; a
    # later day's sure place by Vuhledar counts for the one there (9112513), so a partial update
    # restores the guess and settles it again (as a full one does); a place in Kyiv moves nothing.
    from geomap.gazetteer import default_gazetteer
    from geomap.store import touched
    from geomap.store.guesses import guesses_moved_by, guesses_moved_to
    from geomap.store.touched import seeds_moved

    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "published": "2024-02-20",
                                  "text": "Russian aircraft struck Oleksandropil on Monday."}) + "\n")
    store = tmp_path / "s.gpkg"
    update_store(store, [str(source)], outdir=None)
    connection = sqlite3.connect(store)
    (seq, state), = [(s, json.loads(t)) for s, t in connection.execute(
        "SELECT seq, state FROM geomap_groups WHERE namesakes != ''")]
    assert "geonames:9112513" in (state["event"]["place_id"], *state["event"]["namesakes"])
    vuhledar = (47.78, 37.25, None)  # 20 km from that namesake
    kyiv = (50.45, 30.52, None)
    assert guesses_moved_by(connection, [vuhledar]) == {seq}
    assert guesses_moved_by(connection, [kyiv]) == set()
    # Where it goes too: the update asks, before its first round, what may fold with it there.
    assert guesses_moved_to(connection, [vuhledar]) == {seq: "geonames:9112513"}
    # Asked as an update asks before its first round (the guesses of a day near the points' only), a
    # point of the guess's day still moves it; one a year later, which adds only to the totals, is
    # left to the check after the round (geomap.store.strays).
    day = datetime.date.fromisoformat(state["event"]["event_date"]).toordinal()
    that_day, a_year_later = [(*vuhledar[:2], day)], [(*vuhledar[:2], day + 365)]
    assert guesses_moved_to(connection, that_day, near_days_only=True) == {seq: "geonames:9112513"}
    assert guesses_moved_to(connection, a_year_later, near_days_only=True) == {}
    assert guesses_moved_to(connection, a_year_later) == {seq: "geonames:9112513"}
    (lo, hi, precision), = connection.execute("SELECT lo, hi, precision FROM geomap_groups WHERE seq = ?",
                                              (seq,))
    # Of the guess's kind (weapon, target, status), its window as stored (a day stays in the fold).
    kind = tuple(state["event"][k] for k in ("strike_type", "target_type", "status"))
    moves = touched.STAYS if lo == hi else touched.AS_FINER
    assert seeds_moved(connection, {seq: "geonames:9112513"}) == [
        touched.Seed("Donetsk Oblast", "UA", precision, lo, hi, kind, moves)]
    # A namesake in another region (none of this guess's: the seed follows the place it is given).
    kharkiv = default_gazetteer().nearest_town(49.99, 36.23)
    assert seeds_moved(connection, {seq: kharkiv.id}) == [
        touched.Seed("Kharkiv Oblast", "UA", precision, lo, hi, kind, moves)]


def test_a_stored_guess_is_read_for_settling_as_its_parsed_state_gives_it(store):
    # guesses_moved_to reads a guess's day and weapon out of its state without parsing it: the same
    # values as the parsed state, and a state laid out otherwise (keys in another order) is parsed.
    from geomap.store.guesses import _settling

    connection = sqlite3.connect(store)
    rows = list(connection.execute(
        "SELECT place_id, namesakes, state FROM geomap_groups WHERE namesakes != ''"))
    assert rows
    fields = ("place_id", "namesakes", "event_date", "strike_type")
    for place_id, others, text in rows:
        event = json.loads(text)["event"]
        want = (event["place_id"], tuple(event["namesakes"]), event["event_date"], event["strike_type"])
        assert tuple(getattr(_settling(place_id, others, text), f) for f in fields) == want
        shuffled = json.dumps({"book": json.loads(text)["book"], "event": dict(reversed(event.items()))})
        assert tuple(getattr(_settling("", "", shuffled), f) for f in fields) == want
    # Quoted keys inside a text are escaped: not taken for the event's own.
    event = json.loads(rows[0][2])["event"]
    tricky = dict(event, evidence=['he said "event_date": "1999-01-01", "strike_type": "missile"'])
    tricky = {k: tricky[k] for k in ("evidence", *(k for k in tricky if k != "evidence"))}  # evidence first
    text = json.dumps({"event": tricky, "book": {}}, ensure_ascii=False)
    settling = _settling(rows[0][0], rows[0][1], text)
    assert (settling.event_date, settling.strike_type) == (event["event_date"], event["strike_type"])


def test_a_window_meets_one_of_many_as_a_scan_of_them_finds():
    # twin_groups finds whether a group's window meets one of a place's windows by bisection.
    import random

    from geomap.store.touched import _WIDEST, _Meets

    rng = random.Random(3)
    met = 0
    for _ in range(300):
        windows = set()
        for _ in range(rng.randint(1, 40)):
            lo = rng.randint(0, 200)
            windows.add((lo, lo + rng.choice((0, 0, 0, 6, 13, 30))))
        meets = _Meets(windows)
        for _ in range(50):
            glo = rng.randint(-40, 260)
            ghi = glo + rng.choice((0, 0, 6, 13, 30))
            scan = any(lo - _WIDEST <= glo <= hi and ghi >= lo for lo, hi in windows)
            assert meets(glo, ghi) == scan, (sorted(windows), glo, ghi)
            met += scan
    assert 1000 < met < 14000  # both answers, many times


def test_twin_groups_asked_place_by_place_are_those_asked_window_by_window(store):
    # A place's windows are asked about together (one query a stretch of days) and what comes back
    # kept when it meets one of them: the same groups as one query a window, namesakes followed.
    import random

    from geomap.store import touched

    connection = sqlite3.connect(store)
    rows = list(connection.execute(
        "SELECT place_id, lo, hi, namesakes FROM geomap_groups WHERE lo IS NOT NULL"))
    assert any(others for *_, others in rows)  # some guesses: their namesakes are followed
    rng = random.Random(5)
    for _ in range(20):
        keys = [(place, lo + rng.randint(-40, 40), hi + rng.randint(0, 40))
                for place, lo, hi, _ in rng.sample(rows, min(len(rows), rng.randint(1, 30)))]
        keys = [(place, lo, max(lo, hi)) for place, lo, hi in keys]
        found = touched.twin_groups(connection, keys)
        assert found == touched._twin_groups_one_by_one(connection, keys)
    assert found


def test_a_group_s_kind_read_from_its_state_s_text_is_what_json_extract_reads(store):
    from geomap.store.touched import _KIND_EXTRACTED, KIND_COLUMN, kind_of, kind_read

    with sqlite3.connect(store) as connection:
        rows = list(connection.execute(f"SELECT seq, {KIND_COLUMN}, {_KIND_EXTRACTED} FROM geomap_groups"))
        assert len(rows) > 20
        for seq, text, *extracted in rows:
            assert text is not None and kind_read(connection, seq, text) == kind_of(*extracted)
        # A text that does not read as the store writes a state (cut short, another layout): json_extract.
        seq, text, *extracted = rows[0]
        assert kind_read(connection, seq, text[:20]) == kind_of(*extracted)
        assert kind_read(connection, seq, None) == kind_of(*extracted)
