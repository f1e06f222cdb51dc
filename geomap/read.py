"""Turning inputs into Documents, streaming.

:func:`iter_documents` takes what the command line was given — files,
directories, ``-`` for standard input — and yields one
:class:`~geomap.model.Document` per article, or a
:class:`~geomap.model.ReadProblem` for each input (or JSONL line) that could
not be read, and carries on. Nothing is read before it is asked for, and a
JSONL corpus is read one line at a time, so memory stays flat however long the
corpus is.

Input kinds (chosen by extension, case-insensitive):

``.txt``
    One article. ``doc_id`` is the file name, ``source`` the path as given.
``.html`` / ``.htm``
    One page. Text from the markup with script, style, nav, header, footer,
    aside, noscript, form (and template, svg, iframe) removed and block
    elements turned into line breaks; title from ``og:title``, else
    ``<title>``; ``published`` from ``<meta property="article:published_time">``,
    else ``<meta itemprop="datePublished">``, else the first ``<time
    datetime>`` holding an ISO date. Bytes that are not UTF-8 are decoded with
    the page's declared ``<meta charset>`` when there is one.
``.jsonl`` / ``.ndjson``
    One JSON object a line: ``text`` required; ``id``, ``url``, ``title``,
    ``published`` optional. ``doc_id`` is ``id``, else ``<file name>:<line>``;
    ``source`` is ``url``, else ``<path>:<line>``. Blank lines are skipped.
a directory
    Read recursively, entries in sorted name order (a subdirectory's files come
    where its name sorts), hidden entries (names starting with ``.``) and
    symlinked directories skipped, files with other extensions ignored
    silently. For files found in a directory the doc_id is the path relative
    to that directory (``sub/a.txt``; just the file name at the top level), so
    two ``article.txt`` in different folders stay apart.
``.csv``
    An ACLED CSV export, recognised by its header (``event_date``,
    ``event_type``, ``sub_event_type``, ``latitude``, ``longitude``, ...): its
    strike rows are yielded as ready :class:`~geomap.model.Event` records with
    ``origin="acled"`` (see :mod:`geomap.acled`), not as Documents. A CSV
    without ACLED's header is a ReadProblem when given explicitly, and a
    warning (skipped) when met in a directory.
``-``
    Standard input: JSONL when its first non-blank character is ``{`` (streamed
    like a ``.jsonl`` file; doc_id ``stdin:<line>`` without ``id``, source
    ``<stdin>:<line>`` without ``url``), else one text article (doc_id
    ``stdin``, source ``<stdin>``).

Dates: ``published`` is always ``YYYY-MM-DD`` (the date part of an ISO date or
datetime) or None. A ``.txt``/``.html`` file whose *name* begins with an ISO
date (``2025-03-21_refinery_fire.txt``) takes that date when its content
carries none. ``default_date`` (``--date``) fills whatever is still None.

Problems (one :class:`ReadProblem` each, one line, no traceback): missing
file, unreadable file, unsupported extension given explicitly, empty file,
binary file (NUL bytes), invalid UTF-8, an article over 16 MiB
(:data:`MAX_DOCUMENT_BYTES`: a ``.txt``/``.html`` file or standard input), and
for JSONL per line: not JSON, not an object, no non-empty string ``text``, a
line over 16 MiB. A ``published``
value that is not an ISO date does not lose the document: the document is
yielded with ``published`` None (then ``default_date``) and a ReadProblem
"published '...' is not an ISO date; ignored" comes just before it; so does
a date outside 1900-01-01..2100-12-31 (``geomap.settings.MIN_DATE``/``MAX_DATE``:
"published '9999-12-31' is outside ...; ignored").
The problem's ``input`` names the file (the path as given) and ``line`` the
JSONL line; ``str(problem)`` reads ``path:line: reason``.

Text is not sanitised: markup inside a ``.txt`` is just text; escaping is the
job of whoever writes HTML.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from selectolax.lexbor import LexborHTMLParser, LexborNode

from geomap.acled import is_acled_csv, read_acled
from geomap.model import Document, Event, ReadProblem
from geomap.settings import MAX_DATE, MIN_DATE, date_in_range

__all__ = [
    "TEXT_EXTENSIONS", "HTML_EXTENSIONS", "JSONL_EXTENSIONS", "CSV_EXTENSIONS", "SUPPORTED_EXTENSIONS",
    "STDIN", "STDIN_SOURCE", "MAX_JSONL_LINE_BYTES", "MAX_DOCUMENT_BYTES",
    "iter_documents", "read_text_file", "read_html", "read_jsonl", "read_stdin",
    "html_to_text", "iso_date_part", "decode_bytes",
]

TEXT_EXTENSIONS: frozenset[str] = frozenset({".txt"})
HTML_EXTENSIONS: frozenset[str] = frozenset({".html", ".htm"})
JSONL_EXTENSIONS: frozenset[str] = frozenset({".jsonl", ".ndjson"})
#: ACLED CSV exports (recognised by their header; other CSVs are not inputs).
CSV_EXTENSIONS: frozenset[str] = frozenset({".csv"})
SUPPORTED_EXTENSIONS: frozenset[str] = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS | CSV_EXTENSIONS
_TEXT_KINDS = ", ".join(sorted(SUPPORTED_EXTENSIONS - CSV_EXTENSIONS))
_EXPECTED = f"{_TEXT_KINDS} or an ACLED .csv export"

#: The input name that means standard input, and the source/input name given to it.
STDIN = "-"
STDIN_SOURCE = "<stdin>"

#: JSONL lines longer than this are skipped with a problem instead of being held in memory.
MAX_JSONL_LINE_BYTES = 16 * 1024 * 1024
#: The most one article may take, whatever it comes in: a JSONL line, a file, standard input.
MAX_DOCUMENT_BYTES = MAX_JSONL_LINE_BYTES

#: What reading yields: an article, an event of an ACLED export, or a problem.
Item = Document | Event | ReadProblem

_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form",
              "template", "svg", "iframe")
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "tr", "td", "th", "caption", "ul", "body", "html", "title",
})
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[Tt ].*)?$", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?!\d)")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


# --------------------------------------------------------------------------- the entry point

def iter_documents(inputs: Iterable[str], *, default_date: str | None = None) -> Iterator[Item]:
    """Yield a Document per article in ``inputs``, or a ReadProblem per unreadable input.

    An ACLED CSV export among the inputs yields its rows as ready Events
    (``origin="acled"``) instead of Documents.

    ``inputs`` are paths (files or directories, as strings or path-likes) or
    ``-`` for standard input; see the module docstring for each kind.
    ``default_date`` (an ISO date, from ``--date``) fills ``published`` for
    documents that carry none. It is checked at once: a ``default_date`` that
    is not an ISO date raises ValueError here, before anything is read.
    Everything else is lazy.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [os.fspath(inputs)]
    fill = None
    if default_date is not None:
        fill = iso_date_part(default_date)
        if fill is None:
            raise ValueError(f"default date {default_date!r} is not an ISO date (YYYY-MM-DD) "
                             f"within {MIN_DATE}..{MAX_DATE}")
    return _iter_documents(inputs, fill)


def _iter_documents(inputs: Iterable[str], fill: str | None) -> Iterator[Item]:
    for raw in inputs:
        for item in _read_input(os.fspath(raw)):
            if fill is not None and isinstance(item, Document) and item.published is None:
                item.published = fill
            yield item


def _read_input(given: str) -> Iterator[Item]:
    if given == STDIN:
        yield from read_stdin()
        return
    try:
        mode = os.stat(given).st_mode
    except FileNotFoundError:
        yield ReadProblem(given, "no such file or directory")
        return
    except OSError as exc:
        yield ReadProblem(given, _os_reason(exc))
        return
    if stat.S_ISDIR(mode):
        yield from _read_directory(given)
        return
    if not stat.S_ISREG(mode):
        yield ReadProblem(given, "not a regular file")
        return
    ext = Path(given).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        kind = f"'{ext}'" if ext else "(no extension)"
        yield ReadProblem(given, f"unsupported input type {kind}; expected {_EXPECTED}")
        return
    yield from _read_file(given, Path(given).name, explicit=True)


def _read_file(path: str, name: str, *, explicit: bool = False) -> Iterator[Item]:
    """Read one supported file; ``name`` is what doc_ids are made from.

    ``explicit`` is True for a file named on the command line (a CSV that is
    not an ACLED export is then an error, not a skipped file).
    """
    ext = Path(path).suffix.lower()
    if ext in CSV_EXTENSIONS:
        yield from _read_csv(path, name, explicit=explicit)
    elif ext in TEXT_EXTENSIONS:
        yield read_text_file(path, doc_id=name)
    elif ext in HTML_EXTENSIONS:
        yield from read_html(path, doc_id=name)
    else:
        yield from read_jsonl(path, name=name)


def _read_csv(path: str, name: str, *, explicit: bool) -> Iterator[Item]:
    """An ACLED export's events (see :func:`geomap.acled.read_acled`), or why the CSV is not one."""
    if is_acled_csv(path):
        yield from read_acled(path, name=name)
    elif explicit:
        yield ReadProblem(path, "unsupported input type '.csv': a CSV without ACLED's header "
                                f"(event_date, event_type, sub_event_type, latitude, longitude); "
                                f"expected {_EXPECTED}")
    else:
        yield ReadProblem(path, "CSV without ACLED's header; skipped", warning=True)


def _read_directory(root: str) -> Iterator[Item]:
    """Walk ``root`` depth-first in sorted name order, reading supported files.

    A stack of iterators instead of recursion: depth is not limited by Python's
    recursion limit, and each directory's listing is held only while it is walked.
    """
    found = False
    listing = _list_directory(root, "")
    if isinstance(listing, ReadProblem):
        yield listing
        return
    stack: list[Iterator[tuple[str, str, bool] | ReadProblem]] = [iter(listing)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if isinstance(entry, ReadProblem):
            yield entry
            continue
        path, rel, is_dir = entry
        if is_dir:
            sub = _list_directory(path, rel)
            if isinstance(sub, ReadProblem):
                yield sub
            else:
                stack.append(iter(sub))
            continue
        found = True
        yield from _read_file(path, rel)
    if not found:
        yield ReadProblem(root, f"no {_TEXT_KINDS} files or ACLED .csv exports in this directory")


def _list_directory(directory: str, rel: str) -> list[tuple[str, str, bool] | ReadProblem] | ReadProblem:
    """Return ``(path, relative path, is_dir)`` for the entries worth visiting, sorted by name.

    Entries with a supported extension that cannot be read as files (a broken
    symbolic link, a FIFO) come back as ReadProblems in their place.
    """
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return ReadProblem(directory, _os_reason(exc))
    out: list[tuple[str, str, bool] | ReadProblem] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        entry_rel = f"{rel}/{entry.name}" if rel else entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                out.append((entry.path, entry_rel, True))
            elif Path(entry.name).suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            elif entry.is_file():
                out.append((entry.path, entry_rel, False))
            elif entry.is_symlink() and not os.path.exists(entry.path):
                out.append(ReadProblem(entry.path, "broken symbolic link"))
            elif not entry.is_dir():
                out.append(ReadProblem(entry.path, "not a regular file"))
        except OSError as exc:
            out.append(ReadProblem(entry.path, _os_reason(exc)))
    return out


# --------------------------------------------------------------------------- single inputs

def read_text_file(path: str, *, doc_id: str | None = None) -> Item:
    """Read one ``.txt`` article: a Document, or a ReadProblem saying why not.

    ``doc_id`` defaults to the file name; ``source`` is ``path`` as given, or the
    URL on the file's first line when that line holds a URL and nothing else (a
    saved article citing where it came from; the line is not read as text).
    ``published`` comes from an ISO date at the start of the file name, if any.
    """
    data = _read_bytes(path)
    if isinstance(data, ReadProblem):
        return data
    text = decode_bytes(data, path)
    if isinstance(text, ReadProblem):
        return text
    name = Path(path).name
    source = path
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if _LONE_URL.fullmatch(first.strip()):
        source, text = first.strip(), rest
    return Document(doc_id=doc_id or name, text=text, source=source, published=_date_from_name(name))


_LONE_URL = re.compile(r"https?://\S+")


def read_html(path: str, *, doc_id: str | None = None) -> Iterator[Item]:
    """Read one HTML page: yields its Document, or a ReadProblem.

    A published date in the page that is not an ISO date yields a ReadProblem
    first and the Document without it (see the module docstring).
    """
    data = _read_bytes(path)
    if isinstance(data, ReadProblem):
        yield data
        return
    markup = decode_bytes(data, path, html=True)
    if isinstance(markup, ReadProblem):
        yield markup
        return
    text, title, published_raw = html_to_text(markup)
    name = Path(path).name
    if not text.strip():
        yield ReadProblem(path, "no text in page")
        return
    published = None
    if published_raw is not None:
        published = iso_date_part(published_raw)
        if published is None:
            yield ReadProblem(path, _bad_date_reason(published_raw), warning=True)
    if published is None:
        published = _date_from_name(name)
    yield Document(doc_id=doc_id or name, text=text, source=path, title=title, published=published)


def read_stdin() -> Iterator[Item]:
    """Read standard input: a JSONL corpus, streamed, or one text article, capped.

    Input whose first non-blank character is ``{`` is JSONL, read line by line
    like a ``.jsonl`` file (doc ids ``stdin:<line>`` where a line has no ``id``).
    Anything else is one text article (doc_id ``stdin``, source ``<stdin>``) of
    at most :data:`MAX_DOCUMENT_BYTES`: past that it is a problem, and reading
    stops there (``yes | geomap run -`` never ends otherwise).
    """
    stream = sys.stdin
    if stream is None:
        yield ReadProblem(STDIN_SOURCE, "no standard input")
        return
    binary = getattr(stream, "buffer", None)
    try:
        if binary is None:  # a text stream put in place by a caller: already in memory
            binary = io.BytesIO(stream.read(MAX_DOCUMENT_BYTES + 1).encode("utf-8", "surrogatepass"))
        head = binary.read(_SNIFF_BYTES)
    except (OSError, ValueError) as exc:
        yield ReadProblem(STDIN_SOURCE, f"cannot read: {exc}")
        return
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{"):
        if b"\x00" in head:
            yield ReadProblem(STDIN_SOURCE, "binary data, not text")
            return
        yield from _jsonl_stream(_Rejoined(head, binary), STDIN_SOURCE, "stdin")
        return
    try:
        data = head + binary.read(MAX_DOCUMENT_BYTES + 1 - len(head))
    except (OSError, ValueError) as exc:
        yield ReadProblem(STDIN_SOURCE, f"cannot read: {exc}")
        return
    if len(data) > MAX_DOCUMENT_BYTES:
        yield ReadProblem(STDIN_SOURCE, f"more than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB of text as one "
                                        "article; not read (give a corpus as JSONL, one article a line)")
        return
    text = decode_bytes(data, STDIN_SOURCE)
    if isinstance(text, ReadProblem):
        yield text
        return
    yield Document(doc_id="stdin", text=text, source=STDIN_SOURCE)


def read_jsonl(path: str, *, name: str | None = None) -> Iterator[Item]:
    """Stream a JSONL corpus: one Document per good line, one ReadProblem per bad one.

    The file is read line by line (never whole), so memory stays flat however
    long it is. ``name`` (default: the file name) is used for doc_ids of
    lines without ``id``: ``<name>:<line>``. See the module docstring for the
    fields and problems.
    """
    name = name or Path(path).name
    try:
        handle = open(path, "rb")  # closed by the with below, inside the generator
    except OSError as exc:
        yield ReadProblem(path, _os_reason(exc))
        return
    with handle:
        try:
            head = handle.read(8192)
        except OSError as exc:
            yield ReadProblem(path, _os_reason(exc))
            return
        if not head:
            yield ReadProblem(path, "empty file")
            return
        if b"\x00" in head:
            yield ReadProblem(path, "binary file, not text")
            return
        handle.seek(0)
        yield from _jsonl_stream(handle, path, name)


def _jsonl_stream(handle: BinaryIO, path: str, name: str) -> Iterator[Item]:
    """Read JSONL from an open binary stream, one line at a time (a file, or standard input)."""
    offset = 0
    lineno = 0
    seen_content = False
    while True:
        try:
            raw = handle.readline(MAX_JSONL_LINE_BYTES + 1)
        except OSError as exc:
            yield ReadProblem(path, _os_reason(exc), lineno + 1)
            return
        if not raw:
            break
        lineno += 1
        line_offset = offset
        offset += len(raw)
        if len(raw) > MAX_JSONL_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, in pieces
                raw = handle.readline(MAX_JSONL_LINE_BYTES)
                offset += len(raw)
            seen_content = True
            yield ReadProblem(path, f"line longer than {MAX_JSONL_LINE_BYTES // (1024 * 1024)} MiB; "
                                    "skipped", lineno)
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
            line_offset += len(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        seen_content = True
        yield from _jsonl_line(raw, path, name, lineno, line_offset)
    if not seen_content:
        yield ReadProblem(path, "empty file (only blank lines)")


def _jsonl_line(raw: bytes, path: str, name: str, lineno: int, line_offset: int) -> Iterator[Item]:
    """Turn one non-blank JSONL line into a Document (and maybe a date problem) or a ReadProblem."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadProblem(path, _utf8_reason(raw, exc, line_offset), lineno)
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield ReadProblem(path, f"not valid JSON ({exc.msg} at column {exc.colno})", lineno)
        return
    except (ValueError, RecursionError):
        yield ReadProblem(path, "not valid JSON (nested too deeply or malformed)", lineno)
        return
    if not isinstance(obj, dict):
        yield ReadProblem(path, f"not a JSON object (got {_json_type(obj)})", lineno)
        return
    text = obj.get("text")
    if "text" not in obj:
        yield ReadProblem(path, "no 'text' field", lineno)
        return
    if not isinstance(text, str):
        yield ReadProblem(path, f"'text' is not a string (got {_json_type(text)})", lineno)
        return
    if not text or text.isspace():
        yield ReadProblem(path, "'text' is empty", lineno)
        return
    # Only a \uD800-\uDFFF escape in the line can make a lone surrogate: look only then.
    broken = next((k for k in ("text", "id", "url", "title")
                   if isinstance(obj.get(k), str) and not _encodable(obj[k])), None) \
        if "\\ud" in line or "\\uD" in line else None
    if broken:
        yield ReadProblem(path, f"'{broken}' holds an unpaired surrogate escape (not text)", lineno)
        return
    raw_id = obj.get("id")
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
        doc_id = str(raw_id).strip()
    else:
        doc_id = f"{name}:{lineno}"
    url = obj.get("url")
    source = url.strip() if isinstance(url, str) and url.strip() else f"{path}:{lineno}"
    title = obj.get("title")
    title = " ".join(title.split()) if isinstance(title, str) else ""
    published = None
    raw_published = obj.get("published")
    if raw_published not in (None, ""):
        published = iso_date_part(raw_published) if isinstance(raw_published, str) else None
        if published is None:
            yield ReadProblem(path, _bad_date_reason(raw_published), lineno, warning=True)
    yield Document(doc_id=doc_id, text=_normalise_newlines(text), source=source, title=title,
                   published=published)


# --------------------------------------------------------------------------- helpers

#: How much of standard input is looked at to tell JSONL from plain text.
_SNIFF_BYTES = 64 * 1024


class _Rejoined:
    """A binary stream whose first bytes were already read (to tell what it holds), put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readline(self, limit: int = -1) -> bytes:
        if not self._head:
            return self._rest.readline(limit)
        cut = self._head.find(b"\n") + 1 or len(self._head)
        if 0 <= limit < cut:
            cut = limit
        line, self._head = self._head[:cut], self._head[cut:]
        if line.endswith(b"\n") or self._head or len(line) == limit:
            return line
        return line + self._rest.readline(-1 if limit < 0 else limit - len(line))



def _encodable(value: str) -> bool:
    """Whether a JSON string is real text (JSON allows lone surrogates like "\\ud800"; UTF-8 does not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

def iso_date_part(value: str) -> str | None:
    """Return the ``YYYY-MM-DD`` part of an ISO date or datetime string, or None if it is not one.

    ``"2025-03-21"``, ``"2025-03-21T06:40:00+03:00"`` and ``"2025-03-21 06:40"``
    all give ``"2025-03-21"``; ``"21.03.2025"``, ``"2025-02-30"`` and
    ``"yesterday"`` give None, and so do dates outside
    :data:`geomap.settings.MIN_DATE` .. ``MAX_DATE`` (``"9999-12-31"``).
    """
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        day = date.fromisoformat(m.group(1))
    except ValueError:
        return None
    return day.isoformat() if date_in_range(day) else None


def decode_bytes(data: bytes, input_name: str, *, html: bool = False) -> str | ReadProblem:
    """Decode a whole text input, or say why it is not text.

    Empty → "empty file"; only whitespace → "empty file (only whitespace)";
    NUL bytes → "binary file, not text"; otherwise UTF-8 (a BOM is dropped;
    UTF-16 with a BOM is accepted too), and for HTML the page's declared
    charset when the bytes are not UTF-8. Invalid UTF-8 → "not valid UTF-8
    (byte 0x.. at offset N)". Newlines come back as ``\\n``.
    """
    if not data:
        return ReadProblem(input_name, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return ReadProblem(input_name, "not valid UTF-16 (after a UTF-16 byte order mark)")
    elif b"\x00" in data:
        return ReadProblem(input_name, "binary file, not text")
    else:
        start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            text = data[start:].decode("utf-8")
        except UnicodeDecodeError as exc:
            declared = _declared_charset(data) if html else None
            if declared is None or codecs.lookup(declared).name == "utf-8":
                return ReadProblem(input_name, _utf8_reason(data[start:], exc, start))
            try:
                text = data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                return ReadProblem(input_name, f"not valid {declared} (the page's declared charset)")
    if not text.strip():
        return ReadProblem(input_name, "empty file (only whitespace)")
    return _normalise_newlines(text)


def html_to_text(markup: str) -> tuple[str, str, str | None]:
    """Return ``(text, title, published as written or None)`` for an HTML page.

    Text: script, style, nav, header, footer, aside, noscript, form, template,
    svg and iframe are removed; block elements (p, div, li, h1–h6, ...) and
    ``<br>`` become line breaks; runs of whitespace inside a line collapse to
    one space; blank lines are dropped. Title: ``og:title``, else ``<title>``.
    """
    tree = LexborHTMLParser(markup)
    title = ""
    og = tree.css_first('meta[property="og:title"]')
    if og is not None and (og.attributes.get("content") or "").strip():
        title = " ".join((og.attributes.get("content") or "").split())
    else:
        node = tree.css_first("title")
        if node is not None:
            title = " ".join(node.text(deep=True).split())
    published = None
    for selector, attr in (('meta[property="article:published_time"]', "content"),
                           ('meta[itemprop="datePublished"]', "content")):
        node = tree.css_first(selector)
        value = node.attributes.get(attr) if node is not None else None
        if value and value.strip():
            published = value.strip()
            break
    if published is None:
        for node in tree.css("time[datetime]"):
            value = (node.attributes.get("datetime") or "").strip()
            if iso_date_part(value):
                published = value
                break
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body if tree.body is not None else tree.root
    text = _block_text(root) if root is not None else ""
    return text, title, published


def _block_text(root: LexborNode) -> str:
    """Text of ``root`` with a line break around every block element and at every ``<br>``."""
    parts: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            parts.append("\n")
            continue
        if tag == "-text":
            parts.append(_WHITESPACE.sub(" ", node.text_content or ""))  # source line wraps are not breaks
            continue
        if tag in ("-comment", "head") or tag is None:
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in _BLOCK_TAGS:
            parts.append("\n")
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        for child in reversed(children):
            stack.append((child, False))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _read_bytes(path: str) -> bytes | ReadProblem:
    """A whole ``.txt`` or ``.html`` file, or a problem: at most :data:`MAX_DOCUMENT_BYTES` are read."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        return ReadProblem(path, _os_reason(exc))
    if len(data) > MAX_DOCUMENT_BYTES:
        return ReadProblem(path, f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB for one article; "
                                 "not read")
    return data


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc.__class__.__name__}"


def _utf8_reason(data: bytes, exc: UnicodeDecodeError, base: int) -> str:
    return f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {base + exc.start})"


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _bad_date_reason(value: object) -> str:
    shown = value if isinstance(value, str) else json.dumps(value)
    shown = " ".join(str(shown).split())
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if _in_iso_form(value):
        return f"published '{shown}' is outside {MIN_DATE}..{MAX_DATE}; ignored"
    return f"published '{shown}' is not an ISO date; ignored"


def _in_iso_form(value: object) -> bool:
    """Whether ``value`` is a real ISO date, whatever its year (then only its range is wrong)."""
    m = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    try:
        return m is not None and bool(date.fromisoformat(m.group(1)))
    except ValueError:
        return False


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _date_from_name(name: str) -> str | None:
    m = _NAME_DATE.match(name)
    return iso_date_part(m.group(1)) if m else None


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
