"""/download/…: the served store as a file, the CSV zip with its data dictionary, and
Datasette metadata — all described by server/files/data_dictionary.py."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import sqlite3
import subprocess
import zipfile

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.files import data_dictionary
from server.store.build import build_store

from .conftest import SEED
from .helpers import record

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

COUNTS = """{ record { contentVersion }
  countries(first: 1) { totalCount } events(first: 1) { totalCount }
  agreements(first: 1) { totalCount } relations(first: 1) { totalCount } }"""


async def _store(api, tmp_path):
    response = await api.client.get("/download/accordline.sqlite")
    assert response.status_code == 200
    path = tmp_path / "download.sqlite"
    path.write_bytes(response.content)
    return response, path


def _tables(connection: sqlite3.Connection) -> dict[str, list[str]]:
    names = [
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {
        name: [column[1] for column in connection.execute(f'PRAGMA table_info("{name}")')]
        for name in names
        if not data_dictionary.is_internal(name)
    }


async def test_the_store_downloads_named_by_its_version_and_holds_the_apis_counts(api, tmp_path):
    data = await api.data(COUNTS)
    version = data["record"]["contentVersion"]
    response, path = await _store(api, tmp_path)
    assert response.headers["content-type"] == "application/vnd.sqlite3"
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="accordline-{version}.sqlite"'
    )
    assert response.headers["etag"] == f'"{version}"'
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = lambda table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        for table in ("countries", "events", "agreements", "relations"):
            assert count(table) == data[table]["totalCount"], table
        seed, _ = record()
        assert count("sources") == len(seed.sources)  # the API lists sources only per fact
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        assert meta["content_version"] == version
    finally:
        connection.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 command on PATH")
async def test_the_sqlite3_command_opens_the_download(api, tmp_path):
    data = await api.data(COUNTS)
    _, path = await _store(api, tmp_path)
    answer = subprocess.run(
        ["sqlite3", str(path), "select count(*) from events"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert int(answer.stdout) == data["events"]["totalCount"]


async def test_the_store_revalidates_and_answers_head_and_its_versioned_name(api):
    version = (await api.data(COUNTS))["record"]["contentVersion"]
    stable = await api.client.get("/download/accordline.sqlite")
    again = await api.client.get(
        "/download/accordline.sqlite", headers={"if-none-match": f'"{version}"'}
    )
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == f'"{version}"'
    head = await api.client.head("/download/accordline.sqlite")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(stable.content))
    versioned = await api.client.get(f"/download/accordline-{version}.sqlite")
    assert versioned.content == stable.content
    old = await api.client.get("/download/accordline-0123456789abcdef.sqlite")
    assert old.status_code == 404
    [error] = old.json()["errors"]
    assert f"accordline-{version}.sqlite" in error["message"]  # names the current file
    assert "frame-ancestors 'none'" in old.headers["content-security-policy"]


async def test_the_data_dictionary_describes_every_table_and_column_of_the_store(api, tmp_path):
    _, path = await _store(api, tmp_path)
    connection = sqlite3.connect(path)
    try:
        tables = _tables(connection)
    finally:
        connection.close()
    described = {table.name: list(table.columns) for table in data_dictionary.TABLES}
    undescribed = {
        name: [c for c in columns if c not in described.get(name, [])]
        for name, columns in tables.items()
        if [c for c in columns if c not in described.get(name, [])]
    }
    assert not undescribed, f"add these to server/files/data_dictionary.py: {undescribed}"
    stale = {
        name: [c for c in cols if c not in tables.get(name, [])] for name, cols in described.items()
    }
    assert not {k: v for k, v in stale.items() if v}, "described but not in the store"
    assert all(text.strip() for table in data_dictionary.TABLES for text in table.columns.values())


async def test_the_zip_has_one_csv_per_table_with_its_rows_and_the_dictionary(api, tmp_path):
    version = (await api.data(COUNTS))["record"]["contentVersion"]
    response = await api.client.get("/download/accordline-csv.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="accordline-csv-{version}.zip"'
    )
    again = await api.client.get(
        "/download/accordline-csv.zip", headers={"if-none-match": response.headers["etag"]}
    )
    assert again.status_code == 304
    _, path = await _store(api, tmp_path)
    connection = sqlite3.connect(path)
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    try:
        names = set(archive.namelist())
        assert names == {f"{t.name}.csv" for t in data_dictionary.TABLES} | {"data-dictionary.md"}
        for table in data_dictionary.TABLES:
            rows = list(
                csv.reader(io.StringIO(archive.read(f"{table.name}.csv").decode(), newline=""))
            )
            header, body = rows[0], rows[1:]
            assert set(header) == set(table.columns), table.name
            stored = connection.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            assert len(body) == stored, table.name
        dictionary = archive.read("data-dictionary.md").decode()
        assert version in dictionary
        assert all(f"## {t.name}.csv" in dictionary for t in data_dictionary.TABLES)
    finally:
        connection.close()


async def test_datasette_metadata_describes_every_table(api):
    version = (await api.data(COUNTS))["record"]["contentVersion"]
    response = await api.client.get("/download/metadata.json")
    assert response.status_code == 200
    metadata = response.json()
    assert metadata["title"] == "accordline"
    assert (
        metadata["license"] and metadata["source"] and metadata["source_url"] == "http://test/about"
    )
    assert set(metadata["databases"]) == {"accordline", f"accordline-{version}"}
    for database in metadata["databases"].values():
        tables = database["tables"]
        assert set(tables) == {t.name for t in data_dictionary.TABLES}
        for table in data_dictionary.TABLES:
            assert tables[table.name]["title"] and tables[table.name]["description"]
            assert tables[table.name]["columns"] == table.columns


async def test_unknown_downloads_and_methods_are_refused_in_words(api):
    response = await api.client.get("/download/everything.tar")
    assert response.status_code == 404
    assert "/download/accordline.sqlite" in response.json()["errors"][0]["message"]
    response = await api.client.delete("/download/accordline.sqlite")
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_a_rebuilt_store_is_downloaded_whole_under_its_new_version(settings, tmp_path):
    """A rebuild renames a new file over the served one: the next download is a snapshot
    of the new build, named by the version read from that same file."""
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    store = tmp_path / "store" / "accordline.sqlite"
    first = build_store(seed, store).content_version
    app = create_app(dataclasses.replace(settings, db=store))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            before = await client.get("/download/accordline.sqlite")
            assert before.headers["etag"] == f'"{first}"'
            events = seed / "events.toml"
            events.write_text(
                events.read_text(encoding="utf-8").replace(
                    "title = \"Kazakhstan's foreign ministry confirms",
                    "title = \"Kazakhstan's foreign ministry (rebuilt) confirms",
                ),
                encoding="utf-8",
            )
            second = build_store(seed, store).content_version
            assert second != first
            after = await client.get("/download/accordline.sqlite")
            assert after.headers["etag"] == f'"{second}"'
            assert f"accordline-{second}.sqlite" in after.headers["content-disposition"]
            downloaded = tmp_path / "after.sqlite"
            downloaded.write_bytes(after.content)
            connection = sqlite3.connect(downloaded)
            try:
                meta = dict(connection.execute("SELECT key, value FROM meta"))
                titles = [row[0] for row in connection.execute("SELECT title FROM events")]
            finally:
                connection.close()
            assert meta["content_version"] == second
            assert any("(rebuilt)" in title for title in titles)
            old = await client.get(f"/download/accordline-{first}.sqlite")
            assert old.status_code == 404
            files = sorted(path.name for path in (store.parent / "downloads").iterdir())
            assert files == [f"accordline-{second}.sqlite"]  # the old version's file is gone
