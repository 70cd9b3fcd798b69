"""The count of record (#20): how many states had diplomatic relations with a country on a
day, by a stated definition (server/model/counts.py), and the states behind the number."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from server.api.inputs import known_country
from server.api.vocabulary import CountMeasure, RelationState
from server.model.counts import COUNTED, definition
from server.store import queries

if TYPE_CHECKING:
    from server.api.schema.types.countries import Country


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
    country: Annotated[Country, strawberry.lazy(".types.countries")] = strawberry.field(
        description="The country whose counterparts are counted."
    )
    counted: list[Annotated[Country, strawberry.lazy(".types.countries")]] = strawberry.field(
        description="The states counted, by name."
    )


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
