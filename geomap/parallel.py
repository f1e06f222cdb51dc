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
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from .extract import Extraction, Extractor, default_extractor
from .model import Document, Event, ReadProblem

#: Text per batch sent to a worker: large enough that the cost of sending is small beside
#: the cost of reading, small enough that every worker has work until the end.
BATCH_BYTES = 256 * 1024
#: Batches in flight per worker: one being read, more waiting, so no worker idles.
AHEAD = 3

Item = Document | Event | ReadProblem

# The extractor the workers use: set in the parent before the fork (inherited), or built
# by _init_spawned in a worker that was not forked.
_WORKER_EXTRACTOR: Extractor | None = None


def default_jobs() -> int:
    """The number of cores this process may run on (its CPU affinity where known)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extractions(items: Iterable[Item], *, jobs: int = 1,
                extractor: Extractor | None = None) -> Iterator[tuple[Item, Extraction | None]]:
    """Each item with its extraction (None for a ReadProblem or a ready ACLED Event), in input order.

    ``jobs`` is the number of processes reading (1: this one, no workers). The
    items are consumed lazily; a worker that dies ends the run with an error
    rather than with a silently shorter result.
    """
    extractor = extractor or default_extractor()
    if jobs <= 1:
        for item in items:
            yield item, extractor.extract(item) if isinstance(item, Document) else None
        return
    yield from _in_workers(items, jobs, extractor)


def _in_workers(items: Iterable[Item], jobs: int,
                extractor: Extractor) -> Iterator[tuple[Item, Extraction | None]]:
    global _WORKER_EXTRACTOR
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
    try:
        pending: deque = deque()
        for batch in _batches(items):
            if len(pending) >= jobs * AHEAD:
                yield from _finish(pending.popleft())
            documents = [item for item in batch if isinstance(item, Document)]
            pending.append((batch, pool.submit(_extract_batch, documents) if documents else None))
        while pending:
            yield from _finish(pending.popleft())
    finally:
        # On an error or an interruption the batches not started are dropped; a worker that
        # died (killed, out of memory) has already made result() raise BrokenProcessPool.
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_EXTRACTOR = None
        gc.unfreeze()


def _finish(entry: tuple[list[Item], object]) -> Iterator[tuple[Item, Extraction | None]]:
    batch, job = entry
    found = iter(job.result() if job is not None else ())  # type: ignore[attr-defined]
    for item in batch:
        yield item, next(found) if isinstance(item, Document) else None


def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Document):
            size += len(item.text)
        if size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _extract_batch(documents: list[Document]) -> list[Extraction]:
    """In a worker: read a batch of documents with the shared extractor."""
    extractor = _WORKER_EXTRACTOR or default_extractor()
    return [extractor.extract(document) for document in documents]


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
