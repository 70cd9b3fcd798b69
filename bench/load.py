"""The load generator: its own process(es), N concurrent connections.

    python -m bench.load PLAN.json  →  results JSON on stdout

A plan is a list of segments run one after another; each names a URL, the request
bodies to rotate through, a duration and whether it is a warm-up. Running the two
servers' segments alternately lets machine drift hit both.

Debian's wrk drives the load when it is installed (a Lua script rotates the bodies,
counts answers that carry GraphQL errors, and hands back the whole latency histogram);
otherwise an asyncio httpx client does. A Python client tops out near 600 requests/s
on this machine, below what both servers can serve, so it flattens every ratio toward
1: trust wrk's numbers.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
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


WRK_SCRIPT = """
local bodies = {%s}
local requests_ = {}
local i = 0
local threads = {}
errors = 0

setup = function(thread) table.insert(threads, thread) end
init = function(args)
  for k, body in ipairs(bodies) do
    requests_[k] = wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
  end
end
request = function()
  i = i %% #requests_ + 1
  return requests_[i]
end
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors":', 1, true) then errors = errors + 1 end
end
done = function(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + (thread:get("errors") or 0) end
  local buckets = {}
  for k = 1, #latency do
    local value, count = latency(k)
    buckets[#buckets + 1] = string.format("[%%d,%%d]", value, count)
  end
  io.write(string.format('WRK {"requests":%%d,"duration":%%d,"errors":%%d,"socket":%%d,'
    .. '"histogram":[%%s]}\\n', summary.requests, summary.duration, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, table.concat(buckets, ",")))
end
"""


def _lua_string(text: str) -> str:
    level = "=" * 4
    assert f"]{level}]" not in text
    return f"[{level}[{text}]{level}]"


def run_segment_wrk(segment: dict, concurrency: int) -> dict:
    bodies = ",".join(_lua_string(json.dumps(b)) for b in segment["bodies"])
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % bodies)
    try:
        seconds = max(1, round(segment["seconds"]))
        done = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{concurrency}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                segment["url"],
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRK "))
    result = json.loads(line[4:])
    latencies = []
    for micros, count in result["histogram"]:
        latencies.extend([micros / 1e6] * count)
    return {
        "label": segment["label"],
        "wall": result["duration"] / 1e6,
        "latencies": latencies,
        "errors": result["errors"] + result["socket"],
    }


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


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


def main_wrk(plan: dict) -> list[dict]:
    results = []
    for segment in plan["segments"]:
        result = run_segment_wrk(segment, plan["concurrency"])
        if not segment.get("warmup"):
            results.append(result)
    return results


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        plan = json.load(handle)
    results = main_wrk(plan) if have_wrk() else asyncio.run(main(plan))
    json.dump(results, sys.stdout)
