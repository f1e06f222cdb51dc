"""Running the pipeline over a gold folder and scoring every article."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from .breakdown import breakdown_dict, format_breakdown
from .gold import TEXT_SUFFIXES, GoldError, load_gold
from .notes import evaluate_notes, format_notes_report
from .scoring import Report, score_document
from .text_report import format_report


def find_text(gold_path: Path, texts_dir: str | Path | None = None) -> Path | None:
    """The article a gold file annotates: same stem, ``.txt`` (or ``.html``/``.htm``), looked for
    in ``texts_dir`` when given, then beside the gold file. ``None`` when there is none."""
    folders = ([Path(texts_dir)] if texts_dir is not None else []) + [gold_path.parent]
    for folder in folders:
        for suffix in TEXT_SUFFIXES:
            candidate = folder / f"{gold_path.stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def evaluate(gold_dir: str | Path, *, texts_dir: str | Path | None = None, worst: int = 10,
             on_problem: Callable[[str], None] | None = None) -> Report:
    """Run the pipeline on every article annotated in ``gold_dir`` and score it.

    Every ``*.json`` directly in ``gold_dir`` is a gold file; its article is
    found by :func:`find_text`. Each article goes through
    :func:`geomap.pipeline.extract_events` on its own, with the gold
    ``published`` date. A gold file that cannot be used (unreadable, invalid,
    no article, an article the pipeline cannot read) is listed in
    ``Report.problems`` — and passed to ``on_problem(line)`` as it is met —
    and the rest are still evaluated. Raises ``NotADirectoryError`` when
    ``gold_dir`` is not a folder.
    """
    from ..pipeline import extract_events

    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise NotADirectoryError(0, "not a folder", str(gold_dir))
    report = Report(gold_dir=str(gold_dir), worst=worst)

    def problem(path: Path, reason: str) -> None:
        line = f"{path}: {reason}"
        report.problems.append(line)
        if on_problem is not None:
            on_problem(line)

    for gold_path in sorted(gold_dir.glob("*.json")):
        try:
            gold = load_gold(gold_path)
        except GoldError as exc:
            problem(gold_path, str(exc))
            continue
        except OSError as exc:
            problem(gold_path, exc.strerror or str(exc))
            continue
        text_path = find_text(gold_path, texts_dir)
        if text_path is None:
            where = f"{texts_dir} or {gold_path.parent}" if texts_dir is not None else str(gold_path.parent)
            problem(gold_path, f"no article {gold_path.stem}{{{','.join(TEXT_SUFFIXES)}}} in {where}")
            continue
        result = extract_events([str(text_path)], date=gold.published)
        errors = [p for p in result.problems if not p.warning]
        if errors or result.documents != 1:
            reason = str(errors[0]) if errors else f"{result.documents} documents read, expected 1"
            problem(gold_path, f"article unusable: {reason}")
            continue
        text = _document_text(text_path)
        report.documents.append(score_document(gold_path.stem, result.events, gold, text=text,
                                               gold_path=str(gold_path), text_path=str(text_path)))
    if not report.documents and not report.problems:
        problem(gold_dir, "no gold files (*.json) in this folder")
    return report


def _document_text(path: Path) -> str:
    """The article's text as the pipeline reads it (markup dropped from HTML), for quoting."""
    from ..model import Document
    from ..read import iter_documents

    for item in iter_documents([str(path)]):
        if isinstance(item, Document):
            return item.text
    return ""


def run_cli(gold_dir: str, *, texts_dir: str | None = None, report_path: str | None = None,
            worst: int = 10, prog: str = "geomap") -> int:
    """What ``geomap evaluate`` does: evaluate, print the tables, write the JSON report.

    ``gold_dir`` is a folder of gold files, or a ``.jsonl`` file of coded-event
    notes (scored for placement by :func:`geomap.evaluate.notes.evaluate_notes`).
    Each unusable gold file or line gets one line on stderr. Returns the exit
    status: 0, or 1 when some gold was unusable (evaluation is not a test, so low
    scores never fail it).
    """
    from ..atomic import write_text_atomic

    def say(line: str) -> None:
        print(f"{prog}: bad gold file {line}", file=sys.stderr)

    if Path(gold_dir).suffix.lower() in (".jsonl", ".ndjson") and Path(gold_dir).is_file():
        notes_report = evaluate_notes(gold_dir)
        for line in notes_report.problems:
            say(line)
        print(format_notes_report(notes_report, worst=worst))
        data, problems = notes_report.to_dict(), notes_report.problems
    else:
        report = evaluate(gold_dir, texts_dir=texts_dir, worst=worst, on_problem=say)
        print(format_report(report))
        print()
        print(format_breakdown(report))
        data, problems = {**report.to_dict(), **breakdown_dict(report)}, report.problems
    if report_path:
        write_text_atomic(report_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {report_path}")
    return 1 if problems else 0
