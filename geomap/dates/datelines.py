"""The date a text gives itself at its top: a dateline or a page date with a year."""

from __future__ import annotations

import re
from datetime import date

from .finding import find_date_phrases
from .resolving import resolve

#: How far into a text its dateline or page date may lie ("KYIV, March 5, 2025 (Reuters) -",
#: "Friday, October 10, 2025" above the headline).
_DATELINE_REACH = 300


def document_date(text: str) -> date | None:
    """The date a text gives itself at its top (a dateline or page date with a year), if any.

    It dates a text that carries no publication date, so that "overnight" and
    "on Friday" in it resolve; dates without a year are left alone (they need
    the publication date themselves).
    """
    head = text[:_DATELINE_REACH]
    for phrase in find_date_phrases(head):
        if phrase.kind in ("date", "iso", "numeric") and re.search(r"\b(?:19|20)\d\d\b", phrase.text):
            day, precision = resolve(phrase, None)
            if day is not None and precision == "day":
                return day
    return None
