"""The timeline: one keyset page of events under a filter, for Query.events and the
events of a country, an agreement or a pair of countries."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

import strawberry

from server.api.errors import UserInputError
from server.api.execution.pagination import EVENTS, connection, page_request
from server.api.inputs import CountriesMatch, known_country, partial_date, slug, subregion_name
from server.store import queries
from server.store.search import fts_expression

if TYPE_CHECKING:
    from server.api.inputs import EventFilter
    from server.api.schema.connection import Connection


@strawberry.enum(description="Timeline order: oldest first (ASC) or newest first (DESC).")
class SortOrder(Enum):
    ASC = "asc"
    DESC = "desc"


async def agreement_id_for(info, value: str, argument: str) -> int:
    agreement = await info.context.loaders.agreement_by_slug.load(slug(value, argument))
    if agreement is None:
        raise UserInputError(f'{argument}: no agreement has the slug "{value}"', argument=argument)
    return agreement.record_id


async def resolve_events(
    info,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    order: SortOrder | None,
    filter: EventFilter | None = None,
    countries: Sequence[str] = (),
    agreement_id: int | None = None,
) -> Connection:
    page = page_request(
        EVENTS,
        info.context.settings,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=order == SortOrder.DESC,
    )
    codes = list(countries)
    any_codes: list[str] = []
    kinds: list[str] = []
    start = end = search = subregion = None
    if filter is not None:
        named = list(
            dict.fromkeys(
                known_country(info, v, "filter.countries") for v in filter.countries or ()
            )
        )
        # "Any of" one country is "all of" it, read along the country's index.
        if filter.countries_match == CountriesMatch.ANY and len(named) > 1:
            any_codes = named
        else:
            codes += [code for code in named if code not in codes]
        if filter.subregion is not None:
            subregion = await subregion_name(info, filter.subregion, "filter.subregion")
        if filter.agreement is not None:
            agreement_id = await agreement_id_for(info, filter.agreement, "filter.agreement")
        kinds = [kind.value for kind in filter.kinds or ()]
        if filter.from_ is not None:
            start = partial_date(filter.from_, "filter.from").start.isoformat()
        if filter.to is not None:
            end = partial_date(filter.to, "filter.to").end.isoformat()
        if start and end and start > end:
            raise UserInputError(
                f'filter.from "{filter.from_}" is after filter.to "{filter.to}"',
                argument="filter.from",
            )
        if filter.search is not None:
            search = fts_expression(filter.search)
    query = queries.event_filter(
        countries=codes,
        any_countries=any_codes,
        subregion=subregion,
        agreement_id=agreement_id,
        kinds=kinds,
        start=start,
        end=end,
        search=search,
    )
    if filter is not None and filter.search is not None and search is None:
        query.where.add("0")  # the search text has no words at all: nothing can match
    db = info.context.db
    rows = await queries.events_page(db, query, page)
    return connection(
        EVENTS,
        rows,
        page,
        key=lambda row: (row["date_start"], row["slug"]),
        node=info.context.loaders.event_from_row,
        counter=lambda: queries.count_events(db, query),
    )
