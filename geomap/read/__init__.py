"""Turning inputs into Documents, streaming.

:func:`iter_documents` takes what the command line was given — files,
directories, ``-`` for standard input — and yields one
:class:`~geomap.model.Document` per article, or a
:class:`~geomap.model.ReadProblem` for each input (or JSONL line) that could
not be read, and carries on. Nothing is read before it is asked for, and a
JSONL corpus is read one line at a time, so memory stays flat however long the
corpus is. One module per input kind:

:mod:`~geomap.read.text` ``.txt``
    One article. ``doc_id`` is the file name, ``source`` the path as given (or the URL on
    its first line when that line holds only a URL).
:mod:`~geomap.read.pages` ``.html`` / ``.htm``
    One saved page: its main text by trafilatura (navigation, banners, cookie notices,
    read-more lists and ads left out), title from ``og:title`` else ``<title>``, ``published``
    from the page's own date (meta tags, JSON-LD, ``<time datetime>``).
:mod:`~geomap.read.jsonl` ``.jsonl`` / ``.ndjson``
    One JSON object a line: ``text`` required; ``id``, ``url``, ``title``,
    ``published`` optional. ``doc_id`` is ``id``, else ``<file name>:<line>``;
    ``source`` is ``url``, else ``<path>:<line>``. Blank lines are skipped.
:mod:`~geomap.read.telegram` ``.json``
    A Telegram Desktop export (``result.json``): a Document per message with text.
    A JSON file that is not one is skipped with a warning in a directory, an error when named.
:mod:`~geomap.read.feeds` ``.rss`` / ``.atom`` / ``.xml``
    An RSS or Atom feed: a Document per item. An ``.xml`` that is not a feed is skipped.
``.csv`` (:mod:`~geomap.read.walk`, :mod:`geomap.acled`)
    An ACLED CSV export, recognised by its header: its strike rows are yielded as ready
    :class:`~geomap.model.Event` records with ``origin="acled"``, not as Documents. A CSV
    without ACLED's header is a ReadProblem when given explicitly, and a warning (skipped)
    when met in a directory.
:mod:`~geomap.read.compression` ``.gz`` / ``.bz2`` / ``.xz``
    Around any kind but CSV (``corpus.jsonl.gz``, ``post.txt.xz``): decompressed as read.
:mod:`~geomap.read.encoding`
    Any encoding: UTF-8 (with or without BOM), UTF-16/32, Windows-1251, KOI8-R/U,
    Windows-1252/Latin-1. Bytes that are not UTF-8 are detected or replaced, and named in one
    warning (file, first bad byte and its offset); they never lose the file.
:mod:`~geomap.read.stdin` ``-``
    Standard input: JSONL when its first non-blank character is ``{`` (streamed
    like a ``.jsonl`` file; doc_id ``stdin:<line>`` without ``id``, source
    ``<stdin>:<line>`` without ``url``), else one text article (doc_id
    ``stdin``, source ``<stdin>``).
a directory (:mod:`~geomap.read.walk`)
    Read recursively, entries in sorted name order (a subdirectory's files come
    where its name sorts), hidden entries (names starting with ``.``) and
    symlinked directories skipped, files with other extensions ignored
    silently. For files found in a directory the doc_id is the path relative
    to that directory (``sub/a.txt``; just the file name at the top level), so
    two ``article.txt`` in different folders stay apart.

Dates: ``published`` is always ``YYYY-MM-DD`` (the date part of an ISO date or
datetime) or None. A ``.txt``/``.html`` file whose *name* begins with an ISO
date (``2025-03-21_refinery_fire.txt``) takes that date when its content
carries none. ``default_date`` (``--date``) fills whatever is still None.

Problems (one :class:`ReadProblem` each, one line, no traceback): missing
file, unreadable file, unsupported extension given explicitly, empty file,
binary file (NUL bytes that are not UTF-16), a broken archive, an article over 16 MiB
(:data:`MAX_DOCUMENT_BYTES`: a ``.txt``/``.html`` file or standard input), and
for JSONL per line: not JSON, not an object, no non-empty string ``text``, a
line over 16 MiB. Warnings (``warning=True``; the input is still read): bytes that are not
UTF-8; a ``published`` value that is not an ISO date or is outside
1900-01-01..2100-12-31 (the document is yielded with ``published`` None, then
``default_date``); messages or items without text, counted. The problem's ``input`` names
the file (the path as given) and ``line`` the JSONL line; ``str(problem)`` reads
``path:line: reason``.

Text is not sanitised: markup inside a ``.txt`` is just text; escaping is the
job of whoever writes HTML.
"""

from __future__ import annotations

from .common import MAX_DOCUMENT_BYTES, MAX_JSONL_LINE_BYTES, STDIN, STDIN_SOURCE, Item, iso_date_part
from .compression import open_input
from .feeds import read_feed
from .jsonl import RawEnd, RawLines, Undecoded, jsonl_record, parse_raw_line, read_jsonl
from .pages import html_to_text, read_html
from .stdin import read_stdin
from .telegram import read_telegram
from .text import decode_bytes, decode_input, read_text_file
from .walk import (
    COMPRESSED_EXTENSIONS,
    CSV_EXTENSIONS,
    FEED_EXTENSIONS,
    HTML_EXTENSIONS,
    JSONL_EXTENSIONS,
    SUPPORTED_EXTENSIONS,
    TELEGRAM_EXTENSIONS,
    TEXT_EXTENSIONS,
    is_input_name,
    iter_documents,
)

__all__ = [
    "TEXT_EXTENSIONS", "HTML_EXTENSIONS", "JSONL_EXTENSIONS", "CSV_EXTENSIONS", "SUPPORTED_EXTENSIONS",
    "TELEGRAM_EXTENSIONS", "FEED_EXTENSIONS", "COMPRESSED_EXTENSIONS",
    "STDIN", "STDIN_SOURCE", "MAX_JSONL_LINE_BYTES", "MAX_DOCUMENT_BYTES", "Item",
    "iter_documents", "read_text_file", "read_html", "read_jsonl", "jsonl_record", "read_stdin", "read_feed",
    "read_telegram", "html_to_text", "iso_date_part", "decode_bytes", "decode_input", "open_input",
    "is_input_name", "RawLines", "RawEnd", "Undecoded", "parse_raw_line",
]
