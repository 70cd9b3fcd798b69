"""What every statement shares: bound key lists, conditions, keyset pages (of a list, or
of one list per owner for a whole level) and counts, and the one range lookup on the
periods the build wrote ("which period holds day D").

SQL text is constant or assembled only from fixed fragments; every value a client sends
travels as a bound parameter. Lists of keys are passed as one JSON array and expanded
with ``json_each`` so a statement's text (and SQLite's prepared-statement cache) does
not change with the number of keys.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.store.db import Database

IN = "IN (SELECT value FROM json_each(?))"


def keys(values: Sequence) -> str:
    return json.dumps(list(values))


@dataclass(frozen=True)
class Page:
    """A keyset page: rows strictly after/before a key, in display order.

    ``backwards`` fetches the rows nearest ``before`` (Relay's ``last``) by reading in
    the opposite direction; the rows are returned in display order either way.
    """

    limit: int
    after: tuple | None = None
    before: tuple | None = None
    backwards: bool = False
    descending: bool = False


@dataclass
class Where:
    """A conjunction of fixed SQL fragments and the parameters they bind."""

    clauses: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1"


@dataclass(frozen=True)
class Keyset:
    """How a list is ordered, and how a cursor's sort key becomes a bound on its rows.

    ``column`` is what the page query orders by: the sort key itself, e.g.
    "(c.sort_name, c.code)", or a row id assigned in sort-key order at build time, e.g.
    "e.id", which keeps every index that ends in the id usable. For the latter,
    ``table`` and ``natural`` name the sort key's columns, and a cursor's key is turned
    into an id by one indexed probe inside the same statement: a cursor stays valid
    across rebuilds that add or remove rows before it.
    """

    column: str
    table: str | None = None
    natural: tuple[str, ...] = ()

    def bound(self, key: tuple, greater: bool) -> tuple[str, list]:
        """SQL for "rows whose sort key is greater (or less) than ``key``"."""
        columns = self.natural or tuple(c.strip() for c in self.column.strip("()").split(","))
        marks = "(" + ", ".join(["?"] * len(columns)) + ")"
        if self.table is None:
            return f"{self.column} {'>' if greater else '<'} {marks}", list(key)
        natural = "(" + ", ".join(columns) + ")"
        if greater:
            order = ", ".join(f"{c} DESC" for c in columns)
            probe = f"SELECT id FROM {self.table} WHERE {natural} <= {marks} ORDER BY {order}"
            return f"{self.column} > coalesce(({probe} LIMIT 1), -1)", list(key)
        order = ", ".join(f"{c} ASC" for c in columns)
        probe = f"SELECT id FROM {self.table} WHERE {natural} >= {marks} ORDER BY {order}"
        return f"{self.column} < coalesce(({probe} LIMIT 1), {2**63 - 1})", list(key)


async def paged(db: Database, select: str, where: Where, keyset: Keyset, page: Page) -> list:
    """Run ``select`` (which ends in FROM …) under ``where`` as one keyset page.

    One extra row is fetched so the caller can tell whether more exist.
    """
    clauses = Where(list(where.clauses), list(where.params))
    if page.after is not None:
        clauses.add(*_flat(keyset.bound(page.after, greater=not page.descending)))
    if page.before is not None:
        clauses.add(*_flat(keyset.bound(page.before, greater=page.descending)))
    columns = [column.strip() for column in keyset.column.strip("()").split(",")]
    ascending = page.descending == page.backwards
    order = ", ".join(f"{c} {'ASC' if ascending else 'DESC'}" for c in columns)
    sql = f"{select} WHERE {clauses.sql()} ORDER BY {order} LIMIT ?"
    return await db.execute(sql, [*clauses.params, page.limit + 1])


def _flat(bound: tuple[str, list]) -> list:
    clause, params = bound
    return [clause, *params]


async def nested_pages(
    db: Database, base: str, params: list, keys: int, page: Page, columns: str, joins: str
) -> list:
    """One page per owner, for a whole level of owners, in one statement.

    ``base`` selects (id, owner, k0 … k{keys-1}) — an item, whose list it is on, and its
    sort key — already filtered; every owner's list is cut at the same cursor (the
    level's arguments are shared) and numbered with a window function, and only the
    first ``limit + 1`` of each are read in full through ``joins``.
    """
    names = [f"k{i}" for i in range(keys)]
    key = "(" + ", ".join(names) + ")"
    marks = "(" + ", ".join(["?"] * keys) + ")"
    where = Where()
    later, earlier = (">", "<") if not page.descending else ("<", ">")
    if page.after is not None:
        where.add(f"{key} {later} {marks}", *page.after)
    if page.before is not None:
        where.add(f"{key} {earlier} {marks}", *page.before)
    ascending = page.descending == page.backwards
    order = ", ".join(f"{k} {'ASC' if ascending else 'DESC'}" for k in names)
    sql = (
        f"WITH base AS ({base}), ranked AS (SELECT id, owner, {', '.join(names)},"
        f" row_number() OVER (PARTITION BY owner ORDER BY {order}) AS rn"
        f" FROM base WHERE {where.sql()})"
        f" SELECT ranked.owner AS owner, {', '.join(f'ranked.{k} AS {k}' for k in names)},"
        f" {columns} FROM ranked {joins}"
        " WHERE ranked.rn <= ? ORDER BY ranked.owner, ranked.rn"
    )
    return await db.execute(sql, [*params, *where.params, page.limit + 1])


async def nested_counts(db: Database, base: str, params: list) -> dict:
    rows = await db.execute(f"SELECT owner, count(*) FROM ({base}) GROUP BY owner", params)
    return {row[0]: row[1] for row in rows}


async def count_rows(db: Database, table: str, where: Where) -> int:
    rows = await db.execute(f"SELECT count(*) FROM {table} WHERE {where.sql()}", where.params)
    return rows[0][0]


def held(alias: str, day: str | None) -> tuple[str, list]:
    """SQL for "the period ``alias`` holds ``day``" (None: now, the open period), a range
    lookup on the rows the build wrote by the model's rules (server/model/periods.py)."""
    if day is None:
        return f"{alias}.to_day IS NULL", []
    return (
        f"({alias}.from_day IS NULL OR {alias}.from_day <= ?)"
        f" AND ({alias}.to_day IS NULL OR ? <= {alias}.to_day)",
        [day, day],
    )
