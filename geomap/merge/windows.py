"""The days a report's date stands for, and which reports of one place can be of the same day."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterator, Mapping

from ..model import Event
from .books import _Members


def date_window(event: Event) -> tuple[int, int] | None:
    """The days (ordinals) an event's date stands for, as the merge compares them; None undated.

    Two reports can be one strike only when their windows meet (see :func:`_same_day`).
    """
    return _window(event)


def _window(event: Event) -> tuple[int, int] | None:
    """The days an event's date stands for (as day ordinals): one day, a week either side, or its month."""
    if event.event_date is None:
        return None
    return _days(event.event_date, event.date_precision)


@functools.lru_cache(maxsize=4096)
def _days(event_date: str, precision: str) -> tuple[int, int]:
    # Every comparison of two events asks; a corpus has few distinct dates.
    day = dt.date.fromisoformat(event_date)
    if precision == "week":
        # "last week", "in recent days", or no date at all in a report published that day:
        # within a week of the date, either side.
        return day.toordinal() - 7, day.toordinal() + 7
    if precision == "month":
        # The month's last day from the calendar, not by stepping past it: December 9999 has no after.
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return start.toordinal(), end.toordinal()
    return day.toordinal(), day.toordinal()


def _bucket(event: Event) -> int | str | None:
    """Where events are filed by date: the day's ordinal, "month" for month precision, None undated."""
    if event.event_date is None:
        return None
    if event.date_precision == "month":
        return "month"
    return _days(event.event_date, "day")[0]


def _nearby(by_day: Mapping[int | str | None, list[Event]], event: Event) -> Iterator[Event]:
    """Events of one place whose dates could be the same day as ``event``'s.

    A week-precision date stands for a week either side of it, so two of them
    can be fifteen days apart; month precision (rare) looks at all.
    """
    for bucket in _nearby_buckets(by_day, event):
        yield from by_day[bucket]


#: A place with this many date buckets is looked at in the days around an event's, not bucket by
#: bucket in the order they were filed (the store's partial update reads only so many of a busy
#: place's buckets: geomap.store.touched).
BUSY_BUCKETS = 20


def _nearby_buckets(by_day: Mapping[int | str | None, object], event: Event) -> Iterator[int | str | None]:
    """The buckets (see :func:`_bucket`) of ``by_day`` that :func:`_nearby` looks in, in its order:
    every bucket, as filed, of a place with few; the fold's order (:func:`_fold_buckets`) of a busy one."""
    if len(by_day) < BUSY_BUCKETS:
        return iter(by_day)
    return _fold_buckets(by_day, event)


def _fold_buckets(by_day: Mapping[int | str | None, object], event: Event) -> Iterator[int | str | None]:
    """The buckets of a region's (or country's) index that the fold looks in for ``event``'s home,
    in its order: the days around a dated event's, earliest first, however few the region has.

    (Not :func:`_nearby_buckets`'s order, which for a place of fewer than :data:`BUSY_BUCKETS`
    buckets is the order they were filed in: a store's partial update restores part of a region,
    and the part may have fewer buckets than the whole, so a coarse report that fits two precise
    events would go into one or the other by how much was restored.)"""
    if event.event_date is None or event.date_precision == "month":
        yield from by_day
        return
    day = _days(event.event_date, "day")[0]
    reach = 15 if event.date_precision == "week" else 8  # two weeks can overlap 14 days apart
    for offset in range(-reach, reach + 1):
        if day + offset in by_day:
            yield day + offset
    for bucket in (None, "month"):
        if bucket in by_day:
            yield bucket


def _same_day(a: Event, b: Event, members: _Members) -> bool:
    """Whether two readings can be of the same day.

    Equal dates can; a day inside the week or month that a vaguer date stands
    for can ("a drone attack last week"); undated readings only within one
    document.
    """
    return _same_window(a, _window(a), b, _window(b), members)


def _same_window(a: Event, wa: tuple[int, int] | None, b: Event, wb: tuple[int, int] | None,
                 members: _Members) -> bool:
    if wa is None or wb is None:
        return wa is None and wb is None and members.share_document(a, b)
    if a.date_precision == b.date_precision == "day":
        return wa == wb
    return wa[0] <= wb[1] and wb[0] <= wa[1]
