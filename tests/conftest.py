"""Fixtures: a store built from the real seed once per session, and an app per test
driven in-process through httpx (with its lifespan run, which ASGITransport skips)."""

from __future__ import annotations

import dataclasses
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
    """A GraphQL client for tests: ``await api(query, **variables)`` → the JSON body."""

    def __init__(self, client: httpx.AsyncClient, app):
        self.client = client
        self.app = app

    @property
    def db(self):
        return self.app.state.db

    async def __call__(self, query: str, **variables) -> dict:
        response = await self.client.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, **variables) -> dict:
        body = await self(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error(self, query: str, **variables) -> dict:
        body = await self(query, **variables)
        assert len(body.get("errors", [])) == 1, body
        return body["errors"][0]


@pytest.fixture
async def api(settings):
    app = create_app(settings)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client, app)
