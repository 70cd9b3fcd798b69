"""bench/generate.py at a tiny scale: the synthetic stores the benchmarks measure have
the build's schema, the sizes bench/README.md states, intact references, and the API
answers over them as over the real store."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from bench.generate import generate
from bench.synthetic import Sizes
from server.settings import Settings
from server.store.schema import SCHEMA_VERSION

SCALES = (1, 2)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("bench")
    stores = {}
    for scale in SCALES:
        stores[scale] = folder / f"x{scale}.sqlite"
        generate(scale, stores[scale])
    return stores


def read(path: Path, sql: str, *parameters) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def count(path: Path, table: str) -> int:
    return read(path, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 (a fixed name)


def structure(path: Path) -> list[tuple]:
    """Every table's and index's columns, as SQLite reports them."""
    found = []
    for kind, name, table in read(
        path, "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name"
    ):
        if name == "sqlite_stat1":
            continue
        pragma = "pragma_table_xinfo" if kind == "table" else "pragma_index_xinfo"
        columns = read(path, f"SELECT * FROM {pragma}(?)", name)  # noqa: S608 (a fixed name)
        found.append((kind, name, table, columns))
    return found


@pytest.mark.parametrize("scale", SCALES)
def test_row_counts_follow_the_scale(generated, seed_store, scale):
    store, sizes = generated[scale], Sizes(scale)
    assert count(store, "agreements") == 20 * scale == sizes.agreements
    assert count(store, "participations") == 200 * scale == sizes.participations
    assert count(store, "events") == 1000 * scale == sizes.events
    assert count(store, "sources") == 50 * scale == sizes.sources
    assert 0 < count(store, "relations") <= 5 * scale
    # The countries are the seed's, as the build writes them.
    countries = "SELECT * FROM countries ORDER BY code"
    assert read(store, countries) == read(seed_store, countries)
    indexed = sum(count(store, table) for table in ("countries", "agreements", "events"))
    assert count(store, "search_index") == indexed


def test_a_generated_store_has_the_builds_schema(generated, seed_store):
    for store in generated.values():
        assert read(store, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert structure(store) == structure(seed_store)
        meta = dict(read(store, "SELECT key, value FROM meta"))
        assert meta["schema_version"] == str(SCHEMA_VERSION)


@pytest.mark.parametrize("scale", SCALES)
def test_references_and_invariants_hold(generated, scale):
    store = generated[scale]
    assert read(store, "PRAGMA foreign_key_check") == []
    # Ids follow the lists' sort key, (first possible day, slug).
    for table in ("events", "agreements"):
        ids = read(store, f"SELECT id FROM {table} ORDER BY date_start, slug")  # noqa: S608
        assert [row[0] for row in ids] == list(range(1, count(store, table) + 1))
    # Statuses and relation steps are numbered 1..n within their owner.
    for table, owner in (
        ("participation_statuses", "participation_id"),
        ("relation_steps", "relation_id"),
    ):
        gaps = read(
            store,
            f"SELECT {owner} FROM {table} GROUP BY {owner}"  # noqa: S608 (fixed names)
            " HAVING min(seq) != 1 OR max(seq) != count(*)",
        )
        assert gaps == []
    # The build's periods are written from the generated steps: every relation and every
    # participation (each has a status) has at least one.
    for table, owner, owners in (
        ("relation_periods", "relation_id", "relations"),
        ("participation_periods", "participation_id", "participations"),
    ):
        without = read(
            store,
            f"SELECT id FROM {owners} WHERE id NOT IN"  # noqa: S608 (fixed names)
            f" (SELECT {owner} FROM {table})",
        )
        assert without == []
    # Every relation's steps are in order of their last possible day.
    unordered = read(
        store,
        "SELECT a.relation_id FROM relation_steps a JOIN relation_steps b"
        " ON a.relation_id = b.relation_id AND b.seq = a.seq + 1 WHERE b.date_end < a.date_end",
    )
    assert unordered == []


def test_the_same_scale_gives_the_same_records(generated, tmp_path):
    # bench-compare relies on it: a revision that builds its own store measures the same data.
    again = tmp_path / "again.sqlite"
    generate(1, again)
    for table in ("events", "event_sources", "participation_statuses", "relation_steps"):
        everything = f"SELECT * FROM {table} ORDER BY 1, 2"  # noqa: S608 (a fixed name)
        assert read(again, everything) == read(generated[1], everything)


@pytest.fixture
def settings(generated) -> Settings:
    return dataclasses.replace(Settings(), db=generated[2])


QUERY = """
query Generated($a: String!, $b: String!) {
  agreements(first: 2) { totalCount edges { node { slug participants(first: 1) { totalCount } } } }
  events(first: 1, order: DESC) { totalCount edges { node { slug } } }
  relations(first: 1) { totalCount }
  relation(a: $a, b: $b) { history { kind } }
  search(query: "peace", first: 1) { totalCount }
}
"""


@pytest.mark.anyio
async def test_the_api_answers_over_a_generated_store(api, generated):
    store = generated[2]
    (a, b, steps), *_ = read(
        store,
        "SELECT country_a, country_b, count(*) FROM relations JOIN relation_steps"
        " ON relation_id = id GROUP BY id ORDER BY id",
    )
    data = await api.data(QUERY, a=a, b=b)
    agreements = data["agreements"]
    assert agreements["totalCount"] == 40
    assert [edge["node"]["slug"] for edge in agreements["edges"]] == [
        "agreement-000001",
        "agreement-000002",
    ]
    # 200·N participations spread evenly: 10 per agreement.
    assert [e["node"]["participants"]["totalCount"] for e in agreements["edges"]] == [10, 10]
    assert data["events"]["totalCount"] == 2000
    assert data["events"]["edges"][0]["node"]["slug"] == "event-0002000"
    assert data["relations"]["totalCount"] == count(store, "relations")
    assert len(data["relation"]["history"]) == steps
    assert data["search"]["totalCount"] > 0
