"""Search: full-text matches over countries, agreements and events, after the countries
the country index says the words name (model/countries.py: aliases, names in other
languages and scripts, typos, which the full-text index does not hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.store.db import Database

_MATCHES = "SELECT rowid, kind, ref FROM search_index WHERE search_index MATCH ? LIMIT ?"


async def search(
    db: Database,
    expression: str | None,
    titles_expression: str | None,
    limit: int,
    countries: tuple[str, ...] = (),
) -> list:
    """Up to ``limit`` (kind, ref) matches: ``countries`` (alpha-2 codes) first, then title
    matches, then the rest, each in index order (see server/store/search.py), a country
    listed once. One statement when countries and titles fill the page."""
    first = [{"kind": "country", "ref": code} for code in countries]
    if expression is None or len(first) >= limit:
        return first[:limit]

    def kept(rows) -> list:
        return [r for r in rows if r["kind"] != "country" or r["ref"] not in countries]

    titles = await db.execute(_MATCHES, [titles_expression, limit])
    if len(titles) == limit:
        return [*first, *kept(titles)][:limit]
    seen = {row["rowid"] for row in titles}
    rest = await db.execute(_MATCHES, [expression, limit + len(titles)])
    return [*first, *kept(titles), *kept(r for r in rest if r["rowid"] not in seen)][:limit]


async def count_search(
    db: Database, expression: str | None, countries: tuple[str, ...] = ()
) -> int:
    """How many results ``search`` ranks in all: the full-text matches, and the
    ``countries`` among them counted once."""
    if expression is None:
        return len(countries)
    if not countries:
        rows = await db.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", [expression]
        )
        return rows[0][0]
    marks = ", ".join("?" for _ in countries)
    rows = await db.execute(
        f"SELECT count(*), count(CASE WHEN kind = 'country' AND ref IN ({marks}) THEN 1 END)"
        " FROM search_index WHERE search_index MATCH ?",
        [*countries, expression],
    )
    total, listed = rows[0][0], rows[0][1]
    return total + len(countries) - listed
