"""Sources: those cited for each kind of record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from server.store.queries.sql import IN, keys

if TYPE_CHECKING:
    from server.store.db import Database

SOURCE_COLUMNS = "s.id, s.slug, s.publisher, s.title, s.url, s.published, s.kind"

# owner kind → the link table and its owner column; the only tables sources hang off.
_SOURCE_LINKS = {
    "agreement": ("agreement_sources", "agreement_id"),
    "event": ("event_sources", "event_id"),
    "relation": ("relation_sources", "relation_id"),
    "group": ("group_sources", "group_code"),
}


async def sources_for(db: Database, owner: str, ids: Sequence[int]) -> list:
    """Sources of agreements, events or relations: rows of (owner_id, source columns…)."""
    table, column = _SOURCE_LINKS[owner]
    return await db.execute(
        f"SELECT l.{column} AS owner_id, {SOURCE_COLUMNS} FROM {table} l"
        f" JOIN sources s ON s.id = l.source_id WHERE l.{column} {IN}"
        f" ORDER BY l.{column}, s.id",
        [keys(ids)],
    )


async def sources_for_participations(db: Database, ids: Sequence[int]) -> list:
    """Sources cited by participations (seq NULL) and by their status changes (seq set)."""
    return await db.execute(
        f"SELECT l.participation_id AS owner_id, NULL AS seq, {SOURCE_COLUMNS}"
        f" FROM participation_sources l JOIN sources s ON s.id = l.source_id"
        f" WHERE l.participation_id {IN}"
        f" UNION ALL SELECT l.participation_id, l.seq, {SOURCE_COLUMNS}"
        f" FROM status_sources l JOIN sources s ON s.id = l.source_id"
        f" WHERE l.participation_id {IN}"
        " ORDER BY owner_id, seq, id",
        [keys(ids), keys(ids)],
    )


async def sources_by_slug(db: Database, slugs: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.slug {IN}",
        [keys(slugs)],
    )
