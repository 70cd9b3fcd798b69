"""The read side of the store: one object owns the connections and offers few verbs.

Connection strategy: aiosqlite gives every connection its own thread and serialises the
calls on it, so one connection would serialise every request. We open a small fixed set
of read-only connections (about one per core; sqlite3 releases the GIL while SQLite
works) and hand them out through an asyncio.Queue. The file is opened ``immutable``:
it is never written once built, and a rebuild replaces it with a new file, which
``refresh()`` notices and swaps in without a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import aiosqlite
from graphql import GraphQLError

from server.model.countries import CountryIndex
from server.store import queries
from server.store.schema import SCHEMA_VERSION

# When the current request must stop (time.monotonic()); set by the HTTP view, checked
# by SQLite's progress handler, before each statement, and between execution levels.
request_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "request_deadline", default=None
)

# How often (in SQLite virtual machine steps) a running statement checks the deadline.
PROGRESS_STEPS = 10_000


class QueryTimeout(GraphQLError):
    """A request used up its time budget (SQL and execution alike)."""

    def __init__(self):
        super().__init__(
            "the query took longer than this server allows; narrow the filter or ask for "
            "fewer items",
            extensions={"code": "QUERY_TIMEOUT"},
        )


class StoreUnavailable(Exception):
    """The database file cannot be served; the message says why and what to do."""


@dataclass(frozen=True)
class _Generation:
    """One opened build of the store: its connections and what identifies it."""

    pool: asyncio.Queue
    connections: tuple[aiosqlite.Connection, ...]
    identity: tuple[int, int, int]
    content_version: str
    meta: dict  # the store's meta table: record_updated, built_at, …
    countries: dict  # code → row: few, and fixed for a build
    memo: dict  # immutable objects derived from this build's rows, shared by requests


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class Database:
    def __init__(self, path: Path, readers: int = 2):
        self.path = Path(path)
        self.readers = readers
        self.statements = 0  # SQL statements run; tests use it to prove batching
        self._generation: _Generation | None = None
        self._swap_lock = asyncio.Lock()
        self._checked_at = time.monotonic()
        self._deadlines: dict[int, float | None] = {}
        self._retiring: set[asyncio.Task] = set()  # swapped-out builds, closing

    async def open(self) -> None:
        self._generation = await self._open_generation()

    async def close(self) -> None:
        # Builds swapped out and still draining are let finish closing (no request is
        # left to hold a connection), not left to the garbage collector.
        if self._retiring:
            await asyncio.wait(list(self._retiring), timeout=5)
        if self._generation is not None:
            await _close_all(self._generation.connections)
            self._generation = None

    @property
    def content_version(self) -> str:
        return self._generation.content_version

    @property
    def meta(self) -> dict:
        """The store's meta table (content_version, record_updated, built_at)."""
        return self._generation.meta

    @property
    def memo(self) -> dict:
        """A cache for immutable objects built from this store's rows (dropped with it)."""
        return self._generation.memo

    def country_row(self, code: str) -> sqlite3.Row | None:
        """The countries row for an alpha-2 code, or None (from memory: no SQL)."""
        return self._generation.countries.get(code)

    async def groups(self) -> list[sqlite3.Row]:
        """Every group's row (read once per store: there are two)."""
        memo = self.memo
        if "groups" not in memo:
            memo["groups"] = await queries.all_groups(self)
        return memo["groups"]

    def country_for(self, text: str) -> str | None:
        """The alpha-2 code for what someone typed to name a country (a code in any case,
        a name, an official name, an alias; see model/countries.py), or None."""
        if text in self._generation.countries:
            return text  # an alpha-2 code as written: the common case, one lookup
        return self.country_names.resolve(text)

    @property
    def country_names(self) -> CountryIndex:
        """This store's countries by every name they go by, folded once per build."""
        index = self.memo.get("country_names")
        if index is None:
            index = self.memo["country_names"] = CountryIndex(
                (row["code"], row["alpha3"], (row["name"], row["official_name"]))
                for row in self._generation.countries.values()
            )
        return index

    async def refresh_if_due(self, interval: float = 1.0) -> None:
        """Look for a rebuilt store at most once per ``interval`` seconds."""
        now = time.monotonic()
        if now - self._checked_at >= interval:
            self._checked_at = now
            await self.refresh()

    async def refresh(self) -> bool:
        """Swap in a rebuilt store if the file was replaced; True when it swapped."""
        try:
            identity = _identity(self.path)
        except OSError:
            return False  # keep serving the build we have rather than failing requests
        if self._generation is None or identity == self._generation.identity:
            return False
        async with self._swap_lock:
            old = self._generation
            if identity == old.identity:
                return False
            self._generation = await self._open_generation()
        # Requests already holding an old connection finish on it; close the rest later.
        task = asyncio.get_running_loop().create_task(_drain_and_close(old))
        self._retiring.add(task)
        task.add_done_callback(self._retiring.discard)
        return True

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[aiosqlite.Connection]:
        generation = self._generation
        connection = await generation.pool.get()
        try:
            yield connection
        finally:
            generation.pool.put_nowait(connection)

    async def execute(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        """Run one read statement and return all its rows, within the request's budget."""
        self.statements += 1
        deadline = request_deadline.get()
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout()  # out of time already: start nothing more
        async with self.connection() as connection:
            # The progress handler runs on the connection's thread and reads this; the
            # connection is ours alone until it goes back to the pool.
            self._deadlines[id(connection)] = deadline
            try:
                return list(await connection.execute_fetchall(sql, tuple(params)))
            except sqlite3.OperationalError as error:
                if str(error) == "interrupted":
                    raise QueryTimeout() from None
                raise
            finally:
                self._deadlines[id(connection)] = None

    def _progress_handler(self, key: int):
        deadlines = self._deadlines

        def over_budget() -> int:
            deadline = deadlines.get(key)
            return 1 if deadline is not None and time.monotonic() > deadline else 0

        return over_budget

    async def _open_generation(self) -> _Generation:
        if not self.path.exists():
            raise StoreUnavailable(
                f"database {self.path} does not exist: build it with `make db` "
                "(python -m server build-db)"
            )
        if not os.access(self.path, os.R_OK):
            raise StoreUnavailable(f"database {self.path} is not readable by this user")
        identity = _identity(self.path)
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro&immutable=1"
        connections: list[aiosqlite.Connection] = []
        try:
            for _ in range(self.readers):
                connection = await aiosqlite.connect(uri, uri=True, check_same_thread=False)
                connections.append(connection)
                connection.row_factory = sqlite3.Row
                await connection.execute("PRAGMA query_only = 1")
                await connection.set_progress_handler(
                    self._progress_handler(id(connection)), PROGRESS_STEPS
                )
            version, meta, countries = await queries.reference_data(connections[0])
            if version != SCHEMA_VERSION:
                raise StoreUnavailable(
                    f"database {self.path} has schema version {version}, this server needs "
                    f"{SCHEMA_VERSION}: rebuild it with `make db`"
                )
        except sqlite3.DatabaseError as error:
            await _close_all(connections)
            raise StoreUnavailable(
                f"database {self.path} cannot be read ({error}): rebuild it with `make db`"
            ) from None
        except BaseException:
            await _close_all(connections)
            raise
        pool: asyncio.Queue = asyncio.Queue()
        for connection in connections:
            pool.put_nowait(connection)
        return _Generation(
            pool=pool,
            connections=tuple(connections),
            identity=identity,
            content_version=meta.get("content_version", ""),
            meta=meta,
            countries={row["code"]: row for row in countries},
            memo={},
        )


async def _close_all(connections: Iterable[aiosqlite.Connection]) -> None:
    for connection in connections:
        with contextlib.suppress(Exception):
            await connection.close()


async def _drain_and_close(generation: _Generation) -> None:
    # Every connection is back in the pool once no request is using it.
    for _ in generation.connections:
        await generation.pool.get()
    await _close_all(generation.connections)
