"""The root Query type: the API's entry points."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from server.api.errors import UserInputError
from server.api.execution.loaders import relation_from_row
from server.api.execution.pagination import (
    AGREEMENTS,
    CHANGES,
    COUNTRIES,
    RELATION_PAIRS,
    RELATIONS_OF_COUNTRY,
    SEARCH,
    connection,
    page_request,
)
from server.api.execution.timeline import SortOrder, agreement_id_for, resolve_events
from server.api.inputs import (
    AgreementFilter,
    CountryFilter,
    EventFilter,
    RelationFilter,
    country_code,
    group_code,
    known_country,
    known_subregions,
    slug,
    subregion_name,
)
from server.api.schema.connection import Connection
from server.api.schema.counts import (
    PublishedCount,
    RelationCount,
    published_counts,
    relation_count,
)
from server.api.schema.list_query import ListKind, ListQuery, list_query
from server.api.schema.types import (
    Agreement,
    Change,
    Country,
    Event,
    Group,
    RecordInfo,
    Relation,
    SearchResult,
    Source,
)
from server.api.vocabulary import CountMeasure
from server.store import queries
from server.store.search import fts_expression

NODE_TYPES = {"Country": Country, "Agreement": Agreement, "Event": Event, "Source": Source}
MAX_SEARCH_DEPTH = 1000  # how far a search can be paged: ranking deeper costs, helps no one


@strawberry.type
class Query:
    @strawberry.field(
        description="One country by ISO 3166-1 alpha-2 or alpha-3 code or by name, any "
        'case ("KZ", "kaz", "Kazakhstan", "Ivory Coast", "UAE"); null when no country has '
        "that code. An unknown name is BAD_USER_INPUT offering the nearest names."
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
    ) -> Connection[Country]:
        page = page_request(
            COUNTRIES, info.context.settings, first=first, after=after, last=last, before=before
        )
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
                names = info.context.db.country_names  # aliases, other scripts, typos
                options["named"] = tuple(names.search(filter.search, limit=50))
        db = info.context.db
        where = queries.country_filter(**options)
        if filter is not None and filter.search is not None and options["search"] is None:
            where.add("0")  # the search text has no words at all: nothing can match
        if filter is not None and filter.group is not None:
            code = await group_code(info, filter.group, "filter.group")
            day = filter.as_of.isoformat() if filter.as_of else None
            members = queries.group_member_filter(code, day)
            where.add(members.sql(), *members.params)
        rows = await queries.countries_page(db, where, page)
        return connection(
            COUNTRIES,
            rows,
            page,
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
    ) -> Connection[Agreement]:
        page = page_request(
            AGREEMENTS, info.context.settings, first=first, after=after, last=last, before=before
        )
        options = {}
        if filter is not None:
            options["kind"] = filter.kind.value if filter.kind else None
            if filter.country is not None:
                options["country"] = known_country(info, filter.country, "filter.country")
        db = info.context.db
        where = queries.agreement_filter(**options)
        rows = await queries.agreements_page(db, where, page)
        return connection(
            AGREEMENTS,
            rows,
            page,
            key=lambda row: (row["date_start"], row["slug"]),
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
    ) -> Connection[Event]:
        return await resolve_events(
            info, first=first, after=after, last=last, before=before, order=order, filter=filter
        )

    @strawberry.field(
        description="Two countries' bilateral relationship: since when, the "
        "agreements both are in, and the events involving both; `a` and `b` are "
        "ISO codes or names, as for `country`. Null when either code is unknown."
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
        description="Bilateral relations and their state on a day, e.g. every OIC state's "
        'relation with Israel on 2010-01-01: filter {country: "IL", group: "OIC", asOf: '
        '"2010-01-01"}. With `country`, by the other country\'s name (and, with `group`, '
        "one row per member, UNKNOWN where nothing is on record); without, by the two "
        "codes. Each relation's `state` defaults to the filter's `asOf`."
    )
    async def relations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: RelationFilter | None = None,
    ) -> Connection[Relation]:
        filter = filter or RelationFilter()
        country = None
        if filter.country is not None:
            country = known_country(info, filter.country, "filter.country")
        spec = RELATIONS_OF_COUNTRY if country is not None else RELATION_PAIRS
        page = page_request(
            spec, info.context.settings, first=first, after=after, last=last, before=before
        )
        group = subregion = None
        if filter.group is not None:
            group = await group_code(info, filter.group, "filter.group")
        if filter.subregion is not None:
            subregion = await subregion_name(info, filter.subregion, "filter.subregion")
        as_of = filter.as_of or info.context.today()
        query = queries.relation_filter(
            day=as_of.isoformat(),
            country=country,
            group=group,
            subregion=subregion,
            states=[s.value for s in filter.states] if filter.states is not None else None,
        )
        db = info.context.db
        rows = await queries.relations_page(db, query, page)
        if country is not None:
            key = lambda row: (row["other_sort"], row["other"])  # noqa: E731
            node = lambda row: relation_from_row(row, (country, row["other"]), as_of)  # noqa: E731
        else:
            key = lambda row: (row["country_a"], row["country_b"])  # noqa: E731
            node = lambda row: relation_from_row(  # noqa: E731
                row, (row["country_a"], row["country_b"]), as_of
            )
        return connection(
            spec,
            rows,
            page,
            key=key,
            node=node,
            counter=lambda: queries.count_relations_matching(db, query),
        )

    @strawberry.field(
        description="The record as a whole: when it last changed, how far its reading of "
        "the news reaches, when the served store was built, and its content version."
    )
    def record(self, info: Info) -> RecordInfo:
        meta = info.context.db.meta
        return RecordInfo(
            updated=date.fromisoformat(meta["record_updated"]),
            built_at=meta["built_at"],
            content_version=meta["content_version"],
            read_through=date.fromisoformat(meta["read_through"]),
        )

    @strawberry.field(
        description="What changed in the record, newest first: each record's addition "
        "and its latest update (with a note of what changed). `since`: only changes on or "
        "after that day. Also served as an Atom feed at /feed.atom."
    )
    async def changes(
        self,
        info: Info,
        since: date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Change]:
        page = page_request(
            CHANGES,
            info.context.settings,
            first=first,
            after=after,
            last=None,
            before=None,
            descending=True,
        )
        db = info.context.db
        where = queries.change_filter(since.isoformat() if since else None)
        rows = await queries.changes_page(db, where, page)
        return connection(
            CHANGES,
            rows,
            page,
            key=lambda row: (row["day"], row["record_type"], row["ref"], row["action"]),
            node=Change.from_row,
            counter=lambda: queries.count_changes(db, where),
        )

    @strawberry.field(description="One group by its code: OIC or ARAB_LEAGUE (any case).")
    async def group(self, info: Info, code: str) -> Group | None:
        return await info.context.loaders.group.load(await group_code(info, code, "code"))

    @strawberry.field(description="Every group on record, by name.")
    async def groups(self, info: Info) -> list[Group]:
        return [Group.from_row(row) for row in await info.context.db.groups()]

    @strawberry.field(
        description="The UN M49 sub-regions the record's countries are in, by name "
        "(e.g. Central Asia): the values `subregion` filters take."
    )
    async def subregions(self, info: Info) -> list[str]:
        return await known_subregions(info.context.db)

    @strawberry.field(
        description='A list page\'s query string (e.g. "countries=Kazakhstan&from=2020") read '
        "as that list reads it: the variables to ask the list with, the problems by "
        "parameter and the address as applied. The pages and /export/ files share this parser."
    )
    async def list_query(self, info: Info, list: ListKind, query: str) -> ListQuery:
        return await list_query(info, list, query)

    @strawberry.field(
        description="The count of record: how many states had diplomatic relations with "
        "`country` (default Israel) on `asOf` (default today), by `measure`'s stated "
        "definition, with the states behind the number."
    )
    async def relation_count(
        self,
        info: Info,
        country: str = "IL",
        measure: CountMeasure = CountMeasure.DIPLOMATIC_RELATIONS,
        as_of: date | None = None,
    ) -> RelationCount:
        return await relation_count(info, country, measure, as_of)

    @strawberry.field(
        description="Counts of `country`'s counterparts that others have published (default "
        "Israel), oldest first: each with its source and date, the count of record on that "
        "day and why the two differ."
    )
    async def published_counts(self, info: Info, country: str = "IL") -> list[PublishedCount]:
        return await published_counts(info, country)

    @strawberry.field(
        description="Countries, agreements and events matching all the words; each word "
        'matches as a prefix ("kaz" finds Kazakhstan). First the countries the words name '
        '(codes, names, aliases such as UAE, names in Country.names\' languages, "Казахстан", '
        'or a typo away: "Kazakstan"), then matches in a name or title, then countries, '
        "agreements and events, newest events first. A connection of at most 50 results a "
        "page (default 10); its cursors are positions in the ranked results, so a walk "
        "should not span a store rebuild."
    )
    async def search(
        self,
        info: Info,
        query: str,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SearchResult]:
        page = page_request(
            SEARCH,
            info.context.settings,
            first=10 if first is None else first,
            after=after,
            last=None,
            before=None,
        )
        offset = page.after[0] + 1 if page.after is not None else 0
        if offset > MAX_SEARCH_DEPTH:
            raise UserInputError(
                f"after: search results are ranked up to {MAX_SEARCH_DEPTH} deep; "
                "narrow the words instead of paging further",
                argument="after",
            )
        expression = fts_expression(query)
        db = info.context.db
        named = tuple(db.country_names.search(query))  # aliases, other scripts, typos
        titles = fts_expression(query, titles_only=True)
        rows = await queries.search(db, expression, titles, offset + page.limit + 1, named)
        rows = rows[offset:]
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
        ranked = list(enumerate(results, start=offset))

        async def count() -> int:
            return await queries.count_search(db, expression, named)

        return connection(
            SEARCH,
            [pair for pair in ranked if pair[1] is not None],
            page,
            key=lambda pair: (pair[0],),
            node=lambda pair: pair[1],
            counter=count,
        )

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
