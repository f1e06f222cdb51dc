"""The evaluation report as a fixed-width text table."""

from __future__ import annotations

from ..model import STATUSES
from .scoring import Counts, Report


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:5.1f}"


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: Report, *, worst: int | None = None) -> str:
    """The report as a fixed-width text table (per article, totals, attributes, errors)."""
    worst = report.worst if worst is None else worst
    lines: list[str] = []
    name_w = max([len("document"), len("TOTAL")] + [len(d.name) for d in report.documents])
    name_w = min(name_w, 40)
    header = f"{'document':<{name_w}}  {'gold':>4} {'pred':>4} {'TP':>4} {'FP':>4} {'FN':>4}  " \
             f"{'P%':>5} {'R%':>5} {'F1%':>5}"
    lines.append(f"Evaluation of {report.gold_dir}: {len(report.documents)} articles"
                 + (f", {len(report.problems)} unusable gold files" if report.problems else ""))
    lines.append("")
    lines.append(header)
    lines.append("-" * len(header))

    def row(name: str, gold: int, pred: int, c: Counts) -> str:
        return (f"{_clip(name, name_w):<{name_w}}  {gold:>4} {pred:>4} {c.tp:>4} {c.fp:>4} {c.fn:>4}  "
                f"{_pct(c.precision)} {_pct(c.recall)} {_pct(c.f1)}")

    for d in report.documents:
        lines.append(row(d.name, d.gold_events, d.predicted_events, d.counts))
    lines.append("-" * len(header))
    lines.append(row("TOTAL", sum(d.gold_events for d in report.documents),
                     sum(d.predicted_events for d in report.documents), report.totals))
    lines.append("")

    lines.append("Attributes on matched pairs")
    for name, acc in report.attribute_accuracy.items():
        shown = "  n/a" if acc.value is None else f"{_pct(acc.value)}%"
        lines.append(f"  {name:<17} {shown:>6}  ({acc.correct}/{acc.total})")
    lines.append("")

    lines.append("Status confusion (rows gold, columns predicted)")
    confusion = report.status_confusion
    labels = list(STATUSES) + sorted({p for r in confusion.values() for p in r} - set(STATUSES))
    width = max(len(s) for s in labels) + 1
    lines.append(f"  {'':<{width}}" + "".join(f"{s:>{width}}" for s in labels))
    for g, counts in confusion.items():
        lines.append(f"  {g:<{width}}" + "".join(f"{counts.get(p, 0):>{width}}" for p in labels))
    lines.append("")

    fps = report.false_positives
    lines.append(f"False positives by kind: {len(report.duplicates)} leftover duplicates, "
                 f"{len(report.mentions_mapped)} mentioned places mapped, "
                 f"{sum(1 for f in fps if f.kind == 'spurious')} spurious")
    for f in report.mentions_mapped:
        lines.append(f"  mention   {f.document}: {f.predicted.place} (on mention {f.near})")
    for f in report.duplicates:
        lines.append(f"  duplicate {f.document}: {f.predicted.place} (gold {f.near} already matched)")
    lines.append("")

    lines.append(f"Worst false negatives (up to {worst})")
    if not report.misses:
        lines.append("  (none)")
    for m in report.worst_misses(worst):
        far = "nothing predicted" if m.nearest_prediction_km is None \
            else f"nearest prediction {m.nearest_prediction_km:.0f} km"
        lines.append(f"  {m.document}: {m.gold.place} [{m.gold.precision}, {m.gold.status or '-'}] ({far})")
        lines.append(f"      > {_clip(m.sentence, 100) if m.sentence else '(no sentence names it)'}")
    lines.append("")
    lines.append(f"Worst false positives (up to {worst})")
    if not report.false_positives:
        lines.append("  (none)")
    for f in report.worst_false_positives(worst):
        far = "no gold event" if f.nearest_gold_km is None else f"nearest gold {f.nearest_gold_km:.0f} km"
        lines.append(f"  {f.document}: {f.predicted.place} -> {f.predicted.place_name} "
                     f"[{f.kind}, {f.predicted.status}] ({far})")
        evidence = f.predicted.evidence[0] if f.predicted.evidence else ""
        lines.append(f"      > {_clip(evidence, 100) or '(no evidence)'}")
    if report.problems:
        lines.append("")
        lines.append("Unusable gold files")
        lines.extend(f"  {p}" for p in report.problems)
    return "\n".join(lines)


