"""Scale: --jobs, the store that grows, and Dask give the events of a plain one-process run.

The documents are the real development articles (tests/real/dev) spread over a few
publication days, so repeated reports of one strike merge across documents, plus the
examples (dated, with a JSONL corpus). Every comparison is of the full events (every
field of every event, in order), not of counts.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.pipeline import extract_events
from geomap.store import is_store, read_store, update_store

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "real" / "dev"


def _write_shards(folder: Path, shards: int = 3) -> list[Path]:
    """The dev articles as JSONL shards, published over five days (an article per line)."""
    texts = sorted(DEV.glob("*.txt"))
    assert len(texts) > 100  # the real development set is there
    paths = [folder / f"shard-{n}.jsonl" for n in range(shards)]
    handles = [path.open("w", encoding="utf-8") for path in paths]
    for index, text in enumerate(texts):
        record = {"id": text.stem, "url": f"https://example.org/{text.stem}",
                  "published": f"2025-06-0{1 + index % 5}", "text": text.read_text(encoding="utf-8")}
        handles[index % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
    for handle in handles:
        handle.close()
    return paths


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[Path]:
    return _write_shards(tmp_path_factory.mktemp("shards"))


@pytest.fixture(scope="module")
def plain(shards):
    """The reference: one process, every input."""
    return extract_events([str(p) for p in shards] + [str(ROOT / "examples")], jobs=1)


def _features(events) -> list[str]:
    return [json.dumps(e.to_feature(), sort_keys=True, ensure_ascii=False) for e in events]


def _without_ids(events) -> list[str]:
    out = []
    for event in events:
        feature = event.to_feature()
        feature.pop("id")
        feature["properties"].pop("event_id")
        out.append(json.dumps(feature, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def test_the_reference_run_merges_reports_across_documents(plain):
    # The comparisons below mean something only if documents merge and mentions are kept.
    assert plain.documents > 140
    assert any(len(e.doc_ids) > 1 for e in plain.events)
    assert plain.mentions


def test_jobs_give_byte_identical_output(shards, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Drones hit the Saratov refinery."}\nnot json\n', encoding="utf-8")
    inputs = [str(shards[0]), str(bad), str(ROOT / "examples")]
    outputs = {}
    for jobs in (1, 2, 3):
        target = tmp_path / f"jobs{jobs}.geojson"
        assert main(["extract", *inputs, "-o", str(target), "--jobs", str(jobs)]) == 1  # the bad line
        outputs[jobs] = target.read_bytes()
        err = capsys.readouterr().err
        assert err.count("bad.jsonl:2: not valid JSON") == 1
    assert outputs[1] == outputs[2] == outputs[3]
    assert len(json.loads(outputs[1])["features"]) > 50


def test_jobs_keep_mentions_and_counts(shards, plain):
    inputs = [str(p) for p in shards] + [str(ROOT / "examples")]
    parallel = extract_events(inputs, jobs=2)
    assert _features(parallel.events) == _features(plain.events)
    assert parallel.mentions == plain.mentions
    assert parallel.documents == plain.documents


def _awkward_corpus(folder: Path, shard: Path) -> Path:
    """JSONL files with everything a reader must get right line by line, in one folder."""
    import codecs
    import gzip

    folder.mkdir()
    lines = shard.read_text(encoding="utf-8").splitlines()[:12]
    good = [json.loads(line) for line in lines]
    for record in good[:4]:
        record.pop("id")  # doc ids and sources from the file name and line number
        record.pop("url")
    good[5]["published"] = "21.03.2025"  # a warning, and the document read undated (then --date)
    good[6].pop("published")
    text = [json.dumps(record, ensure_ascii=False) for record in good]
    cp1251 = "Дроны атаковали нефтебазу в Брянске 3 марта.".encode("cp1251")
    # Not UTF-8: one warning for the first, a count of the others at the end of the file.
    odd = [b'{"id": "win-%d", "text": "' % n + cp1251 + b'"}' for n in range(3)]
    body = (codecs.BOM_UTF8 + text[0].encode() + b"\n\n  \n" + text[1].encode() + b"\n" + odd[0] + b"\n"
            + b"not json\n" + text[2].encode() + b"\n" + odd[1] + b"\n" + b'{"text": ""}\n' + odd[2] + b"\n"
            + b'{"text": "' + b"x" * 5000 + b'"}\n' + "\n".join(text[3:8]).encode())
    (folder / "a.jsonl").write_bytes(body)
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(text[8:10]) + "\n")
    (folder / "c.jsonl").write_bytes("\n".join(text[10:]).encode("utf-16"))
    (folder / "d.jsonl").write_bytes(b"\n\n")  # only blank lines
    (folder / "e.txt").write_text(json.loads(lines[0])["text"], encoding="utf-8")
    return folder


def test_jsonl_parsed_in_workers_reads_as_it_does_here(shards, tmp_path, monkeypatch):
    # With --jobs the workers parse the JSONL lines (geomap.parallel): every document, problem and
    # warning must come as a one-process run gives them, in the same order.
    from geomap.read import common

    monkeypatch.setattr(common, "MAX_JSONL_LINE_BYTES", 4096)  # a line over the limit, cheaply
    folder = _awkward_corpus(tmp_path / "awkward", shards[0])
    runs = {jobs: extract_events([str(folder), str(shards[1])], jobs=jobs, date="2025-06-09")
            for jobs in (1, 2)}
    one, two = runs[1], runs[2]
    said = [(str(p), p.warning) for p in one.problems]
    assert said == [(str(p), p.warning) for p in two.problems]
    reasons = " | ".join(text for text, _ in said)
    for expected in ("a.jsonl:5: ", "a.jsonl:6: not valid JSON", "2 more lines not valid UTF-8",
                     "'text' is empty", "line longer than", "not an ISO date", "d.jsonl: empty file"):
        assert expected in reasons
    assert sum(1 for text, warning in said if "a.jsonl:5: " in text and warning) == 1
    assert one.documents == two.documents > 60
    assert _features(one.events) == _features(two.events)
    assert one.mentions == two.mentions
    # The undated line took --date, and lines without ids took the file's name and line number.
    assert any("a.jsonl:1" in e.doc_ids for e in two.events)
    assert any(e.event_date and "2025-06-09" >= e.event_date >= "2025-06-02" for e in two.events)


def test_raw_lines_read_in_this_process_give_what_a_file_read_here_gives(shards):
    from geomap.parallel import ParsedDocument, extractions
    from geomap.read import iter_documents

    plain = list(extractions(iter_documents([str(shards[2])]), jobs=1))
    raw = list(extractions(iter_documents([str(shards[2])], raw_jsonl=4096), jobs=1))
    assert len(raw) == len(plain) > 40
    for (doc, found), (parsed, read) in zip(plain, raw, strict=True):
        assert isinstance(parsed, ParsedDocument) and parsed.text == "" and parsed.size > len(doc.text)
        assert (parsed.doc_id, parsed.source, parsed.title, parsed.published) == (
            doc.doc_id, doc.source, doc.title, doc.published)
        assert _features(found.events) == _features(read.events) and found.mentions == read.mentions


def test_readings_come_back_from_workers_as_tuples_and_are_built_again(plain):
    import pickle

    from geomap.extract import Extraction
    from geomap.parallel import _extraction, _pack

    events = [e for e in plain.events if e.evidence][:50]
    extraction = Extraction(events, plain.mentions[:50])
    packed = pickle.loads(pickle.dumps(_pack(extraction)))
    back = _extraction(packed)
    assert _features(back.events) == _features(events) and back.mentions == extraction.mentions
    assert [e.__dict__ for e in back.events] == [e.__dict__ for e in events]
    assert len(pickle.dumps(_pack(extraction))) < len(pickle.dumps(extraction))


def test_a_store_fed_day_by_day_holds_the_events_of_one_plain_run(shards, plain, tmp_path):
    store = tmp_path / "strikes.gpkg"
    first = update_store(store, [str(shards[0])], outdir=None)
    first_ids = {e.event_id: e for e in first.events}
    assert first.read > 40 and first_ids
    second = update_store(store, [str(p) for p in shards] + [str(ROOT / "examples")], outdir=tmp_path / "out",
                          jobs=2)
    assert second.skipped == first.read  # the first shard was not read again
    assert second.read == plain.documents - first.read
    assert _without_ids(second.events) == _without_ids(plain.events)
    events, mentions = read_store(store)
    assert mentions == plain.mentions
    # A stored event keeps its id; a new report of it adds its documents and evidence. The
    # exceptions: a coarse event (a region) that new reports show to be a strike on a place
    # inside it is folded into that event, and a village guessed among namesakes that the new
    # reports settle beside another strike joins it, as a plain run does; its reports are there.
    now = {e.event_id: e for e in events}
    kept = set(first_ids) & set(now)
    assert len(kept) >= 0.9 * len(first_ids)
    for event_id in set(first_ids) - kept:
        lost = first_ids[event_id]
        assert lost.geo_precision in ("region", "country", "town", "district")
        assert any(set(lost.evidence) <= set(e.evidence) and set(lost.doc_ids) <= set(e.doc_ids)
                   and (e.geo_precision != lost.geo_precision or lost.namesakes) for e in events)
    grown = [i for i in kept if len(now[i].doc_ids) > len(first_ids[i].doc_ids)]
    assert grown
    for event_id in grown:
        # A coarse report folded into the stored event (a district's, a region's) may fold into a
        # finer event the new reports bring, as a plain run folds it: its sentence moves, not lost.
        moved = set(first_ids[event_id].evidence) - set(now[event_id].evidence)
        assert all(any(sentence in e.evidence for e in events if e is not now[event_id])
                   for sentence in moved)
        if not moved:
            assert now[event_id].confidence >= first_ids[event_id].confidence
    # The store is a GeoPackage GDAL reads: its strikes layer holds the text events.
    import pyogrio

    layer = pyogrio.read_dataframe(store, layer="strikes")
    assert sorted(layer["event_id"]) == sorted(e.event_id for e in events if e.origin != "acled")
    assert (tmp_path / "out" / "strikes.html").stat().st_size > 0


def _dump(store: Path) -> list:
    connection = sqlite3.connect(store)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return [(name, sorted(map(repr, connection.execute(f"SELECT * FROM {name}")))) for name in tables
                if name != "gpkg_contents"]  # its last_change says when the store was written
    finally:
        connection.close()


def test_reading_the_same_input_again_changes_nothing(shards, tmp_path, capsys):
    store = tmp_path / "strikes.gpkg"
    args = ["run", str(shards[1]), "--store", str(store), "-o", str(tmp_path / "out"), "--jobs", "2"]
    assert main(args) == 0
    before = _dump(store)
    html = (tmp_path / "out" / "strikes.geojson").read_bytes()
    capsys.readouterr()
    assert main(args) == 0
    assert "0 new documents read" in capsys.readouterr().out
    assert _dump(store) == before
    assert (tmp_path / "out" / "strikes.geojson").read_bytes() == html
    assert is_store(store) and not is_store(tmp_path / "out" / "strikes.gpkg")


def test_map_and_export_read_a_store(shards, tmp_path):
    store = tmp_path / "strikes.gpkg"
    update_store(store, [str(shards[2])], outdir=None)
    events, _ = read_store(store)
    assert main(["map", str(store), "-o", str(tmp_path / "map.html")]) == 0
    assert main(["export", str(store), "-o", str(tmp_path / "events.geojson")]) == 0
    written = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert [f["id"] for f in written["features"]] == [e.event_id for e in events]
    assert (tmp_path / "map.html").stat().st_size > 10_000


def test_a_killed_update_leaves_the_store_as_it_was(shards, tmp_path):
    store = tmp_path / "strikes.gpkg"
    update_store(store, [str(shards[0])], outdir=None)
    before = _dump(store)
    env = dict(os.environ, GEOMAP_STORE_HOLD_BEFORE_COMMIT="60")
    child = subprocess.Popen(
        [sys.executable, "-m", "geomap.cli", "run", str(shards[1]), "--store", str(store), "--jobs", "1",
         "-o", str(tmp_path / "out")], env=env, stderr=subprocess.PIPE, text=True)
    try:
        # The update says when it has written everything and waits to commit: kill it there.
        for line in child.stderr:
            if "holding the transaction" in line:
                break
        else:
            pytest.fail("the update ended before it reached its commit")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    connection = sqlite3.connect(store)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    assert _dump(store) == before
    # And the next update goes through.
    again = update_store(store, [str(shards[1])], outdir=None)
    assert again.read > 40 and again.skipped == 0


def test_a_file_that_is_not_a_store_is_one_line(tmp_path, capsys):
    other = tmp_path / "other.gpkg"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert main(["run", str(ROOT / "examples"), "--store", str(other), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "not a geomap store" in err and "Traceback" not in err


def test_a_dask_cluster_gives_the_events_of_a_local_run(shards, plain, tmp_path):
    distributed = pytest.importorskip("distributed")
    from geomap.cluster import extract_events_on_cluster

    inputs = [str(p) for p in shards] + [str(ROOT / "examples")]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = extract_events_on_cluster(cluster.scheduler_address, inputs)
        # The command line: extract --dask writes the file --jobs 1 writes.
        corpus = str(ROOT / "examples" / "corpus.jsonl")
        assert main(["extract", corpus, "-o", str(tmp_path / "dask.geojson"),
                     "--dask", cluster.scheduler_address]) == 0
        assert main(["extract", corpus, "-o", str(tmp_path / "local.geojson"), "--jobs", "1"]) == 0
        assert (tmp_path / "dask.geojson").read_bytes() == (tmp_path / "local.geojson").read_bytes()
        with distributed.Client(cluster.scheduler_address) as client:
            # Each worker process read some of the documents (the gazetteer loaded once in each).
            assert len(client.scheduler_info()["workers"]) == 2
    assert _features(remote.events) == _features(plain.events)
    assert remote.mentions == plain.mentions
    assert remote.documents == plain.documents


def test_the_dask_api_takes_a_bag_of_documents(plain):
    pytest.importorskip("distributed")
    import dask
    import dask.bag as db

    from geomap.cluster import extract_bag
    from geomap.read import iter_documents

    documents = [d for d in iter_documents([str(ROOT / "examples" / "corpus.jsonl")])]
    local = extract_events([str(ROOT / "examples" / "corpus.jsonl")])
    with dask.config.set(scheduler="processes", num_workers=2):
        result = extract_bag(db.from_sequence(documents, npartitions=3))
    assert _features(result.events) == _features(local.events)
    assert result.documents == local.documents


def test_progress_is_shown_on_a_terminal_only(shards, tmp_path):
    import pty

    inputs = [str(shards[0])]
    command = [sys.executable, "-m", "geomap.cli", "extract", *inputs, "--jobs", "1"]
    # stderr a real pseudo-terminal: a progress bar with MB/s and the documents read.
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a 120-column terminal
    child = subprocess.run([*command, "-o", str(tmp_path / "a.geojson")], stderr=slave,
                           stdout=subprocess.PIPE, timeout=300)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert child.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "reading" in text and "B/s" in text and "docs" in text and "100%" in text
    # stderr a pipe (a log file, a cron job): nothing but what the run has to say.
    quiet = subprocess.run([*command, "-o", str(tmp_path / "b.geojson")], capture_output=True, text=True,
                           timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_day_that_touches_part_of_a_larger_store_restores_only_that_part(shards, tmp_path):
    # The store: two shards of real articles. The day: a few more articles, published later.
    store = tmp_path / "strikes.gpkg"
    update_store(store, [str(shards[0]), str(shards[1])], outdir=None)
    groups = sqlite3.connect(store).execute("SELECT count(*) FROM geomap_groups").fetchone()[0]
    before = {e.event_id: e for e in read_store(store)[0]}
    day = tmp_path / "day.jsonl"
    lines = shards[2].read_text(encoding="utf-8").splitlines()[:6]
    records = [{**json.loads(line), "id": f"day-{n}", "published": "2025-06-09"}
               for n, line in enumerate(lines)]
    day.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    reference = tmp_path / "reference.gpkg"
    reference.write_bytes(store.read_bytes())
    partial = update_store(store, [str(day)], outdir=None)
    full = update_store(reference, [str(day)], outdir=None, full=True)
    assert partial.read == full.read == 6
    assert not partial.full and full.full
    assert 0 < partial.restored < groups / 2  # only the part the day can touch was restored
    # The same events as restoring everything, ids and all, and as one plain run of every input.
    assert _features(read_store(store)[0]) == _features(read_store(reference)[0])
    assert read_store(store)[1] == read_store(reference)[1]
    plain = extract_events([str(shards[0]), str(shards[1]), str(day)], jobs=1)
    assert _without_ids(read_store(store)[0]) == _without_ids(plain.events)
    # Events the day did not touch are as they were; at least one stored event grew.
    after = {e.event_id: e for e in read_store(store)[0]}
    untouched = [i for i, e in after.items() if not any(d.startswith("day-") for d in e.doc_ids)]
    with_day = [e for e in after.values() if any(d.startswith("day-") for d in e.doc_ids)]
    for i in (i for i in untouched if i in before):
        if _features([after[i]]) == _features([before[i]]):
            continue
        if after[i].doc_ids == before[i].doc_ids and after[i].place_id in before[i].namesakes:
            continue  # a guess the day's places moved to one of its namesakes (as a plain run does)
        # The other change allowed: a coarse report folded into it now folds into a strike the day
        # brought (as a plain run of every input folds it); the event keeps the rest of its reports.
        lost = set(before[i].doc_ids) - set(after[i].doc_ids)
        assert lost and set(after[i].doc_ids) <= set(before[i].doc_ids)
        assert all(any(doc in e.doc_ids for e in with_day) for doc in lost)
    assert any(i in before and len(after[i].doc_ids) > len(before[i].doc_ids) for i in after)
    # The layers hold the same features as the reference's.
    import pyogrio

    for layer in ("strikes", "mentions"):
        mine = pyogrio.read_dataframe(store, layer=layer).drop(columns="geometry")
        theirs = pyogrio.read_dataframe(reference, layer=layer).drop(columns="geometry")
        assert sorted(map(tuple, mine.astype(str).values)) == sorted(map(tuple, theirs.astype(str).values))


def test_a_store_of_the_first_layout_is_brought_up_to_date(shards, tmp_path):
    # A store as the first layout kept it: groups with their states only, events by position.
    store = tmp_path / "strikes.gpkg"
    first = update_store(store, [str(shards[0])], outdir=None)
    events = read_store(store)[0]
    connection = sqlite3.connect(store)
    with connection:
        connection.execute("CREATE TABLE old_groups AS SELECT seq, event_id, state FROM geomap_groups")
        connection.execute("DROP TABLE geomap_groups")
        connection.execute("CREATE TABLE geomap_groups (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, "
                           "state TEXT NOT NULL)")
        connection.execute("INSERT INTO geomap_groups SELECT * FROM old_groups")
        connection.execute("DROP TABLE old_groups")
        connection.execute("DROP TABLE geomap_events")
        connection.execute("CREATE TABLE geomap_events (position INTEGER PRIMARY KEY, "
                           "event_id TEXT NOT NULL, data TEXT NOT NULL)")
        connection.executemany("INSERT INTO geomap_events VALUES (?, ?, ?)", [
            (i, e.event_id, json.dumps(e.__dict__, ensure_ascii=False)) for i, e in enumerate(events)])
        connection.execute("UPDATE geomap_store SET value = '1' WHERE key = 'version'")
    connection.close()
    assert _features(read_store(store)[0]) == _features(events)  # read as it is
    update = update_store(store, [str(shards[0]), str(shards[1])], outdir=None)
    assert update.full and update.skipped == first.read  # the first update after it: a full one
    plain = extract_events([str(shards[0]), str(shards[1])], jobs=1)
    assert _without_ids(read_store(store)[0]) == _without_ids(plain.events)
    query = "SELECT value FROM geomap_store WHERE key = 'version'"
    assert sqlite3.connect(store).execute(query).fetchone() == ("2",)
