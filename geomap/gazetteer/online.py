"""The optional online fallback (Nominatim through geopy, off by default) and the local-only adapter."""

from __future__ import annotations

import json
from pathlib import Path

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.location import Location

from ..atomic import atomic_path
from ..text import name_key
from .cache import cache_dir


class _LocalOnlyAdapter(BaseSyncAdapter):
    """geopy's network adapter for a geocoder that never goes online."""

    def __init__(self, *, proxies: object = None, ssl_context: object = None) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url: str, *, timeout: float, headers: dict) -> object:
        raise GeocoderServiceError(f"geomap's gazetteer is local and does not fetch {url}")

    def get_text(self, url: str, *, timeout: float, headers: dict) -> str:
        raise GeocoderServiceError(f"geomap's gazetteer is local and does not fetch {url}")


class OnlineFallbackError(RuntimeError):
    """The optional online fallback was asked and could not answer (no network, refused, …)."""


class OnlineFallback:
    """Mixin of :class:`~geomap.gazetteer.Gazetteer`: asks Nominatim for names the local data lacks.

    Needs ``self.user_agent``, ``self._nominatim`` and ``self._online_answers``.
    """

    user_agent: str
    _nominatim: object
    _online_answers: dict | None

    def _online_geocode(self, query: str, exactly_one: bool):
        """Ask Nominatim (rate-limited, cached on disk) for a name the local data lacks."""
        cache = self._online_cache()
        key = name_key(query)
        if key not in cache:
            from geopy.exc import GeopyError

            try:
                found = self._online_geocoder()(query, exactly_one=True, language="en")
            except GeopyError as exc:
                raise OnlineFallbackError(
                    f"online fallback (Nominatim) could not look up {query!r}: {exc}. "
                    "The local gazetteer has no such name; check the network or turn the "
                    "fallback off (Gazetteer(online_fallback=False))."
                ) from exc
            cache[key] = None if found is None else {
                "name": found.address, "lat": found.latitude, "lon": found.longitude,
                "raw": found.raw,
            }
            self._save_online_cache(cache)
        hit = cache[key]
        if hit is None:
            return None
        raw = {"id": f"nominatim:{hit['raw'].get('osm_type', '')}/{hit['raw'].get('osm_id', '')}",
               "name": hit["name"], "kind": "online", "precision": "unknown", "admin1": "",
               "admin1_code": "", "country": "", "population": 0, "target_type": None,
               "alternatives": [], "source": "nominatim", "nominatim": hit["raw"]}
        location = Location(hit["name"], (hit["lat"], hit["lon"]), raw)
        return location if exactly_one else [location]

    def _online_geocoder(self):
        if self._nominatim is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            nominatim = Nominatim(user_agent=self.user_agent, timeout=10)
            # Nominatim's usage policy: at most one request a second; no retries on failure.
            self._nominatim = RateLimiter(nominatim.geocode, min_delay_seconds=1.0, max_retries=0,
                                          swallow_exceptions=False)
        return self._nominatim

    def _online_cache_path(self) -> Path:
        return cache_dir() / "nominatim-cache.json"

    def _online_cache(self) -> dict:
        if self._online_answers is None:
            try:
                self._online_answers = json.loads(self._online_cache_path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._online_answers = {}
        return self._online_answers

    def _save_online_cache(self, cache: dict) -> None:
        try:
            with atomic_path(self._online_cache_path()) as tmp:
                Path(tmp).write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass
