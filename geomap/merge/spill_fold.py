"""Step 4 of the merge on disk (:mod:`.spill`): coarse events folded into the precise ones inside
them, as :func:`.fold._fold_coarse` does in memory, with the events kept so far in a table.

Each coarse event's candidates are the finer kept events of its region (or country) in the
buckets :func:`.windows._fold_buckets` gives, in its order. What the fold asks of a candidate
(:func:`.fold._folds_into`: its precision, region, country, point, date and precision, strike
type, target type and outcome) is kept in the table beside it, and updated when an event is
folded into it, so a candidate is loaded from the disk only when it does hold the coarse event
(or when both are undated, when whether they share a document decides).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Event
from .books import _absorb
from .fold import _PRECISION_ORDER, _folds_into
from .windows import _bucket, _fold_buckets

if TYPE_CHECKING:
    from .spill.groups import _Groups

#: The columns of table ``kept`` that hold what _folds_into reads of a candidate, as its fields.
_SEEN = ("geo_precision", "admin1", "country", "lat", "lon", "event_date", "date_precision", "strike_type",
         "target_type", "status")
#: The ones folding an event into it may change (books._absorb).
_CHANGING = ("event_date", "date_precision", "strike_type", "target_type", "status")


class _Seen:
    """A kept event as :func:`.fold._folds_into` reads it, from its row of table ``kept``."""

    __slots__ = _SEEN

    def __init__(self, values: list) -> None:
        (self.geo_precision, self.admin1, self.country, self.lat, self.lon, self.event_date,
         self.date_precision, self.strike_type, self.target_type, self.status) = values


def _fold(groups: _Groups) -> None:
    """Step 4, as :func:`.fold._fold_coarse`: the events kept are listed in table ``kept``."""
    db = groups.db
    groups.trim(0)  # every change on disk: the order is read from the table
    order = array("q", (position for (position,) in db.execute(
        "SELECT pos FROM groups WHERE alive = 1 ORDER BY fold_key, pos")))
    db.execute(f"CREATE TABLE kept (rank INTEGER PRIMARY KEY, pos INTEGER, prec INTEGER, bucket, "
               f"{', '.join(_SEEN)})")
    db.execute("CREATE INDEX kept_by_admin1 ON kept (admin1, bucket, rank)")
    db.execute("CREATE INDEX kept_by_country ON kept (country, bucket, rank)")
    columns = ", ".join(_SEEN)
    insert = f"INSERT INTO kept (pos, prec, bucket, {columns}) VALUES (?, ?, ?{', ?' * len(_SEEN)})"
    update = f"UPDATE kept SET {', '.join(f'{name} = ?' for name in _CHANGING)} WHERE rank = ?"
    # The buckets of each region's and country's kept events, in the order they were first used.
    by_admin1: dict[str, dict[int | str | None, None]] = {}
    by_country: dict[str, dict[int | str | None, None]] = {}

    def candidates(event: Event, rows: list[tuple]) -> Iterator[tuple[int, Event]]:
        # Each row's stand-in answers as the event would, but for two undated events, whose
        # documents (in the event's book) decide: those are loaded and asked.
        undated = event.event_date is None
        for rank, position, *seen in rows:
            stand_in = _Seen(seen)
            if (undated and stand_in.event_date is None) or _folds_into(event, stand_in, groups.members):  # type: ignore[arg-type]
                yield rank, groups.load(position)

    def pool(column: str, value: str, buckets: dict, event: Event, finer: int) -> Iterator[tuple[int, Event]]:
        # Only a finer event can hold this one (fold._contains): the others are not even listed.
        # One query for all the buckets the fold looks in; each then in its order (_fold_buckets).
        wanted = {bucket: index for index, bucket in enumerate(_fold_buckets(buckets, event))}
        if finer == 0 or not wanted:
            return iter(())
        if len(wanted) == len(buckets):  # all of them
            days, test = [], "1"
        else:
            days = [bucket for bucket in wanted if bucket is not None]
            test = f"bucket IN ({', '.join('?' * len(days))})" if days else "0"
            if None in wanted:
                test = f"({test} OR bucket IS NULL)"
        rows = db.execute(f"SELECT rank, pos, bucket, {columns} FROM kept WHERE {column} = ? AND {test} "
                          "AND prec < ? ORDER BY rank", (value, *days, finer)).fetchall()
        rows.sort(key=lambda row: wanted[row[2]])  # stable: within a bucket, in the order kept
        return candidates(event, [(rank, position, *seen) for rank, position, _, *seen in rows])

    def everywhere(event: Event, finer: int) -> Iterator[tuple[int, Event]]:
        return candidates(event, db.execute(f"SELECT rank, pos, {columns} FROM kept WHERE prec < ? "
                                            "ORDER BY rank", (finer,)).fetchall())

    for position in order:
        event = groups.load(position)
        precision = _PRECISION_ORDER[event.geo_precision]
        if event.geo_precision == "country":
            found = pool("country", event.country, by_country.get(event.country, {}), event, precision)
        elif event.admin1:
            found = pool("admin1", event.admin1, by_admin1.get(event.admin1, {}), event, precision)
        elif event.geo_precision == "region":
            found = iter(())
        else:
            found = everywhere(event, precision)
        rank, home = next(((r, k) for r, k in found if _folds_into(event, k, groups.members)), (0, None))
        if home is not None and not home.event_id and event.event_id:
            home.event_id = event.event_id
        if home is None:
            bucket = _bucket(event)
            db.execute(insert, (position, precision, bucket, *(getattr(event, name) for name in _SEEN)))
            by_admin1.setdefault(event.admin1, {}).setdefault(bucket, None)
            by_country.setdefault(event.country, {}).setdefault(bucket, None)
        else:
            _absorb(home, groups.members.of(home), event, groups.members.of(event))
            db.execute(update, (*(getattr(home, name) for name in _CHANGING), rank))
            groups.changed(home)
            groups.drop(event)
        del event, home, found
        groups.trim()
    groups.trim(0)
