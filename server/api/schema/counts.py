"""The count of record (#20): how many states had diplomatic relations with a country on a
day, by a stated definition (server/model/counts.py), the states behind the number, how
the number moved since 1948, and what others have published beside it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.api.inputs import known_country
from server.api.schema.types.common import DateValue, Source
from server.api.vocabulary import CountMeasure, PublishedMeasure, RelationState
from server.model.counts import COMPARED_WITH, COUNTED, changes, definition
from server.store import queries

if TYPE_CHECKING:
    from server.api.schema.types.countries import Country

CountryRef = Annotated["Country", strawberry.lazy(".types.countries")]


@strawberry.type(
    description="A day the count of record changed: the count from that day, and the "
    "states that joined or left it (each a relation step you can open)."
)
class RelationCountChange:
    day: date = strawberry.field(description="The day the count changed.")
    count: int = strawberry.field(description="The count from that day.")
    joined: list[CountryRef] = strawberry.field(description="States counted from that day.")
    left: list[CountryRef] = strawberry.field(description="States no longer counted.")


@strawberry.type(
    description="A count of record: the number of states whose relation with `country` "
    "was in one of `states` on `asOf`, its definition in words, and the states behind it "
    "(so the number can be reproduced from the list and the definition)."
)
class RelationCount:
    measure: CountMeasure = strawberry.field(description="What is counted.")
    as_of: date = strawberry.field(description="The day counted.")
    count: int = strawberry.field(description="How many states.")
    definition: str = strawberry.field(description="What is counted, in words.")
    states: list[RelationState] = strawberry.field(description="The relation states counted.")
    country: CountryRef = strawberry.field(
        description="The country whose counterparts are counted."
    )
    counted: list[CountryRef] = strawberry.field(description="The states counted, by name.")

    @strawberry.field(
        description="The UN members and observer states whose relation with `country` the "
        "record cannot place on `asOf` (nothing on record, or UNKNOWN): the count's margin. "
        "Each relation's summary or its first step says why."
    )
    async def unplaced(self, info: Info) -> list[CountryRef]:
        rows = await queries.unplaced_members(
            info.context.db, self.country.code, self.as_of.isoformat()
        )
        return [info.context.loaders.country_object(row["code"]) for row in rows]

    @strawberry.field(
        description="Every day the count changed, from the first step on record to `asOf`, "
        "oldest first: the line of the count over time."
    )
    async def changes(self, info: Info) -> list[RelationCountChange]:
        rows = await queries.counted_spans(
            info.context.db, self.country.code, COUNTED[self.measure]
        )
        country = info.context.loaders.country_object
        day = self.as_of.isoformat()
        return [
            RelationCountChange(
                day=date.fromisoformat(change.day),
                count=change.count,
                joined=[country(code) for code in change.joined],
                left=[country(code) for code in change.left],
            )
            for change in changes((row["code"], row["from_day"], row["to_day"]) for row in rows)
            if change.day <= day
        ]


@strawberry.type(
    description="A count of a country's counterparts that someone published, with its "
    "source and date, the record's count on that day and why the two differ."
)
class PublishedCount:
    slug: str = strawberry.field(description="Stable identifier.")
    count: int = strawberry.field(description="The number published.")
    out_of: int | None = strawberry.field(
        description="The total it was counted against, when the publisher gave one."
    )
    counts: PublishedMeasure = strawberry.field(description="What it says it counts.")
    claim: str = strawberry.field(description="What was published, in our words.")
    published: DateValue = strawberry.field(description="When it was published.")
    day: date = strawberry.field(
        description="The day the record's count is read on to compare: the day the count "
        "says it holds, else its publication date's last day."
    )
    why: str = strawberry.field(description="Why it differs from the count of record.")
    sources: list[Source] = strawberry.field(description="Where it was published.")
    measure: CountMeasure = strawberry.field(description="The count of record it is compared with.")
    record_count: int = strawberry.field(description="The count of record on `day`, by `measure`.")


async def relation_count(
    info: Info, country: str, measure: CountMeasure, as_of: date | None
) -> RelationCount:
    code = known_country(info, country, "country")
    day = as_of or info.context.today()
    states = COUNTED[measure]
    rows = await queries.counted_relations(info.context.db, code, day.isoformat(), states)
    loaders = info.context.loaders
    counted = [loaders.country_object(row["code"]) for row in rows]
    home = loaders.country_object(code)
    return RelationCount(
        measure=measure,
        as_of=day,
        count=len(counted),
        definition=definition(measure, home.name, day.isoformat()),
        states=[RelationState(value) for value in states],
        country=home,
        counted=counted,
    )


async def published_counts(info: Info, country: str) -> list[PublishedCount]:
    code = known_country(info, country, "country")
    db = info.context.db
    rows = await queries.published_counts(db, code)
    cited: dict[int, list[Source]] = {}
    for row in await queries.published_count_sources(db, [row["id"] for row in rows]):
        cited.setdefault(row["owner"], []).append(Source.from_row(row))
    found = []
    for row in rows:
        counts = PublishedMeasure(row["counts"])
        measure = COMPARED_WITH[counts]
        on_day = await queries.counted_relations(db, code, row["day"], COUNTED[measure])
        found.append(
            PublishedCount(
                slug=row["slug"],
                count=row["count"],
                out_of=row["out_of"],
                counts=counts,
                claim=row["claim"],
                published=DateValue.from_iso(row["published"]),
                day=date.fromisoformat(row["day"]),
                why=row["why"],
                sources=cited.get(row["id"], []),
                measure=measure,
                record_count=len(on_day),
            )
        )
    return found
