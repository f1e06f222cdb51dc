"""A store that grows: one GeoPackage that keeps what was read, updated run after run.

``geomap run INPUT... --store strikes.gpkg`` keeps in one GeoPackage (a SQLite database
in WAL mode) the documents already read (id and a hash of the text) and everything the
merge needs to go on: each merged event before coarse readings are folded in, with the
reports behind every value (:meth:`geomap.merge.Merger.group_state`). A later run reads
only the documents the store has not seen, restores only the stored events their readings
can touch, merges them in as if everything had been read in one run, and writes back what
changed in one transaction: an update that is interrupted (Ctrl-C, a kill, a power cut)
leaves the store as it was.

Ids of stored events never change: a new report of a stored strike adds its document,
source and evidence and raises its confidence; a new strike gets a new id that clashes
with none. Reading the same input again changes nothing.

The modules, each one concern:

:mod:`.schema`   the file: creating it, opening it, telling a store from other files, layouts
:mod:`.tables`   reading and writing the store's own ``geomap_*`` tables
:mod:`.layers`   the GIS point layers (``strikes``, ``acled``, ``mentions``)
:mod:`.touched`  which stored groups a day's readings can touch (the part an update restores)
:mod:`.guesses`  where the store's guesses between namesakes stand, and which a day moves
:mod:`.partial`  a partial update: merging the readings into that part, round by round
:mod:`.regions`  a later round merged again only in the areas its added groups reach
:mod:`.looked_up`  what a partial update has read of the store, kept across its rounds
:mod:`.update`   an update: reading the unseen documents, merging, committing

Tables (``geomap_*`` are the store's own; the others are GeoPackage layers for GIS):

``geomap_store``      key/value: what the file is (``format``) and its layout version
``geomap_documents``  (doc_id, hash): each document read, with its source and the run
``geomap_groups``     the merged events before folding, with their books (JSON), and what
                      finding them needs: place, region, date window, home, settled namesake
``geomap_events``     the events as they are now (JSON), by id, with the output order's columns
``geomap_mentions``   the earliest mention per place and reason
``geomap_acled``      ACLED rows, one per ACLED event id
``strikes``, ``acled``, ``mentions``  point layers (same fields as ``geomap export``'s)
"""

from __future__ import annotations

from .schema import FORMAT, VERSION, StoreError, is_store
from .tables import read_store
from .update import Update, text_hash, update_store

__all__ = ["FORMAT", "VERSION", "StoreError", "Update", "is_store", "read_store", "text_hash", "update_store"]
