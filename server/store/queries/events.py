"""Events: the timeline and its filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from server.store.queries.agreements import AGREEMENT_COLUMNS
from server.store.queries.sql import IN, Keyset, Page, Where, count_rows, keys, paged

if TYPE_CHECKING:
    from server.store.db import Database

EVENT_COLUMNS = (
    "e.id, e.slug, e.date, e.date_start, e.kind, e.title, e.summary, e.caveat, e.added, e.updated"
)


@dataclass
class EventQuery:
    """A timeline filter as SQL: the FROM clause, the conditions and the keyset column."""

    source: str
    where: Where
    key: Keyset


def event_filter(
    *,
    countries: Sequence[str] = (),
    any_countries: Sequence[str] = (),
    subregion: str | None = None,
    agreement_id: int | None = None,
    kinds: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
    search: str | None = None,
) -> EventQuery:
    """Events involving all ``countries`` and one of ``any_countries`` (when given) and a
    country of ``subregion`` (when given), concerning ``agreement_id``, of any of ``kinds``,
    overlapping the calendar days [start, end], matching the FTS ``search`` expression.

    With countries, the page is read along the first country's (country, event) index
    and each other country is a primary-key probe, so a page costs about its own size
    however many events the countries have.
    """
    where = Where()
    # Event ids follow the sort key (date_start, slug), assigned so at build time.
    source, key = "events e", Keyset("e.id", "events", ("date_start", "slug"))
    if countries:
        source = "event_countries c0 JOIN events e ON e.id = c0.event_id"
        key = Keyset("c0.event_id", "events", ("date_start", "slug"))
        where.add("c0.country_code = ?", countries[0])
    for code in countries[1:]:
        where.add(
            "EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id"
            " AND c.country_code = ?)",
            code,
        )
    if any_countries:
        where.add(
            f"e.id IN (SELECT event_id FROM event_countries WHERE country_code {IN})",
            keys(any_countries),
        )
    if subregion is not None:
        where.add(
            "e.id IN (SELECT l.event_id FROM event_countries l JOIN countries s"
            " ON s.code = l.country_code WHERE s.subregion = ?)",
            subregion,
        )
    if agreement_id is not None:
        where.add(
            "e.id IN (SELECT event_id FROM event_agreements WHERE agreement_id = ?)", agreement_id
        )
    if kinds:
        where.add(f"e.kind {IN}", keys(kinds))
    if start is not None:
        where.add("e.date_end >= ?", start)
    if end is not None:
        where.add("e.date_start <= ?", end)
    if search is not None:
        where.add(
            "e.id IN (SELECT ref FROM search_index WHERE search_index MATCH ? AND kind = 'event')",
            search,
        )
    return EventQuery(source, where, key)


async def events_page(db: Database, query: EventQuery, page: Page) -> list:
    select = f"SELECT {EVENT_COLUMNS} FROM {query.source}"
    return await paged(db, select, query.where, query.key, page)


async def count_events(db: Database, query: EventQuery) -> int:
    return await count_rows(db, query.source, query.where)


async def events_by_slug(db: Database, slugs: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.slug {IN}",
        [keys(slugs)],
    )


async def events_by_id(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id {IN}",
        [keys(ids)],
    )


async def countries_for_events(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        "SELECT l.event_id AS owner_id, c.code FROM event_countries l"
        f" JOIN countries c ON c.code = l.country_code WHERE l.event_id {IN}"
        " ORDER BY l.event_id, c.sort_name",
        [keys(ids)],
    )


async def agreements_for_events(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT l.event_id AS owner_id, {AGREEMENT_COLUMNS} FROM event_agreements l"
        f" JOIN agreements a ON a.id = l.agreement_id WHERE l.event_id {IN}"
        " ORDER BY l.event_id, a.id",
        [keys(ids)],
    )
