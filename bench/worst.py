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
from graphql import parse

from server.api.execution.budget import requested_nodes
from server.api.schema.schema import create_schema
from server.settings import Settings

from .generate import OUT, ensure_store
from .servers import accordline_server

TRIVIAL = '{ country(code: "KZ") { name } }'
TICKS = os.sysconf("SC_CLK_TCK")


FIELDS = "slug title summary date { iso precision } kind sources { slug title url publisher }"


def _nested(aliases: int, outer: int, inner: int) -> str:
    body = (
        f"events(first: {outer}) {{ edges {{ node {{ {FIELDS} countries {{ code name"
        f" events(first: {inner}) {{ edges {{ node {{ {FIELDS} countries {{ code name }}"
        " } } } } } } }"
    )
    return "{ " + " ".join(_alias(i, body) for i in range(aliases)) + " }"


def _flat(aliases: int, outer: int, _inner: int) -> str:
    body = (
        f"events(first: {outer}) {{ edges {{ node {{ {FIELDS} countries {{ code name region }}"
        " agreements { slug name summary } } } }"
    )
    return "{ " + " ".join(_alias(i, body) for i in range(aliases)) + " }"


def _alias(i: int, body: str) -> str:
    # Each alias asks a different page (from another year on), so no loader or SQL
    # result is shared between them: the most work for the same cost.
    return f"a{i}: " + body.replace(
        "events(first:", f'events(filter: {{from: "{1900 + 7 * i}"}}, first:', 1
    )


def worst_queries(settings: Settings) -> dict[str, str]:
    """For each shape, aliased to the limit, the page sizes that return the most events
    within the node budget (costed by the server's own rule)."""
    schema = create_schema(settings).fast_executor.schema
    found = {}
    for name, shape in (("flat timeline", _flat), ("nested timeline", _nested)):
        best, best_size = None, 0
        for outer in range(1, settings.max_page_size + 1):
            for inner in range(1, settings.max_page_size + 1 if shape is _nested else 2):
                document = parse(shape(settings.max_aliases, outer, inner))
                [operation] = document.definitions
                cost = requested_nodes(schema, document, operation, {}, 20)
                if cost > settings.max_nodes:
                    break
                size = outer * (25 * inner if shape is _nested else 1)
                if size > best_size:
                    best, best_size = shape(settings.max_aliases, outer, inner), size
        found[name] = best
    return found


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(base: str, pid: int, query: str, seconds: float) -> dict:
    """One worst request alone, then 16 in a loop beside a trivial query."""
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
    (OUT / "logs").mkdir(parents=True, exist_ok=True)
    lines = [
        "# The worst legal request",
        "",
        f"- Command: `python -m bench.worst --scale {args.scale} --seconds {args.seconds:g}`;"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs;"
        " one uvicorn worker (httptools), response cache off; x"
        f"{args.scale} store.",
        f"- Each query is aliased {settings.max_aliases} times with the page sizes that"
        f" return the most within the {settings.max_nodes}-node budget. Targets: no legal"
        f" request past the {settings.time_budget_ms / 1000:g} s budget (+20 %); a trivial"
        " query's p99 ≤ 1 s beside 16 of them; RSS back within 100 MB of warm.",
        "",
        "| query | cost | one: wall / server CPU | one: answer | trivial p50 / p99 beside 16 |"
        " RSS warm / peak / after |",
        "|---|---:|---|---|---|---|",
    ]
    for name, query in worst_queries(settings).items():
        server = accordline_server("accordline", store, OUT / "logs" / "worst.log", cache=False)
        try:
            found = asyncio.run(run(server.base, server.process.pid, query, args.seconds))
        finally:
            server.stop()
        one = found["one"]
        warm, peak, after = found["rss"]
        lines.append(
            f"| {name} | {one['cost']} | {one['wall']:.2f} s / {one['cpu']:.2f} s |"
            f" {one['bytes'] / 1e6:.2f} MB, errors: {', '.join(one['codes']) or 'none'} |"
            f" {found['trivial_p50'] * 1000:.0f} / {found['trivial_p99'] * 1000:.0f} ms"
            f" ({found['trivial_n']} requests) | {warm:.0f} / {peak:.0f} / {after:.0f} MB |"
        )
    lines.append("")
    args.output.write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
