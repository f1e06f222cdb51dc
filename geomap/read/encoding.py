"""Bytes to text in any encoding, nothing lost.

The order of questions, cheapest first, so plain UTF-8 (nearly every input) costs one strict
decode and nothing else:

1. A byte order mark says the encoding: UTF-8, UTF-16 or UTF-32.
2. NUL bytes: UTF-16 without a mark when they fall on every other byte (one side), else a binary
   file (the one case that is still refused).
3. Strict UTF-8.
4. Not UTF-8: a page's own ``<meta charset>`` when it declares one other than UTF-8.
5. Mostly UTF-8 with a few stray bytes (at least as many good multi-byte characters as bad
   bytes): read as UTF-8 with each bad byte replaced by U+FFFD.
6. Otherwise a legacy single-byte encoding, detected by charset-normalizer among the ones this
   reporting is written in (:data:`CANDIDATES`: Windows-1251, KOI8-R, KOI8-U, Windows-1252 /
   Latin-1, and UTF-16 without a mark); when none fits, UTF-8 with replacement.

Steps 5 and 6 give the text *and* one warning naming the first bad byte and its offset, and
how the text was read, e.g. ``not valid UTF-8 (byte 0xe9 at offset 27); read as
windows-1252 (detected)``.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

#: Encodings a non-UTF-8 input is detected among: the legacy encodings of Russian, Ukrainian and
#: Western European text. Kept short on purpose: unrestricted detection of a short text is a coin
#: toss (a KOI8-R paragraph comes out as Shift-JIS, Latin-1 as Windows-1250).
CANDIDATES: tuple[str, ...] = ("cp1251", "koi8_r", "koi8_u", "cp1252", "latin_1", "utf_16_le", "utf_16_be")

#: The names problems give the encodings (Python's codec names are not what people call them).
_DISPLAY = {"cp1251": "windows-1251", "cp1252": "windows-1252", "koi8_r": "KOI8-R", "koi8_u": "KOI8-U",
            "latin_1": "Latin-1", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE",
            "utf_16": "UTF-16", "utf_32": "UTF-32", "utf_8": "UTF-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),  # before UTF-16: FF FE 00 00
    (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"),
)


@dataclass
class Decoded:
    """Text decoded from bytes, and the warning it deserves (None when it was clean)."""

    text: str
    warning: str | None = None
    encoding: str = "utf_8"


class NotText(ValueError):
    """The bytes are not text at all (a binary file): ``str(exc)`` is the reason."""


def decode(data: bytes, *, declared: str | None = None, base: int = 0) -> Decoded:
    """Decode ``data`` by the steps in the module docstring; raise :class:`NotText` for binary data.

    ``declared`` is an encoding the input names for itself (a page's ``<meta charset>``), tried
    when the bytes are not UTF-8. ``base`` is added to offsets in the warning (the position of
    ``data`` in its file, for a JSONL line).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data, codec)
    if b"\x00" in data:
        codec = _utf16_without_mark(data)
        if codec is None:
            raise NotText("binary file, not text")
        return _decode_marked(data, codec)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return Decoded(data[start:].decode("utf-8"))
    except UnicodeDecodeError as exc:
        first = utf8_reason(data[start:], exc, base + start)
    if declared is not None and codecs.lookup(declared).name != "utf-8":
        try:
            return Decoded(data.decode(declared), encoding=declared)
        except UnicodeDecodeError:
            text = data.decode(declared, "replace")
            return Decoded(text, f"not valid {declared} (the page's declared charset); "
                                 "undecodable bytes replaced", declared)
        except LookupError:  # a codec that is no text encoding ("base64"): as if none were declared
            pass
    body = data[start:]
    text, bad = _utf8_replacing(body)
    good_multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if good_multibyte >= bad:
        return Decoded(text, f"{first}; read as UTF-8 with {_bytes(bad)} replaced")
    codec = detect(body)
    if codec is not None:
        return Decoded(body.decode(codec), f"{first}; read as {display_name(codec)} (detected)", codec)
    return Decoded(text, f"{first}; read as UTF-8 with {_bytes(bad)} replaced")


def detect(data: bytes) -> str | None:
    """The encoding among :data:`CANDIDATES` that ``data`` most likely is, or None.

    charset-normalizer is imported only here: clean UTF-8 never pays for it.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name.replace("-", "_")
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return codec


def display_name(codec: str) -> str:
    """What people call a codec (``cp1251`` → ``windows-1251``)."""
    key = codecs.lookup(codec).name.replace("-", "_")
    return _DISPLAY.get(key, _DISPLAY.get(codec, codec))


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares in its first 4 KiB, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def utf8_reason(data: bytes, exc: UnicodeDecodeError, base: int) -> str:
    """``not valid UTF-8 (byte 0x.. at offset N)`` for the first bad byte."""
    return f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {base + exc.start})"


def _decode_marked(data: bytes, codec: str) -> Decoded:
    """UTF-16/32 (marked, or unmarked with a known byte order): replace what does not decode."""
    try:
        return Decoded(data.decode(codec), encoding=codec)
    except UnicodeDecodeError as exc:
        return Decoded(data.decode(codec, "replace"),
                       f"not valid {display_name(codec)} (at offset {exc.start}); undecodable bytes replaced",
                       codec)


def _utf16_without_mark(data: bytes) -> str | None:
    """``utf_16_le``/``utf_16_be`` when the NUL bytes say so, else None (binary data).

    In UTF-16 text every ASCII character (spaces, digits, punctuation, Latin letters) has a NUL
    as its other byte, so NULs sit on one side only; a binary file has them anywhere.
    """
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even and odd:
        return None
    codec = "utf_16_le" if odd else "utf_16_be"
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\n\r\t")
    return codec if controls == 0 else None


_replaced = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced.count = getattr(_replaced, "count", 0) + 1
    return "\ufffd", exc.end


codecs.register_error("geomap-count-replace", _count_and_replace)


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """UTF-8 with each undecodable byte (run) replaced, and how many replacements were made."""
    _replaced.count = 0
    text = data.decode("utf-8", "geomap-count-replace")
    return text, _replaced.count


def _bytes(count: int) -> str:
    return "1 undecodable byte" if count == 1 else f"{count} undecodable bytes"
