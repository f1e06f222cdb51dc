"""The passes that read a document as one story, after its sentences are read one by one.

A report dates its lead and goes on without dates; a sentence with no place of its
own ("The attack set fire to the tanks.") adds to the strike just told; a weapon
named once holds for the places struck after it; a headline's region gives way to
the villages the body names in it; and the places that are no strikes become
mentions, each with its reason.

The package, one concern a module, each using only those before it: :mod:`.days` (dates across
sentences: :func:`strike_date`, :func:`story_dates`), :mod:`.containers` (a region or district
folded into the places struck in it: :func:`fold_containers`), :mod:`.weapons` (weapons across
sentences: :func:`inherit_weapons`, :func:`same_attack_area`, :func:`opens_new_frame`),
:mod:`.carrying_on` (a placeless sentence adds to the strike just told: :func:`carry_on`,
:func:`depot_kinds`) and :mod:`.mentioned` (:func:`mentions_of`). The package re-exports every
name used outside it, and the private ones tests/test_fast_paths.py reads here; a test that
patches a name patches it in the module that holds it.
"""

from __future__ import annotations

from .carrying_on import _THE_TOWN as _THE_TOWN
from .carrying_on import _names_the_town as _names_the_town
from .carrying_on import carry_on, depot_kinds
from .containers import _home_of_places as _home_of_places
from .containers import _names_home_of_places as _names_home_of_places
from .containers import fold_containers
from .days import _DASHES as _DASHES
from .days import _DATELINE_PREFIX as _DATELINE_PREFIX
from .days import story_dates, strike_date
from .frames import _NEW_FRAME as _NEW_FRAME
from .frames import opens_new_frame
from .mentioned import mentions_of
from .weapons import (
    gunfire_is_shelling,
    inherit_weapons,
    regions_shelled,
    same_attack_area,
    tells_gunfire_on_a_list,
    tells_mixed_fire,
)

__all__ = [
    "strike_date", "story_dates", "fold_containers", "carry_on", "depot_kinds", "inherit_weapons",
    "same_attack_area", "opens_new_frame", "mentions_of", "gunfire_is_shelling", "regions_shelled",
    "tells_gunfire_on_a_list", "tells_mixed_fire",
]
