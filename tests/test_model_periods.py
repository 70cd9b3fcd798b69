"""The model's "on day D" rules and their periods (server/model/periods.py), on their own:
no store, no API."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from server.model.dates import PartialDate
from server.model.periods import (
    NOTHING_ON_RECORD,
    Period,
    belongs,
    known_on,
    known_steps,
    membership_on,
    participation_on,
    periods,
    relation_on,
)
from server.model.states import replay
from server.model.vocabulary import (
    MembershipStatus,
    MembershipStepKind,
    RelationState,
    RelationStepKind,
    Status,
)

S = RelationState
K = RelationStepKind


@dataclass(frozen=True)
class Step:
    last_day: str
    state: RelationState | None = None
    status: object = None
    kind: object = None
    bound: bool = False


# The period that holds a day, as SQL's range lookup finds it (the store's side is
# tests/test_periods.py): a reference for the checks below, not server code.
def period_on(found: Sequence[Period], day: str | None) -> Period | None:
    """The period of ``found`` that holds ``day`` (the last one for now), if any."""
    if day is None:
        return found[-1] if found and found[-1].end is None else None
    for period in found:
        if (period.start is None or period.start <= day) and (
            period.end is None or day <= period.end
        ):
            return period
    return None


def relation_steps(none_known, *dated):
    """Relation steps from (date text, kind) pairs, with the states the machine gives."""
    kinds = [kind for _, kind in dated]
    states = replay(none_known, kinds)
    steps = []
    for (text, _), state in zip(dated, states, strict=True):
        value = PartialDate.parse(text)
        steps.append(Step(value.end.isoformat(), state=state, bound=value.qualifier == "by"))
    return steps


def test_a_step_counts_from_its_last_possible_day():
    step = Step(PartialDate.parse("2009-01").end.isoformat())
    assert step.last_day == "2009-01-31"
    assert not known_on(step, "2009-01-30")
    assert known_on(step, "2009-01-31")
    assert known_on(step, None)  # now: every step
    assert PartialDate.parse("2021").end == date(2021, 12, 31)
    assert PartialDate.parse("by 2021-09-14").start == date(2021, 9, 14)


def test_known_steps_keep_record_order():
    steps = [Step("2020-12-31"), Step("2020-06-15"), Step("2021-01-01")]
    assert known_steps(steps, "2020-07-01") == [steps[1]]
    assert known_steps(steps, None) == steps


def test_relation_state_runs_from_the_step_that_brought_it_about():
    steps = relation_steps(
        False,
        ("1992-04", K.RELATIONS_ESTABLISHED),
        ("2000-05-01", K.NORMALIZATION_ANNOUNCED),
        ("2010-03-20", K.RELATIONS_SEVERED),
    )
    assert relation_on(steps, "1992-04-29", False) == relation_on((), None, False)
    assert relation_on(steps, "1992-04-29", False).on_record is False
    assert relation_on(steps, "1992-04-30", False).value is S.FULL
    # The announcement changes nothing: full relations still date from 1992.
    held = relation_on(steps, "2005-01-01", False)
    assert (held.value, held.step, held.on_record) == (S.FULL, 0, True)
    assert relation_on(steps, None, False).value is S.SEVERED
    assert relation_on(steps, None, False).step == 2
    assert periods(relation_on, steps, False) == [
        Period(None, "1992-04-29", S.UNKNOWN, None, False),
        Period("1992-04-30", "2010-03-19", S.FULL, 0, True),
        Period("2010-03-20", None, S.SEVERED, 2, True),
    ]


def test_a_step_known_only_by_a_later_day_leaves_the_days_before_it_unknown():
    steps = relation_steps(
        False, ("2020-08-13", K.NORMALIZATION_ANNOUNCED), ("by 2020-12-31", K.RELATIONS_ESTABLISHED)
    )
    # Announced on 13 Aug; relations known to hold by 31 Dec: until then, not known.
    assert relation_on(steps, "2020-09-01", False).value is S.UNKNOWN
    assert relation_on(steps, "2020-09-01", False).on_record is True
    held = relation_on(steps, "2020-12-31", False)
    assert (held.value, held.step) == (S.FULL, 1)


def test_a_statement_that_there_never_were_relations():
    assert relation_on((), "1950-01-01", True).value is S.NONE_EVER
    assert relation_on((), "1950-01-01", True).step is None
    assert periods(relation_on, (), True) == [Period(None, None, S.NONE_EVER, None, True)]
    assert NOTHING_ON_RECORD is S.UNKNOWN


def test_membership_status_and_belonging():
    steps = [
        Step("1945-03-22", status=MembershipStatus.MEMBER, kind=MembershipStepKind.JOINED),
        Step("1979-03-31", status=MembershipStatus.SUSPENDED, kind=MembershipStepKind.SUSPENDED),
        Step("1989-05-31", status=MembershipStatus.MEMBER, kind=MembershipStepKind.REINSTATED),
    ]
    assert membership_on(steps, "1945-03-21") is None  # not yet joined
    assert membership_on(steps, "1980-01-01").value is MembershipStatus.SUSPENDED
    assert belongs(membership_on(steps, "1980-01-01"))  # a suspended member still belongs
    assert [(p.start, p.end, p.value, p.step) for p in periods(membership_on, steps)] == [
        ("1945-03-22", "1979-03-30", MembershipStatus.MEMBER, 0),
        ("1979-03-31", "1989-05-30", MembershipStatus.SUSPENDED, 1),
        ("1989-05-31", None, MembershipStatus.MEMBER, 2),
    ]
    withdrew = [
        Step("1969", status=MembershipStatus.MEMBER, kind=MembershipStepKind.JOINED),
        Step("2000", status=MembershipStatus.WITHDRAWN, kind=MembershipStepKind.WITHDREW),
    ]
    assert not belongs(membership_on(withdrew, None))
    assert not belongs(None)


def test_a_member_since_a_date_not_on_record_is_one_on_every_day():
    assert membership_on((), "1900-01-01").value is MembershipStatus.MEMBER
    assert periods(membership_on, ()) == [Period(None, None, MembershipStatus.MEMBER, None)]
    suspended = [Step("2011-11-30", status=MembershipStatus.SUSPENDED, kind="suspended")]
    assert membership_on(suspended, "2011-01-01").value is MembershipStatus.MEMBER
    assert periods(membership_on, suspended)[0].end == "2011-11-29"


def test_a_participation_begins_when_its_first_step_is_known():
    steps = [
        Step("2020-12-31", status=Status.ANNOUNCED),  # dated "2020"
        Step("2020-06-15", status=Status.SIGNED),  # later in the year, known earlier
        Step("2021-03-01", status=Status.IN_FORCE),
    ]
    assert participation_on(steps, "2020-07-01") is None  # the first step is not known yet
    held = participation_on(steps, "2020-12-31")
    assert (held.value, held.step) == (Status.SIGNED, 1)
    assert participation_on(steps, None).value is Status.IN_FORCE
    assert periods(participation_on, steps) == [
        Period("2020-12-31", "2021-02-28", Status.SIGNED, 1),
        Period("2021-03-01", None, Status.IN_FORCE, 2),
    ]
    assert participation_on((), None) is None


def test_period_on_finds_the_period_that_holds_a_day():
    found = [Period(None, "1999-12-31", S.UNKNOWN, None), Period("2000-01-01", None, S.FULL, 0)]
    assert period_on(found, "1999-12-31") is found[0]
    assert period_on(found, "2000-01-01") is found[1]
    assert period_on(found, None) is found[1]
    assert period_on([Period("2000-01-01", "2000-12-31", S.FULL, 0)], "2001-01-01") is None
    assert period_on([Period("2000-01-01", "2000-12-31", S.FULL, 0)], None) is None


def test_a_step_on_the_first_day_of_the_calendar_leaves_no_period_before_it():
    steps = [Step("0001-01-01", status=Status.SIGNED)]
    assert periods(participation_on, steps) == [Period("0001-01-01", None, Status.SIGNED, 0)]
    members = [Step("0001-01-01", status=MembershipStatus.MEMBER, kind=MembershipStepKind.JOINED)]
    assert periods(membership_on, members) == [
        Period("0001-01-01", None, MembershipStatus.MEMBER, 0)
    ]


def _random_relation(rng, none_known):
    """A valid history: steps the machine accepts, dated in order by their last day."""
    day = date(1950, 1, 1)
    dated = []
    kinds = list(K)
    for _ in range(rng.randint(0, 6)):
        for _ in range(20):
            kind = rng.choice(kinds)
            try:
                replay(none_known, [k for _, k in dated] + [kind])
            except ValueError:
                continue
            break
        else:
            break
        day += timedelta(days=rng.choice([0, 1, 40, 400, 3000]))
        precision = rng.choice(["day", "day", "month", "year", "by"])
        text = {
            "day": day.isoformat(),
            "month": day.isoformat()[:7],
            "year": day.isoformat()[:4],
            "by": f"by {day.isoformat()}",
        }[precision]
        # Keep the last possible days in order, as the seed checks require.
        if dated and PartialDate.parse(text).end < PartialDate.parse(dated[-1][0]).end:
            text = day.isoformat()
        dated.append((text, kind))
        day = PartialDate.parse(text).end
    return dated


@pytest.mark.parametrize("seed", range(40))
def test_every_day_is_in_exactly_the_period_the_rule_gives(seed):
    rng = random.Random(seed)
    none_known = rng.random() < 0.2
    dated = _random_relation(rng, none_known)
    steps = relation_steps(none_known, *dated) if dated else []
    found = periods(relation_on, steps, none_known)
    # Contiguous, oldest first, open at both ends.
    assert found[0].start is None and found[-1].end is None
    for earlier, later in zip(found, found[1:], strict=False):
        assert date.fromisoformat(earlier.end) + timedelta(days=1) == date.fromisoformat(
            later.start
        )
        assert (earlier.value, earlier.step, earlier.on_record) != (
            later.value,
            later.step,
            later.on_record,
        )
    probes = {"1900-01-01", "2100-01-01"}
    for step in steps:
        last = date.fromisoformat(step.last_day)
        probes |= {(last + timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    for day in sorted(probes):
        period = period_on(found, day)
        held = relation_on(steps, day, none_known)
        assert (period.value, period.step, period.on_record) == (
            held.value,
            held.step,
            held.on_record,
        ), day
    now = relation_on(steps, None, none_known)
    assert (found[-1].value, found[-1].step) == (now.value, now.step)


def test_the_random_histories_include_long_ones():
    """The seeds above must exercise histories of several steps (else the contiguity and
    merge checks would loop over nothing): counted afresh, not from the run above."""
    lengths = [
        len(_random_relation(random.Random(seed), random.Random(seed).random() < 0.2))
        for seed in range(40)
    ]
    assert sum(length >= 2 for length in lengths) >= 10, lengths
