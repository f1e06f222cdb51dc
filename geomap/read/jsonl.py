"""JSONL corpora (``.jsonl``/``.ndjson``, perhaps compressed), streamed one line at a time.

One JSON object a line: ``text`` required; ``id``, ``url``, ``title``, ``published`` optional.
``doc_id`` is ``id``, else ``<file name>:<line>``; ``source`` is ``url``, else
``<path>:<line>``. Blank lines are skipped. Each line is decoded strictly as UTF-8 first, so a
clean corpus costs what it always did; a line that is not UTF-8 is decoded as
:mod:`geomap.read.encoding` says and read, with one warning for the file at the first such line
(and one more at the end counting the others). A corpus in UTF-16 (with a byte order mark, or
without one) is transcoded as it is read.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geomap.model import Document, ReadProblem

from . import common
from .common import Item, bad_date_reason, json_type, normalise_newlines
from .compression import READ_ERRORS, open_input, read_error_reason
from .encoding import NotText, decode

_UTF16_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_jsonl(path: str, *, name: str | None = None, raw: int = 0) -> Iterator[Item | RawLines | RawEnd]:
    """Stream a JSONL corpus: one Document per good line, one ReadProblem per bad one.

    The file is read line by line (never whole), so memory stays flat however
    long it is. ``name`` (default: the file name) is used for doc_ids of
    lines without ``id``: ``<name>:<line>``. See the package docstring for the
    fields and problems. With ``raw`` (bytes per batch) the lines come unparsed,
    as :func:`jsonl_batches` gives them.
    """
    name = name or Path(path).name
    try:
        handle = open_input(path)  # closed by the with below, inside the generator
    except OSError as exc:
        yield ReadProblem(path, read_error_reason(path, exc))
        return
    with handle:
        try:
            head = handle.read(8192)
        except READ_ERRORS as exc:
            yield ReadProblem(path, read_error_reason(path, exc))
            return
        if not head:
            yield ReadProblem(path, "empty file")
            return
        codec = next((c for mark, c in _UTF16_MARKS if head.startswith(mark)), None)
        if codec is None and b"\x00" in head:
            codec = _unmarked_utf16(head)
            if codec is None:
                yield ReadProblem(path, "binary file, not text")
                return
        handle.seek(0)
        stream: BinaryIO = handle if codec is None else _Transcoded(handle, codec)  # type: ignore[assignment]
        yield from jsonl_batches(stream, path, name, raw) if raw else jsonl_stream(stream, path, name)


def jsonl_stream(handle: BinaryIO, path: str, name: str) -> Iterator[Item]:
    """Read JSONL from an open binary stream, one line at a time (a file, or standard input)."""
    undecoded = _Undecoded()
    for line in _raw_lines(handle, path):
        if isinstance(line, ReadProblem):
            yield line
        else:
            yield from _jsonl_line(line[2], path, name, line[0], line[1], undecoded)
    yield from undecoded.summary(path)


def jsonl_batches(handle: BinaryIO, path: str, name: str,
                  batch_bytes: int) -> Iterator[Item | RawLines | RawEnd]:
    """The lines of a JSONL stream unparsed, in :class:`RawLines` of about ``batch_bytes``, for
    workers to parse (:mod:`geomap.parallel`); problems met reading lines come in their place, and
    :class:`RawEnd` ends the file (where the workers' count of lines not in UTF-8 is told)."""
    lines: list[tuple[int, int, bytes]] = []
    size = 0
    for line in _raw_lines(handle, path):
        if isinstance(line, ReadProblem):
            if lines:
                yield RawLines(path, name, lines, size)
                lines, size = [], 0
            yield line
            continue
        lines.append(line)
        size += len(line[2])
        if size >= batch_bytes:
            yield RawLines(path, name, lines, size)
            lines, size = [], 0
    if lines:
        yield RawLines(path, name, lines, size)
    yield RawEnd(path)


def _raw_lines(handle: BinaryIO, path: str) -> Iterator[tuple[int, int, bytes] | ReadProblem]:
    """Each non-blank line as (line number, byte offset, bytes), or a problem in its place."""
    offset = 0
    lineno = 0
    seen_content = False
    limit = common.MAX_JSONL_LINE_BYTES
    while True:
        try:
            raw = handle.readline(limit + 1)
        except READ_ERRORS as exc:
            yield ReadProblem(path, read_error_reason(path, exc), lineno + 1)
            break
        if not raw:
            break
        lineno += 1
        line_offset = offset
        offset += len(raw)
        if len(raw) > limit and not raw.endswith(b"\n"):
            try:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line, in pieces
                    raw = handle.readline(limit)
                    offset += len(raw)
            except READ_ERRORS as exc:
                yield ReadProblem(path, read_error_reason(path, exc), lineno)
                break
            seen_content = True
            yield ReadProblem(path, f"line longer than {common.size_words(limit)}; skipped", lineno)
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
            line_offset += len(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        seen_content = True
        yield lineno, line_offset, raw
    if not seen_content:
        yield ReadProblem(path, "empty file (only blank lines)")


@dataclass
class RawLines:
    """Lines of one JSONL file read but not parsed: ``lines`` holds (line number, byte offset, bytes)."""

    path: str
    name: str
    lines: list[tuple[int, int, bytes]]
    size: int
    #: The publication date for documents that carry none (``--date``), set by the reader.
    fill: str | None = None


@dataclass
class RawEnd:
    """The end of a JSONL file read as :class:`RawLines`."""

    path: str


def parse_raw_line(raw: bytes, path: str, name: str, lineno: int, offset: int) -> tuple[list[Item], bool]:
    """One line of :class:`RawLines` read exactly as :func:`jsonl_stream` reads it, and whether
    it was not UTF-8 (its first item is then the warning, which :class:`Undecoded` keeps or counts)."""
    undecoded = _Undecoded()
    items = list(_jsonl_line(raw, path, name, lineno, offset, undecoded))
    return items, undecoded.warned


class _Undecoded:
    """How many lines of one file were not UTF-8: the first is warned about, the rest counted."""

    def __init__(self) -> None:
        self.warned = False
        self.more = 0

    def take(self, items: list[Item], undecoded: bool) -> list[Item]:
        """The items of a line :func:`parse_raw_line` read: its warning kept for the file's first
        line not in UTF-8, counted for the others."""
        if not undecoded:
            return items
        if self.warned:
            self.more += 1
            return items[1:]
        self.warned = True
        return items

    def summary(self, path: str) -> Iterator[ReadProblem]:
        """The warning that counts the lines not in UTF-8 after the first, at the end of the file."""
        if self.more:
            yield ReadProblem(path, f"{self.more} more line{'s' if self.more > 1 else ''} not valid "
                                    "UTF-8, read the same way", warning=True)


#: The count of one file's lines not in UTF-8, kept by whoever takes parsed :class:`RawLines` in order.
Undecoded = _Undecoded


def jsonl_record(raw: bytes, path: str, name: str, lineno: int) -> list[Item]:
    """One non-blank JSONL line read exactly as a file's lines are (for readers that split files
    themselves, such as :mod:`geomap.cluster`): its Document, or a ReadProblem, and any warning."""
    return list(_jsonl_line(raw, path, name, lineno, 0, _Undecoded()))


def _jsonl_line(raw: bytes, path: str, name: str, lineno: int, line_offset: int,
                undecoded: _Undecoded) -> Iterator[Item]:
    """Turn one non-blank JSONL line into a Document (and maybe warnings) or a ReadProblem."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            decoded = decode(raw, base=line_offset)
        except NotText as exc:
            yield ReadProblem(path, str(exc), lineno)
            return
        line = decoded.text
        if undecoded.warned:
            undecoded.more += 1
        else:
            undecoded.warned = True
            yield ReadProblem(path, decoded.warning or "not valid UTF-8", lineno, warning=True)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield ReadProblem(path, f"not valid JSON ({exc.msg} at column {exc.colno})", lineno)
        return
    except (ValueError, RecursionError):
        yield ReadProblem(path, "not valid JSON (nested too deeply or malformed)", lineno)
        return
    if not isinstance(obj, dict):
        yield ReadProblem(path, f"not a JSON object (got {json_type(obj)})", lineno)
        return
    text = obj.get("text")
    if "text" not in obj:
        yield ReadProblem(path, "no 'text' field", lineno)
        return
    if not isinstance(text, str):
        yield ReadProblem(path, f"'text' is not a string (got {json_type(text)})", lineno)
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
        published = common.iso_date_part(raw_published) if isinstance(raw_published, str) else None
        if published is None:
            yield ReadProblem(path, bad_date_reason(raw_published), lineno, warning=True)
    yield Document(doc_id=doc_id, text=normalise_newlines(text), source=source, title=title,
                   published=published)


def _encodable(value: str) -> bool:
    """Whether a JSON string is real text (JSON allows lone surrogates like "\\ud800"; UTF-8 does not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unmarked_utf16(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when a JSONL head is UTF-16 without a mark (``{\\x00"\\x00``...), else None."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(head, final=False)  # may end mid-pair
        except UnicodeDecodeError:
            continue
        if text.lstrip(" \t\r\n").startswith("{") and not any(
                ch < " " and ch not in "\t\r\n" for ch in text):
            return codec
    return None


class _Transcoded:
    """A UTF-16/32 stream read as UTF-8 lines, so the line reader above serves it unchanged."""

    def __init__(self, handle: BinaryIO, codec: str) -> None:
        self._text = io.TextIOWrapper(handle, encoding=codec, errors="replace", newline="")  # type: ignore[arg-type]

    def readline(self, limit: int = -1) -> bytes:
        return self._text.readline(limit).lstrip("\ufeff").encode("utf-8")


class Rejoined:
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
