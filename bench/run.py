"""The benchmark: accordline against plain Strawberry and a hand-written floor.

    python -m bench.run            # x1, x10, x100, x1000; about 6 s per case and server
    python -m bench.run --quick    # x1 only, about 2 s per case and server

For each scale it generates (or reuses) a store and starts three servers on free ports:
the floor (bench/floor.py: the same answers from hand-written SQL and json), accordline
with its fast path off (the same code through Strawberry alone, "strawberry") and
accordline as it ships. It checks that all three give the same data to every workload,
then drives them from a separate load process (bench/load.py) in alternating short
rounds. It also counts SQL statements per request in-process, optionally profiles W2,
and writes bench/RESULTS.md and bench/latency.png.

This module is the run itself: the in-process counts and profile, the three loads
(uncached, cached, two workers) and the command line. The servers and the load
generator's driver are in bench/servers.py, the report and the plot in bench/report.py.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import time
from pathlib import Path

import httpx

from .generate import OUT, ensure_store, workload_keys
from .report import plot, ratio, write_results
from .servers import SERVERS, accordline_server, check_same_answers, drive, start_three
from .workloads import WORKLOADS, cases

HERE = Path(__file__).resolve().parent


# In-process: statements per request, the test entry point, the profile ---------------


async def _in_process(store: Path, requests: list[tuple[str, str, dict]]):
    from asgi_lifespan import LifespanManager

    from server.app import create_app
    from server.settings import Settings

    # No response cache: statement counts and profiles are about executing queries.
    app = create_app(dataclasses.replace(Settings(), db=Path(store), response_cache=0))
    out = []
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            db = app.state.db
            for name, query, variables in requests:
                before = db.statements
                response = await client.post(
                    "/graphql", json={"query": query, "variables": variables}
                )
                out.append((name, response.json(), db.statements - before))
    return out


async def run_workloads_once(store: Path, page_size: int = 50) -> dict[str, dict]:
    """Run each workload's GraphQL query once, in-process, against ``store``.

    Returns {"W1": body, …}: the JSON answers, for a test that the bench's queries are
    valid against the schema (no body should have "errors").
    """
    keys = workload_keys(Path(store))
    requests = [(c.name, c.query, c.variables[0]) for c in cases(keys, page_size)]
    return {name: body for name, body, _ in await _in_process(store, requests)}


def count_statements(store: Path, keys: dict) -> dict[str, dict[int, int]]:
    """SQL statements per request, per workload, at page sizes 10 and 50."""
    counts: dict[str, dict[int, int]] = {name: {} for name in WORKLOADS}
    for size in (10, 50):
        requests = [(c.name, c.query, c.variables[0]) for c in cases(keys, size)]
        for name, body, statements in asyncio.run(_in_process(store, requests)):
            assert "errors" not in body, (name, body)
            counts[name][size] = statements
    return counts


def profile_w2(store: Path, keys: dict, repeats: int = 150) -> str:
    """pyinstrument's summary of ``repeats`` in-process W2 requests (empty if missing)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return ""
    case = cases(keys)[1]
    asyncio.run(_in_process(store, [("W2", case.query, case.variables[0])]))  # warm
    profiler = Profiler(async_mode="enabled", interval=0.0005)
    profiler.start()
    asyncio.run(_in_process(store, [("W2", case.query, case.variables[0])] * repeats))
    profiler.stop()
    return profiler.output_text(unicode=False, color=False, show_all=False)


# Loads ------------------------------------------------------------------------------


def measure(scale: int, store: Path, keys: dict, seconds: float, rounds: int) -> dict:
    """Uncached: every request through GraphQL (response cache off), three servers."""
    servers = start_three(store, f"x{scale}", cache=False)
    try:
        all_cases = cases(keys)
        problems = check_same_answers(servers[1:], servers[0], all_cases)
        for problem in problems:
            print(f"[run] x{scale}: WARNING {problem}", file=sys.stderr)
        print(f"[run] x{scale}: uncached load", file=sys.stderr, flush=True)
        stats = drive(servers, all_cases, seconds, rounds)
    finally:
        for server in servers:
            server.stop()
    return {"stats": stats, "problems": problems}


def measure_cached(store: Path, keys: dict, seconds: float, rounds: int, warm: bool) -> dict:
    """Repeated queries: the response cache on, one variable set per workload."""
    servers = start_three(store, "cached", cache=True)
    try:
        repeated = [dataclasses.replace(c, variables=c.variables[:1]) for c in cases(keys)]
        print("[run] cached load", file=sys.stderr, flush=True)
        return drive(servers, repeated, seconds, rounds, warm)
    finally:
        for server in servers:
            server.stop()


def measure_workers(store: Path, keys: dict, seconds: float, rounds: int) -> dict:
    """One uvicorn worker against two, uncached, on the heavier workloads."""
    logs = OUT / "logs"
    servers = [accordline_server("1 worker", store, logs / "workers-1.log", cache=False)]
    try:
        servers.append(
            accordline_server("2 workers", store, logs / "workers-2.log", cache=False, workers=2)
        )
        chosen = [c for c in cases(keys) if c.name in ("W2", "W3", "W6")]
        print("[run] workers load", file=sys.stderr, flush=True)
        return drive(servers, chosen, seconds, rounds)
    finally:
        for server in servers:
            server.stop()


def _counts(path: Path) -> dict:
    """Rows of the main tables, for the report's line about each scale."""
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("countries", "agreements", "participations", "events", "event_countries")
        }
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="x1 only, short cases")
    parser.add_argument("--scales", type=int, nargs="*", help="default: 1 10 100 1000")
    parser.add_argument("--seconds", type=float, help="per case and server")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--output",
        type=Path,
        default=HERE / "RESULTS.md",
        help="the report (default bench/RESULTS.md); the plot goes beside it",
    )
    args = parser.parse_args(argv)
    scales = args.scales or ([1] if args.quick else [1, 10, 100, 1000])
    seconds = args.seconds or (2.0 if args.quick else 6.0)
    rounds = max(1, min(2 if args.quick else 3, int(seconds)))  # wrk rounds to whole seconds
    output = args.output.resolve()
    figure = HERE / "latency.png" if output == HERE / "RESULTS.md" else output.with_suffix(".png")
    command = (
        "python -m bench.run"
        + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    )

    started = time.perf_counter()
    runs, statements = {}, {}
    for scale in scales:
        store, keys, generation = ensure_store(scale)
        statements[scale] = count_statements(store, keys)
        print(f"[run] x{scale}: statements {statements[scale]}", file=sys.stderr, flush=True)
        run = measure(scale, store, keys, seconds, rounds)
        run["generation"], run["counts"] = generation, _counts(store)
        runs[scale] = run
        for name in WORKLOADS:
            st = {server: run["stats"][f"{name}/{server}"] for server in SERVERS}
            print(
                f"[run] x{scale} {name}: "
                + " | ".join(
                    f"{server} {x['rps']:.0f} rps p50 {x['p50']:.1f} p99 {x['p99']:.1f}"
                    for server, x in st.items()
                )
                + f" | ÷ floor {ratio(st['accordline']['rps'], st['floor']['rps']):.2f}"
                f" ÷ strawberry {ratio(st['accordline']['rps'], st['strawberry']['rps']):.2f}",
                file=sys.stderr,
                flush=True,
            )
    store, keys, _ = ensure_store(scales[0])
    # Quick runs stay short: a one-second cached case needs no warm-up round.
    if args.quick:
        cached = measure_cached(store, keys, 1.0, 1, warm=False)
    else:
        cached = measure_cached(store, keys, seconds, rounds, warm=True)
    workers = {} if args.quick else measure_workers(store, keys, seconds, rounds)
    profile = ""
    if not args.no_profile and not args.quick:
        store, keys, _ = ensure_store(scales[-1])
        profile = profile_w2(store, keys)
    write_results(runs, statements, profile, command, args.quick, cached, workers, output)
    plotted = plot(runs, figure) if len(runs) > 1 or not args.quick else False
    print(
        f"[run] wrote {output}{f' and {figure}' if plotted else ''}"
        f" in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
