"""What each strike place in a sentence was hit with, what was hit, how it ended, and by whom.

Each cue belongs to the place nearest to it within its clause: the weapon and
target words, the outcome words (hit, intercepted, claimed; negation cancels
them), and the side named before the weapon. Where the text names no side, the
map decides: strikes in Russia and Russian-held Ukraine are Ukraine's.

The package, one concern a module, each using only those before it: :mod:`.cues` (the
:class:`Attributes` record, how near a cue stands to a place), :mod:`.negation` (:func:`negated`),
:mod:`.attacker` (the side named, else the map's), :mod:`.speakers` (claims and speakers:
:func:`speaking_side`, the attacker's own claim), :mod:`.status` (hit, intercepted, claimed),
:mod:`.weapons_targets` (the weapon and target of a place, and :func:`read_attributes`, which reads
them all) and :mod:`.confidence` (:func:`score_confidence`). The package re-exports every name
used outside it, and the private ones tests/test_fast_paths.py reads here; a test that patches
a name patches it in the module that holds it.
"""

from __future__ import annotations

from .attacker import OCCUPIED_REGIONS, OCCUPIED_TOWNS, attacker_by_geography
from .confidence import score_confidence
from .cues import NEAR, Attributes, cue_distance
from .negation import negated
from .speakers import _OWN_CLAIM as _OWN_CLAIM
from .speakers import _SIDE_SPEAKS as _SIDE_SPEAKS
from .speakers import _own_claims as _own_claims
from .speakers import speaking_side
from .status import _HEARD as _HEARD
from .status import _heard_spans as _heard_spans
from .status import counts_downed_weapons
from .weapons_targets import names_its_site, read_attributes, weapons_of_several_kinds

__all__ = [
    "OCCUPIED_REGIONS", "OCCUPIED_TOWNS", "NEAR", "Attributes", "cue_distance", "names_its_site",
    "read_attributes", "negated", "speaking_side", "counts_downed_weapons", "attacker_by_geography",
    "score_confidence", "weapons_of_several_kinds",
]
