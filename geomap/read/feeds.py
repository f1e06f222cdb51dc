"""RSS and Atom feeds (``.rss``, ``.atom``, and ``.xml`` files that hold a feed), read with feedparser.

Each item is a Document: its title and then its content (Atom ``content``, RSS
``content:encoded``) or, when that is missing or shorter, its description (``summary``), the
markup turned to text; ``source`` is its link (else ``<path>:<item number>``), ``doc_id`` its
``id``/``guid`` (else the link, else ``<file name>:<item number>``), ``published`` the date part
of its publication date (else its updated date) *as the feed wrote it*: "Tue, 04 Mar 2025
23:30:00 +0300" is 4 March, not the UTC day. feedparser reads the feed's own encoding declaration
and is given the bytes only, never a URL, so nothing is fetched.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path

from geomap.model import Document, ReadProblem
from geomap.settings import date_in_range

from .common import MAX_DOCUMENT_BYTES, Item, bad_date_reason, iso_date_part
from .compression import read_capped
from .pages import fragment_text

#: The largest feed file read (it is parsed whole).
MAX_FEED_BYTES = 4 * MAX_DOCUMENT_BYTES

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>]")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of an ``.xml`` file open an RSS, Atom or RSS 1.0 (RDF) feed."""
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = sample.decode("utf-16", "ignore").encode("utf-8")
    return _FEED_ROOT.search(sample) is not None


def read_feed(path: str, *, name: str | None = None, data: bytes | None = None) -> Iterator[Item]:
    """Read one feed file (perhaps compressed): a Document per item with text, or problems."""
    import feedparser

    name = name or Path(path).name
    if data is None:
        loaded = read_capped(path, MAX_FEED_BYTES, "a feed")
        if isinstance(loaded, ReadProblem):
            yield loaded
            return
        data = loaded
    if not data.strip():
        yield ReadProblem(path, "empty file")
        return
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    items = list(_items(parsed.get("entries") or [], path, name))
    # feedparser also flags a feed whose declared encoding it had to override: its items are fine.
    harmless = getattr(feedparser, "CharacterEncodingOverride", ())
    broken = parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), harmless)
    if not any(isinstance(item, Document) for item in items):
        if broken:
            yield ReadProblem(path, f"not a readable feed ({_short(parsed.get('bozo_exception'))})")
            return
        if not items:
            yield ReadProblem(path, "a feed with no items", warning=True)
            return
    elif broken:
        yield ReadProblem(path, f"feed not well-formed ({_short(parsed.get('bozo_exception'))}); "
                                "its items read as far as possible", warning=True)
    yield from items


def _items(entries: list, path: str, name: str) -> Iterator[Item]:
    """A Document per feed item with a title or text (and warnings for dates and empty items)."""
    empty = 0
    for number, entry in enumerate(entries, 1):
        title = " ".join(str(entry.get("title") or "").split())
        body = _entry_body(entry)
        if not body and not title:
            empty += 1
            continue
        text = f"{title}\n{body}" if title and body and not body.startswith(title) else (body or title)
        link = str(entry.get("link") or "").strip()
        guid = str(entry.get("id") or "").strip()
        published = None
        raw_date = entry.get("published") or entry.get("updated")
        if raw_date:
            published = feed_date(str(raw_date))
            if published is None:
                yield ReadProblem(path, f"item {number}: {bad_date_reason(str(raw_date))}", warning=True)
        yield Document(doc_id=guid or link or f"{name}:{number}", text=text,
                       source=link or f"{path}:{number}", title=title, published=published)
    if empty:
        yield ReadProblem(path, f"{empty} item{'s' if empty > 1 else ''} without title or text skipped",
                          warning=True)


def feed_date(value: str) -> str | None:
    """``YYYY-MM-DD`` of an RSS (RFC 822) or Atom (ISO 8601) date, in the writer's own time zone."""
    iso = iso_date_part(value)
    if iso is not None:
        return iso
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    day: date = moment.date()
    return day.isoformat() if date_in_range(day) else None


def _entry_body(entry: dict) -> str:
    """The longer of an item's content and description, as text."""
    candidates = [c.get("value") for c in entry.get("content") or [] if isinstance(c, dict)]
    candidates.append(entry.get("summary"))
    texts = [fragment_text(str(c)) for c in candidates if c]
    return max(texts, key=len, default="")


def _short(exc: object) -> str:
    text = " ".join(str(exc or "malformed").split())
    return text if len(text) <= 80 else text[:77] + "..."
