"""Agreements: by id or slug, the list, and those two countries share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from server.store.queries.sql import IN, Keyset, Page, Where, count_rows, keys, paged

if TYPE_CHECKING:
    from server.store.db import Database

AGREEMENT_COLUMNS = (
    "a.id, a.slug, a.name, a.kind, a.date, a.date_start, a.place, a.summary, a.added, a.updated"
)


async def agreements_by_id(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT {AGREEMENT_COLUMNS} FROM agreements a WHERE a.id {IN}",
        [keys(ids)],
    )


async def agreements_by_slug(db: Database, slugs: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {AGREEMENT_COLUMNS} FROM agreements a WHERE a.slug {IN}",
        [keys(slugs)],
    )


def agreement_filter(*, kind: str | None = None, country: str | None = None) -> Where:
    where = Where()
    if kind is not None:
        where.add("a.kind = ?", kind)
    if country is not None:
        where.add(
            "a.id IN (SELECT agreement_id FROM participations WHERE country_code = ?)", country
        )
    return where


# Agreement ids follow the sort key (date_start, slug), assigned so at build time.
AGREEMENT_KEY = Keyset("a.id", "agreements", ("date_start", "slug"))


async def agreements_page(db: Database, where: Where, page: Page) -> list:
    select = f"SELECT {AGREEMENT_COLUMNS} FROM agreements a"
    return await paged(db, select, where, AGREEMENT_KEY, page)


async def count_agreements(db: Database, where: Where) -> int:
    return await count_rows(db, "agreements a", where)


async def shared_agreements(db: Database, pairs: Sequence[Sequence[str]]) -> list:
    """Agreements both countries of each pair take part in, oldest first: rows of
    (owner_id = the pair's position in ``pairs``, agreement columns…)."""
    return await db.execute(
        f"SELECT DISTINCT j.key AS owner_id, {AGREEMENT_COLUMNS} FROM json_each(?) j"
        " JOIN participations p ON p.country_code = json_extract(j.value, '$[0]')"
        " JOIN agreements a ON a.id = p.agreement_id"
        " WHERE EXISTS (SELECT 1 FROM participations q"
        " WHERE q.country_code = json_extract(j.value, '$[1]') AND q.agreement_id = a.id)"
        " ORDER BY j.key, a.id",
        [keys(pairs)],
    )
