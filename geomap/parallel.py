"""Reading documents on every core: worker processes that share one loaded gazetteer.

:func:`extractions` takes the items :func:`geomap.read.iter_documents` yields and gives
back each one with what was read in it, **in input order**, whatever the number of
workers: the merge downstream then sees exactly what a one-process run sees, so the
output is byte-identical to ``--jobs 1``.

How the work is shared: the extractor (gazetteer, matcher) is built once in the parent,
then the workers are forked, so they start with it in memory (copy-on-write: nothing is
loaded again or sent to them). Where ``fork`` is not available (macOS, Windows) each
worker builds the default extractor from the gazetteer cache once instead. Documents go
to the workers in batches of about :data:`BATCH_BYTES` of text, and at most
:data:`AHEAD` batches per worker are in flight, so memory stays flat however long the
input: reading never runs ahead of the workers by more than a few megabytes.

The parent does as little as it can, since it also merges: JSONL files may come as
unparsed lines (:class:`~geomap.read.RawLines`, from ``iter_documents(raw_jsonl=...)``),
which the workers parse themselves, and the readings come back as plain tuples of field
values rather than pickled objects (cheaper to unpickle; see :func:`_pack`).
"""

from __future__ import annotations

import gc
import operator
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from .extract import Extraction, Extractor, default_extractor
from .model import Document, Event, Mention, ReadProblem
from .read import RawEnd, RawLines, Undecoded, parse_raw_line

#: Text per batch sent to a worker: large enough that the cost of sending is small beside
#: the cost of reading, small enough that every worker has work until the end.
BATCH_BYTES = 256 * 1024
#: Batches in flight per worker: one being read, more waiting, so no worker idles.
AHEAD = 3

Item = Document | Event | ReadProblem
#: What may be given to :func:`extractions`: items, and JSONL lines left for the workers to parse.
Work = Item | RawLines | RawEnd


@dataclass
class ParsedDocument(Document):
    """A document parsed and read in a worker: all of it but its text, which stayed there."""

    #: The bytes of its JSONL line (what a progress bar counts).
    size: int = 0


# The extractor the workers use: set in the parent before the fork (inherited), or built
# by _init_spawned in a worker that was not forked.
_WORKER_EXTRACTOR: Extractor | None = None


def default_jobs() -> int:
    """The number of cores this process may run on (its CPU affinity where known)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extractions(items: Iterable[Work], *, jobs: int = 1,
                extractor: Extractor | None = None) -> Iterator[tuple[Item, Extraction | None]]:
    """Each item with its extraction (None for a ReadProblem or a ready ACLED Event), in input order.

    ``jobs`` is the number of processes reading (1: this one, no workers). The
    items are consumed lazily; a worker that dies ends the run with an error
    rather than with a silently shorter result. :class:`~geomap.read.RawLines` among
    the items are parsed where they are read: each good line gives a
    :class:`ParsedDocument`, each bad one its problem, as a JSONL file read here does.
    """
    extractor = extractor or default_extractor()
    if jobs <= 1:
        undecoded: dict[str, Undecoded] = {}
        for item in items:
            if isinstance(item, (RawLines, RawEnd)):
                found = _read_raw(item, extractor, pack=False) if isinstance(item, RawLines) else None
                yield from _unpacked(item, found, undecoded)
            else:
                yield item, extractor.extract(item) if isinstance(item, Document) else None
        return
    yield from _in_workers(items, jobs, extractor)


def _in_workers(items: Iterable[Work], jobs: int,
                extractor: Extractor) -> Iterator[tuple[Item, Extraction | None]]:
    global _WORKER_EXTRACTOR
    # Imported here: a run on one core starts no workers (some 6 ms of start-up spared).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER_EXTRACTOR = extractor
        # Objects alive now are never freed in the workers: keep the collector from touching
        # (and so copying) the pages of the gazetteer the workers share with the parent.
        gc.freeze()
        # The executor forks all its workers at the first submit, from this thread, before it
        # starts its own thread: no lock can be caught mid-use by the fork.
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_quiet_signals)
    else:  # pragma: no cover - not on Linux
        if extractor is not default_extractor():
            raise ValueError("--jobs above 1 needs the default gazetteer where processes cannot fork")
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_spawned)
    undecoded: dict[str, Undecoded] = {}  # per JSONL file read raw: its lines not in UTF-8
    try:
        pending: deque = deque()
        for batch in _batches(items):
            if len(pending) >= jobs * AHEAD:
                yield from _finish(pending.popleft(), undecoded)
            work = [item for item in batch if isinstance(item, (Document, RawLines))]
            pending.append((batch, pool.submit(_extract_batch, work) if work else None))
        while pending:
            yield from _finish(pending.popleft(), undecoded)
    finally:
        # On an error or an interruption the batches not started are dropped; a worker that
        # died (killed, out of memory) has already made result() raise BrokenProcessPool.
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_EXTRACTOR = None
        gc.unfreeze()


def _finish(entry: tuple[list[Work], Any],
            undecoded: dict[str, Undecoded]) -> Iterator[tuple[Item, Extraction | None]]:
    batch, job = entry
    found = iter(job.result() if job is not None else ())
    for item in batch:
        if isinstance(item, Document):
            yield item, _extraction(next(found))
        elif isinstance(item, (RawLines, RawEnd)):
            yield from _unpacked(item, next(found) if isinstance(item, RawLines) else None, undecoded)
        else:
            yield item, None


def _batches(items: Iterable[Work]) -> Iterator[list[Work]]:
    batch: list[Work] = []
    size = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Document):
            size += len(item.text)
        elif isinstance(item, RawLines):
            size += item.size
        if size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _extract_batch(work: list[Document | RawLines]) -> list:
    """In a worker: read a batch with the shared extractor; the readings packed (see :func:`_pack`)."""
    extractor = _WORKER_EXTRACTOR or default_extractor()
    return [_read_raw(item, extractor, pack=True) if isinstance(item, RawLines)
            else _pack(extractor.extract(item)) for item in work]


# -- readings as tuples ---------------------------------------------------------------------
# An Event pickles as its class, a dict of field names and values, and a call to rebuild it;
# as a tuple of values in field order it pickles smaller and unpickles without a call per
# object. The parent builds the objects back from the tuples (what the merge needs).

_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_event_values = operator.attrgetter(*_EVENT_FIELDS)
_mention_values = operator.attrgetter(*_MENTION_FIELDS)


def packed_event(event: Event) -> tuple:
    """An Event as the tuple of its field values (what goes between processes; see above)."""
    return _event_values(event)


def unpacked_event(values: tuple) -> Event:
    """The Event :func:`packed_event` packed."""
    return _rebuilt(Event, _EVENT_FIELDS, values)


def packed_mention(mention: Mention) -> tuple:
    """A Mention as the tuple of its field values."""
    return _mention_values(mention)


def unpacked_mention(values: tuple) -> Mention:
    """The Mention :func:`packed_mention` packed."""
    return _rebuilt(Mention, _MENTION_FIELDS, values)


def _pack(extraction: Extraction) -> tuple[list[tuple], list[tuple]]:
    """An extraction as tuples of field values: (events, mentions)."""
    return [_event_values(e) for e in extraction.events], [_mention_values(m) for m in extraction.mentions]


def _extraction(packed: tuple[list[tuple], list[tuple]] | Extraction) -> Extraction:
    """The extraction :func:`_pack` packed, built back (or as it is, when read here unpacked)."""
    if isinstance(packed, Extraction):
        return packed
    events, mentions = packed
    return Extraction([unpacked_event(values) for values in events],
                      [unpacked_mention(values) for values in mentions])


def _rebuilt(cls: type, names: tuple[str, ...], values: tuple) -> Any:
    # The fields set directly, as Merger.restore does: nothing in __init__ to check again.
    made = cls.__new__(cls)
    made.__dict__.update(zip(names, values, strict=True))
    return made


def _read_raw(batch: RawLines, extractor: Extractor, *, pack: bool) -> list[tuple[list, bool]]:
    """Parse and read the lines of a :class:`~geomap.read.RawLines`: per line, its items (a
    document as ``(fields, size, extraction)``, problems as they are) and whether it was not UTF-8."""
    out = []
    for lineno, offset, raw in batch.lines:
        items, undecoded = parse_raw_line(raw, batch.path, batch.name, lineno, offset)
        found: list = []
        for item in items:
            if isinstance(item, Document):
                if batch.fill is not None and item.published is None:
                    item.published = batch.fill
                extraction = extractor.extract(item)
                found.append(((item.doc_id, item.source, item.title, item.published), len(raw),
                              _pack(extraction) if pack else extraction))
            else:
                found.append(item)
        out.append((found, undecoded))
    return out


def _unpacked(item: RawLines | RawEnd, found: list[tuple[list, bool]] | None,
              undecoded: dict[str, Undecoded]) -> Iterator[tuple[Item, Extraction | None]]:
    """The documents and problems of raw lines read elsewhere, in order, as a JSONL file read here
    gives them: one warning for a file's first line not in UTF-8, a count of the others at its end."""
    if isinstance(item, RawEnd):
        for problem in undecoded.pop(item.path, Undecoded()).summary(item.path):
            yield problem, None
        return
    count = undecoded.setdefault(item.path, Undecoded())
    for items, not_utf8 in found or ():
        for one in count.take(items, not_utf8):
            if isinstance(one, ReadProblem):
                yield one, None
            else:
                (doc_id, source, title, published), size, extraction = one
                yield (ParsedDocument(doc_id, "", source, title, published, size=size),
                       _extraction(extraction))


def _quiet_signals() -> None:
    """In a worker: Ctrl-C is the parent's to handle, and SIGTERM (from the parent) just ends it."""
    # A forked worker inherits the command line's SIGTERM handler, which raises to unwind the
    # parent; in a worker that would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _init_spawned() -> None:  # pragma: no cover - not on Linux
    global _WORKER_EXTRACTOR
    _quiet_signals()
    _WORKER_EXTRACTOR = default_extractor()
