"""Who struck: the side named right before the weapon, else the side the map gives the place.

Strikes in Russia and Russian-held Ukraine are Ukraine's, the rest of Ukraine Russia's
(:data:`OCCUPIED_REGIONS`, :data:`OCCUPIED_TOWNS`).
"""

from __future__ import annotations

import re

from ..gazetteer import Place
from ..reading import PlaceHit, SentenceReading
from .cues import _nearest, cue_distance

#: Regions held by Russia, where a strike is read as Ukrainian unless the text says otherwise.
OCCUPIED_REGIONS: frozenset[str] = frozenset({"UA-43", "UA-40"})
#: Towns in Russian-held parts of regions that are otherwise Ukrainian-held.
OCCUPIED_TOWNS: frozenset[str] = frozenset({
    "donetsk", "luhansk", "lugansk", "makiivka", "horlivka", "mariupol", "melitopol", "berdiansk",
    "berdyansk", "enerhodar", "nova kakhovka", "tokmak", "yenakiieve", "alchevsk", "sievierodonetsk",
    "lysychansk", "henichesk", "skadovsk", "dzhankoi", "sevastopol", "simferopol", "feodosia",
    "yevpatoria", "kerch", "saky", "debaltseve", "khartsyzk", "stakhanov", "sverdlovsk",
})
#: Towns held by Russia since the spring of 2022, by region (names that repeat elsewhere in
#: Ukraine, Vasylivka or Polohy, count only in their own region): GeoNames' spelling and news'.
OCCUPIED_TOWNS_BY_REGION: dict[str, frozenset[str]] = {
    "UA-65": frozenset({"oleshky", "hola prystan", "kakhovka", "kalanchak", "chaplynka", "tavriysk",
                        "tavriisk"}),
    "UA-23": frozenset({"vasylivka", "dniprorudne", "kamyanka-dniprovska", "kamianka-dniprovska", "polohy",
                        "molochansk", "yakymivka", "prymorsk", "pryazovske"}),
    "UA-14": frozenset({"volnovakha", "ilovays’k", "ilovaisk", "shakhtarsk", "snizhne", "chystyakove",
                        "chystiakove", "torez", "zhdanivka", "dokuchayevsk", "dokuchaievsk", "amvrosiivka"}),
    "UA-09": frozenset({"starobilsk", "svatove", "rubizhne", "kreminna", "antratsyt", "rovenky", "dovzhansk",
                        "bryanka", "brianka", "kadiyivka", "kadiivka", "khrustalnyi", "sorokyne", "perevalsk",
                        "zymohiria", "novoaidar", "shchastya", "shchastia"}),
}


def _attacker_by_actor(reading: SentenceReading, hit: PlaceHit) -> str | None:
    """The side named right before the weapon or strike word nearest this place."""
    actors = reading.cue_values("actor")
    if not actors:
        return None  # most sentences: nothing to look for
    strikes = reading.cue_values("weapon") + reading.cue_values("strike:strong") + \
        reading.cue_values("strike:weak")
    if not strikes:
        return None
    cue, _ = _nearest(strikes, lambda cv: cue_distance(cv[0], hit))
    best = None
    for actor, side in actors:
        gap = cue.start - actor.end
        if not 0 <= gap <= 30:
            continue
        between = reading.sentence.text[actor.end - reading.sentence.start:cue.start - reading.sentence.start]
        if (len(between.split()) <= 2 and not _LIST_BREAK.search(between)
                and not any(actor.end <= h.match.start and h.match.end <= cue.start for h in reading.places)):
            best = side
    if best is None:
        best = _side_struck_against(reading, actors)
    return best


_LIST_BREAK = re.compile(r"[,;.]")
# "used FPV drones to strike Russian positions", "destroyed a Russian tank": the side named right
# after a verb of striking is the target's, so the other side struck.
_OTHER_SIDE = {"russia": "ukraine", "ukraine": "russia"}
_STRUCK_SIDE = re.compile(
    r"\b(?:strike|struck|hit|hits|destroy|destroyed|target|targeted|attack|attacked|shelled|shell)\s+"
    r"(?:(?:a|an|the|two|three|several|\d+)\s+)?(?P<side>Russian|Ukrainian)\s+"
    r"(?:positions?|troops|forces|soldiers|units?|tanks?|armou?red|equipment|command|ammunition|artillery|"
    r"air\s+defen[cs]e|military|howitzers?|launchers?)\b")


def _side_struck_against(reading: SentenceReading, actors: list) -> str | None:
    """The side opposite to the one whose troops or equipment a strike verb is told against, where the
    sentence names no other side against it (see _STRUCK_SIDE)."""
    found = _STRUCK_SIDE.search(reading.sentence.text)
    if found is None:
        return None
    target = "russia" if found.group("side") == "Russian" else "ukraine"
    at = reading.sentence.start + found.start("side")
    if any(side == target and actor.start != at for actor, side in actors):
        return None  # the struck side is also named as acting: which side struck is not plain
    return _OTHER_SIDE[target]


def attacker_by_geography(place: Place, written: str) -> str:
    """Strikes in Russia and Russian-held Ukraine are Ukraine's, the rest of Ukraine Russia's.

    Belarus is not at war: drones that stray there, or partisans' sabotage, get
    an attacker only when the text names one.
    """
    if place.country == "RU":
        return "ukraine"
    if place.country == "UA":
        if place.admin1 in OCCUPIED_REGIONS or written.lower() in OCCUPIED_TOWNS \
                or place.name.lower() in OCCUPIED_TOWNS:
            return "ukraine"
        held = OCCUPIED_TOWNS_BY_REGION.get(place.admin1)
        if held and (place.name.lower() in held or written.lower() in held):
            return "ukraine"
        return "russia"
    return "unknown"
