"""Changes: the record's changelog, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from server.store.queries.sql import Keyset, Page, Where, count_rows, paged

if TYPE_CHECKING:
    from server.store.db import Database

CHANGE_COLUMNS = "ch.day, ch.action, ch.record_type, ch.ref, ch.title, ch.note, ch.path"
# Newest first: read with Page(descending=True) along the primary key.
CHANGE_KEY = Keyset("(ch.day, ch.record_type, ch.ref, ch.action)")


def change_filter(since: str | None) -> Where:
    where = Where()
    if since is not None:
        where.add("ch.day >= ?", since)
    return where


async def changes_page(db: Database, where: Where, page: Page) -> list:
    return await paged(db, f"SELECT {CHANGE_COLUMNS} FROM changes ch", where, CHANGE_KEY, page)


async def count_changes(db: Database, where: Where) -> int:
    return await count_rows(db, "changes ch", where)
