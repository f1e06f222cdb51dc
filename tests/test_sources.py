"""Primary sources: Telegram exports, RSS and Atom feeds, saved pages, any encoding, compressed inputs.

Fixtures in tests/data/sources/ (written by tests/data/sources/make_fixtures.py; texts written
for the project). Strike texts are English where a test asserts mapped strikes; Cyrillic texts
are checked for being read and decoded exactly.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.model import Document, ReadProblem
from geomap.read import iter_documents

SOURCES = Path(__file__).parent / "data" / "sources"
FOLDER = SOURCES / "folder"
TELEGRAM = FOLDER / "telegram" / "result.json"


def read_all(*inputs: str | Path) -> list[Document | ReadProblem]:
    return list(iter_documents([str(i) for i in inputs]))


def docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def problems(items: list) -> list[ReadProblem]:
    return [i for i in items if isinstance(i, ReadProblem)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --------------------------------------------------------------------------- Telegram exports

def test_telegram_export_messages_become_documents() -> None:
    items = read_all(TELEGRAM)
    found = docs(items)
    assert [d.doc_id for d in found] == ["borderland_watch/2", "borderland_watch/4", "borderland_watch/5"]
    syzran, shostka, bryansk = found
    # a list of entities is flattened to its text (the bold "Syzran", the signature link's words)
    assert syzran.text.startswith("Ukrainian drones struck the oil refinery in Syzran overnight, starting")
    assert syzran.text.rstrip().endswith("Borderland Watch")
    assert syzran.published == "2025-04-03"
    assert syzran.source == "https://t.me/borderland_watch/2"  # username from the channel's signature
    assert syzran.title == "Borderland Watch"
    assert shostka.title == "Borderland Watch — forwarded from Sumy Region Watch"
    assert shostka.published == "2025-04-04"
    assert bryansk.text.startswith("Ночью над Брянской областью сбиты три беспилотника, сообщил губернатор.")
    # the service message, the photo and the sticker without text: skipped and counted, once
    [warning] = problems(items)
    assert warning.warning and warning.input == str(TELEGRAM)
    assert warning.reason == ("Borderland Watch: 3 messages without text skipped (service messages, "
                              "media without a caption)")


def test_telegram_without_known_username_names_the_channel(tmp_path: Path) -> None:
    export = {"name": "Oblast Admin", "type": "public_channel", "id": 42, "messages": [
        {"id": 7, "type": "message", "date": "2025-05-01T23:10:00", "text": "Drones hit a depot in Kursk."},
        {"id": 8, "type": "message", "date": "2025-05-02T01:00:00", "forwarded_from": None,
         "text": [{"type": "plain", "text": "Shelling in "}, {"type": "hashtag", "text": "#Kherson"}]},
    ]}
    path = write(tmp_path / "result.json", json.dumps(export))
    a, b = read_all(path)
    assert (a.source, a.doc_id, a.published, a.title) == (
        "Oblast Admin, Telegram message 7", "42/7", "2025-05-01", "Oblast Admin")
    assert b.text == "Shelling in #Kherson" and b.title == "Oblast Admin — forwarded"
    assert b.source == "Oblast Admin, Telegram message 8, forwarded"


def test_telegram_username_field_and_account_export(tmp_path: Path) -> None:
    export = {"personal_information": {"first_name": "A"}, "chats": {"about": "", "list": [
        {"name": "Air Raid Log", "type": "public_channel", "id": 5, "username": "@air_raid_log",
         "messages": [{"id": 1, "type": "message", "date": "2025-05-03T04:00:00",
                       "text": "Alert over Sumy."}]},
        {"name": "Notes", "type": "saved_messages", "id": 6, "messages": []},
    ]}}
    path = write(tmp_path / "result.json", json.dumps(export))
    [doc] = read_all(path)
    assert doc.source == "https://t.me/air_raid_log/1" and doc.doc_id == "air_raid_log/1"


def test_telegram_bad_json_and_other_json(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.json", '{"name": "x", "messages": [')
    other = write(tmp_path / "other" / "package.json", '{"name": "not telegram"}')
    [problem] = read_all(broken)
    assert not problem.warning and problem.reason.startswith("not valid JSON")
    [problem] = read_all(other)  # named explicitly: an error
    assert not problem.warning and "not a Telegram Desktop export" in problem.reason
    write(tmp_path / "other" / "a.txt", "Drones hit Kursk.")
    write(tmp_path / "other" / "sub" / "gold.json", '{"events": []}')
    write(tmp_path / "other" / "z.json", '{"messages": "not a list"}')
    items = read_all(tmp_path / "other")  # met in a folder: skipped, all counted in one warning
    assert [type(i).__name__ for i in items] == ["Document", "ReadProblem"]
    assert items[1] == ReadProblem(str(tmp_path / "other"), "3 JSON files that are not a Telegram export "
                                   "skipped (package.json, ...)", warning=True)


# --------------------------------------------------------------------------- feeds

def test_rss_items_with_the_writers_own_date() -> None:
    items = read_all(FOLDER / "wire.rss")
    assert problems(items) == []
    strike, weather = docs(items)
    assert strike.doc_id == "dew-2025-0406-01"
    assert strike.source == "https://wire.example.org/2025/04/06/kremenchuk"
    assert strike.title == "Missile strike on Kremenchuk refinery"
    assert strike.text.split("\n") == [
        "Missile strike on Kremenchuk refinery",
        "A Russian missile hit the oil refinery in Kremenchuk late on Saturday, the regional governor said. "
        "A fire broke out at the site."]
    assert strike.published == "2025-04-06"  # 00:40 at +03:00; in UTC it would still be the 5th
    assert weather.doc_id == "https://wire.example.org/2025/04/06/weather"  # no guid: the link


def test_atom_entry_prefers_content_and_published() -> None:
    [doc] = read_all(FOLDER / "monitor.atom")
    assert doc.doc_id == "urn:example:bscm:2025-04-07-tuapse"
    assert doc.source == "https://monitor.example.org/tuapse-2025-04-07"
    assert doc.published == "2025-04-07"
    assert "Drones hit Tuapse." not in doc.text  # the shorter summary gives way to the content
    assert doc.text.split("\n")[1:] == [
        "Ukrainian drones struck the Tuapse oil refinery overnight, setting a fuel tank on fire, "
        "the Krasnodar regional authorities said.",
        "Loading at the port terminal was halted."]


def test_feed_problems(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.rss", "<rss><channel><item><title>Unclosed")
    [problem] = read_all(bad)
    assert not problem.warning and problem.reason.startswith("not a readable feed")
    dated = write(tmp_path / "d.xml", '<?xml version="1.0"?><rss version="2.0"><channel><item>'
                                      "<title>Shelling in Kherson</title><pubDate>someday</pubDate>"
                                      "</item></channel></rss>")
    warning, doc = read_all(dated)
    assert warning.warning and "item 1: published 'someday' is not an ISO date" in warning.reason
    assert doc.published is None and doc.text == "Shelling in Kherson"
    write(tmp_path / "dir" / "sitemap.xml", '<?xml version="1.0"?><urlset><url>x</url></urlset>')
    write(tmp_path / "dir" / "a.txt", "text")
    items = read_all(tmp_path / "dir")
    assert [type(i).__name__ for i in items] == ["Document", "ReadProblem"]
    assert items[1].warning and "not an RSS or Atom feed" in items[1].reason


# --------------------------------------------------------------------------- saved pages

BOILERPLATE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Drones hit oil depot | Borderland Herald</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Borderland Herald"},
 {"@type": "NewsArticle", "headline": "Drones hit oil depot", "datePublished": "2025-04-02T08:15:00+03:00"}]}
</script>
</head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<div class="weather-widget">Bryansk +4°C, light rain. Kursk +6°C, cloudy.</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/war">War</a></li></ul></nav>
<main id="main"><article>
<h1>Drones hit oil depot in Bryansk region</h1>
<p>Ukrainian drones struck an oil depot in the town of Novozybkov in the Bryansk region overnight, the
regional governor said on Wednesday morning.</p>
<p>A fire broke out at one of the fuel tanks and was put out by the morning, he wrote. Nobody was hurt,
according to the emergency services.</p>
<div class="ad-slot">Advertisement</div>
<p>Local residents said they heard at least five explosions shortly after two o'clock at night, and that
the air defence fired for about half an hour.</p>
<div class="read-more"><h3>Read more</h3><ul><li><a href="/a">Missile strike on Kharkiv power plant</a></li>
<li><a href="/b">Shelling in Kherson leaves two wounded</a></li></ul></div>
</article></main>
<aside><h3>Most read</h3><ol><li><a href="/c">Drones downed over Moscow</a></li></ol></aside>
<footer><p>© 2025 Borderland Herald. All rights reserved.</p><p>Subscribe to our newsletter</p></footer>
</body></html>
"""


def test_saved_page_reads_the_article_not_the_boilerplate(tmp_path: Path) -> None:
    [doc] = read_all(write(tmp_path / "page.html", BOILERPLATE_PAGE))
    assert doc.published == "2025-04-02"  # from the JSON-LD datePublished
    assert doc.title == "Drones hit oil depot | Borderland Herald"
    assert doc.text.split("\n")[0] == "Drones hit oil depot in Bryansk region"
    assert "struck an oil depot in the town of Novozybkov" in doc.text
    assert "fired for about half an hour." in doc.text
    for boilerplate in ("Skip to main content", "cookies", "+4°C", "Home", "Advertisement", "Read more",
                        "Kharkiv", "Kherson", "Most read", "Moscow", "All rights reserved", "newsletter"):
        assert boilerplate not in doc.text, boilerplate


def test_saved_page_in_windows_1251() -> None:
    items = read_all(FOLDER / "volgograd_page.html")
    assert problems(items) == []  # the page declares its charset: nothing to warn about
    [doc] = docs(items)
    assert doc.published == "2025-04-08" and doc.title == "Drones hit Volgograd refinery"
    assert ("Губернатор сообщил, что пожар на нефтеперерабатывающем заводе потушен, пострадавших нет."
            in doc.text)
    assert "Ukrainian drones struck the oil refinery in Volgograd early on Tuesday" in doc.text
    for boilerplate in ("Перейти к основному", "cookie", "+12°C", "Главная", "Реклама", "Читайте также",
                        "Kharkiv", "©"):
        assert boilerplate not in doc.text, boilerplate


def test_saved_page_in_windows_1251_without_a_declaration(tmp_path: Path) -> None:
    page = ("<html><body><article><p>Губернатор сообщил, что пожар на нефтебазе потушен. "
            "Пострадавших нет, жители окрестных домов в безопасности.</p></article></body></html>")
    path = write(tmp_path / "p.html", page.encode("cp1251"))
    warning, doc = read_all(path)
    assert warning.warning and warning.reason.endswith("read as windows-1251 (detected)")
    assert "Губернатор сообщил, что пожар на нефтебазе потушен." in doc.text


# --------------------------------------------------------------------------- encodings

CYRILLIC = "Ночью над Тульской областью сбиты пять беспилотников, сообщил губернатор.\n"


@pytest.mark.parametrize(("encoded", "warned"), [
    (CYRILLIC.encode("utf-8"), None),
    (b"\xef\xbb\xbf" + CYRILLIC.encode("utf-8"), None),
    (CYRILLIC.encode("utf-16"), None),  # with a byte order mark
    (CYRILLIC.encode("utf-16-le"), None),  # without one
    (CYRILLIC.encode("utf-16-be"), None),
    (CYRILLIC.encode("cp1251"), "windows-1251"),
    (CYRILLIC.encode("koi8-r"), "KOI8-R"),
])
def test_any_encoding_is_read_exactly(tmp_path: Path, encoded: bytes, warned: str | None) -> None:
    items = read_all(write(tmp_path / "a.txt", encoded))
    assert docs(items)[0].text == CYRILLIC
    if warned is None:
        assert problems(items) == []
    else:
        [warning] = problems(items)
        assert warning.warning and warning.reason.startswith("not valid UTF-8 (byte 0x")
        assert warning.reason.endswith(f"read as {warned} (detected)")


def test_latin1_text_is_read(tmp_path: Path) -> None:
    text = "Les drones ont frappé la raffinerie près de Genève, a déclaré le maire.\n"
    [warning, doc] = read_all(write(tmp_path / "fr.txt", text.encode("latin-1")))
    assert doc.text == text
    assert warning.reason == "not valid UTF-8 (byte 0xe9 at offset 20); read as windows-1252 (detected)"


def test_stray_byte_in_utf8_is_replaced_with_one_warning() -> None:
    path = FOLDER / "pavlohrad_stray_byte.txt"
    warning, doc = read_all(path)
    assert warning == ReadProblem(str(path), "not valid UTF-8 (byte 0xe9 at offset 148); read as UTF-8 "
                                             "with 1 undecodable byte replaced", warning=True)
    assert path.read_bytes()[148] == 0xE9
    assert "killing one caf\ufffd worker" in doc.text and "— Павлоград." in doc.text


def test_koi8r_fixture_and_bzip2(tmp_path: Path) -> None:
    for path in (SOURCES / "tula_koi8r.txt", SOURCES / "tula_koi8r.txt.bz2"):
        _, doc = read_all(path)
        assert doc.text == CYRILLIC and doc.doc_id == path.name


def test_jsonl_lines_in_a_legacy_encoding_warn_once(tmp_path: Path) -> None:
    lines = [json.dumps({"text": t}, ensure_ascii=False).encode("cp1251") + b"\n"
             for t in ("Удар по Брянску.", "Пожар на нефтебазе.", "Сбиты три беспилотника.")]
    path = write(tmp_path / "c.jsonl", b'{"text": "ok"}\n' + b"".join(lines))
    items = read_all(path)
    assert [d.text for d in docs(items)] == ["ok", "Удар по Брянску.", "Пожар на нефтебазе.",
                                             "Сбиты три беспилотника."]
    first, last = problems(items)
    assert first.line == 2 and first.reason.startswith("not valid UTF-8 (byte 0xd3 at offset 25)")
    assert last.reason == "2 more lines not valid UTF-8, read the same way" and last.warning


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_jsonl_in_utf16(tmp_path: Path, codec: str) -> None:
    content = '{"id": "a", "text": "Удар по Брянску."}\n{"id": "b", "text": "Drones hit Kursk."}\n'
    items = read_all(write(tmp_path / "c.jsonl", content.encode(codec)))
    assert problems(items) == []
    assert [(d.doc_id, d.text) for d in docs(items)] == [
        ("a", "Удар по Брянску."), ("b", "Drones hit Kursk.")]


# --------------------------------------------------------------------------- compressed inputs

def test_compressed_inputs_read_transparently(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"n{i}", "text": f"Drones hit Kursk {i}."}) + "\n" for i in range(3))
    write(tmp_path / "c.jsonl.gz", gzip.compress(rows.encode()))
    write(tmp_path / "c2.ndjson.bz2", bz2.compress(rows.replace('"n', '"m').encode()))
    write(tmp_path / "t.txt.xz", lzma.compress(b"Shelling in Kherson."))
    write(tmp_path / "p.html.gz", gzip.compress(b"<p>Missile strike on Odesa.</p>"))
    write(tmp_path / "notes.md.gz", gzip.compress(b"not an input"))
    items = read_all(tmp_path)
    assert problems(items) == []
    assert [d.doc_id for d in docs(items)] == ["n0", "n1", "n2", "m0", "m1", "m2", "p.html.gz", "t.txt.xz"]
    assert docs(items)[-1].text == "Shelling in Kherson."
    [problem] = read_all(tmp_path / "notes.md.gz")
    assert problem.reason.startswith("unsupported input type '.md.gz'")


def test_broken_archive_is_one_problem(tmp_path: Path) -> None:
    path = SOURCES / "broken.jsonl.gz"
    items = read_all(path)
    assert [p.reason.split(" (")[0] for p in problems(items)] == ["not valid gzip data"]
    bad = write(tmp_path / "x.txt.xz", b"not xz at all")
    [problem] = read_all(bad)
    assert problem.reason.startswith("not valid xz data")


def test_compressed_article_is_capped_in_decompressed_bytes(tmp_path: Path) -> None:
    from geomap.read import MAX_DOCUMENT_BYTES
    bomb = write(tmp_path / "big.txt.gz", gzip.compress(b"a" * (MAX_DOCUMENT_BYTES + 10)))
    assert bomb.stat().st_size < 100_000
    [problem] = read_all(bomb)
    assert problem.reason == "larger than 16 MiB for one article; not read"


# --------------------------------------------------------------------------- the "done when"

def test_run_on_a_folder_of_every_kind_maps_their_strikes(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["run", str(FOLDER), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "cannot read" not in err
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 2, err
    assert any("pavlohrad_stray_byte.txt" in w and "offset 148" in w for w in warnings)
    assert any("result.json" in w and "3 messages without text" in w for w in warnings)
    features = json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))["features"]
    by_source: dict[str, set[str]] = {}
    for feature in features:
        props = feature["properties"]
        by_source.setdefault(props["source"], set()).add(props["place_name"])
    names = " | ".join(sorted(n for ns in by_source.values() for n in ns))
    for place in ("Syzran", "Shostka", "Kremenchuk", "Tuapse", "Volgograd", "Konotop", "Pavlohrad",
                  "Novorossiysk", "Engels", "Kstovo"):
        assert place in names, (place, names)
    assert "Syzran oil refinery" in by_source["https://t.me/borderland_watch/2"]
    assert any(s.endswith("volgograd_page.html") for s in by_source)


# --------------------------------------------------------------------------- any bytes at all

@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".json", ".rss", ".txt.gz"])
def test_any_bytes_give_documents_or_one_line_problems(tmp_path: Path, suffix: str) -> None:
    """Whatever a file holds, reading it raises nothing and says something (a document or a reason)."""
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [b"", b"\x00\x01", b"\xff\xfe{\x00", b"\xef\xbb\xbf{", "Удар".encode("cp1251"), b"<rss>",
             b'{"messages": [', b"\x1f\x8b\x08\x00"]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
              database=None)
    @given(st.one_of(st.sampled_from(seeds), st.binary(max_size=300),
                     st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
    def check(data: bytes) -> None:
        path = tmp_path / f"x{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        items = read_all(path)
        assert items, data
        for item in items:
            assert isinstance(item, (Document, ReadProblem))
            if isinstance(item, ReadProblem):
                assert "\n" not in item.reason and item.reason

    assert hypothesis is not None
    check()
