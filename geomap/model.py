"""The event record, the mention record and the controlled vocabularies.

This is the ground floor of the package: every other module speaks in these
types, and the vocabularies here are the public contract of the GeoJSON
output (see README "Schema").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

STRIKE_TYPES: tuple[str, ...] = (
    "drone", "missile", "airstrike", "artillery", "glide_bomb", "sabotage", "unknown",
)
TARGET_TYPES: tuple[str, ...] = (
    "refinery", "oil_depot", "pumping_station", "gas_facility", "power_plant",
    "substation", "energy_other", "factory", "military", "airfield", "port",
    "railway", "residential", "civilian_other", "unknown",
)
STATUSES: tuple[str, ...] = ("hit", "intercepted", "claimed", "unknown")
ATTACKERS: tuple[str, ...] = ("ukraine", "russia", "unknown")
GEO_PRECISIONS: tuple[str, ...] = ("facility", "town", "district", "region", "country")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "unknown")

#: "153 artillery attacks on A and B ... 14 UAV attacks on B": a front-line place both shelled and
#: hit by drones is one strike whose type is the main weapon's, and the shelling is the bulk of
#: such fire (a day's list counts shells in hundreds and drones in tens). Between other weapons,
#: the earliest report's stands: "drones in the evening, missiles in the morning" names no main one.
#: (Read by the merge, geomap.merge.books, and by a sentence that carries on, geomap.story.)
MAIN_OVER = {("artillery", "drone")}

#: Target types grouped the way the map's layer control and symbols group them.
TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "oil": ("refinery", "oil_depot", "pumping_station"),
    "energy": ("gas_facility", "power_plant", "substation", "energy_other"),
    "industry": ("factory",),
    "military": ("military", "airfield"),
    "transport": ("port", "railway"),
    "civilian": ("residential", "civilian_other"),
    "unknown": ("unknown",),
}


def target_group(target_type: str) -> str:
    """Return the map group ("oil", "energy", ...) that a target type belongs to."""
    for group, members in TARGET_GROUPS.items():
        if target_type in members:
            return group
    return "unknown"


def is_hromada(place_id: str) -> bool:
    """Whether a place id is a Ukrainian hromada's: its KATOTTG code has a third level
    ("katottg:UA59080290000021284"), where a raion's has zeros ("katottg:UA63040000000023521")."""
    return place_id.startswith("katottg:UA") and place_id[14:17] not in ("", "000")


#: How far (km) from a hromada's point its villages lie: a few villages round one, where a raion
#: spans forty kilometres or more.
HROMADA_REACH_KM = 12.0
#: How far from its city's point a city district's point may lie.
CITY_DISTRICT_KM = 15.0


#: The GeoJSON property names, in the order they are written.
EVENT_PROPERTIES: tuple[str, ...] = (
    "event_id", "place", "place_name", "place_id", "admin1", "country",
    "geo_precision", "strike_type", "target_type", "status", "attacker",
    "event_date", "date_precision", "source", "doc_ids", "evidence", "confidence", "language",
)


@dataclass
class Event:
    """One strike at one place on one date, as read from one or more documents.

    ``evidence`` holds the sentence(s) the event was read from; ``sources``
    every path or URL it was read in (``source`` in the output is the first).
    """

    place: str
    place_name: str
    place_id: str
    lat: float
    lon: float
    admin1: str = ""
    country: str = ""
    geo_precision: str = "town"
    strike_type: str = "unknown"
    target_type: str = "unknown"
    status: str = "unknown"
    attacker: str = "unknown"
    event_date: str | None = None
    date_precision: str = "unknown"
    doc_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    confidence: float = 0.5
    event_id: str = ""
    origin: str = "text"
    #: The language the event was read in: "en", "ru" or "uk" (see :func:`geomap.lang.language_of`).
    language: str = "en"
    #: Ids of the namesakes the text left open when the place was a guess between them (not
    #: written out; :mod:`geomap.namesakes` may move the event to one of them).
    namesakes: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """The first place this event was read from (path or URL)."""
        return self.sources[0] if self.sources else ""

    def to_feature(self) -> dict[str, Any]:
        """Return the event as an RFC 7946 GeoJSON Feature (lon/lat order)."""
        # The fields read directly, not through dataclasses.asdict: its deep copy of every
        # value was most of the cost of writing a large run's layers. Lists are still copied.
        ordered = {key: getattr(self, key) for key in EVENT_PROPERTIES}
        ordered["doc_ids"], ordered["evidence"] = list(self.doc_ids), list(self.evidence)
        ordered["confidence"] = round(float(self.confidence), 3)
        ordered["sources"] = list(self.sources)
        return {
            "type": "Feature",
            "id": self.event_id,
            "geometry": {"type": "Point", "coordinates": [round(self.lon, 6), round(self.lat, 6)]},
            "properties": ordered,
        }

    @classmethod
    def from_feature(cls, feature: dict[str, Any]) -> Event:
        """Build an event back from a GeoJSON Feature written by :meth:`to_feature`."""
        props = dict(feature.get("properties") or {})
        lon, lat = feature["geometry"]["coordinates"][:2]
        sources = props.pop("sources", None) or ([props["source"]] if props.get("source") else [])
        props.pop("source", None)
        evidence = props.get("evidence") or []
        if isinstance(evidence, str):
            evidence = [evidence]
        doc_ids = props.get("doc_ids") or []
        if isinstance(doc_ids, str):
            doc_ids = [doc_ids]
        known = cls.__dataclass_fields__
        # GIS tools write null for empty text; a null falls back to the field's default.
        kwargs = {k: v for k, v in props.items() if k in known and v is not None}
        for name in ("place", "place_name", "place_id", "admin1", "country", "geo_precision",
                     "strike_type", "target_type", "status", "attacker", "date_precision",
                     "event_id", "origin", "language"):
            if name in kwargs and not isinstance(kwargs[name], str):
                kwargs[name] = str(kwargs[name])
        kwargs.update(lat=float(lat), lon=float(lon), sources=list(sources),
                      evidence=list(evidence), doc_ids=list(doc_ids))
        return cls(**kwargs)


@dataclass
class Mention:
    """A place that was read in a document but is not a strike, and why not."""

    place: str
    place_name: str
    place_id: str
    lat: float
    lon: float
    country: str
    reason: str
    doc_id: str
    source: str
    sentence: str

    def to_feature(self) -> dict[str, Any]:
        """Return the mention as a GeoJSON Feature."""
        props = asdict(self)
        lat, lon = props.pop("lat"), props.pop("lon")
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": props,
        }


@dataclass
class Document:
    """One article: its text and what is known of where and when it was published."""

    doc_id: str
    text: str
    source: str
    title: str = ""
    published: str | None = None


@dataclass
class ReadProblem:
    """An input that could not be read: which, where (line, for JSONL) and why."""

    input: str
    reason: str
    line: int | None = None
    #: True for something worth saying that did not stop the input being read
    #: (a publication date that could not be parsed, say).
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.input}:{self.line}" if self.line is not None else self.input
        return f"{where}: {self.reason}"
