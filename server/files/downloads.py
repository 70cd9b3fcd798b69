"""/download/…: the whole record, as the SQLite store itself, as CSV files, and as
Datasette metadata.

- ``/download/accordline.sqlite`` (stable) and ``/download/accordline-<version>.sqlite``:
  the store, named ``accordline-<version>.sqlite``; its ETag is the content version.
- ``/download/accordline-csv.zip``: one CSV per table the data dictionary describes, plus
  ``data-dictionary.md``.
- ``/download/metadata.json``: Datasette metadata written from the same dictionary.

What is served is a snapshot, never the live path. The build writes a new store into a
temporary file and renames it over the old one, so the file at the path is always a
complete store, and an open handle keeps reading the build it opened even if a rebuild
lands meanwhile. A snapshot is made from one such handle with SQLite's backup API, and
named by the content version read from that same handle, so its name and its content
always agree; it is made once per version into ``<store dir>/downloads/`` (written to a
temporary name, then renamed), and the zip is made from the snapshot. Older versions'
files are removed when a new version's are made.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import os
import re
import sqlite3
import uuid
import zipfile
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import aiosqlite
import orjson
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

from server.files import data_dictionary
from server.files.exports.csv_format import write_rows
from server.http.errors import METHOD_NOT_ALLOWED, error_body, error_response
from server.http.etags import etag_matches
from server.store import queries
from server.urls import Urls, paths

SQLITE_MEDIA_TYPE = "application/vnd.sqlite3"
_VERSIONED = re.compile(r"accordline-([0-9a-f]{1,64})\.sqlite")
_VERSIONED_ZIP = re.compile(r"accordline-csv-([0-9a-f]{1,64})\.zip")
NOT_FOUND = "NOT_FOUND"


class Snapshot:
    """One version of the store as files to download."""

    def __init__(self, path: Path, meta: dict, identity: tuple | None = None):
        self.path = path
        self.meta = meta
        self.identity = identity  # the store file it was made from (inode, size, mtime)

    @property
    def version(self) -> str:
        return self.meta["content_version"]

    @property
    def filename(self) -> str:
        return f"accordline-{self.version}.sqlite"

    @property
    def zip_path(self) -> Path:
        return self.path.with_name(f"accordline-csv-{self.version}.zip")


class Downloads:
    """The ASGI endpoint for /download/{name}."""

    def __init__(self, store: Path, max_age: int):
        self.store = Path(store)
        self.directory = self.store.parent / "downloads"
        self.cache_control = f"public, max-age={max_age}"
        self._lock = asyncio.Lock()
        self._snapshot: Snapshot | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if request.method not in ("GET", "HEAD"):
            body = error_body(
                f"{request.method} is not supported here: use GET", METHOD_NOT_ALLOWED
            )
            response = error_response(405, body, {"allow": "GET, HEAD"})
        else:
            response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        name = request.path_params["name"]
        snapshot = await self.snapshot()
        wanted = _VERSIONED.fullmatch(name) or _VERSIONED_ZIP.fullmatch(name)
        if name in ("accordline.sqlite", "accordline-csv.zip") or wanted:
            if wanted and wanted[1] != snapshot.version:
                current = "accordline-csv" if name.endswith(".zip") else "accordline"
                suffix = ".zip" if name.endswith(".zip") else ".sqlite"
                return _not_found(
                    f'"{name}" is not served: it is not the current version of the record. '
                    f"The current file is {current}-{snapshot.version}{suffix}, always at "
                    f"{paths.download(current + suffix)}."
                )
            if name.endswith(".zip"):
                path = await self.zip(snapshot)
                etag = f'"csv-{snapshot.version}"'
                return self._file(request, path, path.name, "application/zip", etag)
            return self._file(
                request,
                snapshot.path,
                snapshot.filename,
                SQLITE_MEDIA_TYPE,
                f'"{snapshot.version}"',
            )
        if name == "metadata.json":
            return self._metadata(request, snapshot)
        stable = [paths.download(n) for n in ("accordline.sqlite", "accordline-csv.zip")]
        return _not_found(
            f"Nothing is published at {paths.download(name[:80])}. The downloads are "
            f"{stable[0]}, {stable[1]} and {paths.download('metadata.json')}."
        )

    def _file(self, request: Request, path: Path, filename: str, media_type: str, etag: str):
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(
                status_code=304, headers={"etag": etag, "cache-control": self.cache_control}
            )
        return FileResponse(
            path,
            media_type=media_type,
            filename=filename,
            headers={"etag": etag, "cache-control": self.cache_control},
        )

    def _metadata(self, request: Request, snapshot: Snapshot) -> Response:
        # Datasette names a database after its file: the versioned name is what the
        # download is saved as; "accordline" covers a file renamed to accordline.sqlite.
        names = ["accordline", snapshot.filename.removesuffix(".sqlite")]
        site = Urls.of(request)
        metadata = data_dictionary.datasette_metadata(names, site.about())
        digest = hashlib.sha256(f"{snapshot.version} {site.site}".encode()).hexdigest()
        etag = f'"{digest[:24]}"'
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(
                status_code=304, headers={"etag": etag, "cache-control": self.cache_control}
            )
        return Response(
            orjson.dumps(metadata, option=orjson.OPT_INDENT_2),
            media_type="application/json",
            headers={
                "etag": etag,
                "cache-control": self.cache_control,
                "content-disposition": 'attachment; filename="metadata.json"',
            },
        )

    async def snapshot(self) -> Snapshot:
        """The snapshot of the store now at the path, made if this version has none yet."""
        current = self._snapshot
        if (
            current is not None
            and current.identity == _identity(self.store)
            and current.path.exists()
        ):
            return current
        async with self._lock:
            self._snapshot = await self._make_snapshot(_identity(self.store))
            return self._snapshot

    async def _make_snapshot(self, identity) -> Snapshot:
        self.directory.mkdir(parents=True, exist_ok=True)
        uri = f"file:{quote(str(self.store.resolve()))}?mode=ro&immutable=1"
        async with aiosqlite.connect(uri, uri=True) as source:
            _, meta, _ = await queries.reference_data(source)  # from the handle we copy
            path = self.directory / f"accordline-{meta['content_version']}.sqlite"
            if not path.exists():
                temporary = self.directory / f".{path.name}.{uuid.uuid4().hex}.partial"
                target = sqlite3.connect(temporary, check_same_thread=False)
                try:
                    await source.backup(target)
                finally:
                    target.close()
                os.replace(temporary, path)
        snapshot = Snapshot(path, meta, identity)
        self._remove_other_versions(snapshot.version)
        return snapshot

    async def zip(self, snapshot: Snapshot) -> Path:
        """The CSV zip of a snapshot (made once per version)."""
        if not snapshot.zip_path.exists():
            async with self._lock:
                if not snapshot.zip_path.exists():
                    await asyncio.to_thread(_write_zip, snapshot)
        return snapshot.zip_path

    def _remove_other_versions(self, version: str) -> None:
        for leftover in self.directory.iterdir():
            if version not in leftover.name:
                leftover.unlink(missing_ok=True)


def _write_zip(snapshot: Snapshot) -> None:
    """One CSV per described table, and data-dictionary.md; every entry dated when the
    store was built, so one version always gives the same bytes."""
    built = datetime.fromisoformat(snapshot.meta["built_at"].replace("Z", "+00:00"))
    stamp = built.timetuple()[:6]
    temporary = snapshot.zip_path.with_name(f".{snapshot.zip_path.name}.{uuid.uuid4().hex}.partial")
    connection = sqlite3.connect(f"file:{quote(str(snapshot.path))}?mode=ro", uri=True)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in data_dictionary.TABLES:
                entry = zipfile.ZipInfo(f"{table.name}.csv", stamp)
                archive.writestr(entry, _table_csv(connection, table.name), zipfile.ZIP_DEFLATED)
            dictionary = data_dictionary.markdown(snapshot.version, snapshot.meta["record_updated"])
            entry = zipfile.ZipInfo("data-dictionary.md", stamp)
            archive.writestr(entry, dictionary, zipfile.ZIP_DEFLATED)
    finally:
        connection.close()
    os.replace(temporary, snapshot.zip_path)


def _table_csv(connection: sqlite3.Connection, table: str) -> str:
    # The table name comes from the data dictionary (a fixed list), never from a request;
    # it is quoted as an identifier all the same.
    identifier = '"' + table.replace('"', '""') + '"'
    # A full scan reads a table in key order (rowid, or the primary key of a WITHOUT
    # ROWID table), so the file is stable for a version.
    cursor = connection.execute(f"SELECT * FROM {identifier}")  # noqa: S608
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column[0] for column in cursor.description)
    write_rows(writer, cursor)  # text that could start a formula gets a leading '
    return buffer.getvalue()


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _not_found(message: str) -> Response:
    return error_response(404, error_body(message, NOT_FOUND))
