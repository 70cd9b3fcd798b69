"""Writing a new store: create the schema, insert rows by column name.

Shared by the build (server/store/build.py) and the bench generator (bench/generate.py), so
neither writes a positional ``VALUES (?, ?, …)`` that silently shifts when a column is
added. Serving never imports this module.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Mapping
from operator import itemgetter

from server.store.schema import SCHEMA_SQL, SCHEMA_VERSION


class StoreWriteError(Exception):
    """A row does not fit the schema: the message names the table and the column."""


def create_schema(connection: sqlite3.Connection) -> None:
    """Create every table and index of schema.sql and stamp its version.

    Statement by statement, not executescript(), which would commit the caller's open
    transaction: the whole build stays one transaction."""
    statement = ""
    for line in SCHEMA_SQL.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            connection.execute(statement)
            statement = ""
    if statement.strip(" \n-"):
        raise StoreWriteError(f"schema.sql ends with an unfinished statement: {statement!r}")
    connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")


def columns_of(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The columns of ``table`` in the store being written (empty when there is none)."""
    rows = connection.execute("SELECT name FROM pragma_table_info(?)", (table,)).fetchall()
    return tuple(row[0] for row in rows)


def insert(connection: sqlite3.Connection, table: str, rows: Iterable[Mapping]) -> int:
    """Insert ``rows`` (mappings of column name to value) into ``table``; return how many.

    The statement is built from the first row's column names, checked against the
    table's columns; every row must have exactly those columns. A mismatch raises
    StoreWriteError naming the table, the row and the column."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    names = tuple(first)
    known = columns_of(connection, table)
    if not known:
        raise StoreWriteError(f'insert into "{table}": the store has no table "{table}"')
    for name in names:
        if name not in known:
            raise StoreWriteError(
                f'insert into "{table}": "{table}" has no column "{name}" '
                f"(its columns: {', '.join(known)})"
            )
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" * len(names))
    # Only names checked against the schema reach the statement; values are parameters.
    statement = f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})'  # noqa: S608
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    written = 0

    def values():
        nonlocal written
        for row in itertools.chain((first,), rows):
            written += 1
            try:
                # Same width and every name present: exactly the first row's columns.
                value = pick(row) if len(row) == len(names) else None
            except KeyError:
                value = None
            if value is None:
                raise StoreWriteError(_row_mismatch(table, written, names, row))
            yield value

    connection.executemany(statement, values())
    return written


def _row_mismatch(table: str, number: int, names: tuple[str, ...], row: Mapping) -> str:
    missing = [name for name in names if name not in row]
    extra = [name for name in row if name not in names]
    said = []
    if missing:
        said.append(f'lacks column "{missing[0]}"')
    if extra:
        said.append(f'has column "{extra[0]}" that row 1 does not')
    return (
        f'insert into "{table}": row {number} {" and ".join(said)} (row 1 has {", ".join(names)})'
    )
