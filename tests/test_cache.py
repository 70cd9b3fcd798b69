"""The response cache and HTTP caching: repeated queries are served from memory, GETs
revalidate with ETag/304, and a rebuilt store is never answered from a stale cache."""

import asyncio
import dataclasses
import shutil

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.build import build_store

from .conftest import SEED

pytestmark = pytest.mark.anyio

QUERY = '{ event(slug: "netanyahu-visits-astana") { title } }'


async def test_repeated_query_is_served_from_the_cache(api):
    first = await api.client.post("/graphql", json={"query": QUERY})
    statements = api.db.statements
    second = await api.client.post("/graphql", json={"query": QUERY})
    assert first.headers["x-cache"] == "miss"
    assert second.headers["x-cache"] == "hit"
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"].startswith("application/json")
    assert api.db.statements == statements  # no SQL for a hit


async def test_variables_and_operation_are_part_of_the_key(api):
    query = "query($c: String!) { country(code: $c) { name } }"
    kz = await api.client.post("/graphql", json={"query": query, "variables": {"c": "KZ"}})
    il = await api.client.post("/graphql", json={"query": query, "variables": {"c": "IL"}})
    assert il.headers["x-cache"] == "miss"
    assert kz.json()["data"]["country"]["name"] == "Kazakhstan"
    assert il.json()["data"]["country"]["name"] == "Israel"


async def test_get_revalidates_with_etag(api):
    first = await api.client.get("/graphql", params={"query": QUERY})
    etag = first.headers["etag"]
    again = await api.client.get(
        "/graphql", params={"query": QUERY}, headers={"if-none-match": etag}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag


async def test_errors_are_never_cached(api):
    for _ in range(2):
        response = await api.client.post(
            "/graphql", json={"query": '{ country(code: "1") { name } }'}
        )
        assert "x-cache" not in response.headers
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_rebuilt_store_is_picked_up_and_never_answered_stale(tmp_path, settings):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    store = tmp_path / "store.sqlite"
    build_store(seed, store)
    app = create_app(dataclasses.replace(settings, db=store))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            before = await client.get("/graphql", params={"query": QUERY})
            assert (await client.get("/graphql", params={"query": QUERY})).headers[
                "x-cache"
            ] == "hit"
            old_title = before.json()["data"]["event"]["title"]
            old_version = (await client.get("/healthz")).json()["contentVersion"]

            events = seed / "events.toml"
            events.write_text(events.read_text().replace(old_title, "A corrected headline"))
            build_store(seed, store)
            await asyncio.sleep(1.1)  # the server looks for a new store at most once a second

            after = await client.get(
                "/graphql",
                params={"query": QUERY},
                headers={"if-none-match": before.headers["etag"]},
            )
            assert after.status_code == 200
            assert after.json()["data"]["event"]["title"] == "A corrected headline"
            assert after.headers["x-cache"] == "miss"
            assert after.headers["etag"] != before.headers["etag"]
            new_version = (await client.get("/healthz")).json()["contentVersion"]
            assert new_version != old_version
