"""Reading on a Dask cluster when one machine is not enough (needs the ``dask`` extra).

>>> import dask.bag as db                                               # doctest: +SKIP
>>> from geomap.cluster import extract_bag                              # doctest: +SKIP
>>> result = extract_bag(db.read_text("shards/*.jsonl", include_path=True))  # doctest: +SKIP

:func:`extract_bag` takes a ``dask.bag`` of documents and gives exactly the events of a
local run over the same documents in the bag's order (see docs/scale.md):

1. each partition is read on a worker; every worker process builds the extractor
   (gazetteer and matcher, from the gazetteer cache) once and keeps it for every
   partition it is given;
2. the readings are gathered per place with ``Bag.foldby`` (the merge only ever compares
   readings of one place, so places are independent); the per-place reduction is list
   union, which is associative and commutative, so Dask may combine partitions in any
   tree it likes;
3. each place's readings are merged on a worker in the bag's order (partition, document,
   position in the document), exactly as the local merge sees them;
4. the client restores the merged places into one merger in the order a local run would
   have made them, and folds coarse readings into precise ones (a cheap, global step).

The earliest mention per place and reason is a ``foldby`` with ``min`` on the report's
rank, also associative. Bag elements may be :class:`geomap.model.Document` objects, dicts
with the JSONL fields (``text``, ``id``, ``url``, ``title``, ``published``), JSON lines,
or ``(line, path)`` pairs as ``dask.bag.read_text(..., include_path=True)`` gives them
(one partition per file, ``blocksize=None``: doc ids and sources are then those of a
local run over the same files).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .extract import default_extractor
from .merge import Merger
from .model import Document, Event, ReadProblem
from .parallel import packed_event, packed_mention, unpacked_event, unpacked_mention
from .pipeline import Collector, Result
from .read import JSONL_EXTENSIONS, MAX_JSONL_LINE_BYTES, iter_documents

#: Documents per partition when documents read on this machine are sent to the cluster.
PARTITION_DOCUMENTS = 200

# Where a reading, mention or problem comes in a local run: (partition, element, position).
_Order = tuple[int, int, int]

_LOAD = threading.Lock()  # a worker with several threads builds its extractor once


def _extractor():
    with _LOAD:
        return default_extractor()


def extract_bag(bag: Any, *, date: str | None = None,
                on_problem: Callable[[ReadProblem], None] | None = None) -> Result:
    """Read a ``dask.bag`` of documents on the cluster and merge them; the events of a local run.

    Runs on Dask's current scheduler (the ``distributed.Client`` made last, if any).
    ``date`` fills the publication date of documents that carry none; problems (bad
    JSON lines, say) are passed to ``on_problem`` once the cluster is done, in order.
    """
    import dask
    import dask.bag as db

    parts = bag.to_delayed()
    records = db.from_delayed([dask.delayed(_read_partition)(part, number, date)
                               for number, part in enumerate(parts)])
    readings = records.filter(_is("reading")).foldby(
        _second, _add_reading, None, _join_readings, None)
    merged = readings.map(_merge_place)
    mentions = records.filter(_is("mention")).foldby(_second, _earliest, None, _earliest_of, None)
    notes = records.filter(_not_reading_or_mention)
    merged, mentions, notes = dask.compute(merged, mentions, notes)
    result = Result()
    for _, _, problem in sorted((n for n in notes if n[0] == "problem"), key=lambda n: n[1]):
        result.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)
    result.documents = sum(1 for n in notes if n[0] == "document")
    groups = sorted((group for place in merged for group in place), key=lambda group: group[0])
    merger = Merger.restore(("", state) for _, state in groups)
    merger.keep_ids = False  # nothing read here has an id yet: ids as a local run gives them
    # Mentions travel packed (as readings do): built back here, where they are kept.
    kept = {key: (rank, unpacked_mention(mention)) for key, (rank, mention) in mentions}
    collector = Collector(merger, kept)
    result.mentions = collector.mentions()
    result.events = merger.events()
    return result


def extract_events_on_cluster(address: str, inputs: Sequence[str], *, date: str | None = None,
                              on_problem: Callable[[ReadProblem], None] | None = None) -> Result:
    """``geomap run/extract --dask ADDRESS``: the inputs read on the cluster at ``address``.

    JSONL files are read by the workers themselves (one partition per file: the workers
    must see the same paths, e.g. on a shared file system); other inputs are read here
    and their documents sent to the cluster. ACLED exports are taken as they are, here.
    """
    from distributed import Client

    with Client(address):
        bag, acled, local_problems = _bag_of_inputs(inputs, date)
        result = extract_bag(bag, date=date) if bag is not None else Result()
    # Problems in input order: those met here (unreadable paths) and the workers' (bad lines)
    # are told as each input comes, which is close enough to a local run for a person reading.
    problems = local_problems + result.problems
    result.problems = problems
    if on_problem is not None:
        for problem in problems:
            on_problem(problem)
    collector = Collector(Merger())
    for event in acled:
        collector.add(event, None, result, None)
    result.events += collector.acled()
    return result


def _bag_of_inputs(inputs: Sequence[str], date: str | None) -> tuple[Any, list[Event], list[ReadProblem]]:
    import dask.bag as db

    bags, acled, problems = [], [], []
    local: list[Document] = []

    def flush() -> None:
        if local:
            bags.append(db.from_sequence(list(local), partition_size=PARTITION_DOCUMENTS))
            local.clear()

    for given in inputs:
        if Path(given).suffix.lower() in JSONL_EXTENSIONS and os.path.isfile(given) \
                and os.path.getsize(given) > 0:
            flush()
            bags.append(db.read_text(os.path.abspath(given), blocksize=None, include_path=True)
                        .map(_with_given_path, given))
            continue
        for item in iter_documents([given], default_date=date):
            if isinstance(item, ReadProblem):
                problems.append(item)
            elif isinstance(item, Event):
                acled.append(item)
            else:
                local.append(item)
    flush()
    return (db.concat(bags) if bags else None), acled, problems


def _with_given_path(element: tuple[str, str], given: str) -> tuple[str, str]:
    # read_text names the file by its absolute path; a local run names it as given.
    return element[0], given


# --------------------------------------------------------------------------- on the workers


def _read_partition(elements: list, number: int, date: str | None) -> list[tuple]:
    """Read one partition: its readings, mentions, problems and documents, each with its order."""
    extractor = _extractor()
    out: list[tuple] = []
    for index, element in enumerate(elements):
        for item in _items(element, index, date):
            if isinstance(item, ReadProblem):
                out.append(("problem", (number, index, 0), item))
                continue
            out.append(("document", (number, index, 0)))
            extraction = extractor.extract(item)
            # Readings and mentions as tuples of field values: smaller to send between workers
            # (the fold moves them) and cheaper to unpickle than objects.
            for position, event in enumerate(extraction.events):
                out.append(("reading", event.place_id, (number, index, position), item.published,
                            packed_event(event)))
            for mention in extraction.mentions:
                rank = (item.published is None, item.published or "", mention.doc_id, mention.sentence)
                out.append(("mention", (mention.place_id, mention.reason), rank, packed_mention(mention)))
    return out


def _items(element: Any, index: int, date: str | None) -> list[Document | ReadProblem]:
    """The document (or problem) an element of the bag stands for."""
    from .read import jsonl_record  # one JSONL line read exactly as a local run reads it

    if isinstance(element, Document):
        found: list = [element]
    elif isinstance(element, tuple) and len(element) == 2:  # (line, path) from read_text
        line, path = element
        raw = line.encode("utf-8", "surrogatepass")
        if index == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            return []
        if len(raw) > MAX_JSONL_LINE_BYTES:
            return [ReadProblem(path, f"line longer than {MAX_JSONL_LINE_BYTES // (1024 * 1024)} MiB; "
                                      "skipped", index + 1)]
        found = jsonl_record(raw, path, Path(path).name, index + 1)
    else:
        line = element if isinstance(element, str) else json.dumps(element)
        found = jsonl_record(line.encode("utf-8", "surrogatepass"), "bag", "bag", index + 1)
    for item in found:
        if date is not None and isinstance(item, Document) and item.published is None:
            item.published = date
    return found


def _is(kind: str) -> Callable[[tuple], bool]:
    return lambda record: record[0] == kind


def _not_reading_or_mention(record: tuple) -> bool:
    return record[0] not in ("reading", "mention")


def _second(record: tuple) -> Any:
    return record[1]


def _add_reading(found: list | None, record: tuple) -> list:
    found = [] if found is None else found
    found.append(record[2:])  # (order, published, event)
    return found


def _join_readings(a: list | None, b: list | None) -> list:
    return (a or []) + (b or [])


def _earliest(found: tuple | None, record: tuple) -> tuple:
    candidate = (record[2], record[3])
    return candidate if found is None or candidate[0] < found[0] else found


def _earliest_of(a: tuple | None, b: tuple | None) -> tuple | None:
    if a is None or b is None:
        return a or b
    return a if a[0] <= b[0] else b


def _merge_place(place: tuple[str, list]) -> list[tuple[_Order, dict]]:
    """Merge one place's readings in a local run's order; each merged event with its first reading's order."""
    _, readings = place
    merger = Merger()
    made: list[_Order] = []
    for order, published, event in sorted(readings, key=lambda r: r[0]):
        before = len(merger)
        merger.add(unpacked_event(event), published=published, position=order[2])
        if len(merger) > before:
            made.append(order)
    return [(made[position], merger.group_state(position)) for position in range(len(merger))]
