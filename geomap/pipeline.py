"""The whole job in one place: read -> extract -> geocode -> merge -> map / export.

>>> from geomap.pipeline import extract_events, run
>>> result = extract_events(["examples/"])          # doctest: +SKIP
>>> run(["examples/"], outdir="outputs")             # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import settings
from .atomic import OutputSet
from .extract import Extraction, default_extractor
from .gazetteer import Gazetteer
from .merge import Merger
from .merge.spill_limit import spill_after
from .model import Document, Event, Mention, ReadProblem
from .parallel import BATCH_BYTES, ParsedDocument, extractions
from .read import iter_documents

if TYPE_CHECKING:  # (the spill package is imported by the runs that spill only)
    from .merge.spill import SpillMerger


@dataclass
class Result:
    """What a run produced: merged events, mentions, unreadable inputs and counts.

    ``events`` is a list, or for a long run whose merge went on on disk
    (:mod:`geomap.merge.spill`) a sequence that reads them from there as it is walked.
    """

    events: Sequence[Event] = field(default_factory=list)
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
    jobs: int = 1,
) -> Result:
    """Read every input, extract and geocode its strikes, and merge repeated reports.

    ``inputs`` are paths (``.txt``, ``.html``, ``.jsonl``, folders) or ``-``
    for standard input; ``date`` (YYYY-MM-DD) is the publication date of
    inputs that carry none. Unreadable inputs do not stop the run: each is
    passed to ``on_problem`` as it is met and listed in the result.

    ``jobs`` processes read the documents (see :mod:`geomap.parallel`); their
    readings are merged in input order, so the result is the same whatever
    ``jobs`` is. ``progress`` shows a progress bar on a terminal (stderr).

    An ACLED CSV export among the inputs gives ready events (``origin="acled"``):
    they go into the result as they are, one per ACLED event (a row repeated by
    overlapping exports counts once), after the merged text events, and are
    never merged with them.
    """
    extractor = default_extractor(gazetteer)
    result = Result()
    collector = Collector(Merger(extractor.gazetteer))
    # Past this many merged events the merge goes on on disk (geomap.merge.spill): the same
    # events, in memory that does not grow with the input.
    limit = spill_after()
    # With workers, JSONL lines go to them unparsed: the parsing is theirs, not this process's.
    items = iter_documents(inputs, default_date=date, raw_jsonl=BATCH_BYTES if jobs > 1 else 0)
    with Progress(inputs if progress else None) as bar, collector_paused():
        for item, extraction in extractions(items, jobs=jobs, extractor=extractor):
            collector.add(item, extraction, result, on_problem)
            bar.update(item, extraction)
            if limit is not None and isinstance(collector.merger, Merger) and len(collector.merger) > limit:
                from .merge.spill import SpillMerger  # (imported by the runs that spill only)

                collector.merger = SpillMerger(collector.merger)
    result.mentions = collector.mentions()
    result.events = collector.merger.events() + collector.acled()
    return result


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a run reads and merges (on again after, if it was on).

    Reading makes millions of short-lived objects and the merge keeps every event; the
    collector, counting allocations, walks the young ones hundreds of times and the merged
    events again and again in its full collections: 0.13 CPU s of a 10 MB news run (2.9 s)
    and 0.28 s of a 20 MB one (5.4 s), growing with the events kept. What a reading makes
    holds almost no reference cycles (the collector found 566 unreachable objects in that
    10 MB run, none kept), so reference counting frees it as before. The store's update pauses
    it likewise while its restored groups are merged and written (geomap.store.update).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


#: A mention's rank: the earliest report's (undated last, publication, document, sentence).
MentionRank = tuple[bool, str, str, str]


class Collector:
    """What a run keeps while documents are read: the merger, the earliest mentions, ACLED rows.

    Shared by plain runs and store updates (:mod:`geomap.store`), so both keep the same things.
    """

    def __init__(self, merger: Merger | SpillMerger,
                 mentioned: dict[tuple[str, str], tuple[MentionRank, Mention]] | None = None,
                 acled: dict[str, tuple[str, Event]] | None = None) -> None:
        self.merger = merger
        # One mention per place and reason, read in the earliest report (publication, document,
        # sentence), whatever order the inputs come in.
        self.mentioned = mentioned if mentioned is not None else {}
        self.acled_events = acled if acled is not None else {}  # by event id: overlapping exports repeat rows
        #: Keys of mentions and ids of ACLED events changed since the collector was made.
        self.changed_mentions: set[tuple[str, str]] = set()
        self.changed_acled: set[str] = set()

    def add(self, item: Document | Event | ReadProblem, extraction: Extraction | None, result: Result,
            on_problem: Callable[[ReadProblem], None] | None) -> None:
        """Take one read item (and what was read in it) into the run."""
        if isinstance(item, ReadProblem):
            result.problems.append(item)
            if on_problem is not None:
                on_problem(item)
            return
        if isinstance(item, Event):  # a row of an ACLED export: no text to read
            # Overlapping exports repeat a row, perhaps revised: keep one by its content, not by
            # which export came first, so the inputs' order does not matter.
            rank = json.dumps(item.to_feature(), sort_keys=True)
            seen = self.acled_events.get(item.event_id)
            if seen is None or rank < seen[0]:
                self.acled_events[item.event_id] = (rank, item)
                self.changed_acled.add(item.event_id)
            return
        result.documents += 1
        assert extraction is not None
        published = _shared(item.published)
        for position, event in enumerate(extraction.events):
            _share_strings(event)
            self.merger.add(event, published=published, position=position)
        for mention in extraction.mentions:
            key = (mention.place_id, mention.reason)
            rank = (item.published is None, item.published or "", mention.doc_id, mention.sentence)
            if key not in self.mentioned or rank < self.mentioned[key][0]:
                self.mentioned[key] = (rank, mention)
                self.changed_mentions.add(key)

    def mentions(self) -> list[Mention]:
        """The mentions kept, earliest report first."""
        return [mention for _, mention in sorted(self.mentioned.values(), key=lambda found: (
            found[0], found[1].place_id, found[1].reason))]

    def acled(self) -> list[Event]:
        """The ACLED events kept, by date, place and id."""
        return sorted((event for _, event in self.acled_events.values()), key=lambda e: (
            e.event_date is None, e.event_date or "", e.place_name, e.event_id))


def _shared(text: str | None) -> str | None:
    """One object for every equal string: a long run holds each date and sentence once."""
    return None if text is None else sys.intern(text)


def _share_strings(event: Event) -> None:
    """Make the strings a merged event keeps the run's shared ones (:func:`_shared`).

    A run holds every merged event and every report's evidence until it ends; the same
    dates, place names and sentences (a wire story printed by many outlets) come in reading
    after reading, each read as a new object. Equal strings, so the output is unchanged.
    """
    intern = sys.intern
    event.evidence = list(map(intern, event.evidence))
    if event.event_date is not None:
        event.event_date = intern(event.event_date)
    event.place, event.place_name, event.place_id = (intern(event.place), intern(event.place_name),
                                                     intern(event.place_id))
    event.admin1, event.country = intern(event.admin1), intern(event.country)


def extract_documents(documents: Iterable[Document], *, gazetteer: Gazetteer | None = None) -> list[Event]:
    """Events in documents already in memory, merged as one run (so namesakes are settled by the
    run's other events, as in :func:`extract_events`)."""
    extractor = default_extractor(gazetteer)
    collector = Collector(Merger(extractor.gazetteer))
    for doc in documents:
        collector.add(doc, extractor.extract(doc), Result(), None)
    return collector.merger.events()


def extract_text(text: str, *, doc_id: str = "text", published: str | None = None,
                 gazetteer: Gazetteer | None = None) -> list[Event]:
    """Events in one piece of text (a convenience for scripts and notebooks), merged as
    ``geomap run`` merges them: repeated reports of a strike in the text's own order."""
    doc = Document(doc_id=doc_id, text=text, source=doc_id, published=published)
    return extract_documents([doc], gazetteer=gazetteer)


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
        on_problem: Callable[[ReadProblem], None] | None = None, progress: bool = False,
        jobs: int = 1) -> Result:
    """The main job: extract events from ``inputs`` and write every output into ``outdir``.

    ``jobs`` processes read the documents; the outputs are the same whatever it is.

    When nothing at all could be read (a mistyped path, only unreadable files), nothing is
    written and ``result.outputs`` stays empty: empty outputs would replace a good earlier run.
    """
    result = extract_events(inputs, date=date, on_problem=on_problem, progress=progress, jobs=jobs)
    if read_nothing(result):
        return result
    write_outputs(result, outdir, name)
    return result


def read_nothing(result: Result) -> bool:
    """Whether a run read no document and no ACLED event: its outputs would only be empty."""
    return result.documents == 0 and not result.events


class Progress:
    """A progress bar of a long run on a terminal (stderr): documents, MB/s, events so far, time left.

    The time left is estimated from the size of the input files (what is read of them
    so far against their total). Nothing is shown when stderr is not a terminal, or when
    ``inputs`` is None.
    """

    def __init__(self, inputs: Sequence[str] | None) -> None:
        self._bar = None
        if inputs is None or not sys.stderr.isatty():
            return
        from tqdm import tqdm

        self._bar = tqdm(total=_input_bytes(inputs) or None, unit="B", unit_scale=True, unit_divisor=1000,
                         desc="reading", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
        self._documents = self._events = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._bar is not None:
            if exc_type is None and self._bar.total:
                # All was read: the text's bytes fall short of the files' (markup, JSON quoting).
                self._bar.n = self._bar.total
                self._bar.set_postfix_str(f"{self._documents} docs, {self._events} readings", refresh=False)
                self._bar.refresh()
            self._bar.close()

    def update(self, item: object, extraction: Extraction | None) -> None:
        """Count one item read."""
        if self._bar is None or not isinstance(item, Document):
            return
        self._documents += 1
        self._events += len(extraction.events) if extraction is not None else 0
        # The text's bytes stand for the file's: close enough for a rate and an estimate. (A
        # document parsed in a worker comes without its text, with its line's bytes.)
        size = item.size if isinstance(item, ParsedDocument) else len(item.text.encode("utf-8", "replace"))
        self._bar.update(size)
        if self._documents % 50 == 0:
            self._bar.set_postfix_str(f"{self._documents} docs, {self._events} readings", refresh=False)


def _input_bytes(inputs: Sequence[str]) -> int:
    """The total size of the input files (folders walked; standard input counts nothing)."""
    total = 0
    for given in inputs:
        if given == "-":
            continue
        if os.path.isdir(given):
            for folder, _, names in os.walk(given):
                for name in names:
                    try:
                        total += os.path.getsize(os.path.join(folder, name))
                    except OSError:
                        pass
        else:
            try:
                total += os.path.getsize(given)
            except OSError:
                pass
    return total
