"""ACLED's columns and codes: the export's column layout and the tables that map geomap's values to
ACLED's (actors, event and sub-event types, precision codes) and back.
"""

from __future__ import annotations

#: Columns :func:`write_acled_csv` writes: all 31 of ACLED's export, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

#: ACLED's numeric actor types (``inter1``, ``inter2``): state forces, political militias, civilians.
INTER_STATE, INTER_MILITIA, INTER_CIVILIANS = 1, 3, 7


#: Target types whose strikes ACLED codes as violence against civilians (``actor2`` civilians).
_CIVILIAN_TARGETS = frozenset({"residential", "civilian_other"})
#: Target types that are the other side's armed forces (``actor2`` its military).
_MILITARY_TARGETS = frozenset({"military", "airfield"})

#: Header names that mark a CSV as an ACLED export (all must be present, any order, any case).
REQUIRED_COLUMNS: frozenset[str] = frozenset(
    {"event_date", "event_type", "sub_event_type", "latitude", "longitude"}
)

#: ``attacker`` -> ACLED ``actor1``.
ACTORS: dict[str, str] = {
    "russia": "Military Forces of Russia (2000-)",
    "ukraine": "Military Forces of Ukraine (2019-)",
}

_EXPLOSIONS = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"
_POLITICAL_VIOLENCE = "Political violence"
_AIR_DRONE = "Air/drone strike"
_SHELLING = "Shelling/artillery/missile attack"
_IED = "Remote explosive/landmine/IED"
_DISRUPTED = "Disrupted weapons use"

#: ``strike_type`` -> ACLED ``sub_event_type`` (event type "Explosions/Remote violence").
SUB_EVENT_TYPES: dict[str, str] = {
    "drone": _AIR_DRONE,
    "airstrike": _AIR_DRONE,
    "glide_bomb": _AIR_DRONE,
    "missile": _SHELLING,
    "artillery": _SHELLING,
    "sabotage": _IED,
    "unknown": _AIR_DRONE,
}

#: ``geo_precision`` -> ACLED ``geo_precision`` (1 exact place, 2 near it / district, 3 region).
GEO_PRECISION_CODES: dict[str, int] = {
    "facility": 1, "town": 1, "district": 2, "region": 3, "country": 3,
}
_GEO_PRECISION_BACK: dict[int, str] = {1: "town", 2: "district", 3: "region"}

#: ``date_precision`` -> ACLED ``time_precision`` (1 day, 2 week, 3 month or vaguer).
TIME_PRECISION_CODES: dict[str, int] = {"day": 1, "week": 2, "month": 3, "unknown": 3}
_TIME_PRECISION_BACK: dict[int, str] = {1: "day", 2: "week", 3: "month"}

#: Confidence given to an event read from ACLED (a curated data set, not a reading of raw text).
ACLED_CONFIDENCE = 0.8

#: ``evidence`` sentences are joined into ``notes`` with this, and split on it when read.
NOTES_SEPARATOR = " | "

#: Which weapons each ACLED sub-event type can stand for, in the order notes keywords are tried,
#: and what it means when the notes name none of them.
_SUB_EVENT_WEAPONS: dict[str, tuple[tuple[str, ...], str]] = {
    _AIR_DRONE: (("glide_bomb", "drone", "missile", "airstrike"), "unknown"),
    _SHELLING: (("missile", "artillery"), "artillery"),
    _IED: (("sabotage",), "sabotage"),
    "Grenade": (("drone",), "unknown"),
    _DISRUPTED: (("glide_bomb", "drone", "missile", "airstrike", "artillery"), "unknown"),
}
_ANY_WEAPON: tuple[str, ...] = ("glide_bomb", "drone", "missile", "airstrike", "artillery", "sabotage")
