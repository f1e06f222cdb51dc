"""Passes over a whole Russian or Ukrainian report, after the sentence-by-sentence reading.

Officials' posts and agency copy in these languages name the weapon once, often
in the headline or at the end ("губернатор заявив, що всі безпілотники збили"),
and tell the places in sentences that do not repeat it.
"""

from __future__ import annotations

from ..reading import SentenceReading


def document_weapon(readings: list[SentenceReading]) -> None:
    """An event whose weapon no sentence gave takes the one weapon the whole report names.

    Only when the report names exactly one kind of weapon (sabotage aside): a report of
    drones and artillery leaves its unnamed strikes unknown. "Обстрел"/"обстріл" is any attack in
    officials' words: it makes a strike artillery only in a report that names no weapon.
    """
    named = {v for r in readings for _, v in r.cue_values("weapon") if v != "sabotage"}
    if not named and any(r.cue_values("shelling") for r in readings):
        named = {"artillery"}  # "Росіяни обстріляли Херсон" and no weapon named: shelling
    if len(named) != 1:
        return
    weapon = named.pop()
    for reading in readings:
        for event in reading.events:
            if event.strike_type == "unknown":
                event.strike_type = weapon
