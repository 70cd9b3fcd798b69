"""Query limits: each refusal names the limit and the value, with extensions.code."""

import dataclasses

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server import db as db_module
from server.app import create_app

from .conftest import Api

pytestmark = pytest.mark.anyio

NESTED = """query($outer: Int, $inner: Int) { countries(first: $outer) { edges { node {
  events(first: $inner) { totalCount } } } } }"""


async def test_accepted_query_reports_its_cost(api):
    body = await api(NESTED, outer=10, inner=5)
    assert "errors" not in body
    assert body["extensions"]["cost"] == {"requestedNodes": 10 + 10 * 5, "limit": 50000}


async def test_node_budget_refuses_products_of_page_sizes(api):
    body = await api(NESTED, outer=100, inner=100)  # 100 + 100*100 = 10,100: fine
    assert "errors" not in body
    error = await api.error(
        "{ countries(first: 100) { edges { node { ...F } } } }"
        " fragment F on Country { events(first: 100) { edges { node { countries {"
        " relations { events(first: 10) { totalCount } } } } } } }"
    )
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "up to 110100 nodes; the limit is 50000" in error["message"]


async def test_defaults_count_when_first_is_omitted(api):
    body = await api("{ events { edges { node { title } } } }")
    assert body["extensions"]["cost"]["requestedNodes"] == 20


async def test_aliases_are_counted_through_fragments(api):
    fragment = " ".join(f"a{n}: name" for n in range(16))
    error = await api.error(
        '{ country(code: "KZ") { ...F } } fragment F on Country { ' + fragment + " }"
    )
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "16 aliases found. Allowed: 15" in error["message"]


async def test_token_limit(api):
    query = "{ " + " ".join("__typename" for _ in range(2100)) + " }"
    error = await api.error(query)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "more than 2000 tokens" in error["message"]


async def test_request_body_limit(api):
    query = "{ __typename }" + " " * 100_001
    response = await api.client.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {
                "message": "request body is larger than 100000 bytes",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }


async def test_sql_time_budget_interrupts_and_says_so(settings, monkeypatch):
    monkeypatch.setattr(db_module, "PROGRESS_STEPS", 1)
    app = create_app(dataclasses.replace(settings, sql_budget_ms=0))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            api = Api(client, app)
            error = await api.error("{ countries(first: 50) { totalCount } }")
            assert error["extensions"]["code"] == "QUERY_TIMEOUT"
            assert "took longer than this server allows" in error["message"]
            # Every connection went back to the pool, ready for the next request.
            assert app.state.db._generation.pool.qsize() == settings.readers
