"""Passes over a whole Russian or Ukrainian report, after the sentence-by-sentence reading.

Officials' posts and agency copy in these languages name the weapon once, often
in the headline or at the end ("губернатор заявив, що всі безпілотники збили"),
and tell the places in sentences that do not repeat it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Event
from ..reading import SentenceReading


def document_weapon(readings: list[SentenceReading], *,
                    near: Callable[[Event, Event], bool] | None = None) -> None:
    """An event whose weapon no sentence gave takes the one weapon the whole report names.

    Only when the report names exactly one kind of weapon (sabotage aside): a report of
    drones and artillery leaves its unnamed strikes unknown. "Обстрел"/"обстріл" is any attack in
    officials' words: it makes a strike artillery only in a report that names no weapon. The
    weapon goes only to strikes of a day on which the report tells of a strike by it (or to
    every strike, when none is told with it), and, given ``near``, only to strikes near one told
    with it (an English report of one attack on Kharkiv that adds "Russian forces also attacked
    Mykolaiv" does not say with what).
    """
    cued = [r for r in readings if r.cues]  # the others have no cue of any table
    named = {v for r in cued for _, v in r.cue_values("weapon") if v != "sabotage"}
    if not named and any(r.cue_values("shelling") for r in cued):
        named = {"artillery"}  # "Росіяни обстріляли Херсон" and no weapon named: shelling
    if len(named) != 1:
        return
    weapon = named.pop()
    # The days of strikes told with that weapon: a strike the report dates to another day ("Russia
    # had already accused Ukraine of strikes on Melitopol on March 27") is another attack, whose
    # weapon the report does not give.
    typed = [e for r in readings for e in r.events if e.strike_type == weapon]
    days = {e.event_date for e in typed}
    for reading in readings:
        for event in reading.events:
            if event.strike_type == "unknown" and (not days or event.event_date in days
                                                   or event.event_date is None) \
                    and (near is None or not typed or any(near(event, e) for e in typed)):
                event.strike_type = weapon
