"""Search: full-text matches over countries, agreements and events."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.store.db import Database


async def search(db: Database, expression: str, titles_expression: str, limit: int) -> list:
    """Up to ``limit`` (kind, ref) matches: title matches first, then the rest, each in
    index order (see server/store/search.py). One statement when titles fill the page."""
    sql = "SELECT rowid, kind, ref FROM search_index WHERE search_index MATCH ? LIMIT ?"
    titles = await db.execute(sql, [titles_expression, limit])
    if len(titles) == limit:
        return titles
    seen = {row["rowid"] for row in titles}
    rest = await db.execute(sql, [expression, limit + len(titles)])
    return [*titles, *[row for row in rest if row["rowid"] not in seen]][:limit]


async def count_search(db: Database, expression: str) -> int:
    rows = await db.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?", [expression]
    )
    return rows[0][0]
