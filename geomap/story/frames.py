"""Sentences that turn from the attack just told to other, earlier ones."""

from __future__ import annotations

import re

from ..reading import SentenceReading


def opens_new_frame(reading: SentenceReading) -> bool:
    """Whether a sentence turns from the attack just told to other, earlier ones ("Earlier this
    month", "Background:", "Нагадаємо", "Ukrinform earlier reported that"): it takes no weapon
    from the story and dates none of it."""
    text = reading.sentence.text
    # Asked of every sentence, often twice: the first letter (or the one word every "reported
    # earlier" opening holds) spares most of the pattern's calls.
    return (text[:1] in _NEW_FRAME_INITIALS or "reported" in text) and _NEW_FRAME.match(text) is not None


# Sentence openings that turn from the attack just told to other, earlier ones.
_NEW_FRAME = re.compile(
    r"(?:(?:Some )?[Bb]ackground\b|Earlier (?:this|that|last) (?:week|month|year)|Earlier in (?:the|this) "
    r"(?:week|month|year|war)|Last (?:week|month|year)|In recent (?:days|weeks|months|years)|Previously|"
    r"In (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"Нагадаємо|Напомним|Раніше|Ранее|"
    # A news agency's closing reminder: "Ukrinform earlier reported that", "As Ukrinform reported
    # earlier,".
    r"[A-Z][\w.'’-]*\s+(?:[\w.'’-]+\s+){0,2}(?:earlier|previously)\s+reported\b|"
    r"As\s+(?:[\w.'’-]+\s+){0,3}reported\s+(?:earlier|previously)\b)"
)

#: The letters the openings above start with, but for the "reported earlier" ones.
_NEW_FRAME_INITIALS = frozenset("SBbELIPНР")
