"""What a layer's style is made of, in no style language: :class:`Rule` (a legend entry), its
:class:`Condition` on fields, and the :class:`Marker` or :class:`Fill` it draws, sized in millimetres.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Millimetres per CSS pixel (96 per inch): the map's sizes in the units a print layout keeps.
MM_PER_PX = 25.4 / 96


@dataclass(frozen=True)
class Condition:
    """``field`` is one of ``values``; with ``other`` set, it is none of ``values`` (or null)."""

    field: str
    values: tuple[str, ...]
    other: bool = False

    def qgis(self) -> str:
        """The condition as a QGIS expression."""
        listed = ", ".join(f"'{v}'" for v in self.values)
        if self.other:
            return f'("{self.field}" IS NULL OR "{self.field}" NOT IN ({listed}))'
        if len(self.values) == 1:
            return f"\"{self.field}\" = '{self.values[0]}'"
        return f'"{self.field}" IN ({listed})'


@dataclass(frozen=True)
class Marker:
    """One point symbol layer: shape, size and stroke in millimetres, colours ``#rrggbb`` with opacity."""

    shape: str
    size: float
    fill: str
    fill_opacity: float
    stroke: str
    stroke_opacity: float
    width: float
    dashed: bool = False
    status_defined: bool = False  # fill and outline follow "status" (data-defined), for an empty layer


@dataclass(frozen=True)
class Fill:
    """A polygon fill (``fill`` None for none) with a dashed outline, as the map's region layer."""

    fill: str | None
    fill_opacity: float
    stroke: str
    stroke_opacity: float
    width: float
    dashed: bool = True


@dataclass
class Rule:
    """A legend entry: a label, the conditions a feature meets, what is drawn, and nested rules."""

    label: str
    conditions: tuple[Condition, ...] = ()
    symbol: tuple[Marker, ...] | Fill | None = None
    children: list[Rule] = field(default_factory=list)
    lower: float | None = None  # graduated classes: lower < total <= upper
    upper: float | None = None
