"""Build geomap/lang/cue_forms.tsv.gz: every inflected form of the Russian and Ukrainian cue words.

Source: the cue phrases written by us in ``geomap/lang/ru.py`` and ``uk.py`` (how a phrase
is written: ``geomap/lang/lemmas.py``). Inflection: pymorphy3 (MIT) with
pymorphy3-dicts-ru (OpenCorpora dictionary, CC BY-SA 3.0) and pymorphy3-dicts-uk
(GPLv3), at build time only; only the word forms are stored (facts of Russian
and Ukrainian grammar), no code or dictionary data. The run time reads the
table and needs no morphology library.

    pip install -e '.[cues]'   # pymorphy3, pymorphy3-dicts-ru, pymorphy3-dicts-uk
    python scripts/build_cue_forms.py

Output: one line per phrase, ``lang<TAB>phrase<TAB>form|form|...``, sorted, gzip
without a timestamp so that a rebuild from the same lemmas is byte-identical.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.lang.lemmas import AROUND, MATCHED  # noqa: E402

OUT = ROOT / "geomap" / "lang" / "cue_forms.tsv.gz"

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_PIECE = re.compile(r"\[(?P<frozen>[^\]]*)\]|(?P<word>[^\s\[\]-]+)|(?P<sep>[\s-]+)")
_CYRILLIC_WORD = re.compile(r"[а-яёіїєґ'ʼ]+", re.IGNORECASE)


def _pieces(phrase: str) -> list[tuple[str, bool]]:
    """The phrase as (text, inflectable) pieces: bracketed, Latin and separator pieces stay as written."""
    out: list[tuple[str, bool]] = []
    for m in _PIECE.finditer(phrase):
        if m.group("frozen") is not None:
            out.append((m.group("frozen"), False))
        elif m.group("word") is not None:
            word = m.group("word")
            out.append((word, bool(_CYRILLIC_WORD.fullmatch(word))))
        else:
            out.append((m.group("sep"), False))
    return out


class _Inflector:
    def __init__(self) -> None:
        import pymorphy3

        self.morph = {"ru": pymorphy3.MorphAnalyzer(lang="ru"), "uk": pymorphy3.MorphAnalyzer(lang="uk")}

    def _parse(self, lang: str, word: str):
        parses = self.morph[lang].parse(word)
        # The reading whose dictionary form is the word as written, a known word first.
        for test in (lambda p: p.normal_form == word and p.is_known and p.tag.case in (None, "nomn"),
                     lambda p: p.normal_form == word and p.is_known, lambda p: p.normal_form == word,
                     lambda p: p.is_known and p.tag.case == "nomn", lambda p: True):
            for p in parses:
                if test(p):
                    return p
        return None

    def forms(self, lang: str, phrase: str) -> list[str]:
        """Every form of a phrase (see geomap/lang/lemmas.py), lower case, ё written е."""
        if phrase.startswith("="):
            return [phrase[1:].lower()]
        pieces = _pieces(phrase.lower())
        inflectable = [i for i, (_, ok) in enumerate(pieces) if ok]
        out: list[str] = ["".join(text for text, _ in pieces)]
        if len(inflectable) == 1:
            i = inflectable[0]
            parse = self._parse(lang, pieces[i][0])
            words = [f.word for f in parse.lexeme] if parse is not None else []
            for word in words:
                out.append("".join(word if j == i else text for j, (text, _) in enumerate(pieces)))
        elif inflectable:
            tables = {i: _case_table(self._parse(lang, pieces[i][0])) for i in inflectable}
            for number in ("sing", "plur"):
                for case in _CASES:
                    # A word without that form (indeclinable: "камікадзе") stays as written.
                    out.append("".join(tables[j].get((case, number), text) if j in tables else text
                                       for j, (text, _) in enumerate(pieces)))
        seen: list[str] = []
        for form in out:
            form = form.replace("ё", "е")
            if form not in seen:
                seen.append(form)
        return seen


def _case_table(parse) -> dict[tuple[str, str], str]:
    """(case, number) -> the word's form, from its lexeme: in the singular only forms of the word's own
    gender (an adjective agrees with its noun: "крылатую ракету"), in the accusative inanimate ones."""
    if parse is None:
        return {}
    gender = parse.tag.gender
    table: dict[tuple[str, str], str] = {}
    animate: dict[tuple[str, str], str] = {}
    for form in parse.lexeme:
        tag = form.tag
        if tag.case not in _CASES or "COMP" in tag.grammemes:
            continue
        # The Ukrainian dictionary leaves the singular unmarked.
        number = tag.number or "sing"
        if number == "sing" and gender and tag.gender and tag.gender != gender:
            continue
        key = (tag.case, number)
        (animate if "anim" in tag.grammemes and tag.case == "accs" else table).setdefault(key, form.word)
    for key, word in animate.items():
        table.setdefault(key, word)
    return table


def _phrases() -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for tables in (MATCHED, AROUND):
        for lang, by_table in tables.items():
            for by_value in by_table.values():
                for phrases in by_value.values():
                    for phrase in phrases:
                        if not phrase.startswith("="):
                            found.add((lang, phrase))
    return sorted(found)


def build(out: Path = OUT) -> int:
    """Write the forms table; return the number of phrases."""
    inflector = _Inflector()
    lines = []
    for lang, phrase in _phrases():
        forms = inflector.forms(lang, phrase)
        lines.append(f"{lang}\t{phrase}\t{'|'.join(forms)}\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as gz:
        gz.write("".join(lines).encode("utf-8"))
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(out)
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    count = build(args.out)
    print(f"wrote {count} phrases to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
