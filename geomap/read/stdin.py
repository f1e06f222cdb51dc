"""Standard input (``-``): a JSONL corpus, streamed, or one text article, capped."""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Iterator

from geomap.model import Document, ReadProblem

from .common import MAX_DOCUMENT_BYTES, STDIN_SOURCE, Item, size_words
from .jsonl import Rejoined, jsonl_stream
from .text import decode_input

#: How much of standard input is looked at to tell JSONL from plain text.
_SNIFF_BYTES = 64 * 1024


def read_stdin() -> Iterator[Item]:
    """Read standard input: a JSONL corpus, streamed, or one text article, capped.

    Input whose first non-blank character is ``{`` is JSONL, read line by line
    like a ``.jsonl`` file (doc ids ``stdin:<line>`` where a line has no ``id``).
    Anything else is one text article (doc_id ``stdin``, source ``<stdin>``) of
    at most :data:`MAX_DOCUMENT_BYTES`, in any encoding: past that it is a problem, and reading
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
        yield from jsonl_stream(Rejoined(head, binary), STDIN_SOURCE, "stdin")  # type: ignore[arg-type]
        return
    try:
        data = head + binary.read(MAX_DOCUMENT_BYTES + 1 - len(head))
    except (OSError, ValueError) as exc:
        yield ReadProblem(STDIN_SOURCE, f"cannot read: {exc}")
        return
    if len(data) > MAX_DOCUMENT_BYTES:
        yield ReadProblem(STDIN_SOURCE, f"more than {size_words(MAX_DOCUMENT_BYTES)} of text as one "
                                        "article; not read (give a corpus as JSONL, one article a line)")
        return
    text, warning = decode_input(data, STDIN_SOURCE)
    if isinstance(text, ReadProblem):
        yield text
        return
    if warning is not None:
        yield warning
    yield Document(doc_id="stdin", text=text, source=STDIN_SOURCE)
