"""When a run moves its merge to disk: :func:`spill_after`, without the spill package.

Every run asks for the limit at its start, and only a long one passes it: kept apart from
:mod:`geomap.merge.spill` (SQLite, the steps of the merge on disk), which a run imports only when
it spills (some 10 ms of start-up). :mod:`geomap.merge.spill` re-exports both names.
"""

from __future__ import annotations

import os
import sys

#: Merged events a run holds in memory before it moves its merge to disk (about 3 KB each).
SPILL_AFTER = 20_000


def spill_after() -> int | None:
    """How many merged events a run holds before spilling: ``GEOMAP_SPILL_AFTER`` when set (a
    negative number: never), else :data:`SPILL_AFTER`."""
    given = os.environ.get("GEOMAP_SPILL_AFTER", "").strip()
    if not given:
        return SPILL_AFTER
    try:
        limit = int(given)
    except ValueError:
        print(f"geomap: warning: GEOMAP_SPILL_AFTER={given!r} is not a whole number; "
              f"using {SPILL_AFTER}", file=sys.stderr)
        return SPILL_AFTER
    return None if limit < 0 else limit
