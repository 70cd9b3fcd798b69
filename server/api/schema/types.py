"""The GraphQL object types. Thin: built from a row, scalar fields are plain attributes,
nested fields go through the per-request loaders in ``info.context``."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry import Private, relay
from strawberry.types import Info

from ...dates import PartialDate
from ...vocabulary import (
    AgreementKind,
    ChangeAction,
    Confidence,
    DateQualifier,
    EventKind,
    MembershipStatus,
    MembershipStepKind,
    RecordType,
    RelationState,
    RelationStepKind,
    Role,
    SourceKind,
    Status,
)
from ..execution import nested
from ..execution.timeline import SortOrder
from .batched import batched_field
from .connection import Connection

__all__ = ["SortOrder"]  # part of the schema's types, declared with the timeline


@strawberry.enum(description="How precisely a date is known.")
class DatePrecision(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@strawberry.type(
    name="PartialDate",
    description="A date known to the day, the month or the year; or only as a bound "
    '(qualifier BY: "by 14 Sep 2021", known to have held by then).',
)
class DateValue:
    iso: str = strawberry.field(
        description='ISO 8601 at its real precision: "1992-04-10", "1992-08" or "2021".'
    )
    precision: DatePrecision = strawberry.field(description="Day, month or year.")
    year: int = strawberry.field(description="The year.")
    month: int | None = strawberry.field(description="The month (1-12), when known.")
    day: int | None = strawberry.field(description="The day of the month, when known.")
    qualifier: DateQualifier = strawberry.field(
        description="ON: it happened then. BY: it is known only to have held by then "
        "(a source reported it as already true on that day)."
    )

    @classmethod
    def from_iso(cls, text: str | None) -> DateValue | None:
        if text is None:
            return None
        return _date_value(cls, text)

    @classmethod
    def _build(cls, text: str) -> DateValue:
        value = PartialDate.parse(text)
        return cls(
            iso=value.iso,
            precision=DatePrecision(value.precision),
            year=value.year,
            month=value.month,
            day=value.day,
            qualifier=DateQualifier(value.qualifier),
        )


@functools.lru_cache(maxsize=1024)
def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@functools.lru_cache(maxsize=8192)
def _date_value(cls, text: str) -> DateValue:
    # A store holds few distinct dates and DateValues are never modified: share them.
    return cls._build(text)


@strawberry.type(description="A published source that backs a fact.")
class Source(relay.Node):
    slug: str = strawberry.field(description="Stable identifier of the source.")
    publisher: str = strawberry.field(description="Who published it.")
    title: str = strawberry.field(
        description="The piece's own headline (in [brackets] when it shows none and the "
        "title is a description of ours)."
    )
    url: str = strawberry.field(description="Where to read it.")
    published: DateValue | None = strawberry.field(description="When it was published, if known.")
    kind: SourceKind = strawberry.field(
        description="Primary, news, reference work or a mirror of one: what `confidence` "
        "is derived from."
    )

    @classmethod
    def from_row(cls, row) -> Source:
        return cls(
            slug=row["slug"],
            publisher=row["publisher"],
            title=row["title"],
            url=row["url"],
            published=DateValue.from_iso(row["published"]),
            kind=SourceKind(row["kind"]),
        )

    @classmethod
    def resolve_id(cls, root: Source, *, info: Info) -> str:
        return root.slug

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False):
        return await info.context.loaders.source_by_slug.load_many(list(node_ids))


@strawberry.type(
    description="A country: every current ISO 3166-1 country, and former ones "
    "such as the Soviet Union."
)
class Country(relay.Node):
    code: str = strawberry.field(
        description="ISO 3166-1 alpha-2 code (for a former country, its former alpha-2 code)."
    )
    alpha3: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    numeric_code: str | None = strawberry.field(
        description='ISO 3166-1 numeric code, three digits with leading zeros ("376", "004"), '
        "as world maps such as world-atlas name their shapes (for a former country, its former "
        "code). Null for a code ISO 3166-1 does not assign, such as Kosovo's XK."
    )
    name: str = strawberry.field(description="Common English name.")
    official_name: str | None = strawberry.field(description="Official English name, if different.")
    region: str | None = strawberry.field(description="UN M49 region, e.g. Asia.")
    subregion: str | None = strawberry.field(description="UN M49 sub-region, e.g. Central Asia.")
    historical_code: str | None = strawberry.field(
        description="ISO 3166-3 code when the country no longer exists (e.g. SUHH)."
    )

    @strawberry.field(description="Flag emoji (none for former countries).")
    def flag(self) -> str | None:
        if self.historical_code:
            return None
        return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in self.code)

    @classmethod
    def from_row(cls, row) -> Country:
        return cls(
            code=row["code"],
            alpha3=row["alpha3"],
            numeric_code=row["numeric_code"],
            name=row["name"],
            official_name=row["official_name"],
            region=row["region"],
            subregion=row["subregion"],
            historical_code=row["historical"],
        )

    @classmethod
    def resolve_id(cls, root: Country, *, info: Info) -> str:
        return root.code

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False):
        return await info.context.loaders.country.load_many(list(node_ids))

    participations: Connection[Participation] = batched_field(
        nested.participations_of_countries,
        description="The agreements this country takes part in, with status, by agreement "
        "date (a connection).",
    )
    relations: Connection[Relation] = batched_field(
        nested.relations_of_countries,
        description="Bilateral relations on record, by the other country's name; with "
        "`asOf`, those with something on record by then, each seen on that day.",
    )
    groups: list[Membership] = batched_field(
        nested.memberships_of_countries,
        description="The groups (OIC, Arab League) this country belongs to, by group name; "
        "with `asOf`, those it belonged to on that day.",
    )
    events: Connection[Event] = batched_field(
        nested.events_of_countries,
        description="Events involving this country, oldest first by default.",
    )


@strawberry.type(description="One step in a participation's history.")
class StatusChange:
    status: Status = strawberry.field(description="The status reached.")
    date: DateValue = strawberry.field(description="When it was reached.")
    note: str | None = strawberry.field(description="Context for this step, if any.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    participation_id: Private[int]
    seq: Private[int]
    date_end: Private[str]

    sources: list[Source] = batched_field(
        nested.sources_of_steps, description="Sources for this step in particular."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_status_steps,
        description="How well this step is sourced (its own sources, else the "
        "participation's), by the rule in `Confidence`.",
    )


@strawberry.type(description="A country's part in an agreement and its status over time.")
class Participation:
    role: Role = strawberry.field(description="Party, broker, endorser or proposer.")
    note: str | None = strawberry.field(description="Context, e.g. what exactly was signed.")
    record_id: Private[int]
    agreement_id: Private[int]
    country_code: Private[str]
    history: Private[tuple[StatusChange, ...]]
    as_of: Private[date | None] = None

    def _visible(self) -> tuple[StatusChange, ...]:
        if self.as_of is None:
            return self.history
        day = self.as_of.isoformat()
        return tuple(change for change in self.history if change.date_end <= day)

    @strawberry.field(description="Status now, or on `asOf` when that was given.")
    def status(self) -> Status:
        return self._visible()[-1].status

    @strawberry.field(description="When the current (or `asOf`) status was reached.")
    def status_date(self) -> DateValue:
        return self._visible()[-1].date

    @strawberry.field(description="When the participation began: the date of its first status.")
    def since(self) -> DateValue:
        return self.history[0].date

    @strawberry.field(
        description="Every status it passed through, oldest first "
        "(up to `asOf` when that was given)."
    )
    def status_history(self) -> list[StatusChange]:
        return list(self._visible())

    country: Country = batched_field(
        nested.countries_of_participations, description="The country taking part."
    )
    agreement: Agreement = batched_field(
        nested.agreements_of_participations, description="The agreement it takes part in."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_participations,
        description="Every source cited for this participation or its steps.",
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_participations,
        description="How well the participation is sourced (all its sources), by the rule "
        "in `Confidence`.",
    )


@strawberry.type(description="An agreement, treaty, initiative or declaration.")
class Agreement(relay.Node):
    slug: str = strawberry.field(description="Stable identifier, e.g. abraham-accords.")
    name: str = strawberry.field(description="Its usual English name.")
    kind: AgreementKind = strawberry.field(description="What sort of agreement it is.")
    date: DateValue = strawberry.field(description="When it was signed, endorsed or took effect.")
    place: str | None = strawberry.field(description="Where, when on record.")
    summary: str = strawberry.field(description="What it is, in a few sentences.")
    added: date = strawberry.field(description="When it was added to the record.")
    updated: date = strawberry.field(description="When its record last changed.")
    record_id: Private[int]

    @classmethod
    def from_row(cls, row) -> Agreement:
        return cls(
            slug=row["slug"],
            name=row["name"],
            kind=AgreementKind(row["kind"]),
            date=DateValue.from_iso(row["date"]),
            place=row["place"],
            summary=row["summary"],
            added=_day(row["added"]),
            updated=_day(row["updated"]),
            record_id=row["id"],
        )

    @classmethod
    def resolve_id(cls, root: Agreement, *, info: Info) -> str:
        return root.slug

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False):
        return await info.context.loaders.agreement_by_slug.load_many(list(node_ids))

    participants: Connection[Participation] = batched_field(
        nested.participants_of_agreements,
        description="Countries taking part, by country name (a connection); `asOf` replays "
        "membership on a day.",
    )
    member_count: int = batched_field(
        nested.member_counts,
        description="How many countries take part, in any role (as of `asOf` when given).",
    )
    latest_change: Participation | None = batched_field(
        nested.latest_changes,
        description="The participation whose status changed most recently (one of "
        "`latestChanges` when several changed that day).",
    )
    latest_change_date: DateValue | None = batched_field(
        nested.latest_change_dates,
        description="The date of its latest dated status step (the latest last possible day).",
    )
    latest_changes: list[Participation] = batched_field(
        nested.latest_change_lists,
        description="Every participation that reached a status on `latestChangeDate`, by "
        "country name: e.g. the 22 endorsements of 28 Mar 2002, not one of them.",
    )
    sources: list[Source] = batched_field(
        nested.sources_of_agreements, description="Sources for the agreement itself."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_agreements,
        description="How well the agreement itself is sourced, by the rule in `Confidence`.",
    )
    events: Connection[Event] = batched_field(
        nested.events_of_agreements,
        description="Events concerning this agreement, oldest first by default.",
    )


@strawberry.type(description="A dated event on the timeline, with its sources.")
class Event(relay.Node):
    slug: str = strawberry.field(description="Stable identifier of the event.")
    date: DateValue = strawberry.field(description="When it happened, at its known precision.")
    kind: EventKind = strawberry.field(description="What sort of event it is.")
    title: str = strawberry.field(description="A one-line headline.")
    summary: str = strawberry.field(description="What happened, in a few sentences.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    added: date = strawberry.field(description="When it was added to the record.")
    updated: date = strawberry.field(description="When its record last changed.")
    record_id: Private[int]

    @classmethod
    def from_row(cls, row) -> Event:
        return cls(
            slug=row["slug"],
            date=DateValue.from_iso(row["date"]),
            kind=EventKind(row["kind"]),
            title=row["title"],
            summary=row["summary"],
            caveat=row["caveat"],
            added=_day(row["added"]),
            updated=_day(row["updated"]),
            record_id=row["id"],
        )

    @classmethod
    def resolve_id(cls, root: Event, *, info: Info) -> str:
        return root.slug

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False):
        return await info.context.loaders.event_by_slug.load_many(list(node_ids))

    countries: list[Country] = batched_field(
        nested.countries_of_events, description="Countries involved."
    )
    agreements: list[Agreement] = batched_field(
        nested.agreements_of_events, description="Agreements the event concerns."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_events, description="Sources that report the event."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_events,
        description="How well the event is sourced, by the rule in `Confidence`.",
    )


@strawberry.type(description="One dated, cited step in two countries' relations.")
class RelationStep:
    kind: RelationStepKind = strawberry.field(description="What happened.")
    date: DateValue = strawberry.field(description="When, at its known precision (or BY).")
    note: str | None = strawberry.field(description="What happened, in a sentence.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    state: RelationState = strawberry.field(description="What held after this step.")
    relation_id: Private[int]
    seq: Private[int]
    date_end: Private[str]
    event_id: Private[int]

    sources: list[Source] = batched_field(
        nested.sources_of_relation_steps, description="Sources for this step."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_relation_steps,
        description="How well this step is sourced, by the rule in `Confidence`.",
    )
    event: Event = batched_field(
        nested.events_of_relation_steps, description="This step's entry on the timeline."
    )


@strawberry.type(description="Two countries' bilateral relationship and its history.")
class Relation:
    codes: Private[tuple[str, str]]
    record_id: Private[int | None]
    steps: Private[tuple[RelationStep, ...]]
    initial: Private[RelationState]
    as_of: Private[date | None]
    established: DateValue | None = strawberry.field(
        description="When diplomatic relations were first established, if on record."
    )
    summary: str | None = strawberry.field(description="The relationship in a few sentences.")
    none_known: str | None = strawberry.field(
        description="A cited statement that the two never had formal relations (its "
        "sources are `sources`), when there is one."
    )
    added: date | None = strawberry.field(
        description="When it was added to the record (null: nothing on record)."
    )
    updated: date | None = strawberry.field(description="When its record last changed.")

    def _known(self, as_of: date | None) -> tuple[RelationStep, ...]:
        day = as_of or self.as_of
        if day is None:
            return self.steps
        text = day.isoformat()
        return tuple(step for step in self.steps if step.date_end <= text)

    def _uncertain(self, as_of: date | None) -> bool:
        """Whether the next step after ``as_of`` is known only by a later date: it may
        already have happened, so the state that day is not known."""
        later = self.steps[len(self._known(as_of)) :]
        return bool(later) and later[0].date.qualifier is DateQualifier.BY

    @strawberry.field(
        description="Every step, oldest first (up to the list's `asOf` when it was given)."
    )
    def history(self) -> list[RelationStep]:
        return list(self._known(None))

    @strawberry.field(
        description="What held on `asOf` (default: the list's `asOf`, else now): the state "
        "after the last step known by then (a month- or year-precise step counts from its "
        "last possible day). NONE_EVER rests on the cited statement in `noneKnown`; "
        "UNKNOWN means nothing is on record for that day, or that the next step is known "
        'only "by" a later date (it may already have happened).'
    )
    def state(self, as_of: date | None = None) -> RelationState:
        if self._uncertain(as_of):
            return RelationState.UNKNOWN
        known = self._known(as_of)
        return known[-1].state if known else self.initial

    def _run_start(self, as_of: date | None) -> RelationStep | None:
        """The first of the unbroken run of steps that left the state on ``as_of`` as it
        is: the step that brought it about (announcements, signings and an office opened
        alongside full relations change nothing). None for NONE_EVER and UNKNOWN."""
        known = self._known(as_of)
        if self.state(as_of) in (RelationState.UNKNOWN, RelationState.NONE_EVER):
            return None
        first = len(known) - 1
        while first > 0 and known[first - 1].state is known[-1].state:
            first -= 1
        return known[first]

    @strawberry.field(
        description="Since when `state` has held on `asOf`: the date of `stateStep` (e.g. "
        "full relations since 1992 through later announcements). Null for NONE_EVER and "
        "UNKNOWN."
    )
    def state_since(self, as_of: date | None = None) -> DateValue | None:
        step = self._run_start(as_of)
        return step.date if step else None

    @strawberry.field(
        description="The step that brought about `state` on `asOf`, with its sources: the "
        "first of the unbroken run of steps that left it so. Null for NONE_EVER (its "
        "sources are the `noneKnown` statement's) and UNKNOWN."
    )
    def state_step(self, as_of: date | None = None) -> RelationStep | None:
        return self._run_start(as_of)

    countries: list[Country] = batched_field(
        nested.countries_of_relations, description="The two countries, in the order asked for."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_relations,
        description="Every source cited for the relation: for `noneKnown`, then for its "
        "steps (each step also lists its own).",
    )
    none_known_confidence: Confidence | None = batched_field(
        nested.none_known_confidences,
        description="How well the `noneKnown` statement is sourced (null without one).",
    )
    shared_agreements: list[Agreement] = batched_field(
        nested.shared_agreements_of_relations,
        description="Agreements both countries take part in, oldest first.",
    )
    events: Connection[Event] = batched_field(
        nested.events_of_relations,
        description="Events involving both countries, oldest first by default.",
    )


@strawberry.type(description="A step in a country's membership of a group.")
class MembershipStep:
    kind: MembershipStepKind = strawberry.field(description="Joined, suspended, reinstated…")
    date: DateValue = strawberry.field(description="When, at its known precision.")
    note: str | None = strawberry.field(description="Context, if any.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    status: MembershipStatus = strawberry.field(description="The standing after this step.")
    date_end: Private[str]
    seq: Private[int]


@strawberry.type(description="A country's membership of a group, with its history.")
class Membership:
    group_code: Private[str]
    country_code: Private[str]
    steps: Private[tuple[MembershipStep, ...]]
    as_of: Private[date | None]
    joined: DateValue | None = strawberry.field(
        description="When it joined, when a source gives it (null: at a date not on record)."
    )

    @strawberry.field(
        description="Its standing on `asOf` (default: the list's `asOf`, else now); null "
        "when it had not yet joined."
    )
    def status(self, as_of: date | None = None) -> MembershipStatus | None:
        day = as_of or self.as_of
        if day is None:
            return self.steps[-1].status if self.steps else MembershipStatus.MEMBER
        text = day.isoformat()
        known = [step for step in self.steps if step.date_end <= text]
        if known:
            return known[-1].status
        joined = any(step.kind is MembershipStepKind.JOINED for step in self.steps)
        return None if joined else MembershipStatus.MEMBER

    @strawberry.field(description="Every step, oldest first.")
    def history(self) -> list[MembershipStep]:
        return list(self.steps)

    group: Group = batched_field(nested.groups_of_memberships, description="The group.")
    country: Country = batched_field(
        nested.countries_of_memberships, description="The member country."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_memberships,
        description="Sources for the membership and its steps.",
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_memberships,
        description="How well the membership is sourced, by the rule in `Confidence`.",
    )


@strawberry.type(description="An organisation of states, e.g. the OIC or the Arab League.")
class Group:
    code: str = strawberry.field(description="Its code: OIC or ARAB_LEAGUE.")
    name: str = strawberry.field(description="Its English name.")
    summary: str = strawberry.field(description="What it is, in a sentence or two.")
    added: date = strawberry.field(description="When it was added to the record.")
    updated: date = strawberry.field(description="When its record last changed.")

    @classmethod
    def from_row(cls, row) -> Group:
        return cls(
            code=row["code"],
            name=row["name"],
            summary=row["summary"],
            added=_day(row["added"]),
            updated=_day(row["updated"]),
        )

    members: list[Membership] = batched_field(
        nested.members_of_groups,
        description="Its members by country name; with `asOf`, those that belonged then.",
    )
    sources: list[Source] = batched_field(
        nested.sources_of_groups, description="Sources for the list of members."
    )


@strawberry.type(description="A record added to the record, or its last update.")
class Change:
    date: date = strawberry.field(description="The day of the change.")
    action: ChangeAction = strawberry.field(description="Added or updated.")
    record_type: RecordType = strawberry.field(description="What kind of record.")
    ref: str = strawberry.field(
        description='The record\'s key: a slug, a group code or a pair such as "IL-MR".'
    )
    title: str = strawberry.field(description="The record's title or name.")
    note: str | None = strawberry.field(description="What changed, for an update.")
    path: str = strawberry.field(description="The record's page in the web UI.")

    @classmethod
    def from_row(cls, row) -> Change:
        return cls(
            date=_day(row["day"]),
            action=ChangeAction(row["action"]),
            record_type=RecordType(row["record_type"]),
            ref=row["ref"],
            title=row["title"],
            note=row["note"],
            path=row["path"],
        )


@strawberry.type(description="The record as a whole: its version and freshness.")
class RecordInfo:
    updated: date = strawberry.field(description="The day of the record's latest change.")
    built_at: str = strawberry.field(description="When the served store was built (ISO 8601, UTC).")
    content_version: str = strawberry.field(
        description="A digest of the record's content: it changes with any change to it."
    )


SearchResult = Annotated[
    Country | Agreement | Event,
    strawberry.union("SearchResult", description="A country, agreement or event."),
]
