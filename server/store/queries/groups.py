"""Groups and memberships, and who belonged on a day."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from server.store.queries.sources import SOURCE_COLUMNS
from server.store.queries.sql import IN, Where, held, keys

if TYPE_CHECKING:
    from server.store.db import Database

GROUP_COLUMNS = "g.code, g.name, g.summary, g.added, g.updated"

# A membership with its history (a JSON array of [seq, kind, date, date_end, note,
# caveat, status]).
MEMBERSHIP_COLUMNS = (
    "m.group_code, m.country_code, m.joined,"
    " (SELECT json_group_array(json_array(ms.seq, ms.kind, ms.date, ms.date_end, ms.note,"
    " ms.caveat, ms.status)) FROM membership_steps ms WHERE ms.group_code = m.group_code"
    " AND ms.country_code = m.country_code) AS history"
)


async def groups_by_code(db: Database, codes: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {GROUP_COLUMNS} FROM groups g WHERE g.code {IN} ORDER BY g.code",
        [keys(codes)],
    )


async def all_groups(db: Database) -> list:
    return await db.execute(f"SELECT {GROUP_COLUMNS} FROM groups g ORDER BY g.name")


async def memberships_of_countries(db: Database, codes: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT m.country_code AS owner_id, {MEMBERSHIP_COLUMNS} FROM memberships m"
        f" JOIN groups g ON g.code = m.group_code WHERE m.country_code {IN}"
        " ORDER BY m.country_code, g.name",
        [keys(codes)],
    )


async def memberships_of_groups(db: Database, codes: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT m.group_code AS owner_id, {MEMBERSHIP_COLUMNS} FROM memberships m"
        f" JOIN countries c ON c.code = m.country_code WHERE m.group_code {IN}"
        " ORDER BY m.group_code, c.sort_name",
        [keys(codes)],
    )


async def membership_sources(db: Database, pairs: Sequence[Sequence[str]]) -> list:
    """Sources of memberships (seq 0) and their steps: rows of (owner_id = the pair's
    position in ``pairs``, seq, source columns…)."""
    return await db.execute(
        f"SELECT j.key AS owner_id, l.seq, {SOURCE_COLUMNS} FROM json_each(?) j"
        " JOIN membership_sources l ON l.group_code = json_extract(j.value, '$[0]')"
        " AND l.country_code = json_extract(j.value, '$[1]')"
        " JOIN sources s ON s.id = l.source_id ORDER BY j.key, l.seq, s.id",
        [keys(pairs)],
    )


def members_on(group: str, day: str | None) -> tuple[str, list]:
    """SELECT of the countries that belonged to ``group`` on ``day`` (None: now), and its
    parameters: those whose membership period then counts as belonging."""
    period, params = held("mp", day)
    return (
        "SELECT mp.country_code FROM membership_periods mp WHERE mp.group_code = ?"
        f" AND mp.belongs = 1 AND {period}",
        [group, *params],
    )


def group_member_filter(group: str, day: str | None) -> Where:
    """Countries in ``group`` (on ``day`` when given, else now)."""
    where = Where()
    members, params = members_on(group, day)
    where.add(f"c.code IN ({members})", *params)
    return where
