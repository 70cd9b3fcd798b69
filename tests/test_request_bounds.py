"""Every request bounded in CPU, memory and time (issue #9): linear-time validation, an
honest node budget, one deadline for the whole request, a response-size cap, and a
client's disconnect cancelling its work."""

import asyncio
import dataclasses
import time
from types import SimpleNamespace

import httpx
import orjson
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.store import queries
from tests.conftest import Api
from tests.helpers import http_scope

pytestmark = pytest.mark.anyio


def doubling_chain(n: int) -> str:
    """A 200-token bomb: each fragment spreads the next one twice (2^n expansions)."""
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(n))
    return f"query Q {{ ...F0 }} {fragments} fragment F{n} on Query {{ __typename }}"


@pytest.mark.parametrize("n", [20, 60, 190])
async def test_a_doubling_fragment_chain_is_refused_in_linear_time(api, n):
    # Exponential walks took 15 s at n = 20 and double with each fragment; the memoized
    # rules answer all three in milliseconds (bench/ measures it; here a wide margin).
    started = time.perf_counter()
    error = await api.error(doubling_chain(n))
    assert time.perf_counter() - started < 1.0
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "fragment spreads" in error["message"]


async def test_a_short_chain_within_the_limits_is_answered(api):
    data = await api.data(doubling_chain(5))
    assert data == {"__typename": "Query"}


async def test_variable_defaults_and_plain_lists_are_costed(api):
    # A connection costs its page size; a list bounded by one record its bound
    # (sources: 10; an event's countries: 25), each times the pages above it.
    body = await api(
        "query($n: Int = 7) { events(first: $n) { edges { node { sources { slug }"
        " countries { code } } } } }"
    )
    assert body["extensions"]["cost"]["requestedNodes"] == 7 + 7 * 10 + 7 * 25


async def test_skipped_selections_cost_nothing_and_run_on_the_fast_path(api):
    query = """query($big: Boolean!) { events(first: 3) { edges { node { slug
        countries @include(if: $big) { code } } } } }"""
    small = await api(query, big=False)
    big = await api(query, big=True)
    assert small["extensions"]["cost"]["requestedNodes"] == 3
    assert big["extensions"]["cost"]["requestedNodes"] == 3 + 3 * 25
    assert "countries" not in small["data"]["events"]["edges"][0]["node"]
    assert big["data"]["events"]["edges"][0]["node"]["countries"]
    assert api.fast.declines["directives"] == 0  # the conftest client also checks this


@pytest.fixture
async def slow_app(settings, monkeypatch):
    """An app whose timeline pages take 0.3 s each (the SQL, as if the store were huge),
    with a 0.5 s time budget. ``slow_app.calls`` counts the pages begun, ``cancelled``
    those cancelled while running."""
    original = queries.events_page
    calls, cancelled = [], []

    async def slow(db, query, page):
        calls.append(page)
        try:
            await asyncio.sleep(0.3)
        except asyncio.CancelledError:
            cancelled.append(page)
            raise
        return await original(db, query, page)

    monkeypatch.setattr(queries, "events_page", slow)
    app = create_app(dataclasses.replace(settings, time_budget_ms=500))
    async with LifespanManager(app) as manager:
        yield SimpleNamespace(asgi=manager.app, calls=calls, cancelled=cancelled)


DEEP = """{ events(first: 1, filter: {agreement: "abraham-accords"}) { edges { node { agreements { events(first: 3) { edges { node {
    agreements { slug } } } } } } } } }"""


async def test_the_deadline_covers_execution_not_only_sql(slow_app):
    transport = httpx.ASGITransport(app=slow_app.asgi)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post("/graphql", json={"query": DEEP})
    # Two levels of 0.3 s each: the budget of 0.5 s stops it as the second ends, instead
    # of answering it whole (and Strawberry does not start it over: two pages in all).
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TIMEOUT"
    assert len(slow_app.calls) == 2  # the timeline, then its agreement's events


async def test_an_answer_over_the_size_cap_is_refused_with_a_code(settings):
    app = create_app(dataclasses.replace(settings, max_response_bytes=2_000))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            api = Api(client, app)
            small = await api.data('{ country(code: "KZ") { name } }')
            assert small == {"country": {"name": "Kazakhstan"}}
            big = await api("{ countries(first: 100) { edges { node { name officialName } } } }")
    assert "data" not in big
    [error] = big["errors"]
    assert error["extensions"]["code"] == "RESPONSE_TOO_LARGE"
    assert "2000" in error["message"]


async def test_a_client_that_hangs_up_cancels_its_work(slow_app):
    body = orjson.dumps({"query": DEEP})
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        if messages:
            return messages.pop()
        await asyncio.sleep(0.1)  # the client hangs up 0.1 s into the work
        return {"type": "http.disconnect"}

    sent = []

    async def send(message):
        sent.append(message)

    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    scope = http_scope("POST", "/graphql", headers=headers)
    await slow_app.asgi(scope, receive, send)
    # The request stops when the client goes: the page it was waiting on is cancelled
    # mid-way, and nothing is sent...
    assert len(slow_app.cancelled) == 1
    assert not [m for m in sent if m["type"] == "http.response.body" and m.get("body")]
    # ...and nothing more is started for it: the next level never begins.
    await asyncio.sleep(0.8)
    assert len(slow_app.calls) == 1
