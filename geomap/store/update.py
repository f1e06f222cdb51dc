"""An update of the store: read the documents it has not seen, merge them in, commit once."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from ..extract import default_extractor
from ..gazetteer import Gazetteer
from ..merge import Merger
from ..model import Document, Event, ReadProblem
from ..parallel import extractions
from ..pipeline import Collector, Progress, Result, write_outputs
from ..read import iter_documents
from .schema import StoreError, connect
from .tables import (
    count_documents,
    read_store,
    stored_acled,
    stored_groups,
    stored_mention_ranks,
    write_update,
)

#: Set by tests only: seconds to wait inside the update's transaction before committing, so that
#: a test can kill a real update at the point where it has written everything but the commit.
_HOLD_ENV = "GEOMAP_STORE_HOLD_BEFORE_COMMIT"


@dataclass
class Update:
    """What a store update did: documents read and skipped, and the store's contents after it."""

    read: int = 0
    skipped: int = 0
    documents: int = 0
    events: list[Event] = field(default_factory=list)
    mentions: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)


def update_store(
    path: str | os.PathLike[str],
    inputs: Sequence[str],
    *,
    outdir: str | os.PathLike[str] | None = settings.DEFAULT_OUTDIR,
    name: str = settings.DEFAULT_NAME,
    date: str | None = None,
    gazetteer: Gazetteer | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    progress: bool = False,
    jobs: int = 1,
) -> Update:
    """Read the documents of ``inputs`` the store has not seen, merge them in, commit, write the outputs.

    The store is created when ``path`` does not exist. The outputs (map and layers, as
    :func:`geomap.pipeline.write_outputs` writes them) are written from the whole store
    into ``outdir`` after the commit; ``outdir=None`` writes none. Only one update at a
    time: a second one waits up to a minute, then fails with :class:`StoreError`.
    """
    store = Path(path)
    connection = connect(store, create=True)
    update = Update()
    try:
        try:
            # The write lock for the whole update: readers still see the last committed state.
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{store}: another run is updating this store ({exc})") from None
        merger = Merger.restore(stored_groups(connection))
        known = len(merger)
        collector = Collector(merger, stored_mention_ranks(connection), stored_acled(connection))
        result = Result()
        new_documents: list[tuple[str, str, str, str | None]] = []
        items = _unseen(iter_documents(inputs, default_date=date), connection, new_documents, update)
        with Progress(inputs if progress else None) as bar:
            for item, extraction in extractions(items, jobs=jobs, extractor=default_extractor(gazetteer)):
                collector.add(item, extraction, result, on_problem)
                bar.update(item, extraction)
        update.read, update.problems = result.documents, result.problems
        written = None
        if new_documents or collector.changed_acled:
            written = write_update(connection, merger, known, collector, new_documents)
        hold = os.environ.get(_HOLD_ENV)
        if hold:
            print(f"geomap: store: holding the transaction open for {hold} s ({_HOLD_ENV})",
                  file=sys.stderr, flush=True)
            time.sleep(float(hold))
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    # The events just written are those the store now holds (read back only when nothing changed).
    events, mentions = written if written is not None else read_store(store)
    update.events, update.mentions = events, len(mentions)
    update.documents = count_documents(store)
    if outdir is not None and (update.documents or events):
        update.outputs = write_outputs(Result(events=events, mentions=mentions, documents=update.documents),
                                       outdir, name)
    return update


# --------------------------------------------------------------------------- reading


def _unseen(items: Iterable[Document | Event | ReadProblem], connection: sqlite3.Connection,
            new_documents: list[tuple[str, str, str, str | None]], update: Update
            ) -> Iterator[Document | Event | ReadProblem]:
    """The items, less the documents the store (or this run) has read already."""
    this_run: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, Document):
            digest = text_hash(item.text)
            key = (item.doc_id, digest)
            if key in this_run or connection.execute(
                    "SELECT 1 FROM geomap_documents WHERE doc_id = ? AND hash = ?", key).fetchone():
                update.skipped += 1
                continue
            this_run.add(key)
            new_documents.append((item.doc_id, digest, item.source, item.published))
        yield item


def text_hash(text: str) -> str:
    """The content hash a store keeps of a document (SHA-256 of its text, hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

