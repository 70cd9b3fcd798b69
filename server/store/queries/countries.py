"""Countries: the reference rows a server reads once per store, and the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from server.model.vocabulary import Role
from server.store.queries.participations import asks_for_candidates, participation_held
from server.store.queries.sql import Keyset, Page, Where, count_rows, paged

if TYPE_CHECKING:
    import aiosqlite

    from server.store.db import Database

COUNTRY_COLUMNS = (
    "c.code, c.alpha3, c.numeric_code, c.name, c.official_name, c.region, c.subregion,"
    " c.historical, c.sort_name"
)
COUNTRY_KEY = Keyset("(c.sort_name, c.code)")


async def reference_data(connection: aiosqlite.Connection) -> tuple[int, dict, list]:
    """What a server reads once per store: schema version, meta, every country."""
    version = (await connection.execute_fetchall("PRAGMA user_version"))[0][0]
    if version == 0:
        return version, {}, []
    meta = dict(await connection.execute_fetchall("SELECT key, value FROM meta"))
    countries = await connection.execute_fetchall(f"SELECT {COUNTRY_COLUMNS} FROM countries c")
    return version, meta, list(countries)


def country_filter(
    *,
    region: str | None = None,
    subregion: str | None = None,
    search: str | None = None,
    named: tuple[str, ...] = (),
    agreement_id: int | None = None,
    status: str | None = None,
) -> Where:
    """``search`` an FTS5 expression; ``named`` the codes the country index reads the same
    words as (aliases, other scripts, typos): a country matching either is kept."""
    where = Where()
    if region is not None:
        where.add("c.region = ? COLLATE NOCASE", region)
    if subregion is not None:
        where.add("c.subregion = ? COLLATE NOCASE", subregion)
    codes = f"c.code IN ({', '.join('?' for _ in named)})"
    if search is not None:
        matched = (
            "c.code IN (SELECT ref FROM search_index WHERE search_index MATCH ?"
            " AND kind = 'country')"
        )
        where.add(f"({matched} OR {codes})" if named else matched, search, *named)
    elif named:
        where.add(codes, *named)
    if agreement_id is not None or status is not None:
        member = Where()
        if agreement_id is not None:
            member.add("p.agreement_id = ?", agreement_id)
        if not asks_for_candidates(status):  # a candidate is not in the agreement
            member.add("p.role <> ?", Role.CANDIDATE.value)
        if status is not None:
            member.add(*participation_held(None, status))
        where.add(
            f"c.code IN (SELECT p.country_code FROM participations p WHERE {member.sql()})",
            *member.params,
        )
    return where


async def all_subregions(db: Database) -> list[str]:
    rows = await db.execute(
        "SELECT DISTINCT subregion FROM countries WHERE subregion IS NOT NULL ORDER BY subregion"
    )
    return [row[0] for row in rows]


async def countries_page(db: Database, where: Where, page: Page) -> list:
    return await paged(db, f"SELECT {COUNTRY_COLUMNS} FROM countries c", where, COUNTRY_KEY, page)


async def count_countries(db: Database, where: Where) -> int:
    return await count_rows(db, "countries c", where)
