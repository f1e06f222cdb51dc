"""An update of the store: read the documents it has not seen, merge them in, commit once.

An update first reads the new documents, then restores only the part of the store their
readings can touch (:mod:`geomap.store.touched`), merges them into it, and writes back the
groups and events that changed, all in one transaction. It restores the whole store instead
(a *full* update, as exact but linear in the store's size) when the store is new or of an
older layout, when a document it has read is read again with a changed text, or when the
part to restore does not settle within a few rounds.
"""

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
from ..pipeline import Progress, Result, collector_paused, write_outputs
from ..read import iter_documents
from .guesses import settle_all
from .layers import write_layers
from .partial import Read, collect, partial_update
from .schema import VERSION, StoreError, connect, layout, upgrade_layout
from .tables import (
    count_documents,
    count_events,
    event_row,
    group_row,
    read_store,
    stored_acled,
    stored_groups,
    stored_mention_ranks,
    write_acled,
    write_documents,
    write_events,
    write_groups,
    write_mentions,
)

#: Set by tests only: seconds to wait inside the update's transaction before committing, so that
#: a test can kill a real update at the point where it has written everything but the commit.
_HOLD_ENV = "GEOMAP_STORE_HOLD_BEFORE_COMMIT"


@dataclass
class Update:
    """What a store update did: documents read and skipped, and the store's contents after it.

    ``events`` are read from the store when first asked for (unless the outputs were written,
    which needed them): an update need not hold the whole store in memory.
    """

    read: int = 0
    skipped: int = 0
    documents: int = 0
    mentions: int = 0
    #: Strike events (read from text) the store holds after the update.
    event_count: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    #: Whether the whole store was restored (see the module's docstring); how many groups were.
    full: bool = False
    restored: int = 0
    rounds: int = 0
    store: Path | None = None
    _events: list[Event] | None = None

    @property
    def events(self) -> list[Event]:
        """The events the store holds after the update, in output order."""
        if self._events is None:
            self._events = read_store(self.store)[0] if self.store is not None else []
        return self._events


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
    full: bool = False,
) -> Update:
    """Read the documents of ``inputs`` the store has not seen, merge them in, commit, write the outputs.

    The store is created when ``path`` does not exist. The outputs (map and layers, as
    :func:`geomap.pipeline.write_outputs` writes them) are written from the whole store
    into ``outdir`` after the commit; ``outdir=None`` writes none. Only one update at a
    time: a second one waits up to a minute, then fails with :class:`StoreError`.
    ``full`` restores the whole store whatever the day touches (the reference the partial
    update is compared with).
    """
    store = Path(path)
    connection = connect(store, create=True)
    update = Update(store=store)
    try:
        try:
            # The write lock for the whole update: readers still see the last committed state.
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{store}: another run is updating this store ({exc})") from None
        new_documents: list[tuple[str, str, str, str | None]] = []
        reread = [False]
        items = _unseen(iter_documents(inputs, default_date=date), connection, new_documents, update, reread)
        read: list[Read] = []
        # Reading pauses the cycle collector as a plain run's does (geomap.pipeline.collector_paused).
        with Progress(inputs if progress else None) as bar, collector_paused():
            for item, extraction in extractions(items, jobs=jobs, extractor=default_extractor(gazetteer)):
                bar.update(item, extraction)
                if isinstance(item, ReadProblem):
                    update.problems.append(item)
                    if on_problem is not None:
                        on_problem(item)
                else:
                    update.read += isinstance(item, Document)
                    read.append((item, extraction))
        # Restoring part of the store makes hundreds of thousands of objects that live until the
        # update ends; the collector would walk them again and again (about a quarter of an
        # update's CPU time at 100,000 stored events: docs/scale.md).
        with collector_paused():
            if layout(connection) < VERSION:  # a store of an older layout is brought up to date at once
                upgrade_layout(connection)
                _full(connection, read, new_documents, update)
            elif read:
                empty = connection.execute("SELECT 1 FROM geomap_groups LIMIT 1").fetchone() is None
                if full or empty or reread[0] or not partial_update(connection, read, new_documents, update):
                    _full(connection, read, new_documents, update)
        hold = os.environ.get(_HOLD_ENV)
        if hold:
            print(f"geomap: store: holding the transaction open for {hold} s ({_HOLD_ENV})",
                  file=sys.stderr, flush=True)
            time.sleep(float(hold))
        update.event_count = count_events(connection)
        anything = connection.execute("SELECT 1 FROM geomap_events LIMIT 1").fetchone() is not None
        update.mentions = connection.execute("SELECT count(*) FROM geomap_mentions").fetchone()[0]
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    update.documents = count_documents(store)
    if outdir is not None and (update.documents or anything):
        events, mentions = read_store(store)
        update._events = events
        update.outputs = write_outputs(Result(events=events, mentions=mentions, documents=update.documents),
                                       outdir, name)
    return update


# --------------------------------------------------------------------------- reading


def _unseen(items: Iterable[Document | Event | ReadProblem], connection: sqlite3.Connection,
            new_documents: list[tuple[str, str, str, str | None]], update: Update, reread: list[bool]
            ) -> Iterator[Document | Event | ReadProblem]:
    """The items, less the documents the store (or this run) has read already.

    ``reread[0]`` is set when a document the store has read comes again with another text.
    """
    this_run: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, Document):
            digest = text_hash(item.text)
            key = (item.doc_id, digest)
            if key in this_run or connection.execute(
                    "SELECT 1 FROM geomap_documents WHERE doc_id = ? AND hash = ?", key).fetchone():
                update.skipped += 1
                continue
            if connection.execute("SELECT 1 FROM geomap_documents WHERE doc_id = ?",
                                  (item.doc_id,)).fetchone():
                reread[0] = True  # its old readings and the new ones share a document: a full update
            this_run.add(key)
            new_documents.append((item.doc_id, digest, item.source, item.published))
        yield item


def text_hash(text: str) -> str:
    """The content hash a store keeps of a document (SHA-256 of its text, hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- a full update


def _full(connection: sqlite3.Connection, read: list[Read],
          new_documents: list[tuple[str, str, str, str | None]], update: Update) -> None:
    """Restore every stored group, merge, and rewrite every group, event and layer row."""
    update.full = True
    groups = list(stored_groups(connection))
    update.restored = len(groups)
    states = {seq: (event_id, state) for seq, event_id, state in groups}
    merger = Merger.restore((event_id, state) for _, event_id, state in groups)
    collector = collect(merger, read, stored_mention_ranks(connection), stored_acled(connection))
    # Restored in order, position p is the group numbered p (groups are numbered as they come).
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    current = {p: dirty[p] if p in dirty else states[p][1] for p in range(len(merger))}
    settle_all(merger, current)  # as the merge would settle them, by only the sure points that count
    events = merger.events()
    rows = [group_row(p, merger.group_id(p), state, merger.home(p), merger.place_id(p))
            for p, state in current.items()]
    write_groups(connection, rows)
    acled = collector.acled()
    connection.execute("DELETE FROM geomap_events")
    seq_of = {merger.group_id(p): p for p in range(len(merger)) if merger.home(p) == p}
    write_events(connection, [event_row(e, seq_of.get(e.event_id)) for e in events]
                 + [event_row(e, None) for e in acled])
    write_documents(connection, new_documents)
    write_mentions(connection, collector.mentioned, collector.changed_mentions)
    write_acled(connection, collector.acled_events, collector.changed_acled)
    write_layers(connection, events + acled, collector.mentions())


