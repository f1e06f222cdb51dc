"""The local gazetteer: names to places, offline, with geopy's Geocoder interface.

It joins the files of the gazetteer folder (see ``gazetteer/README.md``):
GeoNames populated places (every Ukrainian one, with its raion and hromada),
raions and hromadas, first-level regions, curated strike facilities and
countries. The modules name their concerns:

* :mod:`~geomap.gazetteer.model` – ``Place``, ``Context``, ``Resolution``, ``distance_km``;
* :mod:`~geomap.gazetteer.names` – transliteration variants and region/district phrases;
* :mod:`~geomap.gazetteer.loading` – reading the tables into places and a name index;
* :mod:`~geomap.gazetteer.cache` – the packed index kept between runs;
* :mod:`~geomap.gazetteer.ranking` – scoring namesakes and telling when they tie;
* :mod:`~geomap.gazetteer.core` – the ``Gazetteer`` itself (look-ups, geopy interface);
* :mod:`~geomap.gazetteer.online` – the optional Nominatim fallback (off by default).
"""

from __future__ import annotations

from ..text import name_key
from .cache import cache_dir, data_fingerprint, load_cached, store_cached
from .core import Gazetteer
from .model import NEAR_BONUS, NEAR_KM, PRECISION_BY_KIND, Candidate, Context, Place, Resolution, distance_km
from .names import district_forms, region_forms, spelling_variants
from .online import OnlineFallbackError
from .ranking import AMBIGUOUS_KM, AMBIGUOUS_MARGIN

__all__ = [
    "AMBIGUOUS_KM", "AMBIGUOUS_MARGIN", "NEAR_BONUS", "NEAR_KM", "PRECISION_BY_KIND", "Candidate",
    "Context", "Gazetteer", "OnlineFallbackError", "Place", "Resolution", "cache_dir", "data_fingerprint",
    "default_gazetteer", "distance_km", "district_forms", "load_cached", "name_key", "region_forms",
    "spelling_variants", "store_cached",
]

_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The gazetteer over the installed data, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
