"""Text normalisation and sentence splitting.

Normalisation keeps one character for one character wherever it can, so that
offsets found in the normalised text point at the same words a reader sees.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

# Typographic variants folded to the plain character news text mostly uses.
_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ",
    "\u0451": "\u0435", "\u0401": "\u0415",  # ё -> е, as Russian news mostly writes it
})


def normalise(text: str) -> str:
    """Return ``text`` in NFC with quotes, dashes and spaces folded to plain forms.

    Length is preserved by everything after the NFC step, so later offsets
    stay valid for the normalised text.
    """
    if text.isascii():
        # NFC leaves ASCII as it is, and the fold changes only a few ASCII characters.
        for char, plain in _ASCII_FOLD:
            text = text.replace(char, plain)
        return text
    return unicodedata.normalize("NFC", text).translate(_FOLD)


_ASCII_FOLD = tuple((chr(code), plain) for code, plain in _FOLD.items() if code < 128)


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (for offset-safe matching)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Sentence(NamedTuple):
    """A sentence of a document: its text and its span in the document."""

    start: int
    end: int
    text: str


# Sentence(...) without the Python-level __new__ a NamedTuple has (a sentence is made per sentence read).
_new_sentence = functools.partial(tuple.__new__, Sentence)

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "e.g", "i.e", "approx", "govt", "dept", "inc", "ltd", "co", "corp", "jr", "sr",
    "km", "ft",
})

# A sentence ends at ., ! or ? followed by space(s) and a capital, digit or quote; or at a
# full stop glued to a capitalised word ("Kyiv.The"), which scraped text often has.
# ("[.!?][.!?]*", not "[.!?]+": a pattern opening with a set lets the engine skip to the next
# punctuation mark, where one opening with a repeat is tried at every character.)
_BOUNDARY = re.compile(
    r"(?P<end>[.!?][.!?]*[\"')\]]*)(?:\s+(?=[\"'(\[]?[A-ZА-ЯІЇЄҐ0-9])|(?=[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ]))"
)


# Not a letter, digit, "_" or dot (\w is what str.isalnum() holds, and "_").
_NOT_IN_WORD = re.compile(r"[^\w.]")


def _ends_sentence(text: str, stop: int) -> bool:
    """Decide whether the punctuation ending at ``stop`` closes a sentence."""
    if text[stop - 1] != ".":
        return True
    # The word (letters, digits, "_" and dots) that runs up to the full stop, at most 40 back:
    # it starts after the last other character, found from the end of the reversed window.
    end = stop - 1
    limit = max(0, stop - 41)
    # Nearly always the word is letters and digits after a space (str.isalnum() holds only \w
    # characters): it is read without the search below (the dense slice's 1,475 stops, replayed
    # under callgrind: 15.2 -> 14.0 M instructions).
    space = text.rfind(" ", max(0, limit - 1), end)
    if space >= 0 and text[space + 1:end].isalnum():
        token = text[space + 1:end].lower()
        if token not in _ABBREVIATIONS:
            return not (len(token) == 1 and token.isalpha())
    other = _NOT_IN_WORD.search(text[limit:end][::-1])
    start = end - other.start() if other else limit
    if start == end:
        return True
    token = text[start:end].lower().rstrip(".")
    if token in _ABBREVIATIONS:
        # "Naryan-Mar." is a town's name, not the month: the word before the hyphen is
        # capitalised. ("mid-Feb." stays an abbreviation.)
        return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha() and \
            _capitalised_word_before(text, start - 1)
    # A single capital letter is an initial ("J. Smith"), not a sentence.
    return not (len(token) == 1 and token.isalpha())


def _capitalised_word_before(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` starts with a capital letter."""
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start].isupper()


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets.

    Line breaks always end a sentence (headlines, banners and list items stand
    alone in scraped articles); inside a line, sentence-final punctuation does,
    except after common abbreviations and initials, and also when the next
    sentence is glued on without a space. A sentence longer than
    :data:`MAX_SENTENCE_CHARS` is split into pieces no longer than that.
    """
    sentences: list[Sentence] = []
    line_start = 0
    for chunk in text.split("\n"):
        if chunk:
            pos = 0
            for boundary in _boundaries(chunk):
                stop = boundary.end("end")
                if not _ends_sentence(chunk, stop):
                    continue
                _append(sentences, chunk, line_start, pos, stop)
                pos = boundary.end()
            _append(sentences, chunk, line_start, pos, len(chunk))
        line_start += len(chunk) + 1
    return sentences


def _boundaries(chunk: str) -> Iterator[re.Match[str]]:
    """``_BOUNDARY.finditer(chunk)``, its candidates found by ``str.find`` where it can.

    The engine checks every character against the opening set [.!?] (some 20 ns each), where
    ``str.find`` skips to the next full stop in C at a fraction of that. A match can only start
    at a punctuation mark, so matching at each full stop in turn, from the end of the last
    match, finds what finditer finds; a line with "!" or "?" is left to finditer.
    """
    if "!" in chunk or "?" in chunk:
        yield from _BOUNDARY.finditer(chunk)
        return
    match, find = _BOUNDARY.match, chunk.find
    at = find(".")
    while at >= 0:
        found = match(chunk, at)
        if found is None:
            at = find(".", at + 1)
        else:
            yield found
            at = find(".", found.end())  # never empty: each match holds a full stop


def matches_at_words(pattern: re.Pattern[str], text: str, low: str, words: tuple[str, ...],
                     endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, 0, endpos)`` for a pattern every match of which starts where one of
    ``words`` starts in ``low`` (the text lower-cased, of the same length), tried only there.

    A case-blind search tries its pattern at every position, and a failed try at a long
    alternation costs a few hundred instructions; ``str.find`` skips to the next word in C. In
    ASCII text, where case-blind matching is what ``lower()`` gives, a pattern every branch of
    which opens with one of those words matches only where one stands (found anywhere, inside a
    word too): tried there in order, from the end of the last match, it finds what finditer
    finds. (``match`` at a position still sees the characters before it: a look-behind or \\b
    reads as in finditer.) For patterns that never match the empty string.
    """
    end = len(text) if endpos is None else endpos
    starts = set()
    for word in words:
        at = low.find(word, 0, end)
        while at >= 0:
            starts.add(at)
            at = low.find(word, at + 1, end)
    pos = 0  # no match starts before this
    match = pattern.match
    for at in sorted(starts):
        if at >= pos and (found := match(text, at, end)) is not None:
            yield found
            pos = found.end()


#: The longest sentence read as one. The longest in the gold sets and the seed articles is under
#: 300 characters; text that runs on for longer (a scraped page without full stops, a megabyte
#: on one line) is no sentence, and reading it whole costs more than linear time (date phrases
#: are weighed against each other within a sentence). It is read in pieces of at most this many
#: characters, cut at the last space before the limit where there is one.
MAX_SENTENCE_CHARS = 2_000


def _append(out: list[Sentence], chunk: str, offset: int, start: int, stop: int) -> None:
    piece = chunk[start:stop]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    size = len(stripped)
    if size <= MAX_SENTENCE_CHARS:  # nearly every sentence: one piece
        out.append(_new_sentence((begin, begin + size, stripped)))
        return
    # Walk an index along the text (never copying the rest of it): linear in its length.
    pos = 0
    while size - pos > MAX_SENTENCE_CHARS:
        cut = stripped.rfind(" ", pos + MAX_SENTENCE_CHARS // 2, pos + MAX_SENTENCE_CHARS + 1)
        if cut <= pos:
            cut = pos + MAX_SENTENCE_CHARS  # no space in the second half: a hard cut
        head = stripped[pos:cut].rstrip()
        out.append(_new_sentence((begin + pos, begin + pos + len(head), head)))
        pos = cut
        while pos < size and stripped[pos].isspace():
            pos += 1
    if pos < size:
        out.append(_new_sentence((begin + pos, begin + size, stripped[pos:])))


_NON_WORD = re.compile(r"[\W_]")
# The same fold for ASCII text as a byte table: one C-level pass instead of a regex
# substitution per punctuation mark (most news text is ASCII once normalised).
_ASCII_WORD_TABLE = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))
# ... and lower-casing in the same pass, for text that is ASCII before it is lower-cased (an ASCII
# letter lowers to an ASCII letter, a digit stays one): a document's text is folded once per read,
# and ``lower()`` is a pass of its own over it (the news slice: some 10 M instructions).
_ASCII_LOWER_WORD_TABLE = bytes(ord(chr(c).lower()) if chr(c).isalnum() and c < 128 else 32
                                for c in range(256))


def match_fold(text: str) -> str:
    """Fold ``text`` for cue and name matching, keeping its length.

    Lower case, and every character that is not a letter or digit becomes a
    space (hyphens and apostrophes too: "Rostov-on-Don" is matched as
    "rostov on don", "Ryazan's" as "ryazan s"), so names and cues are matched
    as whole words between spaces.
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER_WORD_TABLE).decode("ascii")
    low = fold(text)
    if low.isascii():  # (text with a letter that lowers to ASCII, such as the Kelvin sign)
        return low.encode("ascii").translate(_ASCII_WORD_TABLE).decode("ascii")
    return _NON_WORD.sub(" ", low)


def name_key(name: str) -> str:
    """Return the lookup key of a name: folded, spaces collapsed, trimmed."""
    return " ".join(match_fold(normalise(name)).split())
