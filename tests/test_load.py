"""32 clients for 20 s of mixed queries against a real uvicorn: no errors, flat memory."""

import asyncio
import itertools

import httpx
import pytest

from .live import LiveServer

pytestmark = [pytest.mark.slow, pytest.mark.ops]  # timed: `make test-ops`

QUERIES = [
    (
        "query($c: String!) { country(code: $c) { name participations(first: 100) { totalCount"
        " edges { node { status agreement { name } } } } } }",
        [{"c": c} for c in ("KZ", "IL", "AE", "BH", "MA", "SD", "US", "EG", "JO", "SA")],
    ),
    (
        "query($n: Int) { events(first: $n) { edges { node { title date { iso } countries { code }"
        " agreements { slug } sources { url } } } } }",
        [{"n": n} for n in (10, 25, 50, 100)],
    ),
    (
        'query($d: Date) { agreement(slug: "abraham-accords") { participants(asOf: $d) {'
        " totalCount edges { node { status country { name } statusHistory { status date { iso } } } }"
        " pageInfo { hasNextPage endCursor } } } }",
        [{"d": d} for d in ("2020-09-01", "2020-12-31", "2022-01-01", "2025-11-07")],
    ),
    (
        "query($q: String!) { search(query: $q) { totalCount edges { node { __typename } } } }",
        [
            {"q": q}
            for q in (
                "kaz",
                "israel",
                "accords",
                "peace",
                '"NEAR(',
                "\u05d9\u05e9\u05e8\u05d0\u05dc",
            )
        ],
    ),
    (
        "query($a: String!, $b: String!) { relation(a: $a, b: $b) { established { iso }"
        " events(first: 10) { totalCount } } }",
        [{"a": "KZ", "b": "IL"}, {"a": "EG", "b": "IL"}, {"a": "US", "b": "KZ"}],
    ),
]

CLIENTS = 32


async def drive(url: str, seconds: float) -> tuple[int, list]:
    requests = itertools.cycle(
        [(query, variables) for query, options in QUERIES for variables in options]
    )
    stop_at = asyncio.get_running_loop().time() + seconds
    count, failures = 0, []

    async def client(http: httpx.AsyncClient):
        nonlocal count
        while asyncio.get_running_loop().time() < stop_at:
            query, variables = next(requests)
            response = await http.post(url, json={"query": query, "variables": variables})
            count += 1
            if response.status_code != 200 or "errors" in response.json():
                failures.append((response.status_code, response.text[:200]))

    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(timeout=30, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(CLIENTS)))
    return count, failures


def test_sustained_mixed_load(seed_store, capsys):
    server = LiveServer(seed_store)
    try:
        warm_count, warm_failures = asyncio.run(drive(server.url + "/graphql", 4))
        warm_rss = server.rss_kib()
        count, failures = asyncio.run(drive(server.url + "/graphql", 20))
        final_rss = server.rss_kib()
    finally:
        assert server.stop() == 0
    with capsys.disabled():
        print(
            f"\nload: {count} requests in 20 s by {CLIENTS} clients, {len(failures)} errors;"
            f" RSS {warm_rss} KiB after warm-up, {final_rss} KiB after the run"
        )
    assert warm_failures == [] and failures == []
    assert count > 1000
    assert final_rss <= warm_rss * 1.2
