"""The whole job in one place: read -> extract -> geocode -> merge -> map / export.

>>> from geomap.pipeline import extract_events, run
>>> result = extract_events(["examples/"])          # doctest: +SKIP
>>> run(["examples/"], outdir="outputs")             # doctest: +SKIP
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import settings
from .atomic import OutputSet
from .extract import default_extractor
from .gazetteer import Gazetteer
from .merge import Merger, merge_events
from .model import Document, Event, Mention, ReadProblem
from .read import iter_documents


@dataclass
class Result:
    """What a run produced: merged events, mentions, unreadable inputs and counts."""

    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    documents: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)


def extract_events(
    inputs: Sequence[str],
    *,
    date: str | None = None,
    gazetteer: Gazetteer | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    progress: bool = False,
) -> Result:
    """Read every input, extract and geocode its strikes, and merge repeated reports.

    ``inputs`` are paths (``.txt``, ``.html``, ``.jsonl``, folders) or ``-``
    for standard input; ``date`` (YYYY-MM-DD) is the publication date of
    inputs that carry none. Unreadable inputs do not stop the run: each is
    passed to ``on_problem`` as it is met and listed in the result.

    An ACLED CSV export among the inputs gives ready events (``origin="acled"``):
    they go into the result as they are, one per ACLED event (a row repeated by
    overlapping exports counts once), after the merged text events, and are
    never merged with them.
    """
    extractor = default_extractor(gazetteer)
    result = Result()
    merger = Merger(extractor.gazetteer)
    acled_events: dict[str, tuple[str, Event]] = {}  # by event id: overlapping exports repeat rows
    # One mention per place and reason, read in the earliest report (publication, document,
    # sentence), whatever order the inputs come in.
    mentioned: dict[tuple[str, str], tuple[tuple[bool, str, str, str], Mention]] = {}
    for item in _with_progress(iter_documents(inputs, default_date=date), progress):
        if isinstance(item, ReadProblem):
            result.problems.append(item)
            if on_problem is not None:
                on_problem(item)
            continue
        if isinstance(item, Event):  # a row of an ACLED export: no text to read
            # Overlapping exports repeat a row, perhaps revised: keep one by its content, not by
            # which export came first, so the inputs' order does not matter.
            rank = json.dumps(item.to_feature(), sort_keys=True)
            seen = acled_events.get(item.event_id)
            if seen is None or rank < seen[0]:
                acled_events[item.event_id] = (rank, item)
            continue
        result.documents += 1
        extraction = extractor.extract(item)
        for position, event in enumerate(extraction.events):
            merger.add(event, published=item.published, position=position)
        for mention in extraction.mentions:
            key = (mention.place_id, mention.reason)
            rank = (item.published is None, item.published or "", mention.doc_id, mention.sentence)
            if key not in mentioned or rank < mentioned[key][0]:
                mentioned[key] = (rank, mention)
    result.mentions = [mention for _, mention in sorted(mentioned.values(), key=lambda found: (
        found[0], found[1].place_id, found[1].reason))]
    result.events = merger.events() + sorted((event for _, event in acled_events.values()), key=lambda e: (
        e.event_date is None, e.event_date or "", e.place_name, e.event_id))
    return result


def extract_documents(documents: Iterable[Document], *, gazetteer: Gazetteer | None = None) -> list[Event]:
    """Events in documents already in memory, merged as one run (so namesakes are settled by the
    run's other events, as in :func:`extract_events`)."""
    extractor = default_extractor(gazetteer)
    merger = Merger(extractor.gazetteer)
    for doc in documents:
        for position, event in enumerate(extractor.extract(doc).events):
            merger.add(event, published=doc.published, position=position)
    return merger.events()


def extract_text(text: str, *, doc_id: str = "text", published: str | None = None,
                 gazetteer: Gazetteer | None = None) -> list[Event]:
    """Events in one piece of text (a convenience for scripts and notebooks)."""
    extractor = default_extractor(gazetteer)
    doc = Document(doc_id=doc_id, text=text, source=doc_id, published=published)
    return merge_events(extractor.extract(doc).events)


def write_outputs(result: Result, outdir: str | Path, name: str = settings.DEFAULT_NAME,
                  *, title: str | None = None) -> dict[str, Path]:
    """Write ``NAME.geojson``, ``.gpkg``, ``.csv`` and ``.html`` into ``outdir``, as one set.

    All four are written in full under temporary names first and then renamed
    together (:class:`geomap.atomic.OutputSet`): the folder shows the previous
    run's four files or this run's four, never a mixture, and a failure or an
    interruption while writing leaves the previous ones as they were.
    """
    from .export import write_csv, write_csvt, write_geojson, write_gpkg, write_prj
    from .mapping import write_map

    out = Path(outdir)
    targets = {kind: out / f"{name}.{kind}" for kind in ("geojson", "gpkg", "csv", "html")}
    sidecars = {kind: out / f"{name}.{kind}" for kind in ("csvt", "prj")}  # the CSV's types and CRS
    with OutputSet(out, names=[t.name for t in (*targets.values(), *sidecars.values())]) as outputs:
        write_geojson(result.events, outputs.stage(targets["geojson"]))
        write_gpkg(result.events, outputs.stage(targets["gpkg"]), mentions=result.mentions)
        write_csv(result.events, outputs.stage(targets["csv"]), sidecars=False)
        write_csvt(outputs.stage(sidecars["csvt"]))
        write_prj(outputs.stage(sidecars["prj"]))
        write_map(result.events, outputs.stage(targets["html"]), mentions=result.mentions,
                  title=title or f"geomap — {name}")
    result.outputs = targets
    return result.outputs


def run(inputs: Sequence[str], outdir: str | Path = settings.DEFAULT_OUTDIR,
        name: str = settings.DEFAULT_NAME, *, date: str | None = None,
        on_problem: Callable[[ReadProblem], None] | None = None, progress: bool = False) -> Result:
    """The main job: extract events from ``inputs`` and write every output into ``outdir``.

    When nothing at all could be read (a mistyped path, only unreadable files), nothing is
    written and ``result.outputs`` stays empty: empty outputs would replace a good earlier run.
    """
    result = extract_events(inputs, date=date, on_problem=on_problem, progress=progress)
    if read_nothing(result):
        return result
    write_outputs(result, outdir, name)
    return result


def read_nothing(result: Result) -> bool:
    """Whether a run read no document and no ACLED event: its outputs would only be empty."""
    return result.documents == 0 and not result.events


def _with_progress(items: Iterable, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="documents", unit="doc", file=sys.stderr, disable=not sys.stderr.isatty())
