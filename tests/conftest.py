"""Fixtures: a store built from the real seed once per session, and an app per test
driven in-process through httpx (with its lifespan run, which ASGITransport skips)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.build import build_store
from server.settings import ROOT, Settings

SEED = ROOT / "seed"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "accordline.sqlite"
    build_store(SEED, path)
    return path


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def settings(seed_store) -> Settings:
    return dataclasses.replace(Settings(), db=seed_store)


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
            assert _without_request_ids(plain.json()) == _without_request_ids(response.json())
        return response.json()

    async def data(self, query: str, **variables) -> dict:
        body = await self(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error(self, query: str, **variables) -> dict:
        body = await self(query, **variables)
        assert len(body.get("errors", [])) == 1, body
        return body["errors"][0]


def _without_request_ids(body: dict) -> dict:
    for error in body.get("errors", []):
        error.get("extensions", {}).pop("requestId", None)
    return body


@pytest.fixture
async def api(settings):
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
