"""KML 2.2 and KMZ for Google Earth and GDAL's KML drivers.

A KML shows each strike as the viewer's own placemark tinted in its strike
type's colour (an icon URL would be fetched when the file is opened); a KMZ
carries the map's own symbols as PNG icons inside the archive
(:mod:`geomap.export.icons`: shape = target group, colour = strike type, fill
= status), so Google Earth shows them offline. Dates are a ``TimeStamp`` (the
time slider) and the ``event_date`` field; an undated event has neither, so
GDAL reads its date as null, not as an empty string.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap.atomic import atomic_path
from geomap.export.common import (
    _KML_NS,
    _STRIKE_COLORS,
    _XML_INVALID,
    GIS_PROPERTIES,
    STRIKES_LAYER,
    _check_all,
    _check_event,
    _property_row,
)
from geomap.export.icons import strike_icon
from geomap.model import (
    STATUSES,
    STRIKE_TYPES,
    Event,
    Mention,
    target_group,
)

# --------------------------------------------------------------------------- KML


def _xml_text(value: Any) -> str:
    """Return ``value`` as text XML 1.0 can hold (control characters dropped)."""
    return _XML_INVALID.sub("", str(value))


def _kml_color(rgb: str) -> str:
    """Convert ``rrggbb`` to KML's opaque ``aabbggrr``."""
    return "ff" + rgb[4:6] + rgb[2:4] + rgb[0:2]


def _kml_description(event: Event) -> str:
    """Return the balloon HTML for an event; all event text is HTML-escaped (no markup injection)."""
    esc = html.escape
    when = event.event_date or "date unknown"
    lines = [
        f"<b>{esc(event.strike_type)}</b> strike on {esc(event.target_type)} ({esc(event.status)})",
        f"{esc(when)} · {esc(event.place_name)}"
        + (f", {esc(event.admin1)}" if event.admin1 and event.admin1 != event.place_name else "")
        + (f", {esc(event.country)}" if event.country else ""),
        f"attacker: {esc(event.attacker)} · confidence: {float(event.confidence):.2f}",
    ]
    body = "<br/>".join(lines)
    if event.evidence:
        body += "".join(f"<p>“{esc(sentence)}”</p>" for sentence in event.evidence)
    if event.source:
        if re.match(r"https?://", event.source):
            body += f'<p>source: <a href="{esc(event.source)}">{esc(event.source)}</a></p>'
        else:
            body += f"<p>source: {esc(event.source)}</p>"
    return body


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrib: str) -> ET.Element:
    """Append a child element (with optional text) and return it."""
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _icon_parts(event: Event) -> tuple[str, str, str]:
    """What an event's KMZ icon shows: strike type, target group, status."""
    strike_type = event.strike_type if event.strike_type in STRIKE_TYPES else "unknown"
    status = event.status if event.status in STATUSES else "unknown"
    return strike_type, target_group(event.target_type), status


def _icon_key(event: Event) -> str:
    """The KMZ style (and icon file) name of an event."""
    return "_".join(_icon_parts(event))


def _icon_styles(document: ET.Element, keys: Sequence[str]) -> None:
    """A style per strike type, target group and status, each with its PNG icon in ``files/``."""
    for key in keys:
        style = _sub(document, "Style", id=f"icon_{key}")
        icon_style = _sub(style, "IconStyle")
        _sub(icon_style, "scale", "1.0")
        _sub(_sub(icon_style, "Icon"), "href", f"files/{key}.png")
        _sub(_sub(style, "LabelStyle"), "scale", "0.8")
        _sub(_sub(style, "BalloonStyle"), "text", "$[description]")


def _kml_tree(events: Sequence[Event], name: str, *, icons: Sequence[str] = ()) -> ET.ElementTree:
    """Build the KML document: a style per strike type (or per icon), a schema, one Placemark per event."""
    root = ET.Element("kml", {"xmlns": _KML_NS})
    document = _sub(root, "Document", id="root_doc")
    _sub(document, "name", name)
    _icon_styles(document, icons)
    for strike_type in () if icons else STRIKE_TYPES:
        style = _sub(document, "Style", id=f"strike_{strike_type}")
        icon_style = _sub(style, "IconStyle")
        _sub(icon_style, "color", _kml_color(_STRIKE_COLORS.get(strike_type, _STRIKE_COLORS["unknown"])))
        _sub(icon_style, "scale", "1.1")
        # No <Icon href>: the viewer's own placemark, tinted by the colour above, so the
        # file shows its symbols offline (an icon URL would be fetched when it is opened).
        label_style = _sub(style, "LabelStyle")
        _sub(label_style, "scale", "0.8")
        # show only the escaped description, never raw ExtendedData, in the balloon
        _sub(_sub(style, "BalloonStyle"), "text", "$[description]")
    if not icons:
        schema = _sub(document, "Schema", name=STRIKES_LAYER, id=STRIKES_LAYER)
        for key in GIS_PROPERTIES:
            _sub(schema, "SimpleField", name=key, type="double" if key == "confidence" else "string")
    folder = _sub(document, "Folder")
    _sub(folder, "name", STRIKES_LAYER)
    for index, event in enumerate(events):
        _check_event(index, event)
        row = _property_row(event)
        row["event_date"] = event.event_date or ""
        row["confidence"] = repr(round(float(event.confidence), 3))
        placemark = _sub(folder, "Placemark")
        _sub(placemark, "name", event.place)
        _sub(placemark, "description", _kml_description(event))
        if event.event_date:
            _sub(_sub(placemark, "TimeStamp"), "when", event.event_date)
        style_key = event.strike_type if event.strike_type in STRIKE_TYPES else "unknown"
        _sub(placemark, "styleUrl", f"#icon_{_icon_key(event)}" if icons else f"#strike_{style_key}")
        extended = _sub(placemark, "ExtendedData")
        data = extended if icons else _sub(extended, "SchemaData", schemaUrl=f"#{STRIKES_LAYER}")
        for key in GIS_PROPERTIES:
            if key == "event_date" and not event.event_date:
                continue  # no value, so readers see null rather than ""
            if icons:
                # GDAL's LIBKML driver does not resolve a schema inside a KMZ: untyped <Data> it reads
                _sub(_sub(data, "Data", name=key), "value", row[key])
            else:
                _sub(data, "SimpleData", row[key], name=key)
        point = _sub(placemark, "Point")
        _sub(point, "coordinates", f"{round(float(event.lon), 6)},{round(float(event.lat), 6)}")
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def write_kml(events: Sequence[Event], path: str | os.PathLike[str], *,
              mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as KML 2.2 (for Google Earth and GDAL's KML/LIBKML drivers); return ``path``.

    One folder ``strikes`` holds a Placemark per event: name = ``place``, an
    HTML description with the strike, date and evidence sentences (all text
    HTML-escaped, so evidence cannot inject markup), a ``TimeStamp`` when the
    date is known (Google Earth's time slider), a shared style per strike type
    (coloured circle, balloon showing the description only) and every property
    as ``ExtendedData``. ``mentions`` are not written.
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        tree = _kml_tree(events, target.stem)
        tree.write(tmp, encoding="UTF-8", xml_declaration=True)
    return target



def write_kmz(events: Sequence[Event], path: str | os.PathLike[str], *,
              mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as KMZ: ``doc.kml`` and the map's symbols as PNG icons in ``files/``; return the path.

    The same document as :func:`write_kml`, but each Placemark's style points
    at an icon of its strike type, target group and status stored inside the
    archive, so Google Earth draws the map's symbols offline. ``mentions`` are
    not written.
    """
    _check_all(events)
    target = Path(path)
    parts = {_icon_key(event): _icon_parts(event) for event in events}
    keys = sorted(parts)
    tree = _kml_tree(events, target.stem, icons=keys)
    document = ET.tostring(tree.getroot(), encoding="unicode", xml_declaration=False)
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as kmz:
        # doc.kml first: Google Earth reads the first .kml entry of the archive
        kmz.writestr("doc.kml", '<?xml version="1.0" encoding="UTF-8"?>\n' + document)
        for key in keys:
            kmz.writestr(f"files/{key}.png", strike_icon(*parts[key]))
    return target
