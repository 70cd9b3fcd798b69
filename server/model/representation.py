"""Representation: the second track of a relation, beside its diplomatic state.

Diplomatic relations can stand while the ambassadors are gone: Türkiye recalled its
ambassador from Israel in 2010, downgraded both missions in 2011, exchanged ambassadors
again in 2016 and recalled them in 2018 and 2023, and relations were never broken off.
So recalls, expulsions and downgrades are steps of their own kinds, on a track of their
own; ``state`` keeps meaning diplomatic relations.

A representation step concerns one country's mission in the other (``envoy_of``, the
sending country). Each side has a level; the relation's level on a day is the lower of
the two (a recall on one side is a recall in the relation). Representation exists only
while diplomatic relations are full: on a day with relations broken off, suspended or
never established it is NONE, and when full relations begin (again), each side's level
starts unknown until a step says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from server.model.words import Vocabulary


class RepresentationStepKind(Vocabulary):
    """A dated step in who heads one country's mission in the other: an ambassador
    accredited, recalled, expelled or returned; the mission downgraded below ambassador
    level or raised back to it; or the mission closed."""

    AMBASSADOR_ACCREDITED = (
        "ambassador_accredited",
        "ambassador accredited",
        "An ambassador presented credentials and took up the post.",
    )
    AMBASSADOR_RECALLED = (
        "ambassador_recalled",
        "ambassador recalled",
        "The sending country called its ambassador home (in protest or for "
        "consultations); the mission stayed open.",
    )
    AMBASSADOR_EXPELLED = (
        "ambassador_expelled",
        "ambassador expelled",
        "The host country told the other's ambassador to leave; the mission stayed open.",
    )
    AMBASSADOR_RETURNED = (
        "ambassador_returned",
        "ambassador returned",
        "A recalled or expelled ambassador, or a successor, went back to the post.",
    )
    DOWNGRADED = (
        "downgraded",
        "downgraded",
        "The mission was formally lowered below ambassador level (chargé d'affaires or lower).",
    )
    UPGRADED = (
        "upgraded",
        "upgraded",
        "The mission was raised back to ambassador level.",
    )
    MISSION_CLOSED = (
        "mission_closed",
        "mission closed",
        "The sending country's embassy closed, or all its diplomats left.",
    )


class RepresentationLevel(Vocabulary):
    """How a relation is represented on a day, beside its diplomatic state: by
    ambassadors, with an ambassador withdrawn (recalled or expelled, the mission open),
    downgraded to chargé d'affaires or lower, no embassy (relations not full, or the
    mission closed), or unknown (nothing on record: never read it as none)."""

    AMBASSADOR = ("ambassador", "ambassadors", "Both missions are at ambassador level.")
    AMBASSADOR_WITHDRAWN = (
        "ambassador_withdrawn",
        "ambassador withdrawn",
        "An ambassador was recalled or expelled; the mission stays open under a lower rank.",
    )
    CHARGE_D_AFFAIRES = (
        "charge_d_affaires",
        "chargé d'affaires",
        "A mission was formally downgraded: headed by a chargé d'affaires or lower.",
    )
    NONE = (
        "none",
        "no embassy",
        "No embassy: diplomatic relations are not full, or a mission was closed.",
    )
    UNKNOWN = (
        "unknown",
        "not on record",
        "Nothing is on record about the missions on that day: a gap, never a finding.",
    )


K = RepresentationStepKind
L = RepresentationLevel

# For each step: the side levels it may follow, and the side level it leads to.
_ALL = frozenset(L)
_TRANSITIONS: dict[RepresentationStepKind, tuple[frozenset, RepresentationLevel]] = {
    K.AMBASSADOR_ACCREDITED: (_ALL - {L.NONE}, L.AMBASSADOR),
    K.AMBASSADOR_RECALLED: (frozenset({L.UNKNOWN, L.AMBASSADOR}), L.AMBASSADOR_WITHDRAWN),
    K.AMBASSADOR_EXPELLED: (frozenset({L.UNKNOWN, L.AMBASSADOR}), L.AMBASSADOR_WITHDRAWN),
    K.AMBASSADOR_RETURNED: (frozenset({L.UNKNOWN, L.AMBASSADOR_WITHDRAWN}), L.AMBASSADOR),
    K.DOWNGRADED: (
        frozenset({L.UNKNOWN, L.AMBASSADOR, L.AMBASSADOR_WITHDRAWN}),
        L.CHARGE_D_AFFAIRES,
    ),
    K.UPGRADED: (
        frozenset({L.UNKNOWN, L.CHARGE_D_AFFAIRES, L.AMBASSADOR_WITHDRAWN}),
        L.AMBASSADOR,
    ),
    K.MISSION_CLOSED: (_ALL - {L.NONE}, L.NONE),
}

# Steps that put (or keep) an ambassador in post: they need full diplomatic relations.
RAISING = frozenset({K.AMBASSADOR_ACCREDITED, K.AMBASSADOR_RETURNED, K.UPGRADED})

# Lowest first: the relation's level is the lowest of its sides' known levels.
_RANK = {L.NONE: 0, L.CHARGE_D_AFFAIRES: 1, L.AMBASSADOR_WITHDRAWN: 2, L.AMBASSADOR: 3}

# A representation step's title on the timeline; {envoy} sends the mission, {host} hosts it.
STEP_TITLES: dict[RepresentationStepKind, str] = {
    K.AMBASSADOR_ACCREDITED: "{envoy}'s ambassador accredited in {host}",
    K.AMBASSADOR_RECALLED: "{envoy} recalls its ambassador from {host}",
    K.AMBASSADOR_EXPELLED: "{host} expels {envoy}'s ambassador",
    K.AMBASSADOR_RETURNED: "{envoy}'s ambassador returns to {host}",
    K.DOWNGRADED: "{envoy}'s mission in {host} downgraded",
    K.UPGRADED: "{envoy}'s mission in {host} raised to ambassador level",
    K.MISSION_CLOSED: "{envoy}'s embassy in {host} closed",
}


class Contradiction(ValueError):
    """A representation step that cannot follow the level before it."""


def next_level(level: RepresentationLevel, kind: RepresentationStepKind) -> RepresentationLevel:
    """A side's level after ``kind``; Contradiction when it cannot follow ``level``."""
    allowed, after = _TRANSITIONS[kind]
    if level not in allowed:
        raise Contradiction(f"{kind.value} cannot follow {level.word}")
    return after


def combined(levels: Sequence[RepresentationLevel]) -> RepresentationLevel:
    """The relation's level from its sides': the lowest one known below ambassador; else
    ambassadors only when both sides are known to have one; else unknown."""
    known = [level for level in levels if level is not L.UNKNOWN]
    if known and min(_RANK[level] for level in known) < _RANK[L.AMBASSADOR]:
        return min(known, key=_RANK.__getitem__)
    if len(known) == 2:
        return L.AMBASSADOR
    return L.UNKNOWN


@dataclass(frozen=True, slots=True)
class SideStep:
    """What the rule reads of a representation step: the sending country, the kind, and
    the step's last possible day (ISO)."""

    envoy_of: str
    kind: RepresentationStepKind
    last_day: str
