"""Query limits: each refusal names the limit and the value, with extensions.code."""

import dataclasses

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.store import db as db_module

from .conftest import Api

pytestmark = pytest.mark.anyio

NESTED = """query($outer: Int, $inner: Int) { countries(first: $outer) { edges { node {
  events(first: $inner) { totalCount } } } } }"""


async def test_accepted_query_reports_its_cost(api):
    body = await api(NESTED, outer=10, inner=5)
    assert "errors" not in body
    # countries, edges, node, events, totalCount: five field selections
    assert body["extensions"]["cost"] == {
        "requestedNodes": 10 + 10 * 5,
        "fieldSelections": 5,
        "limit": 50000,
    }


async def test_node_budget_refuses_products_of_page_sizes(api):
    body = await api(NESTED, outer=100, inner=100)  # 100 + 100*100 = 10,100: fine
    assert "errors" not in body
    assert body["extensions"]["cost"]["requestedNodes"] == 10_100
    nested = (
        "{ countries(first: %d) { edges { node { ...F } } } }"
        " fragment F on Country { events(first: %d) { edges { node { countries {"
        " relations%s { totalCount } } } } } }"
    )
    # countries 100 + events 100*100 + an event's countries (a plain list, bound 25)
    # 100*100*25 + relations 100*100*25*10: plain lists multiply too.
    error = await api.error(nested % (100, 100, "(first: 10)"))
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "up to 2760100 nodes; the limit is 50000" in error["message"]
    # relations is a connection too: without first it costs its default page of 20
    error = await api.error(nested % (100, 100, ""))
    assert "up to 5260100 nodes; the limit is 50000" in error["message"]
    body = await api(nested % (2, 4, "(first: 3)"))  # 2 + 8 + 8*25 + 200*3 = 810: fine
    assert "errors" not in body
    assert body["extensions"]["cost"]["requestedNodes"] == 810


MEMBERSHIPS = """query($agreements: Int, $participants: Int) {
  agreements(first: $agreements) { edges { node {
    participants(first: $participants) { edges { node { country {
      participations { totalCount } } } } } } } } }"""


async def test_participation_connections_are_costed_by_their_pages(api):
    # agreements 100 + participants 100*20 + participations 100*20*20 (both defaults)
    body = await api(MEMBERSHIPS, agreements=100)
    assert "errors" not in body
    assert body["extensions"]["cost"]["requestedNodes"] == 100 + 2_000 + 40_000
    error = await api.error(MEMBERSHIPS, agreements=100, participants=100)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "up to 210100 nodes; the limit is 50000" in error["message"]


async def test_defaults_count_when_first_is_omitted(api):
    body = await api("{ events { edges { node { title } } } }")
    assert body["extensions"]["cost"]["requestedNodes"] == 20
    body = await api(
        '{ country(code: "KZ") { participations { edges { node {'
        " agreement { participants { totalCount } } } } } } }"
    )
    assert body["extensions"]["cost"]["requestedNodes"] == 20 + 20 * 20
    body = await api('{ search(query: "kaz", first: 7) { totalCount } }')
    assert body["extensions"]["cost"]["requestedNodes"] == 7


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
    query = "{ __typename }" + " " * 32_769
    response = await api.client.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {
                "message": "request body is larger than 32768 bytes",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }


async def test_sql_time_budget_interrupts_and_says_so(settings, monkeypatch):
    monkeypatch.setattr(db_module, "PROGRESS_STEPS", 1)
    app = create_app(dataclasses.replace(settings, time_budget_ms=0))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            api = Api(client, app)
            error = await api.error("{ countries(first: 50) { totalCount } }")
            assert error["extensions"]["code"] == "QUERY_TIMEOUT"
            assert "took longer than this server allows" in error["message"]
            # Every connection went back to the pool, ready for the next request.
            assert app.state.db._generation.pool.qsize() == settings.readers
