"""The worst legal request: what the heaviest query within every limit costs, and how a
trivial query fares while 16 of them run (issue #9).

    python -m bench.worst             # x100 store, about a minute
    python -m bench.worst --scale 1000 --seconds 20

It builds the heaviest query it can within the node budget (aliases of a nested
timeline, each level as large as the budget allows), then against one accordline
server with the response cache off: the CPU time (user + system, from /proc) and the
bytes of one such answer; the p50/p99 of a trivial query while 16 clients send the worst
query in a loop; and the server's resident memory before, at peak and after. Writes
bench/WORST.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path

import httpx

from server.settings import Settings

from .generate import OUT, ensure_store
from .run import accordline_server

TRIVIAL = '{ country(code: "KZ") { name } }'
TICKS = os.sysconf("SC_CLK_TCK")


def worst_query(settings: Settings) -> str:
    """Aliases × outer page × inner page of events with their lists, at the budget."""
    aliases, outer = settings.max_aliases, settings.max_page_size
    # cost per alias: outer + outer·25 (countries) + outer·25·inner + outer·25·inner·(10 + 25)
    per_alias = settings.max_nodes // aliases
    inner = max(1, (per_alias - outer - outer * 25) // (outer * 25 * 36))
    body = (
        f"events(first: {outer}) {{ edges {{ node {{ slug title summary countries {{ code name"
        f" events(first: {inner}) {{ edges {{ node {{ slug title summary"
        " sources { slug title url } countries { code name } } } } } } } } }"
    )
    return "{ " + " ".join(f"a{i}: {body}" for i in range(aliases)) + " }"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(base: str, pid: int, query: str, seconds: float) -> dict:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for _ in range(20):  # warm up
            await client.post("/graphql", json={"query": TRIVIAL})
        baseline = rss_mb(pid)
        before = cpu_seconds(pid)
        started = time.perf_counter()
        answer = await client.post("/graphql", json={"query": query})
        one = {
            "wall": time.perf_counter() - started,
            "cpu": cpu_seconds(pid) - before,
            "bytes": len(answer.content),
            "codes": sorted({e["extensions"]["code"] for e in answer.json().get("errors", [])}),
            "cost": answer.json().get("extensions", {}).get("cost", {}).get("requestedNodes"),
        }
        stop = time.monotonic() + seconds
        peak = [baseline]

        async def heavy():
            while time.monotonic() < stop:
                await client.post("/graphql", json={"query": query})
                peak[0] = max(peak[0], rss_mb(pid))

        latencies = []

        async def trivial():
            while time.monotonic() < stop:
                t = time.perf_counter()
                response = await client.post("/graphql", json={"query": TRIVIAL})
                assert response.status_code == 200
                latencies.append(time.perf_counter() - t)
                await asyncio.sleep(0.01)

        await asyncio.gather(trivial(), *[heavy() for _ in range(16)])
        await asyncio.sleep(2)
        after = rss_mb(pid)
    latencies.sort()
    return {
        "one": one,
        "trivial_p50": statistics.median(latencies),
        "trivial_p99": latencies[int(len(latencies) * 0.99) - 1],
        "trivial_n": len(latencies),
        "rss": (baseline, peak[0], after),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "WORST.md")
    args = parser.parse_args()
    settings = Settings()
    store, _, _ = ensure_store(args.scale)
    query = worst_query(settings)
    (OUT / "logs").mkdir(parents=True, exist_ok=True)
    server = accordline_server("accordline", store, OUT / "logs" / "worst.log", cache=False)
    try:
        found = asyncio.run(run(server.base, server.process.pid, query, args.seconds))
    finally:
        server.stop()
    one = found["one"]
    baseline, peak, after = found["rss"]
    lines = [
        "# The worst legal request",
        "",
        f"- Command: `python -m bench.worst --scale {args.scale} --seconds {args.seconds:g}`;"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs;"
        " one uvicorn worker, response cache off.",
        f"- The query: {settings.max_aliases} aliases of a timeline page of"
        f" {settings.max_page_size} events, each with its countries and their events,"
        f" costed {one['cost']} of {settings.max_nodes} nodes ({len(query)} bytes).",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| one worst request: wall time | {one['wall']:.2f} s | ≤ {settings.time_budget_ms / 1000:g} s budget (+20 %) |",
        f"| one worst request: server CPU | {one['cpu']:.2f} s | |",
        f"| one worst request: answer | {one['bytes'] / 1e6:.2f} MB, errors {one['codes'] or 'none'} | ≤ {settings.max_response_bytes / 1e6:g} MB |",
        f"| trivial query p50 / p99 while 16 worst run | {found['trivial_p50'] * 1000:.0f} / {found['trivial_p99'] * 1000:.0f} ms ({found['trivial_n']} requests) | p99 ≤ 1000 ms |",
        f"| server RSS: warm / peak / 2 s after | {baseline:.0f} / {peak:.0f} / {after:.0f} MB | after ≤ warm + 100 MB |",
        "",
    ]
    args.output.write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
