"""Compressed inputs read transparently: ``.gz``, ``.bz2`` and ``.xz`` around any input kind.

``corpus.jsonl.gz`` is a JSONL corpus, ``page.html.bz2`` a page, ``post.txt.xz`` an article:
the compression suffix is peeled off and the kind read from the suffix under it. Streams are
decompressed as they are read (a compressed JSONL corpus is still read a line at a time), and
whole-file readers stop at their size limit counted in *decompressed* bytes, so a small
archive that unpacks to gigabytes is refused, not unpacked.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from pathlib import Path
from typing import BinaryIO

from geomap.model import ReadProblem

from .common import os_reason, size_words

#: Compression suffixes and the name given to each in problems.
COMPRESSIONS: dict[str, str] = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}

#: What reading a (perhaps compressed) stream can raise: a broken archive is not an OSError only.
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)


def split_suffix(name: str) -> tuple[str, str | None]:
    """``("" or the input's own suffix, compression name or None)`` of a file name, lower-cased.

    ``corpus.jsonl.gz`` → ``(".jsonl", "gzip")``; ``a.txt`` → ``(".txt", None)``.
    """
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix in COMPRESSIONS:
        return Path(path.stem).suffix.lower(), COMPRESSIONS[suffix]
    return suffix, None


def open_input(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing when its name ends in a compression suffix.

    Raises OSError like :func:`open` when the file cannot be opened.
    """
    compression = split_suffix(path)[1]
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == "bzip2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    if compression == "xz":
        return lzma.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_error_reason(path: str, exc: BaseException) -> str:
    """One short reason for an error met while reading ``path`` (a broken archive named as such)."""
    compression = split_suffix(path)[1]
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile) and exc.errno is not None:
        return os_reason(exc)
    if compression is not None:
        detail = str(exc) or exc.__class__.__name__
        return f"not valid {compression} data ({detail})"
    return f"cannot read: {exc}"


def read_capped(path: str, limit: int, what: str = "one article") -> bytes | ReadProblem:
    """The whole (decompressed) content of ``path``, or a problem: at most ``limit`` bytes are read."""
    try:
        with open_input(path) as handle:
            data = handle.read(limit + 1)
    except READ_ERRORS as exc:
        return ReadProblem(path, read_error_reason(path, exc))
    if len(data) > limit:
        return ReadProblem(path, f"larger than {size_words(limit)} for {what}; not read")
    return data
