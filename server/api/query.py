"""The root Query type: the API's entry points."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from .. import queries
from ..search import fts_expression
from .errors import UserInputError
from .inputs import (
    AgreementFilter,
    CountryFilter,
    EventFilter,
    country_code,
    known_country,
    slug,
)
from .loaders import relation_from_row
from .pagination import connection, page_request
from .timeline import agreement_id_for, resolve_events
from .types import (
    Agreement,
    AgreementConnection,
    Country,
    CountryConnection,
    Event,
    EventConnection,
    Relation,
    SearchResult,
    SortOrder,
    Source,
)

NODE_TYPES = {"Country": Country, "Agreement": Agreement, "Event": Event, "Source": Source}
MAX_SEARCH_RESULTS = 50


def _page(info: Info, tag: str, first, after, last, before):
    settings = info.context.settings
    return page_request(
        tag=tag,
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=settings.max_page_size,
        default_size=settings.default_page_size,
    )


@strawberry.type
class Query:
    @strawberry.field(
        description="One country by ISO 3166-1 alpha-2 or alpha-3 code, any "
        "case; null when no country has that code."
    )
    async def country(self, info: Info, code: str) -> Country | None:
        alpha2 = country_code(info, code, "code")
        if alpha2 is None:
            return None
        return await info.context.loaders.country.load(alpha2)

    @strawberry.field(description="Countries in name order, paginated.")
    async def countries(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: CountryFilter | None = None,
    ) -> CountryConnection:
        page = _page(info, "country", first, after, last, before)
        options = {}
        if filter is not None:
            options = {
                "region": filter.region,
                "subregion": filter.subregion,
                "status": filter.status.value if filter.status else None,
            }
            if filter.agreement is not None:
                options["agreement_id"] = await agreement_id_for(
                    info, filter.agreement, "filter.agreement"
                )
            if filter.search is not None:
                options["search"] = fts_expression(filter.search)
        db = info.context.db
        where = queries.country_filter(**options)
        if filter is not None and filter.search is not None and options["search"] is None:
            where.add("0")  # the search text has no words at all: nothing can match
        rows = await queries.countries_page(db, where, page)
        return connection(
            CountryConnection,
            rows,
            page,
            tag="country",
            key=lambda row: (row["sort_name"], row["code"]),
            node=Country.from_row,
            counter=lambda: queries.count_countries(db, where),
        )

    @strawberry.field(description="One agreement by its slug, e.g. abraham-accords.")
    async def agreement(
        self, info: Info, slug_: Annotated[str, strawberry.argument(name="slug")]
    ) -> Agreement | None:
        return await info.context.loaders.agreement_by_slug.load(slug(slug_, "slug"))

    @strawberry.field(description="Agreements, oldest first, paginated.")
    async def agreements(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: AgreementFilter | None = None,
    ) -> AgreementConnection:
        page = _page(info, "agreement", first, after, last, before)
        options = {}
        if filter is not None:
            options["kind"] = filter.kind.value if filter.kind else None
            if filter.country is not None:
                options["country"] = known_country(info, filter.country, "filter.country")
        db = info.context.db
        where = queries.agreement_filter(**options)
        rows = await queries.agreements_page(db, where, page)
        return connection(
            AgreementConnection,
            rows,
            page,
            tag="agreement",
            key=lambda row: (row["id"],),
            node=Agreement.from_row,
            counter=lambda: queries.count_agreements(db, where),
        )

    @strawberry.field(description="One event by its slug.")
    async def event(
        self, info: Info, slug_: Annotated[str, strawberry.argument(name="slug")]
    ) -> Event | None:
        return await info.context.loaders.event_by_slug.load(slug(slug_, "slug"))

    @strawberry.field(
        description="The timeline: dated events, oldest first unless "
        "order is DESC; keyset-paginated (first/last at most 100)."
    )
    async def events(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: EventFilter | None = None,
        order: SortOrder | None = SortOrder.ASC,
    ) -> EventConnection:
        return await resolve_events(
            info, first=first, after=after, last=last, before=before, order=order, filter=filter
        )

    @strawberry.field(
        description="Two countries' bilateral relationship: since when, the "
        "agreements both are in, and the events involving both. Null when "
        "either code is unknown."
    )
    async def relation(self, info: Info, a: str, b: str) -> Relation | None:
        first, second = country_code(info, a, "a"), country_code(info, b, "b")
        if first is not None and first == second:
            raise UserInputError(f'a and b name the same country ("{first}")', argument="b")
        if first is None or second is None:
            return None
        rows = await queries.relation_between(info.context.db, first, second)
        return relation_from_row(rows[0] if rows else None, (first, second))

    @strawberry.field(
        description="Countries, agreements and events matching all the words; each word "
        'matches as a prefix ("kaz" finds Kazakhstan). Matches in a name or title come '
        "first, then countries, agreements and events, newest events first."
    )
    async def search(self, info: Info, query: str, first: int | None = 10) -> list[SearchResult]:
        limit = 10 if first is None else first
        if not 1 <= limit <= MAX_SEARCH_RESULTS:
            raise UserInputError(
                f"first must be between 1 and {MAX_SEARCH_RESULTS} (got {limit})", argument="first"
            )
        expression = fts_expression(query)
        if expression is None:
            return []
        titles = fts_expression(query, titles_only=True)
        rows = await queries.search(info.context.db, expression, titles, limit)
        loaders = info.context.loaders
        pending = []
        for row in rows:
            if row["kind"] == "country":
                pending.append(loaders.country.load(row["ref"]))
            elif row["kind"] == "agreement":
                pending.append(loaders.agreement.load(int(row["ref"])))
            else:
                pending.append(loaders.event_by_id.load(int(row["ref"])))
        results = [await item for item in pending]
        return [result for result in results if result is not None]

    @strawberry.field(description="Any object by its global ID.")
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        type_name, key = _parse_global_id(id)
        return (await NODE_TYPES[type_name].resolve_nodes(info=info, node_ids=[key]))[0]


def _parse_global_id(value: str) -> tuple[str, str]:
    try:
        padded = value + "=" * (-len(value) % 4)
        type_name, key = base64.b64decode(padded, validate=True).decode().split(":", 1)
    except (binascii.Error, ValueError, UnicodeError):
        type_name = key = None
    if type_name not in NODE_TYPES or not key:
        raise UserInputError(f'id: "{value[:80]}" is not a global ID from this API', argument="id")
    return type_name, key
