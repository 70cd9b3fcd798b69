"""The load generator: its own process, an asyncio httpx client, N concurrent connections.

    python -m bench.load PLAN.json  →  results JSON on stdout

A plan is a list of segments run one after another; each names a URL, the request
bodies to rotate through, a duration and whether it is a warm-up. Running the two
servers' segments alternately inside one process lets machine drift hit both.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time

import httpx


async def run_segment(client: httpx.AsyncClient, segment: dict, concurrency: int) -> dict:
    bodies = [json.dumps(b).encode() for b in segment["bodies"]]
    counter = itertools.count()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + segment["seconds"]
    headers = {"content-type": "application/json"}

    async def worker() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            body = bodies[next(counter) % len(bodies)]
            started = time.perf_counter()
            response = await client.post(segment["url"], content=body, headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200 or b'"errors":' in response.content[-4000:]:
                errors += 1
            latencies.append(elapsed)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    return {"label": segment["label"], "wall": wall, "latencies": latencies, "errors": errors}


async def main(plan: dict) -> list[dict]:
    concurrency = plan["concurrency"]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    results = []
    async with httpx.AsyncClient(limits=limits, timeout=60.0) as client:
        for segment in plan["segments"]:
            result = await run_segment(client, segment, concurrency)
            if not segment.get("warmup"):
                results.append(result)
    return results


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        plan = json.load(handle)
    json.dump(asyncio.run(main(plan)), sys.stdout)
