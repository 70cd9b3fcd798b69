"""The model's periods, written into a store being built.

For every relation, membership and participation already in the store, the spans of
days on which its state or status held, by the model's rules (server/model/periods.py),
read from the steps the store holds: the build (server/store/build.py) and the bench generator
call ``write_periods`` once the steps are in, so both write the same periods from the same
rows. Serving never imports this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from server.model.dates import PartialDate
from server.model.periods import (
    belongs,
    membership_on,
    participation_on,
    periods,
    relation_on,
    representation_periods,
)
from server.model.representation import RepresentationStepKind, SideStep
from server.model.vocabulary import MembershipStatus, MembershipStepKind, RelationState, Status
from server.store.writer import insert


@dataclass(frozen=True, slots=True)
class _Step:
    """A stored step as the rules read it (see model.periods.Step)."""

    last_day: str
    state: RelationState | None = None
    status: Status | MembershipStatus | None = None
    kind: MembershipStepKind | None = None
    bound: bool = False


def write_periods(db: sqlite3.Connection) -> dict[str, int]:
    """Write relation_periods, membership_periods and participation_periods from the
    steps in ``db``; return how many rows each got."""
    return {
        "relation_periods": insert(db, "relation_periods", _relation_rows(db)),
        "membership_periods": insert(db, "membership_periods", _membership_rows(db)),
        "participation_periods": insert(db, "participation_periods", _participation_rows(db)),
        "representation_periods": insert(db, "representation_periods", _representation_rows(db)),
    }


def _relation_rows(db: sqlite3.Connection) -> Iterator[dict]:
    rows = db.execute(
        "SELECT r.id, r.none_known IS NOT NULL, s.date, s.date_end, s.state"
        " FROM relations r LEFT JOIN relation_steps s ON s.relation_id = r.id"
        " ORDER BY r.id, s.seq"
    )
    for (relation_id, none_known), group in groupby(rows, key=lambda row: row[:2]):
        steps = [
            _Step(
                last_day=last_day,
                state=RelationState(state),
                bound=PartialDate.parse(text).qualifier == "by",
            )
            for _, _, text, last_day, state in group
            if text is not None
        ]
        for number, period in enumerate(periods(relation_on, steps, bool(none_known)), 1):
            yield {
                "relation_id": relation_id,
                "period": number,
                "from_day": period.start,
                "to_day": period.end,
                "state": period.value.value,
                "step": _seq(period.step),
                "on_record": int(period.on_record),
            }


def _representation_rows(db: sqlite3.Connection) -> Iterator[dict]:
    """Each relation with representation steps: the spans of days each level held, from
    its diplomatic steps and its representation steps (model.periods.representation_on)."""
    relations = db.execute(
        "SELECT r.id, r.country_a, r.country_b, r.none_known IS NOT NULL FROM relations r"
        " WHERE EXISTS (SELECT 1 FROM representation_steps t WHERE t.relation_id = r.id)"
        " ORDER BY r.id"
    ).fetchall()
    for relation_id, a, b, none_known in relations:
        steps = [
            _Step(last_day=last_day, state=RelationState(state), bound=text.startswith("by "))
            for text, last_day, state in db.execute(
                "SELECT date, date_end, state FROM relation_steps WHERE relation_id = ?"
                " ORDER BY seq",
                (relation_id,),
            )
        ]
        sides = [
            SideStep(envoy_of, RepresentationStepKind(kind), last_day)
            for envoy_of, kind, last_day in db.execute(
                "SELECT envoy_of, kind, date_end FROM representation_steps"
                " WHERE relation_id = ? ORDER BY seq",
                (relation_id,),
            )
        ]
        found = representation_periods(steps, sides, bool(none_known), (a, b))
        for number, period in enumerate(found, 1):
            yield {
                "relation_id": relation_id,
                "period": number,
                "from_day": period.start,
                "to_day": period.end,
                "level": period.value.value,
                "step": _seq(period.step),
            }


def _membership_rows(db: sqlite3.Connection) -> Iterator[dict]:
    rows = db.execute(
        "SELECT m.group_code, m.country_code, s.kind, s.date_end, s.status FROM memberships m"
        " LEFT JOIN membership_steps s"
        " ON s.group_code = m.group_code AND s.country_code = m.country_code"
        " ORDER BY m.group_code, m.country_code, s.seq"
    )
    for (group_code, country_code), group in groupby(rows, key=lambda row: row[:2]):
        steps = [
            _Step(
                last_day=last_day,
                status=MembershipStatus(status),
                kind=MembershipStepKind(kind),
            )
            for _, _, kind, last_day, status in group
            if kind is not None
        ]
        for number, period in enumerate(periods(membership_on, steps), 1):
            yield {
                "group_code": group_code,
                "country_code": country_code,
                "period": number,
                "from_day": period.start,
                "to_day": period.end,
                "status": period.value.value,
                "step": _seq(period.step),
                "belongs": int(belongs(period)),
            }


def _participation_rows(db: sqlite3.Connection) -> Iterator[dict]:
    rows = db.execute(
        "SELECT participation_id, date_end, status FROM participation_statuses"
        " ORDER BY participation_id, seq"
    )
    for participation_id, group in groupby(rows, key=lambda row: row[0]):
        steps = [_Step(last_day=last_day, status=Status(status)) for _, last_day, status in group]
        for number, period in enumerate(periods(participation_on, steps), 1):
            yield {
                "participation_id": participation_id,
                "period": number,
                "from_day": period.start,
                "to_day": period.end,
                "status": period.value.value,
                "step": _seq(period.step),
            }


def _seq(position: int | None) -> int | None:
    """A step's position in its history (from 0) as the store numbers it (seq, from 1)."""
    return None if position is None else position + 1
