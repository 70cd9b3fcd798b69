"""Admission control (issue #17, C1): costly work runs a bounded amount at once, waits in a
short bounded queue, and what cannot start in time is refused at once with Retry-After —
never started and then timed out. Identical exports render once; an export nobody waits
for any more is stopped."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import types

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.files import exports
from server.http.admission import Admission, Refused

from .helpers import http_scope, slow_renderer

pytestmark = pytest.mark.anyio


async def hold(admission: Admission, client: str, weight: int, release: asyncio.Event):
    async with admission.admit(client, weight):
        await release.wait()


async def test_work_within_capacity_starts_and_the_rest_waits_in_order():
    admission = Admission("tests", capacity=10, queue=4, wait=5, per_client=10)
    release = asyncio.Event()
    first = asyncio.create_task(hold(admission, "a", 6, release))
    await asyncio.sleep(0)
    assert admission.used == 6
    order = []

    async def later(name, weight):
        async with admission.admit(name, weight):
            order.append(name)

    heavy = asyncio.create_task(later("b", 5))  # does not fit beside the first
    light = asyncio.create_task(later("c", 1))  # would fit, but waits its turn (FIFO)
    await asyncio.sleep(0.05)
    assert order == [] and len(admission) == 2
    release.set()
    await asyncio.gather(first, heavy, light)
    assert order == ["b", "c"]
    assert admission.used == 0 and admission.admitted == 0 and len(admission) == 0


async def test_a_full_queue_is_refused_at_once_with_503_and_retry_after():
    admission = Admission("tests", capacity=1, queue=1, wait=5, per_client=10)
    release = asyncio.Event()
    running = asyncio.create_task(hold(admission, "a", 1, release))
    waiting = asyncio.create_task(hold(admission, "b", 1, release))
    await asyncio.sleep(0.01)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(Refused) as refused:
        async with admission.admit("c"):
            pass
    assert loop.time() - started < 0.1  # at once, not after the wait
    assert refused.value.status == 503
    assert refused.value.headers == {"retry-after": "5"}
    release.set()
    await asyncio.gather(running, waiting)
    assert admission.used == 0


async def test_what_cannot_start_within_the_wait_is_refused_and_leaves_no_trace():
    admission = Admission("tests", capacity=1, queue=4, wait=0.1, per_client=10)
    release = asyncio.Event()
    running = asyncio.create_task(hold(admission, "a", 1, release))
    await asyncio.sleep(0)
    with pytest.raises(Refused) as refused:
        async with admission.admit("b"):
            pass
    assert refused.value.status == 503
    assert "could not start this one within 0.1 s" in refused.value.message
    assert len(admission) == 0 and admission.refused[503] == 1
    release.set()
    await running
    async with admission.admit("b"):  # nothing was left holding a place
        assert admission.used == 1


async def test_a_client_over_its_share_gets_429_and_others_still_queue():
    admission = Admission("tests", capacity=1, queue=8, wait=5, per_client=2)
    release = asyncio.Event()
    held = [asyncio.create_task(hold(admission, "greedy", 1, release)) for _ in range(2)]
    await asyncio.sleep(0.01)
    with pytest.raises(Refused) as refused:
        async with admission.admit("greedy"):
            pass
    assert refused.value.status == 429
    other = asyncio.create_task(hold(admission, "polite", 1, release))
    await asyncio.sleep(0.01)
    assert not other.done() and len(admission) == 2  # queued behind, not refused
    release.set()
    await asyncio.gather(*held, other)


async def test_a_waiter_that_leaves_gives_its_place_back():
    admission = Admission("tests", capacity=1, queue=4, wait=5, per_client=10)
    release = asyncio.Event()
    running = asyncio.create_task(hold(admission, "a", 1, release))
    await asyncio.sleep(0)
    leaving = asyncio.create_task(hold(admission, "b", 1, release))
    await asyncio.sleep(0.01)
    leaving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leaving
    assert len(admission) == 0 and admission._holding == {"a": 1}
    release.set()
    await running
    assert admission.used == 0 and not admission._holding


@pytest.fixture
async def tight(settings):
    """An app with room for one costly query and one export at a time, short waits."""
    app = create_app(
        dataclasses.replace(
            settings,
            admission_capacity=1_000,
            admission_free_below=100,
            admission_queue=1,
            admission_wait_ms=200,
            export_capacity=1,
            export_queue=1,
            export_wait_ms=200,
            response_cache=0,
        )
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield types.SimpleNamespace(app=app, client=client)


COSTLY = "{ events(first: 100) { edges { node { title } } } }"  # 100 nodes + 4 fields: queued
CHEAP = '{ country(code: "KZ") { name } }'


def _graphql_view(app):
    [route] = [r for r in app.routes if getattr(r, "path", "") == "/graphql"]
    view = route.app
    while not hasattr(view, "admission"):
        view = view.app
    return view


async def test_costly_queries_beyond_the_queue_are_refused_with_503_and_cheap_ones_pass(tight):
    admission = _graphql_view(tight.app).admission
    async with admission.admit("someone", 1_000):  # the whole capacity is taken
        waiting = asyncio.create_task(tight.client.post("/graphql", json={"query": COSTLY}))
        await asyncio.sleep(0.05)
        assert len(admission) == 1
        refused = await tight.client.post("/graphql", json={"query": COSTLY})
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        [error] = refused.json()["errors"]
        assert error["extensions"]["code"] == "SERVER_BUSY"
        assert "busy with other costly queries" in error["message"]
        cheap = await tight.client.post("/graphql", json={"query": CHEAP})
        assert cheap.status_code == 200 and cheap.json()["data"]["country"]["name"]
        timed_out = await waiting  # never started: refused when its wait ran out
    assert timed_out.status_code == 503
    assert "within 0.2 s" in timed_out.json()["errors"][0]["message"]
    answered = await tight.client.post("/graphql", json={"query": COSTLY})
    assert answered.status_code == 200 and "errors" not in answered.json()


async def test_a_queued_request_is_not_charged_its_wait(tight):
    """The time budget starts at admission: a request that waited longer than its whole
    budget still runs to its answer."""
    view = _graphql_view(tight.app)
    view.settings = dataclasses.replace(view.settings, time_budget_ms=150, admission_wait_ms=400)
    view.admission.wait = 0.4
    release = asyncio.Event()
    holder = asyncio.create_task(hold(view.admission, "someone", 1_000, release))
    await asyncio.sleep(0)
    waiting = asyncio.create_task(tight.client.post("/graphql", json={"query": COSTLY}))
    await asyncio.sleep(0.25)  # longer than the 150 ms budget
    release.set()
    await holder
    answer = await waiting
    assert answer.status_code == 200
    assert "errors" not in answer.json(), answer.json()


def _exports(app) -> exports.Exports:
    [route] = [r for r in app.routes if getattr(r, "path", "") == "/export/{name}"]
    return route.app


async def test_identical_exports_at_once_render_once(tight, monkeypatch):
    started, release = threading.Event(), threading.Event()
    slow_renderer(monkeypatch, "csv", started, release)
    endpoint = _exports(tight.app)
    asks = [
        asyncio.create_task(tight.client.get("/export/timeline.csv?countries=KZ")) for _ in range(8)
    ]
    while not started.is_set():
        await asyncio.sleep(0.01)
    release.set()
    answers = await asyncio.gather(*asks)
    assert [a.status_code for a in answers] == [200] * 8
    assert len({a.content for a in answers}) == 1
    assert endpoint.renders == 1


async def test_exports_beyond_the_queue_are_refused_with_503_not_timed_out(tight, monkeypatch):
    started, release = threading.Event(), threading.Event()
    slow_renderer(monkeypatch, "csv", started, release)
    first = asyncio.create_task(tight.client.get("/export/timeline.csv?from=1000-01-01"))
    while not started.is_set():
        await asyncio.sleep(0.01)
    second = asyncio.create_task(tight.client.get("/export/timeline.csv?from=1000-01-02"))
    await asyncio.sleep(0.05)
    third = await tight.client.get("/export/timeline.csv?from=1000-01-03")
    assert third.status_code == 503
    assert third.headers["retry-after"] == "1"
    assert third.json()["errors"][0]["extensions"]["code"] == "SERVER_BUSY"
    assert (await second).status_code == 503  # its 200 ms wait ran out, unstarted
    release.set()
    assert (await first).status_code == 200
    assert _exports(tight.app).renders == 1


async def test_an_export_whose_client_hangs_up_is_stopped(tight, monkeypatch):
    cancelled = asyncio.Event()
    endpoint = _exports(tight.app)
    real = endpoint._render

    async def slow(*args):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return await real(*args)

    monkeypatch.setattr(endpoint, "_render", slow)
    messages = [{"type": "http.request", "body": b"", "more_body": False}]
    hang_up = asyncio.Event()

    async def receive():
        if messages:
            return messages.pop()
        await hang_up.wait()
        return {"type": "http.disconnect"}

    sent = []

    async def send(message):
        sent.append(message)

    scope = http_scope("GET", "/export/timeline.csv", b"countries=IL", [(b"host", b"test")])
    call = asyncio.create_task(tight.app(scope, receive, send))
    await asyncio.sleep(0.1)
    hang_up.set()
    await asyncio.wait_for(cancelled.wait(), timeout=2)
    await asyncio.wait_for(call, timeout=2)
    assert not [m for m in sent if m["type"] == "http.response.start"]
    assert endpoint.admission.used == 0 and not endpoint._inflight
