"""Events: the dated entries of the timeline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private, relay
from strawberry.types import Info

from server.api.execution import nested
from server.api.schema.batched import batched_field
from server.api.schema.types.common import DateValue, Source, _day
from server.api.vocabulary import Confidence, EventKind
from server.urls import PAGES, paths

if TYPE_CHECKING:
    from server.api.schema.types.agreements import Agreement
    from server.api.schema.types.countries import Country


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

    @strawberry.field(description=f"The event's page in the web UI ({PAGES['event'].shown()}).")
    def path(self) -> str:
        return paths.event(self.slug)

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

    countries: list[Annotated[Country, strawberry.lazy(".countries")]] = batched_field(
        nested.countries_of_events, description="Countries involved."
    )
    agreements: list[Annotated[Agreement, strawberry.lazy(".agreements")]] = batched_field(
        nested.agreements_of_events, description="Agreements the event concerns."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_events, description="Sources that report the event."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_events,
        description="How well the event is sourced, by the rule in `Confidence`.",
    )
