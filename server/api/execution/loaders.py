"""Per-request loaders: keys in, results aligned with keys out, one SQL statement per
batch. A fresh set is made for every request (see context.py)."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import defaultdict

from server.api.execution.batching import BatchLoader
from server.api.schema.types import (
    Agreement,
    Attribution,
    Country,
    DateValue,
    Event,
    Group,
    Membership,
    MembershipStep,
    Participation,
    ParticipationTerm,
    Relation,
    RelationStep,
    RepresentationStep,
    Source,
    StatusChange,
    _day,
)
from server.api.vocabulary import (
    MembershipStatus,
    MembershipStepKind,
    RelationState,
    RelationStepKind,
    RepresentationLevel,
    RepresentationStepKind,
    Role,
    Status,
    TermKind,
)
from server.store import queries
from server.store.db import Database

STATUSES = {status.value: status for status in Status}
ROLES = {role.value: role for role in Role}

# Keeps each IN-list (a JSON array parameter) bounded however large a page is.
MAX_BATCH = 500


def _grouped(rows, build, key="owner_id") -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(build(row))
    return groups


class _Batched:
    """A Loaders attribute: the request's BatchLoader over one batch function, made the
    first time it is used. A request uses a few of the loaders, and building all of them
    for every request cost about 27 µs."""

    def __init__(self, batch, *arguments):
        self.batch = batch
        self.arguments = arguments

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, loaders, owner=None):
        if loaders is None:
            return self
        # Looked up by name, so the batch method can be replaced (tests inject faults).
        batch = functools.partial(getattr(loaders, self.batch.__name__), *self.arguments)
        loader = loaders.__dict__[self.name] = BatchLoader(batch, max_batch_size=MAX_BATCH)
        return loader  # kept in the instance: later reads never reach this descriptor


class Loaders:
    def __init__(self, db: Database):
        self.db = db

    async def _countries(self, codes):
        return [self.country_object(code) for code in codes]

    def country_object(self, code: str) -> Country | None:
        """Countries are few and never change within a store: the Database keeps their
        rows, and each Country object is built once per store and shared."""
        memo = self.db.memo
        country = memo.get(("country", code))
        if country is None:
            row = self.db.country_row(code)
            if row is None:
                return None
            country = memo[("country", code)] = Country.from_row(row)
        return country

    async def _agreements(self, ids):
        rows = await queries.agreements_by_id(self.db, ids)
        found = {row["id"]: Agreement.from_row(row) for row in rows}
        return [found.get(i) for i in ids]

    async def _agreements_by_slug(self, slugs):
        rows = await queries.agreements_by_slug(self.db, slugs)
        found = {row["slug"]: Agreement.from_row(row) for row in rows}
        return [found.get(slug) for slug in slugs]

    async def _events_by_slug(self, slugs):
        rows = await queries.events_by_slug(self.db, slugs)
        found = {row["slug"]: Event.from_row(row) for row in rows}
        return [found.get(slug) for slug in slugs]

    async def _events_by_id(self, ids):
        rows = await queries.events_by_id(self.db, ids)
        found = {row["id"]: Event.from_row(row) for row in rows}
        return [found.get(i) for i in ids]

    async def _sources_by_slug(self, slugs):
        rows = await queries.sources_by_slug(self.db, slugs)
        found = {row["slug"]: Source.from_row(row) for row in rows}
        return [found.get(slug) for slug in slugs]

    def _with_history(self, rows) -> list[Participation]:
        participations = []
        memo = self.db.memo
        for row in rows:
            agreement_id = row["agreement_id"]
            agreement = memo.get(("agreement", agreement_id))
            if agreement is None:  # agreements never change within a store: build once
                agreement = Agreement.from_row({**dict(row), "id": agreement_id})
                memo[("agreement", agreement_id)] = agreement
            self.agreement.prime(agreement_id, agreement)
            steps = sorted(json.loads(row["history"]))  # by seq
            history = tuple(
                StatusChange(
                    status=STATUSES[status],
                    date=DateValue.from_iso(date),
                    note=note,
                    caveat=caveat,
                    participation_id=row["id"],
                    seq=seq,
                    last_day=date_end,
                )
                for seq, status, date, date_end, note, caveat in steps
            )
            participations.append(
                Participation(
                    role=ROLES[row["role"]],
                    note=row["note"],
                    record_id=row["id"],
                    agreement_id=agreement_id,
                    country_code=row["country_code"],
                    history=history,
                )
            )
        return participations

    async def _participations_by_agreement(self, ids):
        rows = await queries.participations_by_agreement(self.db, ids)
        grouped = defaultdict(list)
        for participation in self._with_history(rows):
            grouped[participation.agreement_id].append(participation)
        return [grouped[i] for i in ids]

    async def _participation_sources(self, ids):
        rows = await queries.sources_for_participations(self.db, ids)
        grouped = _grouped(rows, lambda row: (row["seq"], Source.from_row(row)))
        return [grouped[i] for i in ids]

    async def _participation_terms(self, ids):
        rows = await queries.participation_terms(self.db, ids)
        grouped = _grouped(rows, participation_term_from_row)
        return [grouped[i] for i in ids]

    async def _term_sources(self, ids):
        rows = await queries.term_sources(self.db, ids)
        grouped = _grouped(rows, lambda row: (row["seq"], Source.from_row(row)))
        return [grouped[i] for i in ids]

    async def _linked_sources(self, owner: str, ids):
        rows = await queries.sources_for(self.db, owner, ids)
        grouped = _grouped(rows, Source.from_row)
        return [grouped[i] for i in ids]

    async def _event_countries(self, ids):
        rows = await queries.countries_for_events(self.db, ids)
        grouped = _grouped(rows, lambda row: self.country_object(row["code"]))
        return [grouped[i] for i in ids]

    async def _event_agreements(self, ids):
        rows = await queries.agreements_for_events(self.db, ids)
        grouped = _grouped(rows, Agreement.from_row)
        return [grouped[i] for i in ids]

    async def _shared_agreements(self, pairs):
        rows = await queries.shared_agreements(self.db, pairs)
        grouped = _grouped(rows, Agreement.from_row)
        return [grouped[i] for i in range(len(pairs))]

    async def _relation_step_sources(self, ids):
        rows = await queries.relation_step_sources(self.db, ids)
        grouped = _grouped(rows, lambda row: (row["seq"], Source.from_row(row)))
        return [grouped[i] for i in ids]

    async def _representation_step_sources(self, ids):
        rows = await queries.representation_step_sources(self.db, ids)
        grouped = _grouped(rows, lambda row: (row["seq"], Source.from_row(row)))
        return [grouped[i] for i in ids]

    async def _attributions(self, owner: str, ids):
        """(stated_by, acknowledged, note) of each step, by seq, for each owner id."""
        fetch = queries.status_attributions if owner == "status" else queries.step_attributions
        rows = await fetch(self.db, ids)
        grouped = _grouped(rows, lambda row: (row["seq"], tuple(row)[2:]))
        return [dict(grouped[i]) for i in ids]

    async def _groups(self, codes):
        rows = await queries.groups_by_code(self.db, codes)
        found = {row["code"]: Group.from_row(row) for row in rows}
        return [found.get(code) for code in codes]

    async def _memberships(self, owner: str, codes):
        fetch = (
            queries.memberships_of_countries
            if owner == "country"
            else queries.memberships_of_groups
        )
        rows = await fetch(self.db, codes)
        grouped = _grouped(rows, membership_from_row)
        return [grouped[code] for code in codes]

    async def _membership_sources(self, pairs):
        rows = await queries.membership_sources(self.db, pairs)
        grouped = _grouped(rows, lambda row: (row["seq"], Source.from_row(row)))
        return [grouped[i] for i in range(len(pairs))]

    def participation_from_row(self, row, as_of=None) -> Participation:
        """A participation (with its agreement and history) from a paged row."""
        [participation] = self._with_history([row])
        if as_of is not None:
            participation = dataclasses.replace(participation, as_of=as_of)
        return participation

    country = _Batched(_countries)
    agreement = _Batched(_agreements)
    agreement_by_slug = _Batched(_agreements_by_slug)
    event_by_slug = _Batched(_events_by_slug)
    event_by_id = _Batched(_events_by_id)
    source_by_slug = _Batched(_sources_by_slug)
    participations_by_agreement = _Batched(_participations_by_agreement)
    participation_sources = _Batched(_participation_sources)
    participation_terms = _Batched(_participation_terms)
    term_sources = _Batched(_term_sources)
    agreement_sources = _Batched(_linked_sources, "agreement")
    event_sources = _Batched(_linked_sources, "event")
    relation_sources = _Batched(_linked_sources, "relation")
    group_sources = _Batched(_linked_sources, "group")
    event_countries = _Batched(_event_countries)
    event_agreements = _Batched(_event_agreements)
    shared_agreements = _Batched(_shared_agreements)
    relation_step_sources = _Batched(_relation_step_sources)
    representation_step_sources = _Batched(_representation_step_sources)
    status_attributions = _Batched(_attributions, "status")
    step_attributions = _Batched(_attributions, "step")
    group = _Batched(_groups)
    memberships_of_country = _Batched(_memberships, "country")
    memberships_of_group = _Batched(_memberships, "group")
    membership_sources = _Batched(_membership_sources)

    @staticmethod
    def relation_from_row(row, codes: tuple[str, str], as_of=None) -> Relation:
        return relation_from_row(row, codes, as_of)

    @staticmethod
    def event_from_row(row) -> Event:
        return Event.from_row(row)


STATES = {state.value: state for state in RelationState}
LEVELS = {level.value: level for level in RepresentationLevel}
REPRESENTATION_KINDS = {kind.value: kind for kind in RepresentationStepKind}
STEP_KINDS = {kind.value: kind for kind in RelationStepKind}
MEMBERSHIP_STATUSES = {status.value: status for status in MembershipStatus}
MEMBERSHIP_KINDS = {kind.value: kind for kind in MembershipStepKind}


def relation_from_row(row, codes: tuple[str, str], as_of=None) -> Relation:
    """A relation seen from ``codes[0]``; ``row`` may be None when none is on record
    (its state is then UNKNOWN on every day)."""
    if row is None or row["id"] is None:
        return Relation(
            codes=codes,
            record_id=None,
            steps=(),
            representation_steps=(),
            as_of=as_of,
            established=None,
            summary=None,
            none_known=None,
            added=None,
            updated=None,
        )
    relation_id = row["id"]
    steps = tuple(
        RelationStep(
            kind=STEP_KINDS[kind],
            date=DateValue.from_iso(date),
            note=note,
            caveat=caveat,
            state=STATES[state],
            relation_id=relation_id,
            seq=seq,
            last_day=date_end,
            event_id=event_id,
        )
        for seq, kind, date, date_end, note, caveat, state, event_id in sorted(
            json.loads(row["history"])
        )
    )
    representation = tuple(
        RepresentationStep(
            kind=REPRESENTATION_KINDS[kind],
            date=DateValue.from_iso(date),
            note=note,
            caveat=caveat,
            level=LEVELS[level],
            stated=tuple(stated),
            envoy_code=envoy,
            relation_id=relation_id,
            seq=seq,
            last_day=date_end,
            event_id=event_id,
        )
        for seq, envoy, kind, date, date_end, note, caveat, level, event_id, *stated in sorted(
            json.loads(row["representation"])
        )
    )
    return Relation(
        codes=codes,
        record_id=relation_id,
        steps=steps,
        representation_steps=representation,
        as_of=as_of,
        established=DateValue.from_iso(row["established"]),
        summary=row["summary"],
        none_known=row["none_known"],
        added=_day(row["added"]),
        updated=_day(row["updated"]),
    )


def membership_from_row(row) -> Membership:
    steps = tuple(
        MembershipStep(
            kind=MEMBERSHIP_KINDS[kind],
            date=DateValue.from_iso(date),
            note=note,
            caveat=caveat,
            status=MEMBERSHIP_STATUSES[status],
            last_day=date_end,
            seq=seq,
        )
        for seq, kind, date, date_end, note, caveat, status in sorted(json.loads(row["history"]))
    )
    return Membership(
        group_code=row["group_code"],
        country_code=row["country_code"],
        steps=steps,
        as_of=None,
        joined=DateValue.from_iso(row["joined"]),
    )


def participation_term_from_row(row) -> ParticipationTerm:
    return ParticipationTerm(
        kind=TermKind(row["kind"]),
        text=row["text"],
        date=DateValue.from_iso(row["date"]),
        attribution=Attribution.of(row["stated_by"], row["acknowledged"], row["attribution_note"]),
        participation_id=row["owner_id"],
        seq=row["seq"],
    )
