"""The timeline resolver, shared by Query.events, Country.events, Agreement.events and
Relation.events."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.types import Info

from .. import queries
from ..search import fts_expression
from .errors import UserInputError
from .inputs import EventFilter, known_country, partial_date, slug
from .pagination import connection, page_request
from .types import Event, EventConnection, SortOrder


async def agreement_id_for(info: Info, value: str, argument: str) -> int:
    agreement = await info.context.loaders.agreement_by_slug.load(slug(value, argument))
    if agreement is None:
        raise UserInputError(f'{argument}: no agreement has the slug "{value}"', argument=argument)
    return agreement.record_id


async def resolve_events(
    info: Info,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    order: SortOrder | None,
    filter: EventFilter | None = None,
    countries: Sequence[str] = (),
    agreement_id: int | None = None,
) -> EventConnection:
    settings = info.context.settings
    page = page_request(
        tag="event",
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=settings.max_page_size,
        default_size=settings.default_page_size,
        descending=order == SortOrder.DESC,
    )
    codes = list(countries)
    kinds: list[str] = []
    start = end = search = None
    if filter is not None:
        for value in filter.countries or ():
            code = known_country(info, value, "filter.countries")
            if code not in codes:
                codes.append(code)
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
        countries=codes, agreement_id=agreement_id, kinds=kinds, start=start, end=end, search=search
    )
    if filter is not None and filter.search is not None and search is None:
        query.where.add("0")  # the search text has no words at all: nothing can match
    db = info.context.db
    rows = await queries.events_page(db, query, page)
    return connection(
        EventConnection,
        rows,
        page,
        tag="event",
        key=lambda row: (row["id"],),
        node=Event.from_row,
        counter=lambda: queries.count_events(db, query),
    )
