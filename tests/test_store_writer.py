"""The store's one schema and the insert-by-column-name writer shared by the build and
the bench generator."""

from __future__ import annotations

import sqlite3

import pytest

from server.store.schema import SCHEMA_SQL, SCHEMA_VERSION, version_of
from server.store.writer import StoreWriteError, columns_of, create_schema, insert


@pytest.fixture
def connection():
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("BEGIN")
    create_schema(db)
    yield db
    db.close()


def test_the_schema_is_versioned_by_its_text(connection):
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert version_of(SCHEMA_SQL) == SCHEMA_VERSION
    assert version_of(SCHEMA_SQL + "\n-- an edit\n") != SCHEMA_VERSION
    assert 0 < SCHEMA_VERSION < 2**31  # SQLite's user_version is a signed 32-bit number


def test_create_schema_keeps_the_callers_transaction(connection):
    # executescript() would have committed: the build is one transaction.
    assert connection.in_transaction
    connection.execute("ROLLBACK")
    assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_insert_by_column_name_in_any_order(connection):
    written = insert(
        connection,
        "groups",
        [
            {"summary": "A group.", "code": "G1", "name": "One", "added": None, "updated": None},
            {
                "code": "G2",
                "added": "2026-01-01",
                "updated": "2026-01-02",
                "name": "Two",
                "summary": "B.",
            },
        ],
    )
    assert written == 2
    rows = connection.execute("SELECT * FROM groups ORDER BY code").fetchall()
    assert rows == [
        ("G1", "One", "A group.", None, None),
        ("G2", "Two", "B.", "2026-01-01", "2026-01-02"),
    ]
    assert columns_of(connection, "groups") == ("code", "name", "summary", "added", "updated")


def test_insert_takes_a_generator_and_nothing(connection):
    assert insert(connection, "meta", ({"key": f"k{i}", "value": str(i)} for i in range(3))) == 3
    assert insert(connection, "meta", []) == 0
    assert connection.execute("SELECT count(*) FROM meta").fetchone()[0] == 3


def test_an_unknown_column_names_the_table_and_the_column(connection):
    with pytest.raises(StoreWriteError) as raised:
        insert(connection, "meta", [{"key": "a", "valeu": "b"}])
    assert str(raised.value) == (
        'insert into "meta": "meta" has no column "valeu" (its columns: key, value)'
    )


def test_an_unknown_table_is_named(connection):
    with pytest.raises(StoreWriteError, match='the store has no table "metta"'):
        insert(connection, "metta", [{"key": "a"}])


def test_a_row_that_differs_from_the_first_is_named(connection):
    with pytest.raises(StoreWriteError) as raised:
        insert(connection, "meta", [{"key": "a", "value": "1"}, {"key": "b"}])
    assert (
        str(raised.value) == 'insert into "meta": row 2 lacks column "value" (row 1 has key, value)'
    )
    with pytest.raises(StoreWriteError, match='row 2 has column "note" that row 1 does not'):
        insert(
            connection, "meta", [{"key": "c", "value": "1"}, {"key": "d", "value": "2", "note": 3}]
        )


def test_values_are_parameters_never_sql(connection):
    hostile = "x'); DROP TABLE meta; --"
    insert(connection, "meta", [{"key": hostile, "value": hostile}])
    assert connection.execute("SELECT key, value FROM meta").fetchall() == [(hostile, hostile)]


def test_foreign_keys_are_checked_as_rows_go_in(connection):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        insert(connection, "group_sources", [{"group_code": "NOPE", "source_id": 1}])
