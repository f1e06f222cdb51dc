"""Whole inputs as text: ``.txt`` articles, and the decoding every whole-file reader shares."""

from __future__ import annotations

import re
from pathlib import Path

from geomap.model import Document, ReadProblem

from .common import MAX_DOCUMENT_BYTES, Item, date_from_name, normalise_newlines
from .compression import read_capped
from .encoding import NotText, declared_charset, decode

_LONE_URL = re.compile(r"https?://\S+")


def decode_input(data: bytes, input_name: str, *,
                 html: bool = False) -> tuple[str | ReadProblem, ReadProblem | None]:
    """Decode a whole input: ``(text or the problem that stops it, a warning or None)``.

    Empty → "empty file"; only whitespace → "empty file (only whitespace)"; binary data →
    "binary file, not text". Anything else is text, in whatever encoding
    (:mod:`geomap.read.encoding`); bytes that could not be decoded cleanly are replaced and
    named in the warning (file, first bad byte and offset, how it was read). For HTML the
    page's declared charset is tried before detection. Newlines come back as ``\\n``.
    """
    if not data:
        return ReadProblem(input_name, "empty file"), None
    try:
        decoded = decode(data, declared=declared_charset(data) if html else None)
    except NotText as exc:
        return ReadProblem(input_name, str(exc)), None
    warning = ReadProblem(input_name, decoded.warning, warning=True) if decoded.warning else None
    if not decoded.text.strip():
        return ReadProblem(input_name, "empty file (only whitespace)"), None
    return normalise_newlines(decoded.text), warning


def decode_bytes(data: bytes, input_name: str, *, html: bool = False) -> str | ReadProblem:
    """Decode a whole text input, or say why it is not text (the warning of :func:`decode_input` dropped)."""
    return decode_input(data, input_name, html=html)[0]


def read_text(path: str, *, doc_id: str | None = None) -> list[Item]:
    """Read one ``.txt`` article (perhaps compressed): ``[warning?, Document]`` or ``[ReadProblem]``.

    ``doc_id`` defaults to the file name; ``source`` is ``path`` as given, or the
    URL on the file's first line when that line holds a URL and nothing else (a
    saved article citing where it came from; the line is not read as text).
    ``published`` comes from an ISO date at the start of the file name, if any.
    """
    data = read_capped(path, MAX_DOCUMENT_BYTES)
    if isinstance(data, ReadProblem):
        return [data]
    text, warning = decode_input(data, path)
    if isinstance(text, ReadProblem):
        return [text]
    name = Path(path).name
    source = path
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if _LONE_URL.fullmatch(first.strip()):
        source, text = first.strip(), rest
    doc = Document(doc_id=doc_id or name, text=text, source=source, published=date_from_name(name))
    return [warning, doc] if warning else [doc]


def read_text_file(path: str, *, doc_id: str | None = None) -> Item:
    """Read one ``.txt`` article: a Document, or a ReadProblem saying why not (any warning dropped)."""
    return read_text(path, doc_id=doc_id)[-1]
