"""The entry point: inputs (files, folders, ``-``) to Documents, each file read by the reader of its kind."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from geomap.model import Document, ReadProblem
from geomap.settings import MAX_DATE, MIN_DATE

from .common import STDIN, Item, iso_date_part, os_reason
from .compression import COMPRESSIONS, read_capped, split_suffix
from .feeds import MAX_FEED_BYTES, looks_like_feed, read_feed
from .jsonl import RawLines, read_jsonl
from .pages import read_html
from .stdin import read_stdin
from .telegram import NotTelegram, load_export, looks_like_export, read_telegram
from .text import read_text

TEXT_EXTENSIONS: frozenset[str] = frozenset({".txt"})
HTML_EXTENSIONS: frozenset[str] = frozenset({".html", ".htm"})
JSONL_EXTENSIONS: frozenset[str] = frozenset({".jsonl", ".ndjson"})
#: ACLED CSV exports (recognised by their header; other CSVs are not inputs).
CSV_EXTENSIONS: frozenset[str] = frozenset({".csv"})
#: Telegram Desktop exports (``result.json``; recognised by their content).
TELEGRAM_EXTENSIONS: frozenset[str] = frozenset({".json"})
#: RSS and Atom feeds (an ``.xml`` file only when it opens a feed).
FEED_EXTENSIONS: frozenset[str] = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_EXTENSIONS: frozenset[str] = (TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS | CSV_EXTENSIONS
                                        | TELEGRAM_EXTENSIONS | FEED_EXTENSIONS)
#: Suffixes of compressed inputs, read transparently around any kind but CSV (``a.jsonl.gz``).
COMPRESSED_EXTENSIONS: frozenset[str] = frozenset(COMPRESSIONS)
_TEXT_KINDS = ", ".join(sorted(TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS))
_EXPECTED = (f"{_TEXT_KINDS}, a Telegram export (.json), a feed (.rss, .atom, .xml), "
             "each perhaps compressed (.gz, .bz2, .xz), or an ACLED .csv export")


def is_input_name(name: str) -> bool:
    """Whether a file name has the suffix of an input kind (perhaps under a compression suffix)."""
    inner, compression = split_suffix(name)
    if inner in CSV_EXTENSIONS:
        return compression is None
    return inner in SUPPORTED_EXTENSIONS


def iter_documents(inputs: Iterable[str], *, default_date: str | None = None,
                   raw_jsonl: int = 0) -> Iterator[Item]:
    """Yield a Document per article in ``inputs``, or a ReadProblem per unreadable input.

    An ACLED CSV export among the inputs yields its rows as ready Events
    (``origin="acled"``) instead of Documents.

    ``inputs`` are paths (files or directories, as strings or path-likes) or
    ``-`` for standard input; see the package docstring for each kind.
    ``default_date`` (an ISO date, from ``--date``) fills ``published`` for
    documents that carry none. It is checked at once: a ``default_date`` that
    is not an ISO date raises ValueError here, before anything is read.
    Everything else is lazy.

    ``raw_jsonl`` (bytes per batch; 0: off) gives the lines of JSONL files unparsed, as
    :class:`~geomap.read.jsonl.RawLines` batches closed by a ``RawEnd``, for worker
    processes to parse (:mod:`geomap.parallel`); ``fill`` is then set on each batch.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [os.fspath(inputs)]
    fill = None
    if default_date is not None:
        fill = iso_date_part(default_date)
        if fill is None:
            raise ValueError(f"default date {default_date!r} is not an ISO date (YYYY-MM-DD) "
                             f"within {MIN_DATE}..{MAX_DATE}")
    return _iter_documents(inputs, fill, raw_jsonl)


def _iter_documents(inputs: Iterable[str], fill: str | None, raw_jsonl: int = 0) -> Iterator[Item]:
    for raw in inputs:
        for item in _read_input(os.fspath(raw), raw_jsonl):
            if fill is not None and isinstance(item, Document) and item.published is None:
                item.published = fill
            elif isinstance(item, RawLines):
                item.fill = fill
            yield item


def _read_input(given: str, raw_jsonl: int = 0) -> Iterator[Item]:
    if given == STDIN:
        yield from read_stdin()
        return
    try:
        mode = os.stat(given).st_mode
    except FileNotFoundError:
        yield ReadProblem(given, "no such file or directory")
        return
    except OSError as exc:
        yield ReadProblem(given, os_reason(exc))
        return
    if stat.S_ISDIR(mode):
        yield from _read_directory(given, raw_jsonl)
        return
    if not stat.S_ISREG(mode):
        yield ReadProblem(given, "not a regular file")
        return
    if not is_input_name(given):
        compressed = split_suffix(given)[1] is not None
        suffix = ("".join(Path(given).suffixes[-2:]) if compressed else Path(given).suffix).lower()
        kind = f"'{suffix}'" if suffix else "(no extension)"
        yield ReadProblem(given, f"unsupported input type {kind}; expected {_EXPECTED}")
        return
    yield from _read_file(given, Path(given).name, explicit=True, raw_jsonl=raw_jsonl)


def _read_file(path: str, name: str, *, explicit: bool = False,
               other_json: list[str] | None = None, raw_jsonl: int = 0) -> Iterator[Item]:
    """Read one supported file; ``name`` is what doc_ids are made from.

    ``explicit`` is True for a file named on the command line (a CSV that is not an ACLED
    export, a JSON that is not a Telegram export, an XML that is not a feed are then errors,
    not skipped files). JSON files met in a directory that are not Telegram exports are put on
    ``other_json`` (a folder of gold files or settings is common: one warning counts them all).
    """
    ext = split_suffix(path)[0]
    if ext in CSV_EXTENSIONS:
        yield from _read_csv(path, name, explicit=explicit)
    elif ext in TEXT_EXTENSIONS:
        yield from read_text(path, doc_id=name)
    elif ext in HTML_EXTENSIONS:
        yield from read_html(path, doc_id=name)
    elif ext in TELEGRAM_EXTENSIONS:
        yield from _read_json(path, explicit=explicit, other_json=other_json)
    elif ext in FEED_EXTENSIONS:
        yield from _read_xml(path, name, ext, explicit=explicit)
    else:
        yield from read_jsonl(path, name=name, raw=raw_jsonl)


def _not_this_kind(path: str, what: str, explicit: bool) -> ReadProblem:
    if explicit:
        return ReadProblem(path, f"{what}; expected {_EXPECTED}")
    return ReadProblem(path, f"{what}; skipped", warning=True)


def _read_csv(path: str, name: str, *, explicit: bool) -> Iterator[Item]:
    """An ACLED export's events (see :func:`geomap.acled.read_acled`), or why the CSV is not one."""
    # Imported here: the ACLED package (its schema, note patterns and writer) is only needed
    # where a CSV is read, and text-only runs started without it (some 10 ms of start-up).
    from geomap.acled import is_acled_csv, read_acled

    if is_acled_csv(path):
        yield from read_acled(path, name=name)
    elif explicit:
        yield ReadProblem(path, "unsupported input type '.csv': a CSV without ACLED's header "
                                f"(event_date, event_type, sub_event_type, latitude, longitude); "
                                f"expected {_EXPECTED}")
    else:
        yield ReadProblem(path, "CSV without ACLED's header; skipped", warning=True)


def _read_json(path: str, *, explicit: bool, other_json: list[str] | None = None) -> Iterator[Item]:
    """A Telegram Desktop export's messages, or why the JSON file is not one."""
    if not explicit and other_json is not None and not looks_like_export(path):
        other_json.append(path)  # not parsed whole: it does not open like an export
        return
    export = load_export(path)
    if isinstance(export, ReadProblem):
        yield export
        return
    try:
        yield from read_telegram(path, export)
    except NotTelegram as exc:
        if not explicit and other_json is not None:
            other_json.append(path)
            return
        yield _not_this_kind(path, f"a JSON file that is {exc}", explicit)


def _read_xml(path: str, name: str, ext: str, *, explicit: bool) -> Iterator[Item]:
    """A feed's items; an ``.xml`` file that is not a feed is skipped (or an error when named)."""
    data = read_capped(path, MAX_FEED_BYTES, "a feed")
    if isinstance(data, ReadProblem):
        yield data
        return
    if ext == ".xml" and data.strip() and not looks_like_feed(data):
        yield _not_this_kind(path, "an XML file that is not an RSS or Atom feed", explicit)
        return
    yield from read_feed(path, name=name, data=data)


def _read_directory(root: str, raw_jsonl: int = 0) -> Iterator[Item]:
    """Walk ``root`` depth-first in sorted name order, reading supported files.

    A stack of iterators instead of recursion: depth is not limited by Python's
    recursion limit, and each directory's listing is held only while it is walked.
    """
    found = False
    other_json: list[str] = []
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
        yield from _read_file(path, rel, other_json=other_json, raw_jsonl=raw_jsonl)
    if other_json:
        many = len(other_json) > 1
        count = f"{len(other_json)} JSON files that are" if many else "1 JSON file that is"
        yield ReadProblem(root, f"{count} not a Telegram export skipped "
                                f"({os.path.relpath(other_json[0], root)}{', ...' if many else ''})",
                          warning=True)
    if not found:
        yield ReadProblem(root, f"no {_TEXT_KINDS}, Telegram, feed files or ACLED .csv exports "
                                "in this directory")


def _list_directory(directory: str, rel: str) -> list[tuple[str, str, bool] | ReadProblem] | ReadProblem:
    """Return ``(path, relative path, is_dir)`` for the entries worth visiting, sorted by name.

    Entries with a supported extension that cannot be read as files (a broken
    symbolic link, a FIFO) come back as ReadProblems in their place.
    """
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return ReadProblem(directory, os_reason(exc))
    out: list[tuple[str, str, bool] | ReadProblem] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        entry_rel = f"{rel}/{entry.name}" if rel else entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                out.append((entry.path, entry_rel, True))
            elif not is_input_name(entry.name):
                continue
            elif entry.is_file():
                out.append((entry.path, entry_rel, False))
            elif entry.is_symlink() and not os.path.exists(entry.path):
                out.append(ReadProblem(entry.path, "broken symbolic link"))
            elif not entry.is_dir():
                out.append(ReadProblem(entry.path, "not a regular file"))
        except OSError as exc:
            out.append(ReadProblem(entry.path, os_reason(exc)))
    return out
