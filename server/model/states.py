"""The step→state machine of a relation: which step may follow which state, and the
state it leads to.

Used by the seed checks (which refuse a history that contradicts itself), the build
(which stores the state after every step) and the periods (model/periods.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from server.model.vocabulary import RelationState, RelationStepKind

K = RelationStepKind
S = RelationState

# For each step, the states it may follow and the state it leads to. A step from any
# other state contradicts the history (e.g. severing relations that were already
# severed, or "establishing" relations after full relations had been broken off: that is
# a restoration; see next_state).
# UNKNOWN is allowed wherever it could hide the state a step needs: the record of many
# relations starts with a break whose earlier establishment is not on record.
# NONE_EVER (a cited "no relations until then") may end in recognition, an office or
# relations: the UAE and Bahrain had none before 2020.
_TRANSITIONS: dict[RelationStepKind, tuple[frozenset, RelationState | None]] = {
    K.RECOGNIZED: (
        frozenset({S.UNKNOWN, S.SEVERED, S.LIAISON_OFFICE, S.NO_RELATIONS, S.NONE_EVER}),
        S.RECOGNITION_ONLY,
    ),
    K.RELATIONS_ESTABLISHED: (
        frozenset(
            {
                S.UNKNOWN,
                S.RECOGNITION_ONLY,
                S.LIAISON_OFFICE,
                S.SEVERED,
                S.SUSPENDED,
                S.NO_RELATIONS,
                S.NONE_EVER,
            }
        ),
        S.FULL,
    ),
    K.RELATIONS_RESTORED: (
        frozenset({S.UNKNOWN, S.SEVERED, S.SUSPENDED, S.LIAISON_OFFICE}),
        S.FULL,
    ),
    K.RELATIONS_SUSPENDED: (
        frozenset({S.UNKNOWN, S.FULL, S.RECOGNITION_ONLY, S.LIAISON_OFFICE}),
        S.SUSPENDED,
    ),
    K.RELATIONS_SEVERED: (
        frozenset({S.UNKNOWN, S.FULL, S.SUSPENDED, S.RECOGNITION_ONLY, S.LIAISON_OFFICE}),
        S.SEVERED,
    ),
    K.OFFICE_OPENED: (
        frozenset(
            {
                S.UNKNOWN,
                S.SEVERED,
                S.SUSPENDED,
                S.RECOGNITION_ONLY,
                S.LIAISON_OFFICE,
                S.FULL,
                S.NO_RELATIONS,
                S.NONE_EVER,
            }
        ),
        S.LIAISON_OFFICE,
    ),
    # Closing the offices leaves relations severed when there had been relations, and
    # otherwise none (Qatar, Oman, Tunisia: trade or interest offices, never relations).
    K.OFFICE_CLOSED: (frozenset({S.LIAISON_OFFICE}), S.SEVERED),
    # Announcements and signings are on the record but change no state by themselves:
    # relations follow when they are established (a step of their own).
    K.NORMALIZATION_ANNOUNCED: (frozenset(RelationState), None),
    K.AGREEMENT_SIGNED: (frozenset(RelationState), None),
}


# The title of each step's own timeline entry, {a} and {b} being the two countries' names.
STEP_TITLES: dict[RelationStepKind, str] = {
    K.RECOGNIZED: "{b} recognizes {a}",
    K.RELATIONS_ESTABLISHED: "{b} and {a} establish diplomatic relations",
    K.RELATIONS_SUSPENDED: "Diplomatic relations between {b} and {a} suspended",
    K.RELATIONS_SEVERED: "Diplomatic relations between {b} and {a} severed",
    K.RELATIONS_RESTORED: "{b} and {a} restore diplomatic relations",
    K.OFFICE_OPENED: "Liaison office opened in {b}–{a} relations",
    K.OFFICE_CLOSED: "Liaison office closed in {b}–{a} relations",
    K.NORMALIZATION_ANNOUNCED: "{b} and {a} announce normalization",
    K.AGREEMENT_SIGNED: "{b} and {a} sign an agreement",
}


_BREAKS = frozenset({K.RELATIONS_SUSPENDED, K.RELATIONS_SEVERED})


class Contradiction(ValueError):
    """A step that cannot follow the state before it; ``index`` is its position."""

    index: int = 0


def initial_state(none_known: bool) -> RelationState:
    """The state before the first step: none ever when a source says so, else unknown."""
    return S.NONE_EVER if none_known else S.UNKNOWN


def next_state(state: RelationState, step: RelationStepKind, had_relations: bool) -> RelationState:
    """The state after ``step``; Contradiction when it cannot follow ``state``.
    ``had_relations``: whether an earlier step shows there had been relations (full
    relations held, or relations were suspended or severed)."""
    allowed, after = _TRANSITIONS[step]
    if state not in allowed:
        raise Contradiction(f"{step.value} cannot follow {state.value.replace('_', ' ')}")
    if step is K.RELATIONS_ESTABLISHED and had_relations:
        raise Contradiction(
            "relations_established cannot follow relations already on record (held, "
            "suspended or severed): a later establishment is relations_restored"
        )
    if after is None:
        return state
    # An office opened alongside full relations does not lower them.
    if step is K.OFFICE_OPENED and state is S.FULL:
        return S.FULL
    if step is K.OFFICE_CLOSED and not had_relations:
        return S.NO_RELATIONS
    return after


def replay(none_known: bool, steps: Iterable[RelationStepKind]) -> list[RelationState]:
    """The state after each step, in order; Contradiction at the first step that cannot
    follow the one before."""
    state = initial_state(none_known)
    states = []
    had_relations = False
    for index, step in enumerate(steps):
        try:
            state = next_state(state, step, had_relations)
        except Contradiction as error:
            error.index = index
            raise
        had_relations = had_relations or state is S.FULL or step in _BREAKS
        states.append(state)
    return states
