"""Fixtures: a store built from the real seed once per session, and a pair of apps (fast
path on and off) driven in-process through httpx, with their lifespan run (which
ASGITransport skips).

The store is immutable, so tests that only read share one pair for the whole run (under
pytest-xdist, one per worker): a module says so with ``pytestmark = pytest.mark.shared_apps``.
Every other test, and any test whose ``settings`` differ from the defaults, gets a pair of
its own (``@pytest.mark.own_apps`` asks for one inside a shared module)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import shutil
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.settings import ROOT, Settings
from server.store.build import build_store

SEED = ROOT / "seed"


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A copy of seed/ a test may break."""
    target = tmp_path / "seed"
    shutil.copytree(SEED, target)
    return target


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "accordline.sqlite"
    build_store(SEED, path)
    return path


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "shared_apps: the module's tests only read; their `api` is the run's shared pair"
    )
    config.addinivalue_line("markers", "own_apps: this test needs a fresh `api` pair of its own")


# Session-wide, so the shared apps (and their SQLite connections) live on one event loop.
@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
def default_settings(seed_store) -> Settings:
    return dataclasses.replace(Settings(), db=seed_store)


@pytest.fixture
def settings(default_settings) -> Settings:
    return default_settings


class Api:
    """A GraphQL client for tests: ``await api(query, **variables)`` → the JSON body.

    With a ``plain`` client beside it (an app with the fast path off), every query is
    also run through plain Strawberry execution and the two answers must be identical:
    that is how the whole suite proves the fast path exact.
    """

    def __init__(
        self, client: httpx.AsyncClient, app, plain: httpx.AsyncClient | None = None, plain_app=None
    ):
        self.client = client
        self.app = app
        self.plain = plain
        self.plain_app = plain_app
        # Reasons the fast path may decline for in this test; any other decline fails
        # it (a regression would otherwise cost speed silently). An answer with errors
        # may always decline for "error in execution": partial data is Strawberry's job.
        self.expected_declines: set[str] = set()

    @property
    def fast(self):
        return self.app.state.schema.fast_executor

    @property
    def db(self):
        return self.app.state.db

    async def refresh(self) -> bool:
        """Make both apps swap in a rebuilt store now; True when it was swapped."""
        swapped = await self.db.refresh()
        if self.plain_app is not None:
            await self.plain_app.state.db.refresh()
        return swapped

    async def __call__(self, query: str, **variables) -> dict:
        request = {"query": query, "variables": variables}
        declines = Counter(self.fast.declines)
        response = await self.client.post("/graphql", json=request)
        assert response.status_code == 200, response.text
        allowed = set(self.expected_declines)
        if "errors" in response.json():
            allowed.add("error in execution")
        unexpected = set(self.fast.declines - declines) - allowed
        assert not unexpected, f"the fast path declined {query!r}: {unexpected}"
        if self.plain is not None:
            plain = await self.plain.post("/graphql", json=request)
            assert plain.status_code == response.status_code, plain.text
            # Byte for byte, keys in order (only the request ids differ).
            assert _without_request_ids(plain) == _without_request_ids(response)
        return response.json()

    async def faulty(self, query: str, **variables) -> dict:
        """Run ``query`` while a fault is injected (tests/fault_injection.py). Both
        executors must answer it identically and GraphQL's way — HTTP 200 with ``data``,
        each fault a masked error with its path and locations — and the fast path must
        answer it itself: a fault is not a reason to run a request twice."""
        answered, declined = self.fast.answered, self.fast.declined
        # A comment at the end: not the text of an answer cached before the fault.
        body = await self(f"{query}\n# a fault is injected", **variables)
        assert (self.fast.answered, self.fast.declined) == (answered + 1, declined), body
        assert "data" in body, body
        faults = [e for e in body["errors"] if e["extensions"]["code"] == "INTERNAL_SERVER_ERROR"]
        assert faults, body
        for error in faults:
            assert error["message"] == "Internal server error", error
            assert error["path"] and error["locations"], error
            assert "injected" not in str(error)
        return body

    async def data(self, query: str, **variables) -> dict:
        body = await self(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error(self, query: str, **variables) -> dict:
        body = await self(query, **variables)
        assert len(body.get("errors", [])) == 1, body
        return body["errors"][0]


def _without_request_ids(response: httpx.Response) -> str:
    body = response.json()
    for error in body.get("errors", []):
        error.get("extensions", {}).pop("requestId", None)
    return json.dumps(body, ensure_ascii=False)


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[Api]:
    """Both apps over ``settings`` (the plain one with the fast path off), running."""
    app = create_app(settings)
    plain_app = create_app(dataclasses.replace(settings, fast_path=False))
    async with LifespanManager(app) as manager, LifespanManager(plain_app) as plain_manager:
        transport = httpx.ASGITransport(app=manager.app)
        plain_transport = httpx.ASGITransport(app=plain_manager.app)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
            httpx.AsyncClient(transport=plain_transport, base_url="http://test") as plain,
        ):
            yield Api(client, app, plain, plain_app)


@pytest.fixture(scope="session")
async def shared_apps(default_settings) -> AsyncIterator[Api]:
    """The run's pair over the seed store, for the tests that only read."""
    async with serving(default_settings) as api:
        yield api


@pytest.fixture
async def api(request, settings, default_settings, shared_apps) -> AsyncIterator[Api]:
    if (
        request.node.get_closest_marker("shared_apps")
        and not request.node.get_closest_marker("own_apps")
        and settings == default_settings
    ):
        version = shared_apps.db.content_version
        # A fresh client object (its own expected declines) over the shared apps.
        yield Api(shared_apps.client, shared_apps.app, shared_apps.plain, shared_apps.plain_app)
        assert shared_apps.db.content_version == version, "swapped the shared store: own_apps"
        return
    async with serving(settings) as api:
        yield api
