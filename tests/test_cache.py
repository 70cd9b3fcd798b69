"""The response cache and HTTP caching: repeated queries are served from memory, GETs
revalidate with ETag/304, and a rebuilt store is never answered from a stale cache."""

import dataclasses
import hashlib
import json
import shutil

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.store.build import build_store

from .conftest import SEED
from .helpers import look_for_the_store_on_every_request
from .test_hostile_input import assert_secure

pytestmark = pytest.mark.anyio

QUERY = '{ event(slug: "netanyahu-visits-astana") { title } }'
GQL = "application/graphql-response+json"


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
    for if_none_match in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = await api.client.get(
            "/graphql", params={"query": QUERY}, headers={"if-none-match": if_none_match}
        )
        assert again.status_code == 304, if_none_match
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "public, max-age=60"
        assert "content-type" not in again.headers
        assert again.headers["x-content-type-options"] == "nosniff"  # security headers too
    stale = await api.client.get(
        "/graphql", params={"query": QUERY}, headers={"if-none-match": '"other"'}
    )
    assert stale.status_code == 200
    # A POST is never answered 304: the condition is for GETs.
    post = await api.client.post("/graphql", json={"query": QUERY}, headers={"if-none-match": etag})
    assert post.status_code == 200


async def test_errors_are_never_cached(api):
    for _ in range(2):
        response = await api.client.post(
            "/graphql", json={"query": '{ country(code: "1") { name } }'}
        )
        assert "x-cache" not in response.headers
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    on_get = await api.client.get(
        "/graphql",
        params={"query": '{ country(code: "1") { name } }'},
        headers={"if-none-match": "*"},
    )
    assert on_get.status_code == 200  # no ETag, so nothing to be "not modified"
    assert on_get.headers["cache-control"] == "no-store"
    assert "etag" not in on_get.headers


async def test_cache_control_public_for_get_answers_only(api, settings):
    get = await api.client.get("/graphql", params={"query": QUERY})
    assert get.headers["cache-control"] == f"public, max-age={settings.http_max_age}"
    post = await api.client.post("/graphql", json={"query": QUERY})
    assert post.headers["cache-control"] == "no-store"
    for response in (get, post):
        # Accept picks the media type; Origin (from CORS) whether CORS headers are sent.
        assert response.headers["vary"] == "Accept, Origin"


async def test_max_age_is_a_setting(settings):
    app = create_app(dataclasses.replace(settings, http_max_age=5))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/graphql", params={"query": QUERY})
    assert response.headers["cache-control"] == "public, max-age=5"


async def test_each_media_type_has_its_own_etag(api):
    plain = await api.client.get("/graphql", params={"query": QUERY})
    strict = await api.client.get("/graphql", params={"query": QUERY}, headers={"accept": GQL})
    assert strict.headers["content-type"] == GQL
    assert strict.headers["x-cache"] == "miss"
    assert strict.headers["etag"] != plain.headers["etag"]
    again = await api.client.get("/graphql", params={"query": QUERY}, headers={"accept": GQL})
    assert again.headers["x-cache"] == "hit"
    assert again.headers["content-type"] == GQL


async def test_cors_preflight_allows_caching_and_apollo_headers(api):
    asked = "content-type, apollographql-client-name, apollographql-client-version, if-none-match, accept"
    preflight = await api.client.options(
        "/graphql",
        headers={
            "origin": "https://newsroom.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": asked,
        },
    )
    assert preflight.status_code == 200
    allowed = {
        h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")
    }
    assert set(asked.split(", ")) <= allowed
    response = await api.client.get(
        "/graphql", params={"query": QUERY}, headers={"origin": "https://newsroom.example"}
    )
    assert response.headers["access-control-expose-headers"].lower() == "etag, retry-after"


async def test_rebuilt_store_is_picked_up_and_never_answered_stale(tmp_path, settings, monkeypatch):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    store = tmp_path / "store.sqlite"
    build_store(seed, store)
    app = create_app(dataclasses.replace(settings, db=store))
    async with LifespanManager(app) as manager:
        look_for_the_store_on_every_request(monkeypatch, app)
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


# /healthz picks up a rebuilt store by itself (a load balancer polling it sees it too).


async def test_healthz_sees_a_rebuilt_store_without_a_graphql_request(
    tmp_path, settings, monkeypatch
):
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    store = tmp_path / "store.sqlite"
    build_store(seed, store)
    app = create_app(dataclasses.replace(settings, db=store))
    async with LifespanManager(app) as manager:
        look_for_the_store_on_every_request(monkeypatch, app)
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            before = (await client.get("/healthz")).json()["contentVersion"]
            events = seed / "events.toml"
            events.write_text(events.read_text().replace('title = "', 'title = "New: ', 1))
            with_change = build_store(seed, store).content_version
            response = await client.get("/healthz")
    assert response.json() == {"status": "ok", "contentVersion": with_change}
    assert with_change != before
    assert_secure(response)


# Apollo's automatic persisted queries.


def persisted(query: str | None = None, digest: str | None = None) -> dict:
    digest = digest or hashlib.sha256(query.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


async def test_unknown_hash_asks_for_the_query(api):
    extensions = persisted(QUERY)
    response = await api.client.post("/graphql", json={"extensions": extensions})
    assert response.status_code == 200
    assert response.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert response.headers["cache-control"] == "no-store"
    # graphql-response+json needs a 4xx when there is no data.
    strict = await api.client.post(
        "/graphql", json={"extensions": extensions}, headers={"accept": GQL}
    )
    assert strict.status_code == 404
    assert strict.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_registered_query_is_answered_by_hash_over_get_and_post(api):
    extensions = persisted(QUERY)
    register = await api.client.post("/graphql", json={"query": QUERY, "extensions": extensions})
    expected = register.json()["data"]
    assert expected["event"]["title"]
    by_get = await api.client.get("/graphql", params={"extensions": json.dumps(extensions)})
    assert by_get.status_code == 200
    assert by_get.json()["data"] == expected
    assert by_get.headers["cache-control"] == "public, max-age=60"
    by_post = await api.client.post("/graphql", json={"extensions": extensions})
    assert by_post.json()["data"] == expected
    # A GET may register too (query and hash in the URL).
    other = '{ country(code: "KZ") { name } }'
    params = {"query": other, "extensions": json.dumps(persisted(other))}
    assert (await api.client.get("/graphql", params=params)).status_code == 200
    again = await api.client.get("/graphql", params={"extensions": params["extensions"]})
    assert again.json()["data"] == {"country": {"name": "Kazakhstan"}}


async def test_hash_must_match_the_query(api):
    wrong = persisted(digest=hashlib.sha256(b"something else").hexdigest())
    response = await api.client.post("/graphql", json={"query": QUERY, "extensions": wrong})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert "sha256Hash does not match the query" in error["message"]
    # ... and nothing was stored under it.
    lookup = await api.client.post("/graphql", json={"extensions": wrong})
    assert lookup.json()["errors"][0]["message"] == "PersistedQueryNotFound"


@pytest.mark.parametrize(
    "persisted_query",
    [
        {"version": 2, "sha256Hash": "0" * 64},
        {"version": 1, "sha256Hash": "abc"},
        {"version": 1},
        "yes",
    ],
)
async def test_malformed_persisted_query_is_a_400(api, persisted_query):
    response = await api.client.post(
        "/graphql", json={"extensions": {"persistedQuery": persisted_query}}
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert "extensions.persistedQuery" in error["message"]


async def test_persisted_queries_are_bounded(settings):
    app = create_app(dataclasses.replace(settings, persisted_queries=2))
    queries = [f'{{ country(code: "{code}") {{ name }} }}' for code in ("KZ", "IL", "EG")]
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for query in queries:
                await client.post("/graphql", json={"query": query, "extensions": persisted(query)})
            found = [
                "data" in (await client.post("/graphql", json={"extensions": persisted(q)})).json()
                for q in queries
            ]
    assert found == [False, True, True]  # the least recently used went first


async def test_the_answer_cache_is_keyed_by_the_day(api, monkeypatch):
    """A relation's state with no date is as of today: a cached answer from yesterday
    must not be served today (nor its ETag match)."""
    import datetime as _dt

    from server.api.context import Context

    query = {"query": '{ relation(a: "IL", b: "KZ") { state } }'}
    first = await api.client.get("/graphql", params=query)
    again = await api.client.get("/graphql", params=query)
    assert again.headers["x-cache"] == "hit"
    tomorrow = Context.today() + _dt.timedelta(days=1)
    monkeypatch.setattr(Context, "today", staticmethod(lambda: tomorrow))
    next_day = await api.client.get("/graphql", params=query)
    assert next_day.headers["x-cache"] == "miss"
    assert next_day.headers["etag"] != first.headers["etag"]
