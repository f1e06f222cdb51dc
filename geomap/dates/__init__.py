"""Dates in news text: find date phrases in a sentence and turn them into calendar dates.

Three steps, each usable on its own:

* :func:`find_date_phrases` finds the phrases ("overnight", "on Friday",
  "last week", "12 February 2024", "the night of 12 to 13 March", ...) and
  labels each with a *kind* (see :data:`PHRASE_KINDS`);
* :func:`resolve` turns one phrase into a date and a precision
  (``day``/``week``/``month``/``unknown``, the values of
  :data:`geomap.model.DATE_PRECISIONS`), relative to the publication date;
* :func:`event_date` picks, for a strike whose cue word sits at a given offset
  in a sentence, the phrase that dates *the strike* rather than the report of
  it, and returns its ISO date and precision.

Conventions (the same everywhere, so that two reports of one strike agree):

* **Nights are dated by the evening they begin.** "the night of 12 to 13
  March" is 12 March; "overnight" and "last night" in a report are the night
  that ended on the publication day, so the day *before* publication;
  "overnight into Sunday" / "the night to Sunday" is Saturday; "Saturday
  night" and "overnight on Saturday" are Saturday (the named day). "tonight"
  is the publication day. "the night of 22 October" with one date is the
  night *into* that day, so 21 October: reporting on this war renders the
  Ukrainian and Russian "в ніч на 22 жовтня" / "в ночь на 22 октября" so, and
  the Ukrainian Air Force dates a night by the morning it ends. "In the early
  hours of 21 September" is the end of that night too: 20 September, and so is
  "overnight on 21 September" in a report published that day. A bare clock time
  before six ("his post, at 3:08 Moscow time, said ...") is in the small hours of
  the publication day: the night before.
* **Weekdays** are the most recent such weekday on or before publication
  ("on Friday" in a report published on a Friday is that same day);
  "last Friday" is strictly before publication.
* **Dates without a year** ("on 12 March") are the most recent such date on or
  before publication; without a publication date they cannot be resolved.
* **Weeks** ("last week", "a week ago") resolve to publication − 7 days,
  "this week" / "in recent days" to the publication date, the weekend to its
  Saturday, all with ``week`` precision.
* **Months** ("earlier this month", "last month", "in March", "March 2024")
  resolve to the first day of the month with ``month`` precision.
* Month and weekday names must be capitalised and stand as whole words
  ("Fridays" and "Mondayisation" are not dates); "May" counts as a month only
  next to a day number or a year ("9 May", "May 2024"), never alone.

The package, one concern a module: :mod:`~geomap.dates.patterns` (the kinds of
phrase and the patterns that spell them), :mod:`~geomap.dates.finding`,
:mod:`~geomap.dates.calendar_dates` (dates written with numbers or a month
name), :mod:`~geomap.dates.relative` (phrases counted back from publication),
:mod:`~geomap.dates.resolving`, :mod:`~geomap.dates.choosing` (the strike's
date) and :mod:`~geomap.dates.datelines` (the date a text gives itself).
"""

from __future__ import annotations

from .choosing import dated_by_report_only, event_date
from .datelines import document_date
from .finding import find_date_phrases
from .patterns import PHRASE_KINDS, DatePhrase
from .resolving import resolve, to_date

__all__ = ["PHRASE_KINDS", "DatePhrase", "find_date_phrases", "resolve", "event_date", "to_date",
           "dated_by_report_only", "document_date"]
