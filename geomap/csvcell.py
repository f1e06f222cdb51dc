"""Spreadsheet-safe CSV cells, for every CSV geomap writes.

Text in a CSV cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) is run as a formula by Excel, LibreOffice and Google Sheets
when the file is opened ("CSV injection"). Article text, document ids and
URLs come from whoever wrote the input, so such a cell is prefixed with a
single quote, as OWASP recommends: a spreadsheet shows the text, a script sees
one extra leading ``'`` (:func:`unquote_cell` takes it off again). Numbers are
written as numbers and never prefixed, so a negative longitude stays a
number.

A spreadsheet cell holds at most 32,767 characters; a longer text (the joined
evidence of an event reported thousands of times) is cut to that length and
ends in :data:`TRUNCATION_MARK`. The full lists stay in the GeoJSON and
GeoPackage.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_TRIGGERS", "MAX_CELL_CHARS", "TRUNCATION_MARK", "safe_cell", "unquote_cell"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: The most characters a cell of Excel (and LibreOffice) holds.
MAX_CELL_CHARS = 32_767
#: What ends a cell that was cut to :data:`MAX_CELL_CHARS`.
TRUNCATION_MARK = " […]"


def safe_cell(value: Any) -> Any:
    """Return ``value`` fit for a CSV cell: text neutralised and capped, numbers untouched."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_TRIGGERS):
        value = "'" + value
    if len(value) > MAX_CELL_CHARS:
        value = value[:MAX_CELL_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return value


def unquote_cell(value: str) -> str:
    """Undo :func:`safe_cell`'s quote when reading a CSV geomap (or a careful tool) wrote."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value
