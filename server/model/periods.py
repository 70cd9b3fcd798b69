"""What held on a day, and the periods it held for: the "on day D" rules of relations,
group memberships and participations in agreements, written once.

A history is a list of dated steps in record order. A step dated only to the month or
the year may have happened on any day of it, so it counts from its *last* possible day:
a step is known on a day when its last possible day is that day or earlier
(``known_on``). Each rule answers what held on one day from the steps known by then
(``relation_on``, ``membership_on``, ``participation_on``); ``periods`` runs a rule on
every day a step becomes known and returns the spans of days with the same answer. The
build writes those periods to the store, so SQL only asks which period holds a day; the
API answers a single day with the rule itself, over the steps it has already read.

Days are ISO text (YYYY-MM-DD), which sorts as the days do. A day of None means now:
every step on record is known.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Protocol

from server.model.representation import (
    Contradiction,
    RepresentationLevel,
    combined,
    next_level,
)
from server.model.states import initial_state
from server.model.vocabulary import MembershipStatus, MembershipStepKind, RelationState

# A day before every day: no step is known on it.
BEFORE_ALL = ""


class Step(Protocol):
    """What the rules read of a step: its last possible day (ISO). Relation steps also
    have ``bound`` (dated "by": known only to have happened by then) and ``state``
    (what held after it); membership steps ``kind`` and ``status``; participation steps
    ``status``."""

    last_day: str


@dataclass(frozen=True, slots=True)
class Held:
    """What held on a day: a relation's state, a membership's or a participation's
    status; the position in the history of the step that brought it about (None when no
    step did); and, for relations, whether anything was on record by then."""

    value: Enum
    step: int | None
    on_record: bool = True


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days on which the same thing held: from ``start`` (None: from before
    anything on record) to ``end`` (None: it holds still), both days included."""

    start: str | None
    end: str | None
    value: Enum
    step: int | None
    on_record: bool = True


def known_on(step: Step, day: str | None) -> bool:
    """The "known by" rule: a step counts from its last possible day."""
    return day is None or step.last_day <= day


def known_steps(steps: Sequence[Step], day: str | None) -> list:
    """The steps known on ``day``, in record order (all of them when day is None)."""
    return list(steps) if day is None else [step for step in steps if known_on(step, day)]


def relation_on(steps: Sequence[Step], day: str | None, none_known: bool) -> Held:
    """A relation's state on ``day``: the state after the last step known by then, else
    the state before any step (none ever, with a cited statement; else unknown). UNKNOWN
    when the next step is dated only "by" a later day (it may already have happened).
    The step that brought the state about is the first of the unbroken run of known
    steps that left it so (announcements and signings change nothing); there is none for
    UNKNOWN and NONE_EVER."""
    known = [index for index, step in enumerate(steps) if known_on(step, day)]
    on_record = none_known or bool(known)
    later = next((step for step in steps if not known_on(step, day)), None)
    if later is not None and later.bound:
        return Held(RelationState.UNKNOWN, None, on_record)
    if not known:
        return Held(initial_state(none_known), None, on_record)
    state = steps[known[-1]].state
    if state in (RelationState.UNKNOWN, RelationState.NONE_EVER):
        return Held(state, None, on_record)
    first = len(known) - 1
    while first > 0 and steps[known[first - 1]].state is state:
        first -= 1
    return Held(state, known[first], on_record)


def representation_on(
    steps: Sequence[Step],
    side_steps: Sequence[Step],
    day: str | None,
    none_known: bool,
    sides: tuple[str, str],
) -> Held:
    """A relation's representation on ``day`` (model/representation.py): NONE unless
    diplomatic relations are full (UNKNOWN when the state is unknown); while they are, the
    lower of the two sides' levels, each from the representation steps (``side_steps``,
    with ``envoy_of`` and ``kind``) known by then since full relations last began. The
    step is the position in ``side_steps`` of the latest step that left the level so."""
    state = relation_on(steps, day, none_known)
    if state.value is RelationState.UNKNOWN:
        return Held(RepresentationLevel.UNKNOWN, None)
    if state.value is not RelationState.FULL:
        return Held(RepresentationLevel.NONE, None)
    since = steps[state.step].last_day
    levels = dict.fromkeys(sides, RepresentationLevel.UNKNOWN)
    latest: dict[str, int] = {}
    for index, step in enumerate(side_steps):
        if step.last_day < since or not known_on(step, day):
            continue
        try:
            levels[step.envoy_of] = next_level(levels[step.envoy_of], step.kind)
        except Contradiction:  # refused by the seed checks; read as the level it leads to
            levels[step.envoy_of] = next_level(RepresentationLevel.UNKNOWN, step.kind)
        latest[step.envoy_of] = index
    level = combined(list(levels.values()))
    deciding = [latest[side] for side in sides if levels[side] is level and side in latest]
    return Held(level, max(deciding) if deciding else None)


def representation_periods(
    steps: Sequence[Step], side_steps: Sequence[Step], none_known: bool, sides: tuple[str, str]
) -> list[Period]:
    """The spans of days each representation level held (see ``periods``)."""

    def rule(_merged, day):
        return representation_on(steps, side_steps, day, none_known, sides)

    return periods(rule, [*steps, *side_steps])


def participation_on(steps: Sequence[Step], day: str | None) -> Held | None:
    """A participation's status on ``day``: that of the last step known by then. None
    before it began, i.e. before its first step is known."""
    if not steps or not known_on(steps[0], day):
        return None
    for index in range(len(steps) - 1, -1, -1):
        if known_on(steps[index], day):
            return Held(steps[index].status, index)
    return None  # unreachable: the first step is known


def membership_on(steps: Sequence[Step], day: str | None) -> Held | None:
    """A membership's status on ``day``: that of the last step known by then. Before
    any step is known: not yet a member when it has a joined step, else a member since a
    date not on record (None for the former)."""
    for index in range(len(steps) - 1, -1, -1):
        if known_on(steps[index], day):
            return Held(steps[index].status, index)
    if any(step.kind is MembershipStepKind.JOINED for step in steps):
        return None
    return Held(MembershipStatus.MEMBER, None)


def belongs(held: Held | Period | None) -> bool:
    """Whether a membership status counts as belonging to the group: a suspended member
    still belongs; one that withdrew, or had not joined, does not."""
    return held is not None and held.value is not MembershipStatus.WITHDRAWN


Rule = Callable[..., "Held | None"]


def periods(rule: Rule, steps: Sequence[Step], *arguments) -> list[Period]:
    """Every span of days on which ``rule`` (one of the ``*_on`` rules, with its extra
    ``arguments``) gives the same answer, oldest first; days on which it gives None (not
    begun, not joined) are in no period. The answer can change only on a day a step
    becomes known, so the rule is asked once per such day and once for before them all."""
    days = sorted({step.last_day for step in steps})
    found: list[Period] = []
    starts: list[str | None] = [None, *days]
    for position, start in enumerate(starts):
        following = starts[position + 1] if position + 1 < len(starts) else None
        end = _day_before(following) if following is not None else None
        if start is None and following is not None and end is None:
            continue  # the first step counts from the first day of the calendar
        held = rule(steps, BEFORE_ALL if start is None else start, *arguments)
        if held is None:
            continue
        last = found[-1] if found else None
        if (
            last is not None
            and last.end is not None
            and start is not None
            and _day_before(start) == last.end
            and (last.value, last.step, last.on_record) == (held.value, held.step, held.on_record)
        ):
            found[-1] = Period(last.start, end, held.value, held.step, held.on_record)
            continue
        found.append(Period(start, end, held.value, held.step, held.on_record))
    return found


def _day_before(day: str) -> str | None:
    try:
        return (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    except OverflowError:  # 0001-01-01: there is no day before it
        return None


# A pair of countries with no relation on record: what the rule says of an empty history.
NOTHING_ON_RECORD: RelationState = relation_on((), None, False).value
