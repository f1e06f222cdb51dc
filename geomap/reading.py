"""What is known of one sentence while it is read: the places named in it and its cues.

These records are shared by the rules that read a sentence: :mod:`geomap.mentions`
(which places are only mentioned), :mod:`geomap.attributes` (what each strike place
was hit with, how, and by whom) and :mod:`geomap.extract` (the document's flow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import Place
from .matcher import Match
from .model import Event
from .text import Sentence

#: The sentences after the headline that make a report's lead.
LEAD = 3
#: Places a sentence names together that make it a list ("The communities shelled were A, B, C").
LIST_OF_PLACES = 3


@dataclass
class PlaceHit:
    """A place name found in a sentence and what it resolved to."""

    match: Match
    text: str
    place: Place
    alternatives: list[Place]
    reason: str | None = None  # why this is a mention and not a strike, if it is one
    #: Namesakes the text did nothing to rule out (another oblast, far away): the choice between
    #: them was a guess, which lowers the confidence of an event here.
    rivals: tuple[Place, ...] = ()
    #: The place named could not be found and its region stands in for it ("Krasne Pershe, Kharkiv
    #: oblast" drawn at the oblast): right region, unknown point.
    stand_in: bool = False


@dataclass(init=False)
class SentenceReading:
    """A sentence, the places and cues found in it, and the events read from it."""

    sentence: Sentence
    index: int
    places: list[PlaceHit]
    cues: list[Match]
    #: "strong" (a weapon or strike word), "weak" (a softer strike word) or None (no strike cue).
    strength: str | None = None
    events: list[Event] = field(default_factory=list)
    #: Events of this sentence dated only by the publication-week fallback (no date phrase).
    undated: list[Event] = field(default_factory=list)
    #: Events this sentence tells in passing as strikes on another day than the story's
    #: ("had already been struck on 13 March"): their day is not the report's.
    earlier: list[Event] = field(default_factory=list)
    _by_table: dict[str, list[tuple[Match, str]]] | None = None
    #: Weapon words that name what a strike destroyed ("drones destroyed two howitzers"), kept out
    #: of the weapon table by :meth:`cue_tables` (see :func:`_struck_weapon`).
    _struck: list[Match] = field(default_factory=list)
    #: Whether a negation governs the cue starting at an offset (see :func:`geomap.attributes.negated`).
    negations: dict[int, bool] = field(default_factory=dict)

    def __init__(self, sentence: Sentence, index: int, places: list[PlaceHit], cues: list[Match],
                 strength: str | None = None) -> None:
        # Written out, not the dataclass's: one reading is made per sentence of every strike story,
        # and the generated __init__ tests a sentinel per default factory (1.5 against 1.0 us a
        # reading). The fields after ``strength`` start empty, as their factories make them.
        self.sentence = sentence
        self.index = index
        self.places = places
        self.cues = cues
        self.strength = strength
        self.events = []
        self.undated = []
        self.earlier = []
        self._by_table = None
        self._struck = []
        self.negations = {}

    def cue_values(self, table: str) -> list[tuple[Match, str]]:
        """The cues of one table in this sentence, with their values (grouped once, on first use)."""
        by_table = self._by_table
        if by_table is None:
            by_table = self.cue_tables()
        return by_table.get(table, [])

    def cue_tables(self) -> dict[str, list[tuple[Match, str]]]:
        """Every table's cues of this sentence, as :meth:`cue_values` gives them (not to be changed)."""
        if self._by_table is None:
            grouped: dict[str, list[tuple[Match, str]]] = {}
            for cue in self.cues:
                for t, v in cue.cues:
                    if t == "weapon" and (_stocked(self.sentence, cue)
                                          or _blew_up_itself(self.sentence, cue)
                                          or _unasserted(self.sentence, cue)
                                          or _not_one_rocket(self.sentence, cue)):
                        continue
                    if t == "weapon" and _struck_weapon(self.sentence, cue, v):
                        self._struck.append(cue)
                        continue
                    grouped.setdefault(t, []).append((cue, v))
            self._by_table = grouped
        return self._by_table

    def struck_weapons(self) -> list[Match]:
        """The weapon words of this sentence that name what a strike destroyed, not what struck."""
        self.cue_tables()
        return self._struck



def words_before(text: str, m: Match, width: int = 40) -> str:
    """The lower-case words just before a match."""
    start = m.start  # (a NamedTuple's field, read once: see attributes.cues.cue_distance)
    return " ".join(text[max(0, start - width):start].lower().split())


def words_after(text: str, m: Match, width: int = 30) -> str:
    """The lower-case words just after a match."""
    end = m.end  # (read once)
    return " ".join(text[end:end + width].lower().split())


# "a drone storage site", "a hangar holding Orion attack drones", "depots where guided aerial bombs
# were stored": weapons named as what was struck, not as what struck it.
_STOCK_AFTER = re.compile(
    r"\s*(?:storage|stores?|stockpiles?|depots?|warehouses?|bases?|factory|factories|plant|production|"
    r"assembly|hangars?|launch(?:ing)? sites?)\b"
    r"|(?:\s+[\w-]+){0,2}\s+(?:were|are|was|is|had been|have been)\s+(?:stored|kept|produced|assembled)\b"
    # "two S-300 air defense missile batteries": the weapon's own batteries, struck
    r"|(?:\s+(?:air|defen[cs]e|missile|missiles|anti-aircraft|surface-to-air)){0,4}\s+batter(?:y|ies)\b",
    re.IGNORECASE,
)
_STOCK_BEFORE = re.compile(
    r"\b(?:holding|storing|stored|storage\s+of|stocks?\s+of|production\s+of|producing|manufacturing|"
    r"manufacture\s+of|assembling|assembly\s+of|makes|making|made)\s+(?:[\w-]+\s+){0,3}$"
    r"|\bair\s+defen[cs]e\s+$",
    re.IGNORECASE,
)
# "made 14 UAV attacks on": a weapon followed by its attack is what struck, whatever came before;
# "made three strikes with MLRS on": so is a weapon after the attack made.
_ATTACK_AFTER = re.compile(r"\s*(?:attacks?|strikes?|raids?)\b", re.IGNORECASE)
_ATTACK_MADE = re.compile(r"\b(?:attacks?|strikes?|raids?)\b", re.IGNORECASE)


# What each branch above needs: a word right after the weapon, a verb of storing after it, a word before.
_STOCK_AFTER_WORDS = ("stor", "stockpile", "depot", "warehouse", "base", "factor", "plant", "production",
                      "assembly", "hangar", "launch")
_STORED = ("stored", "kept", "produced", "assembled", "batter")  # (batteries: after a few words)
_STOCK_BEFORE_WORDS = ("holding", "stor", "stock", "production", "producing", "manufactur", "assembl", "mak",
                       "made")
_AIR_DEFENCE = ("defence", "defense")  # what the words before end with where "air defence" ends them


# "because of the constant threat of shelling", "the danger of drone attacks": a weapon feared,
# not one that struck.
_THREAT_BEFORE = re.compile(r"\b(?:threats?|danger|risk|fear)\s+of\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def threatened(sentence: Sentence, cue: Match) -> bool:
    """Whether a weapon word names a threat ("the threat of shelling"), not a strike."""
    at = cue.start - sentence.start
    before = sentence.text[max(0, at - 40):at]
    return " of " in before and bool(_THREAT_BEFORE.search(before))


def _stocked(sentence: Sentence, cue: Match) -> bool:
    """Whether a weapon word names weapons kept or made at the site struck."""
    text, at = sentence.text, sentence.start
    start, end = cue.start - at, cue.end - at
    if text.isascii():  # then case-blind is lower(): substring tests spare the two searches nearly always
        lower = text.lower()
        after = lower[end:]
        window = lower[max(0, start - 60):start]
        if not (after.lstrip().startswith(_STOCK_AFTER_WORDS) or any(map(after.__contains__, _STORED))
                or any(map(window.__contains__, _STOCK_BEFORE_WORDS))
                # "air defence" only right before the weapon (the pattern's last branch): "air defence
                # shot down 20 drones" spared the two searches (the dense slice's 887 weapon cues,
                # replayed under callgrind: 22.1 -> 19.1 M instructions)
                or window.rstrip().endswith(_AIR_DEFENCE)):
            return False
    if _STOCK_AFTER.match(text, end):
        return True
    before = _STOCK_BEFORE.search(text, max(0, start - 60), start)
    return (before is not None and not _ATTACK_AFTER.match(text, end)
            and not _ATTACK_MADE.search(before.group()))


# "An ammunition warehouse blew up", "a Russian attack blew up a gas pipeline": a thing that exploded,
# or what an attack did with a weapon not named; a saboteur's charge is "partisans blew up a bridge".
_BLEW_UP = re.compile(r"\s*(?:[.,;:)]|$|(?:in|at|on|near|after|during|overnight|and|when|as|with|"
                      r"following|killing|injuring)\b)", re.IGNORECASE)
_ATTACK_BEFORE = ("attack", "strike", "missile", "drone", "shell", "bomb")


def _blew_up_itself(sentence: Sentence, cue: Match) -> bool:
    """Whether "blew up" tells an explosion, not sabotage: nothing blown up after it, or an attack
    (a strike, a missile) before it doing the blowing up."""
    if cue.key != "blew up":
        return False
    start, end = cue.start - sentence.start, cue.end - sentence.start
    before = sentence.text[max(0, start - 40):start].lower()
    return _BLEW_UP.match(sentence.text, end) is not None or any(map(before.__contains__, _ATTACK_BEFORE))


# A verb of destruction and at most three words (an article, a number, a side, a model) before a
# weapon's name: "destroyed two Russian howitzers", "hit a Buk-M2", "took out an S-400".
_STRUCK_BEFORE = re.compile(
    r"\b(?:destroyed|destroying|destroys|destroy|hit|hits|struck|strikes|striking|damaged|eliminated|"
    r"took out|knocked out|wiped out|disabled|neutrali[sz]ed|burned|burnt)\s+"
    r"(?:(?:a|an|the|one|two|three|four|five|several|\d+|russian|ukrainian|enemy|its|their|"
    r"self-propelled|towed|[A-Z][\w-]*)\s+){0,3}$"
)
#: Missile systems that stand on the ground, and can be destroyed there (a drone or a missile
#: "destroyed" in the air is an interception, not a target).
_LAUNCHERS = frozenset({"s 300", "s 400", "patriot", "iskander launcher", "iskander launchers"})


def _struck_weapon(sentence: Sentence, cue: Match, value: str) -> bool:
    """Whether a gun or launcher is what a strike destroyed or hit, not what struck (_STRUCK_BEFORE)."""
    if value != "artillery" and cue.key not in _LAUNCHERS:
        return False
    at = sentence.start
    before = sentence.text[max(0, cue.start - at - 60):cue.start - at]
    return bool(before) and _STRUCK_BEFORE.search(before) is not None


# "a rocket ripped through the building", "the rocket hit": one rocket; not "three rocket launchers"
_ONE_ROCKET_BEFORE = ("a", "the", "one", "another", "single", "russian", "enemy")


def _not_one_rocket(sentence: Sentence, cue: Match) -> bool:
    """Whether a lone "rocket" is not one rocket that struck (lexicon.WEAPONS reads it as a missile)."""
    if cue.key != "rocket":
        return False
    before = sentence.text[max(0, cue.start - sentence.start - 20):cue.start - sentence.start].split()
    return not before or before[-1].lower() not in _ONE_ROCKET_BEFORE


# "The ministry denied that the base had been shelled", "speculation that the base had been hit by
# missiles", "caused either by a long-range weapon or by partisans": what follows a denial, a rumour
# or one of two options in its clause is an account no one asserts, however far the weapon stands
# from the verb.
_UNASSERTED = re.compile(r"\b(?:(?:denied|denies|deny|denying|rejected|rejects)(?: reports| claims)?"
                         r"|speculation|speculated|rumou?rs?) that\b|\beither\b(?=.* or )")
_UNASSERTED_WORDS = ("deni", "deny", "reject", "specul", "rumo", "either")
# A ";", a "but" or an "and said" after the denial starts another account.
_ANOTHER_ACCOUNT = re.compile(r";|\b(?:but|however|while|whereas|and said|adding)\b")


def _unasserted(sentence: Sentence, cue: Match) -> bool:
    """Whether a weapon stands in a clause that a denial, a rumour or "either" opens ("denied that the
    base had been shelled", "speculation that it had been hit by missiles", "either by a missile or
    by partisans")."""
    at = cue.start - sentence.start
    text = sentence.text.lower()
    if not any(map(text[:at].__contains__, _UNASSERTED_WORDS)):  # nearly always: spare the pattern
        return False
    opened = None
    for found in _UNASSERTED.finditer(text):
        if found.end() > at:
            break
        opened = found
    return opened is not None and not _ANOTHER_ACCOUNT.search(text, opened.end(), at)
