"""Groups of states (the OIC, the Arab League) and countries' memberships of them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from server.api.execution import nested
from server.api.schema.batched import batched_field
from server.api.schema.types.common import PERIOD_FROM, PERIOD_TO, DateValue, Source, _day, _iso
from server.api.vocabulary import Confidence, MembershipStatus, MembershipStepKind
from server.model.periods import membership_on, periods

if TYPE_CHECKING:
    from server.api.schema.types.countries import Country


@strawberry.type(description="A step in a country's membership of a group.")
class MembershipStep:
    kind: MembershipStepKind = strawberry.field(description="Joined, suspended, reinstated…")
    date: DateValue = strawberry.field(description="When, at its known precision.")
    note: str | None = strawberry.field(description="Context, if any.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    status: MembershipStatus = strawberry.field(description="The standing after this step.")
    last_day: Private[str]
    seq: Private[int]


@strawberry.type(
    description="A span of days on which a membership's standing held, as the record "
    "knows it: a new one begins each day a step becomes known."
)
class MembershipPeriod:
    start: date | None = strawberry.field(
        name="from", description=PERIOD_FROM + "; null: a member since a date not on record."
    )
    end: date | None = strawberry.field(name="to", description=PERIOD_TO)
    status: MembershipStatus = strawberry.field(description="The standing that held.")
    step: MembershipStep | None = strawberry.field(
        description="The step that brought it about (null: a member since a date not on record)."
    )


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
        held = membership_on(self.steps, _iso(as_of or self.as_of))
        return held.value if held is not None else None

    @strawberry.field(description="Every step, oldest first.")
    def history(self) -> list[MembershipStep]:
        return list(self.steps)

    @strawberry.field(
        description="The spans of days each standing held, oldest first; none before it "
        "joined. The whole record, whatever `asOf`."
    )
    def periods(self) -> list[MembershipPeriod]:
        return [
            MembershipPeriod(
                start=_day(period.start),
                end=_day(period.end),
                status=period.value,
                step=self.steps[period.step] if period.step is not None else None,
            )
            for period in periods(membership_on, self.steps)
        ]

    group: Group = batched_field(nested.groups_of_memberships, description="The group.")
    country: Annotated[Country, strawberry.lazy(".countries")] = batched_field(
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
