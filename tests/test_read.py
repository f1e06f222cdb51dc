"""Tests for geomap.read: every input kind, every bad input, streaming of JSONL."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
from itertools import islice
from pathlib import Path

import pytest

from geomap import read
from geomap.model import Document, ReadProblem
from geomap.read import iter_documents, read_jsonl

BAD = Path(__file__).parent / "data" / "bad_inputs"
EXAMPLES = Path(__file__).parent.parent / "examples"


def docs(items: list[Document | ReadProblem]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def problems(items: list[Document | ReadProblem]) -> list[ReadProblem]:
    return [i for i in items if isinstance(i, ReadProblem)]


def read_all(*inputs: str | Path, default_date: str | None = None) -> list[Document | ReadProblem]:
    return list(iter_documents([str(i) for i in inputs], default_date=default_date))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- .txt

def test_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "article.txt", "Headline\nA drone hit a depot in Kursk.\n")
    [doc] = read_all(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == "article.txt"
    assert doc.source == str(path)
    assert doc.text == "Headline\nA drone hit a depot in Kursk.\n"
    assert doc.published is None
    assert doc.title == ""


def test_text_file_source_is_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "sub" / "a.txt", "Text.")
    monkeypatch.chdir(tmp_path)
    [doc] = read_all("sub/a.txt")
    assert doc.source == "sub/a.txt"
    assert doc.doc_id == "a.txt"


def test_text_file_date_from_name_and_default_date(tmp_path: Path) -> None:
    dated = write(tmp_path / "2025-03-21_refinery.txt", "A drone hit a refinery.")
    plain = write(tmp_path / "plain.txt", "A drone hit a refinery.")
    bogus = write(tmp_path / "2025-02-30_x.txt", "A drone hit a refinery.")
    items = read_all(dated, plain, bogus, default_date="2025-01-05")
    assert [d.published for d in docs(items)] == ["2025-03-21", "2025-01-05", "2025-01-05"]
    assert [d.published for d in docs(read_all(dated, plain))] == ["2025-03-21", None]


def test_text_file_newlines_and_bom(tmp_path: Path) -> None:
    crlf = write(tmp_path / "crlf.txt", b"\xef\xbb\xbfLine one\r\nLine two\rLine three")
    utf16 = write(tmp_path / "utf16.txt", "Удар по Харкову".encode("utf-16"))
    a, b = read_all(crlf, utf16)
    assert a.text == "Line one\nLine two\nLine three"
    assert b.text == "Удар по Харкову"


def test_markup_in_text_file_is_just_text() -> None:
    items = read_all(BAD / "script.txt")
    assert problems(items) == []
    [doc] = docs(items)
    assert "<script>window.__pwned=1</script>" in doc.text
    assert "onerror=" in doc.text
    assert "struck an oil depot in the town of Novozybkov" in doc.text


def test_good_fixture() -> None:
    [doc] = read_all(BAD / "good.txt")
    assert isinstance(doc, Document)
    assert doc.doc_id == "good.txt"
    assert "substation in the Belgorod region" in doc.text


# --------------------------------------------------------------------------- bad inputs, one problem each

@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file, not text"),
    ],
)
def test_bad_fixture_gives_one_problem(name: str, reason: str) -> None:
    path = BAD / name
    items = read_all(path, BAD / "good.txt")
    assert items[0] == ReadProblem(str(path), reason)
    assert len(problems(items)) == 1
    assert [d.doc_id for d in docs(items)] == ["good.txt"]  # the rest still yields


def test_stray_latin1_byte_is_read_with_one_warning() -> None:
    """A file with a byte that is not UTF-8 is read, not lost: one warning names it and its offset."""
    path = BAD / "bad_utf8.txt"
    items = read_all(path, BAD / "good.txt")
    assert items[0] == ReadProblem(str(path), "not valid UTF-8 (byte 0xe9 at offset 27); "
                                              "read as windows-1252 (detected)", warning=True)
    assert len(problems(items)) == 1
    assert [d.doc_id for d in docs(items)] == ["bad_utf8.txt", "good.txt"]
    assert docs(items)[0].text == "Drone strike near Kursk café owner says\n"


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    items = read_all(missing, BAD / "good.txt")
    assert items[0] == ReadProblem(missing, "no such file or directory")
    assert len(docs(items)) == 1


@pytest.mark.parametrize(("name", "kind"), [("report.pdf", "'.pdf'"), ("README", "(no extension)"),
                                            ("data.csv", "'.csv'")])
def test_unsupported_extension_given_explicitly(tmp_path: Path, name: str, kind: str) -> None:
    path = write(tmp_path / name, "some text")
    [problem] = read_all(path)
    assert isinstance(problem, ReadProblem)
    assert problem.input == str(path)
    assert problem.reason.startswith(f"unsupported input type {kind}")
    assert ".txt" in problem.reason and ".jsonl" in problem.reason


def test_whitespace_only_file(tmp_path: Path) -> None:
    [problem] = read_all(write(tmp_path / "blank.txt", " \n\t\n"))
    assert problem.reason == "empty file (only whitespace)"


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    [doc] = read_all(write(tmp_path / "UPPER.TXT", "Text."))
    assert isinstance(doc, Document)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", "secret")
    path.chmod(0)
    try:
        [problem] = read_all(path)
    finally:
        path.chmod(0o644)
    assert problem.reason.startswith("cannot read:")


def test_problems_are_one_line(tmp_path: Path) -> None:
    items = read_all(*sorted(BAD.iterdir()), tmp_path / "missing.txt", tmp_path)
    for problem in problems(items):
        assert "\n" not in str(problem)
        assert "Traceback" not in str(problem)
        assert str(problem).startswith(problem.input)


def test_bad_default_date_raises_at_once() -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        iter_documents(["whatever.txt"], default_date="21/03/2025")


def test_reading_is_lazy(tmp_path: Path) -> None:
    gen = iter_documents([str(tmp_path / "missing.txt")])
    assert isinstance(next(gen), ReadProblem)  # nothing raised on creation, problem on demand


def test_single_string_input_is_not_split_into_characters() -> None:
    [doc] = list(iter_documents(str(BAD / "good.txt")))
    assert doc.doc_id == "good.txt"


# --------------------------------------------------------------------------- .html

PAGE = """<!doctype html>
<html><head>
<title>Refinery fire | Example News</title>
<meta property="og:title" content="Refinery   fire in Saratov">
<meta property="article:published_time" content="2025-03-21T06:40:00+03:00">
<style>p { color: red }</style>
<script>var tracking = "A missile hit Moscow";</script>
</head><body>
<header>Example News - Home</header>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Drone attack sets refinery ablaze</h1>
<p>A drone attack overnight set the Saratov refinery
   on fire, the governor said.</p>
<p>Nobody was hurt.<br>Firefighters worked until morning.</p>
<ul><li>First point</li><li>Second&nbsp;point &amp; more</li></ul>
<form><input name="q"><button>Search</button></form>
</article>
<aside>Most read: drone hits Kyiv</aside>
<noscript>Enable JavaScript</noscript>
<footer>Copyright Example News</footer>
<script>document.write("drone strike in Odesa")</script>
</body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    [doc] = read_all(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == "page.html"
    assert doc.source == str(path)
    assert doc.title == "Refinery fire in Saratov"
    assert doc.published == "2025-03-21"
    assert doc.text.split("\n") == [
        "Drone attack sets refinery ablaze",
        "A drone attack overnight set the Saratov refinery on fire, the governor said.",
        "Nobody was hurt.",
        "Firefighters worked until morning.",
        "First point",
        "Second point & more",
    ]
    for dropped in ("Moscow", "Example News", "Home", "Most read", "JavaScript", "Copyright", "Odesa",
                    "Search", "color"):
        assert dropped not in doc.text


def test_html_title_and_time_fallbacks(tmp_path: Path) -> None:
    page = ("<html><head><title> Plain  title </title></head><body><p>Text here.</p>"
            "<time datetime='last week'>x</time><time datetime='2025-03-19T10:00'>19 March</time>"
            "</body></html>")
    [doc] = read_all(write(tmp_path / "p.htm", page))
    assert doc.title == "Plain title"
    assert doc.published == "2025-03-19"
    assert doc.text == "Text here."  # stray inline bits outside the article are not its text


def test_html_bad_published_keeps_document(tmp_path: Path) -> None:
    page = ('<html><head><meta property="article:published_time" content="March 21st"></head>'
            "<body><p>A drone hit a depot.</p></body></html>")
    path = write(tmp_path / "2025-03-22_p.html", page)
    problem, doc = read_all(path)
    reason = "published 'March 21st' is not an ISO date; ignored"
    assert problem == ReadProblem(str(path), reason, warning=True)
    assert doc.published == "2025-03-22"  # falls back to the date in the file name


def test_html_declared_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Удар по Брянску</p></body></html>'
    [doc] = read_all(write(tmp_path / "ru.html", page.encode("windows-1251")))
    assert doc.text == "Удар по Брянску"


def test_html_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><body><script>x()</script><nav>Menu</nav></body></html>")
    assert read_all(path) == [ReadProblem(str(path), "no text in page")]


def test_html_deeply_nested(tmp_path: Path) -> None:
    page = "<div>" * 5000 + "Deep text" + "</div>" * 5000
    [doc] = read_all(write(tmp_path / "deep.html", page))
    assert doc.text == "Deep text"


# --------------------------------------------------------------------------- .jsonl

def test_jsonl_fields(tmp_path: Path) -> None:
    rows = [
        {"id": "a1", "url": "https://example.org/news/a1", "title": "  Depot  hit ",
         "published": "2025-03-21", "text": "A drone hit a depot."},
        {"text": "Shelling in Kherson.", "published": "2025-03-20T22:15:00Z"},
        {"id": 17, "text": "Missile strike on Odesa."},
    ]
    path = write(tmp_path / "corpus.ndjson", "".join(json.dumps(r) + "\n" for r in rows))
    a, b, c = read_all(path)
    assert (a.doc_id, a.source, a.title, a.published, a.text) == (
        "a1", "https://example.org/news/a1", "Depot hit", "2025-03-21", "A drone hit a depot.")
    assert (b.doc_id, b.source, b.title, b.published) == (
        "corpus.ndjson:2", f"{path}:2", "", "2025-03-20")
    assert (c.doc_id, c.published) == ("17", None)


def test_broken_jsonl_fixture() -> None:
    path = str(BAD / "broken.jsonl")
    items = read_all(path, default_date="2025-03-01")
    assert [(type(i).__name__, getattr(i, "doc_id", None) or i.line) for i in items] == [
        ("Document", "b-1"),
        ("ReadProblem", 2),
        ("Document", "b-3"),
        ("ReadProblem", 4),
        ("ReadProblem", 5),
        ("ReadProblem", 6),
        ("Document", "b-6"),
        ("ReadProblem", 7),
        ("ReadProblem", 9),
        ("Document", "broken.jsonl:10"),
    ]
    reasons = {p.line: p.reason for p in problems(items)}
    assert reasons[2].startswith("not valid JSON (")
    assert reasons[4] == "no 'text' field"
    assert reasons[5].startswith("not valid JSON (Expecting value")
    assert reasons[6] == "published '19/03/2025' is not an ISO date; ignored"
    assert reasons[7] == "not a JSON object (got array)"
    assert reasons[9] == "'text' is empty"
    assert all(p.input == path for p in problems(items))
    assert str(problems(items)[0]).startswith(f"{path}:2: not valid JSON")
    by_id = {d.doc_id: d for d in docs(items)}
    assert by_id["b-1"].published == "2025-03-18"
    assert by_id["b-3"].published == "2025-03-19"
    assert by_id["b-6"].published == "2025-03-01"  # bad date dropped, default date fills it
    assert by_id["broken.jsonl:10"].source == f"{path}:10"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": 5}', "'text' is not a string (got number)"),
        ('{"text": null}', "'text' is not a string (got null)"),
        ('"just a string"', "not a JSON object (got string)"),
        ('{"text": "ok", "published": 20250321}', "published '20250321' is not an ISO date; ignored"),
        ("[" * 100000 + "]" * 100000, None),
    ],
)
def test_jsonl_line_problems(tmp_path: Path, line: str, reason: str | None) -> None:
    path = write(tmp_path / "c.jsonl", line + "\n" + '{"text": "good"}\n')
    items = read_all(path)
    [problem] = problems(items)
    assert problem.line == 1
    if reason is not None:
        assert problem.reason == reason
    else:
        assert problem.reason.startswith("not valid JSON")
    assert docs(items)[-1].text == "good"


def test_jsonl_whole_file_problems(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.jsonl", b"")
    blank = write(tmp_path / "blank.jsonl", "\n  \n\n")
    binary = write(tmp_path / "bin.jsonl", b'{"text": "a"}\n\x00\x01\x02')
    assert read_all(empty) == [ReadProblem(str(empty), "empty file")]
    assert read_all(blank) == [ReadProblem(str(blank), "empty file (only blank lines)")]
    assert read_all(binary) == [ReadProblem(str(binary), "binary file, not text")]


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n')
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadProblem", "Document", "Document"]
    assert items[1] == ReadProblem(str(path), "not valid UTF-8 (byte 0xe9 at offset 28); "
                                              "read as windows-1252 (detected)", 2, warning=True)
    assert [d.text for d in docs(items)] == ["ok", "café", "fine"]


def test_jsonl_bom_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", b'\xef\xbb\xbf{"text": "a\\r\\nb"}\r\n{"text": "c"}\r\n')
    assert [d.text for d in read_all(path)] == ["a\nb", "c"]


def test_jsonl_overlong_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read.common, "MAX_JSONL_LINE_BYTES", 100)
    long_line = json.dumps({"text": "x" * 500})
    path = write(tmp_path / "c.jsonl", '{"text": "first"}\n' + long_line + '\n{"text": "after"}\n')
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadProblem", "Document"]
    assert items[1].line == 2 and "longer than" in items[1].reason
    assert items[2].text == "after" and items[2].doc_id == "c.jsonl:3"


def _big_jsonl(path: Path, lines: int) -> Path:
    row = {"text": "Drones attacked an oil depot in the Bryansk region overnight. " * 3,
           "published": "2025-03-21", "url": "https://example.org/news/x"}
    with path.open("w", encoding="utf-8") as handle:
        for i in range(lines):
            row["id"] = f"n{i}"
            handle.write(json.dumps(row) + "\n")
    return path


def test_jsonl_is_consumed_lazily(tmp_path: Path) -> None:
    path = _big_jsonl(tmp_path / "big.jsonl", 100_000)
    size = path.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    try:
        gen = iter_documents([str(path)])
        first = list(islice(gen, 3))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gen.close()
    assert [d.doc_id for d in first] == ["n0", "n1", "n2"]
    assert peak < 1_000_000, peak


def test_jsonl_memory_stays_flat_over_the_whole_file(tmp_path: Path) -> None:
    path = _big_jsonl(tmp_path / "big.jsonl", 20_000)  # tracemalloc makes a full read slow: keep it short
    tracemalloc.start()
    try:
        count = 0
        for item in read_jsonl(str(path)):
            assert isinstance(item, Document)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 500_000, peak  # the file is over 5 MB; a few tens of kB are in use at any time


# --------------------------------------------------------------------------- directories

def test_directory_recursive_sorted(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "b.txt", "B")
    write(root / "a" / "z.txt", "AZ")
    write(root / "a" / "deeper" / "x.html", "<p>AX</p>")
    write(root / "c.jsonl", '{"text": "C1"}\n{"id": "c2", "text": "C2"}\n')
    write(root / "notes.md", "ignored")
    write(root / "image.png", b"\x89PNG\x00")
    write(root / ".hidden" / "h.txt", "hidden")
    write(root / ".h.txt", "hidden")
    items = read_all(root)
    assert problems(items) == []
    assert [(d.doc_id, d.text) for d in items] == [
        ("a/deeper/x.html", "AX"), ("a/z.txt", "AZ"), ("b.txt", "B"), ("c.jsonl:1", "C1"), ("c2", "C2"),
    ]
    assert items[0].source == os.path.join(str(root), "a", "deeper", "x.html")
    assert items[3].source == os.path.join(str(root), "c.jsonl") + ":1"


def test_directory_reports_bad_files_and_carries_on() -> None:
    items = read_all(BAD)
    assert sorted((Path(p.input).name, p.line) for p in problems(items)) == [
        ("bad_utf8.txt", None), ("binary.txt", None), ("broken.jsonl", 2), ("broken.jsonl", 4),
        ("broken.jsonl", 5), ("broken.jsonl", 6), ("broken.jsonl", 7), ("broken.jsonl", 9),
        ("empty.txt", None),
    ]
    assert [d.doc_id for d in docs(items)] == [
        "bad_utf8.txt", "b-1", "b-3", "b-6", "broken.jsonl:10", "good.txt", "script.txt"]
    assert [p.warning for p in problems(items) if p.input.endswith("bad_utf8.txt")] == [True]


def test_directory_without_inputs(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "nothing to read")
    [problem] = read_all(tmp_path)
    assert problem.input == str(tmp_path)
    assert problem.reason.startswith("no ")


def test_directory_broken_symlink(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", "fine")
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    items = read_all(tmp_path)
    assert [type(i).__name__ for i in items] == ["ReadProblem", "Document"]
    assert items[0].reason == "broken symbolic link"


def test_same_file_name_in_two_folders_keeps_ids_apart(tmp_path: Path) -> None:
    write(tmp_path / "x" / "article.txt", "one")
    write(tmp_path / "y" / "article.txt", "two")
    assert [d.doc_id for d in read_all(tmp_path)] == ["x/article.txt", "y/article.txt"]


def test_examples_folder_reads_cleanly() -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("no examples folder")
    items = read_all(EXAMPLES)
    assert problems(items) == []
    texts = [d for d in docs(items) if d.doc_id.endswith(".txt")]
    assert len(texts) >= 6
    assert all(d.published for d in docs(items))


# --------------------------------------------------------------------------- standard input

def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"A drone hit Sumy.\r\n")))
    [doc] = read_all("-", default_date="2025-03-21")
    assert (doc.doc_id, doc.source, doc.text, doc.published) == (
        "stdin", "<stdin>", "A drone hit Sumy.\n", "2025-03-21")


def test_stdin_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Shelling in Kherson."))
    [doc] = read_all("-")
    assert doc.text == "Shelling in Kherson."


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"\x00\x01", "binary file, not text"),
])
def test_stdin_problems(monkeypatch: pytest.MonkeyPatch, data: bytes, reason: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    good = docs(read_all(BAD / "good.txt"))
    assert read_all("-", BAD / "good.txt") == [ReadProblem("<stdin>", reason), *good]


# --------------------------------------------------------------------------- helpers

@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-21", "2025-03-21"),
    ("2025-03-21T06:40:00+03:00", "2025-03-21"),
    ("2025-03-21 06:40", "2025-03-21"),
    (" 2025-03-21 ", "2025-03-21"),
    ("2025-02-30", None),
    ("21.03.2025", None),
    ("20250321", None),
    ("yesterday", None),
    ("", None),
])
def test_iso_date_part(value: str, expected: str | None) -> None:
    assert read.iso_date_part(value) == expected


def test_fixtures_are_what_the_readme_says() -> None:
    assert (BAD / "empty.txt").stat().st_size == 0
    assert b"\x00" in (BAD / "binary.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        (BAD / "bad_utf8.txt").read_bytes().decode("utf-8")


def test_stdin_stray_byte_is_read_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Drones over Sumy, caf\xe9 shut.")))
    warning, doc = read_all("-")
    assert warning == ReadProblem("<stdin>", "not valid UTF-8 (byte 0xe9 at offset 21); "
                                             "read as windows-1252 (detected)", warning=True)
    assert doc.text == "Drones over Sumy, café shut."


def test_html_declared_utf8_but_invalid(tmp_path: Path) -> None:
    page = b'<html><head><meta charset="utf-8"></head><body><p>caf\xe9</p></body></html>'
    path = write(tmp_path / "bad.html", page)
    problem, doc = read_all(path)
    assert problem.warning and problem.reason.startswith("not valid UTF-8 (byte 0xe9 at offset ")
    assert doc.text == "café"


def test_text_file_first_line_url_is_the_source(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("https://example.org/news/1?x=2\n\nDrones struck the refinery.\n", encoding="utf-8")
    doc = read.read_text_file(str(path))
    assert doc.source == "https://example.org/news/1?x=2"
    assert "example.org" not in doc.text and "Drones struck" in doc.text
    path.write_text("See https://example.org/news/1 for more.\nDrones struck.\n", encoding="utf-8")
    doc = read.read_text_file(str(path))
    assert doc.source == str(path) and doc.text.startswith("See https")
