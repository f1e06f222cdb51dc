"""Reading strikes out of a document: which places were hit, with what, how and when.

The reading goes sentence by sentence, the way an analyst reads:

1. find every place name and cue word in one pass (:class:`~geomap.matcher.Matcher`);
2. resolve each name in the gazetteer, with the regions named around it as context;
3. set aside the places that are only mentioned (talks, visits, datelines,
   capitals standing for governments, places outside the theatre, history),
   recording why (:func:`mention_reason`);
4. in a sentence that carries a strike cue, keep the most precise of the places
   that contain one another (the refinery, not its town or region);
5. give each remaining place the weapon, target, outcome and actor cues that
   lie nearest to it (:func:`read_attributes`), and a date (:mod:`geomap.dates`);
6. let a following sentence with no place of its own ("The attack set fire to
   the tanks.") add its evidence and outcome to the events just read.

Each rule is a small function, and every word it looks for is data in
:mod:`geomap.lexicon`. This package holds the document's flow (steps 1, 2, 4 and
6); :mod:`geomap.reading` holds the records a sentence is read into.

The package, one concern a module, each using only those before it: :mod:`.neighbours` (namesakes
told apart by the places named with them: a list's oblast, the hromada beside), :mod:`.places`
(place resolution: :class:`~geomap.extract.places._PlaceReader`), :mod:`.events` (sentence reading into
events: :class:`~geomap.extract.events._EventReader`, built on the place reader) and
:mod:`.extractor` (the document's pass: :class:`Extractor`, built on both, :class:`Extraction` and
:func:`default_extractor`). The package re-exports every name used outside it, and ``_assign``,
which tests/test_fast_paths.py reads here; a test that patches a name patches it in the module
that holds it.
"""

from __future__ import annotations

from .extractor import Extraction, Extractor, default_extractor
from .extractor import _assign as _assign

__all__ = ["Extraction", "Extractor", "default_extractor"]
