"""Agreements and the participations of countries in them, with their status over time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private, relay
from strawberry.types import Info

from server.api.execution import nested
from server.api.schema.batched import batched_field
from server.api.schema.connection import Connection
from server.api.schema.types.common import PERIOD_FROM, PERIOD_TO, DateValue, Source, _day, _iso
from server.api.schema.types.events import Event
from server.api.schema.types.representation import Attribution
from server.api.vocabulary import AgreementKind, Confidence, Role, Status, TermKind
from server.model.periods import known_steps, participation_on, periods
from server.urls import PAGES, paths

if TYPE_CHECKING:
    from server.api.schema.types.countries import Country


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
    last_day: Private[str]

    attribution: Attribution = batched_field(
        nested.attributions_of_status_steps, description="On whose word it rests."
    )

    sources: list[Source] = batched_field(
        nested.sources_of_steps, description="Sources for this step in particular."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_status_steps,
        description="How well this step is sourced (its own sources, else the "
        "participation's), by the rule in `Confidence`.",
    )


@strawberry.type(
    description="A span of days on which a participation's status held, as the record "
    "knows it: a new one begins each day a step becomes known."
)
class ParticipationPeriod:
    start: date = strawberry.field(name="from", description=PERIOD_FROM + ".")
    end: date | None = strawberry.field(name="to", description=PERIOD_TO)
    status: Status = strawberry.field(description="The status that held.")
    step: StatusChange = strawberry.field(description="The step that brought it about.")


@strawberry.type(
    description="A term of a participation: who signed, witnessed or brokered for the "
    "country, or what it received or gave, dated and cited, on whose word."
)
class ParticipationTerm:
    kind: TermKind = strawberry.field(description="What the term records.")
    text: str = strawberry.field(description="The term in a sentence (the record's words).")
    date: DateValue = strawberry.field(description="When, at the precision the sources support.")
    attribution: Attribution = strawberry.field(description="On whose word it rests.")
    participation_id: Private[int]
    seq: Private[int]

    sources: list[Source] = batched_field(
        nested.sources_of_terms, description="The sources this term cites (at least one)."
    )


@strawberry.type(description="A country's part in an agreement and its status over time.")
class Participation:
    role: Role = strawberry.field(description="Party, broker, endorser, proposer or candidate.")
    note: str | None = strawberry.field(description="Context, e.g. what exactly was signed.")
    record_id: Private[int]
    agreement_id: Private[int]
    country_code: Private[str]
    history: Private[tuple[StatusChange, ...]]
    as_of: Private[date | None] = None

    def _held(self) -> StatusChange:
        """The step whose status held on the list's `asOf` (else now), found once per
        participation (status and statusDate both ask)."""
        held = self.__dict__.get("_held_step")
        if held is None:
            held = self.history[participation_on(self.history, _iso(self.as_of)).step]
            self.__dict__["_held_step"] = held
        return held

    @strawberry.field(description="Status now, or on `asOf` when that was given.")
    def status(self) -> Status:
        return self._held().status

    @strawberry.field(description="When the current (or `asOf`) status was reached.")
    def status_date(self) -> DateValue:
        return self._held().date

    @strawberry.field(description="When the participation began: the date of its first status.")
    def since(self) -> DateValue:
        return self.history[0].date

    @strawberry.field(
        description="Every status it passed through, oldest first "
        "(up to `asOf` when that was given)."
    )
    def status_history(self) -> list[StatusChange]:
        return known_steps(self.history, _iso(self.as_of))

    @strawberry.field(
        description="The spans of days each status held, oldest first: the whole record, "
        "whatever `asOf` (a step counts from its date's last possible day)."
    )
    def periods(self) -> list[ParticipationPeriod]:
        return [
            ParticipationPeriod(
                start=_day(period.start),
                end=_day(period.end),
                status=period.value,
                step=self.history[period.step],
            )
            for period in periods(participation_on, self.history)
        ]

    country: Annotated[Country, strawberry.lazy(".countries")] = batched_field(
        nested.countries_of_participations, description="The country taking part."
    )
    agreement: Agreement = batched_field(
        nested.agreements_of_participations, description="The agreement it takes part in."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_participations,
        description="Every source cited for this participation or its steps.",
    )
    terms: list[ParticipationTerm] = batched_field(
        nested.terms_of_participations,
        description="Who signed, witnessed or brokered for the country, and what it received "
        "or gave, in the record's order (empty when the record has none).",
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

    @strawberry.field(
        description=f"The agreement's page in the web UI ({PAGES['agreement'].shown()})."
    )
    def path(self) -> str:
        return paths.agreement(self.slug)

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
        "membership on a day. Candidates (who may be next) are not taking part: they are "
        "listed only when `role: CANDIDATE` or a candidate's status is asked for (see "
        "`candidates`).",
    )
    member_count: int = batched_field(
        nested.member_counts,
        description="How many countries take part, in any role but candidate (as of `asOf` "
        "when given).",
    )
    candidates: list[Participation] = batched_field(
        nested.candidates_of_agreements,
        description="Who may be next: the countries reported or saying they may join (role "
        "CANDIDATE), the latest news first (by their latest status step), each status "
        "attributed. Not counted in `memberCount`.",
    )
    latest_change: Participation | None = batched_field(
        nested.latest_changes,
        description="The participation (not a candidacy) whose status changed most recently (one of "
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
