"""The rules each geomap GeoPackage layer is drawn with (:func:`layer_rules`): the HTML map's symbols
for strikes and ACLED events, facilities, regions and mentions, limited to what the layer holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from geomap.export.common import ACLED_LAYER, FACILITIES_LAYER, MENTIONS_LAYER, REGIONS_LAYER, STRIKES_LAYER
from geomap.model import STATUSES, STRIKE_TYPES, TARGET_GROUPS, TARGET_TYPES, target_group
from geomap.plugins import symbols

from .description import MM_PER_PX, Condition, Fill, Marker, Rule


def _strike_key(strike_type: str | None) -> str:
    return strike_type if strike_type in STRIKE_TYPES else "unknown"


def _status_key(status: str | None) -> str:
    return status if status in STATUSES else "unknown"


def combinations(rows: Iterable[tuple[str | None, str | None, str | None]]) -> set[tuple[str, str, str]]:
    """The (strike type, target group, status) combinations of ``(strike_type, target_type, status)`` rows."""
    return {(_strike_key(s), target_group(t or "unknown"), _status_key(st)) for s, t, st in rows}


def _type_condition(strike_type: str) -> Condition:
    if strike_type == "unknown":
        return Condition("strike_type", tuple(t for t in STRIKE_TYPES if t != "unknown"), other=True)
    return Condition("strike_type", (strike_type,))


def _group_condition(group: str) -> Condition:
    if group == "unknown":
        known = tuple(t for g, members in TARGET_GROUPS.items() if g != "unknown" for t in members)
        return Condition("target_type", known, other=True)
    return Condition("target_type", TARGET_GROUPS[group])


def _status_condition(status: str) -> Condition:
    if status == "unknown":
        return Condition("status", tuple(s for s in STATUSES if s != "unknown"), other=True)
    return Condition("status", (status,))


def _strike_markers(strike_type: str, group: str, status: str | None, origin: str) -> tuple[Marker, ...]:
    """The map's marker of a strike (status None: drawn from the feature's status), ringed for ACLED."""
    colour = symbols.colour_of(strike_type)
    look = symbols.origin_style(origin)
    size = 2 * symbols.RADIUS * float(look["scale"]) * MM_PER_PX
    style = symbols.status_style(status or "hit", colour)
    marker = Marker(symbols.shape_of(group), round(size, 2), style["fillColor"], style["fillOpacity"],
                    style["color"], style["opacity"], round(style["weight"] * MM_PER_PX, 2),
                    dashed=bool(style["dashArray"]), status_defined=status is None)
    if not look["ring"]:
        return (marker,)
    ring = Marker("circle", round(size * symbols.RING, 2), "#000000", 0.0, "#000000", 1.0,
                  round(MM_PER_PX, 2))
    return (marker, ring)


def strike_rules(present: set[tuple[str, str, str]], origin: str = "text") -> list[Rule]:
    """Rules of a strikes or ACLED layer holding the ``present`` (strike type, group, status) combinations."""
    rules = []
    for strike_type in STRIKE_TYPES:
        parent = Rule(symbols.label(strike_type), (_type_condition(strike_type),))
        if present:
            for group in TARGET_GROUPS:
                for status in STATUSES:
                    if (strike_type, group, status) in present:
                        parent.children.append(Rule(
                            f"{group} · {symbols.label(status)}",
                            (_group_condition(group), _status_condition(status)),
                            _strike_markers(strike_type, group, status, origin)))
        else:
            parent.children = [Rule(group, (_group_condition(group),),
                                    _strike_markers(strike_type, group, None, origin))
                               for group in TARGET_GROUPS]
        if parent.children:
            rules.append(parent)
    return rules


#: The map's facility badge: dark grey, white outline.
FACILITY_FILL = "#2b2b2b"


def facility_rules(target_types: Iterable[str]) -> list[Rule]:
    """One rule per target type present (shape = its group), the map's dark badge."""
    present = set(target_types)
    size = round(2 * symbols.RADIUS * MM_PER_PX, 2)
    return [Rule(symbols.label(t), (Condition("target_type", (t,)),),
                 (Marker(symbols.shape_of(target_group(t)), size, FACILITY_FILL, 1.0, "#ffffff", 1.0,
                         round(2 * MM_PER_PX, 2)),))
            for t in TARGET_TYPES if t in present]


#: Classes of the regions layer: (lower, upper, label, ramp index or None for no fill).
REGION_CLASSES: tuple[tuple[int, int | None, str, int | None], ...] = (
    (0, 0, "0", None), (0, 2, "1–2", 1), (2, 5, "3–5", 2), (5, 10, "6–10", 3), (10, None, "11 or more", 4),
)


def region_rules(max_total: int) -> list[Rule]:
    """Graduated classes on ``total`` up to the largest total there is, the map's ramp and dashed outline."""
    rules = []
    for index, (lower, upper, label, ramp) in enumerate(REGION_CLASSES):
        if index and lower >= max_total:
            break  # no region has that many: keep the legend to the classes there can be
        top = upper if upper is not None else max(max_total, lower + 1)
        if ramp is None:
            fill = Fill(None, 0.0, "#6a51a3", 0.5, round(MM_PER_PX, 2))
        else:
            fill = Fill(symbols.REGION_RAMP[ramp], 0.55, "#54278f", 0.8, round(MM_PER_PX, 2))
        rules.append(Rule(label, (), fill, lower=float(lower), upper=float(top)))
    return rules


def mention_rules() -> list[Rule]:
    """The map's mention: a small hollow grey circle (radius 4 px)."""
    return [Rule("place read, not struck", (),
                 (Marker("circle", round(8 * MM_PER_PX, 2), "#ffffff", 0.85, "#4d4d4d", 0.8,
                         round(MM_PER_PX, 2)),))]


@dataclass
class LayerContent:
    """What a layer holds, so that its legend lists only that."""

    combinations: set[tuple[str, str, str]] = field(default_factory=set)
    target_types: set[str] = field(default_factory=set)
    max_total: int = 0


def layer_rules(layer: str, content: LayerContent | None = None) -> list[Rule]:
    """The rules a geomap GeoPackage layer is drawn with (see the module docstring)."""
    content = content or LayerContent()
    if layer == STRIKES_LAYER:
        return strike_rules(content.combinations, "text")
    if layer == ACLED_LAYER:
        return strike_rules(content.combinations, "acled")
    if layer == FACILITIES_LAYER:
        return facility_rules(content.target_types or TARGET_TYPES)
    if layer == REGIONS_LAYER:
        return region_rules(content.max_total)
    if layer == MENTIONS_LAYER:
        return mention_rules()
    raise ValueError(f"no style for layer {layer!r}")
