"""Saved news pages (``.html``/``.htm``): the article's own text, title and publication date.

The main text is taken by trafilatura, a library made for it, so what surrounds an article on a
news site — navigation, "Skip to main content", cookie notices, weather banners, "read more"
and "most read" lists, advertisement lines, footers — is not read as reporting. A page too small
or too odd for trafilatura to find an article in (a fragment, a bare list) falls back to all of
its text with script, style, nav, header, footer, aside, noscript, form, template, svg and
iframe removed, block elements turned into line breaks.

The date is the page's own: ``article:published_time``, ``og:published_time``,
``itemprop="datePublished"`` and the other publication-date meta tags, a JSON-LD
``datePublished``, else the first ``<time datetime>`` holding an ISO date. Nothing is guessed
from the text or the address (a page's text is full of other dates).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from geomap.model import Document, ReadProblem

from .common import MAX_DOCUMENT_BYTES, Item, bad_date_reason, date_from_name, iso_date_part
from .compression import read_capped
from .text import decode_input

_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form",
              "template", "svg", "iframe")
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "tr", "td", "th", "caption", "ul", "body", "html", "title",
})
_WHITESPACE = re.compile(r"\s+")
#: Publication-date meta tags, most specific first (Open Graph, schema.org, Dublin Core, Parse.ly).
_DATE_META = (
    'meta[property="article:published_time"]', 'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]', 'meta[name="article:published_time"]',
    'meta[name="pubdate"]', 'meta[name="publish-date"]', 'meta[name="parsely-pub-date"]',
    'meta[name="dc.date.issued"]', 'meta[name="DC.date.issued"]', 'meta[name="date"]',
)
_LIST_MARK = re.compile(r"^- ", re.MULTILINE)


def read_html(path: str, *, doc_id: str | None = None) -> Iterator[Item]:
    """Read one HTML page (perhaps compressed): yields its Document, or a ReadProblem.

    A published date in the page that is not an ISO date yields a warning first and the
    Document without it (then the date in the file name, if any); so does a page whose bytes
    had to be detected or partly replaced (:mod:`geomap.read.encoding`).
    """
    data = read_capped(path, MAX_DOCUMENT_BYTES)
    if isinstance(data, ReadProblem):
        yield data
        return
    markup, warning = decode_input(data, path, html=True)
    if isinstance(markup, ReadProblem):
        yield markup
        return
    if warning is not None:
        yield warning
    text, title, published_raw = html_to_text(markup)
    name = Path(path).name
    if not text.strip():
        yield ReadProblem(path, "no text in page")
        return
    published = None
    if published_raw is not None:
        published = iso_date_part(published_raw)
        if published is None:
            yield ReadProblem(path, bad_date_reason(published_raw), warning=True)
    if published is None:
        published = date_from_name(name)
    yield Document(doc_id=doc_id or name, text=text, source=path, title=title, published=published)


def html_to_text(markup: str) -> tuple[str, str, str | None]:
    """Return ``(text, title, published as written or None)`` for an HTML page.

    Text: the article's main text as trafilatura finds it, one paragraph a line; when it
    finds none, all the page's text with the non-article elements removed. Title:
    ``og:title``, else ``<title>``.
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
    published = page_date(tree)
    text = main_text(markup)
    if not text:
        for tag in _DROP_TAGS:
            for node in tree.css(tag):
                node.decompose()
        root = tree.body if tree.body is not None else tree.root
        text = _block_text(root) if root is not None else ""
    return text, title, published


def page_date(tree: LexborHTMLParser) -> str | None:
    """The page's own publication date as written (meta tags, JSON-LD, ``<time>``), or None."""
    for selector in _DATE_META:
        node = tree.css_first(selector)
        value = node.attributes.get("content") if node is not None else None
        if value and value.strip():
            return value.strip()
    for node in tree.css('script[type="application/ld+json"]'):
        value = _json_ld_date(node.text(deep=True))
        if value:
            return value
    for node in tree.css("time[datetime]"):
        value = (node.attributes.get("datetime") or "").strip()
        if iso_date_part(value):
            return value
    return None


def main_text(markup: str) -> str:
    """The article's text as trafilatura extracts it (tables kept, comments not), or ``""``.

    trafilatura is imported here, not at the top: a run over JSONL never pays its start-up.
    """
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):  # their chatter is not ours to print
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        # Precision over recall: a line of boilerplate read as reporting can put a strike on the
        # map; "fast" skips trafilatura's own fall-backs (the page's whole text is ours, below).
        text = trafilatura.extract(markup, output_format="txt", include_comments=False,
                                   include_tables=True, include_links=False, include_images=False,
                                   deduplicate=False, with_metadata=False, favor_precision=True,
                                   fast=True)
    except (ValueError, RecursionError, MemoryError):
        return ""
    if not text:
        return ""
    lines = (" ".join(line.split()) for line in _LIST_MARK.sub("", text).split("\n"))
    return "\n".join(line for line in lines if line)


def _json_ld_date(raw: str) -> str | None:
    """``datePublished`` of a JSON-LD block (an object, a list, or an ``@graph``), or None."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and iso_date_part(value):
                return value.strip()
            if isinstance(item.get("@graph"), list):
                stack.extend(reversed(item["@graph"]))
    return None


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


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a feed item's description), one block a line, scripts and styles dropped."""
    if "<" not in markup and "&" not in markup:
        return "\n".join(" ".join(line.split()) for line in markup.splitlines() if line.strip())
    tree = LexborHTMLParser(markup)
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.body if tree.body is not None else tree.root
    return _block_text(root) if root is not None else ""
