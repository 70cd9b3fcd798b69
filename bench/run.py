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
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from .generate import OUT, ensure_store, workload_keys
from .workloads import DESCRIPTIONS, WORKLOADS, cases

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONCURRENCY = 16
# The three servers of every table, cheapest first: "strawberry" is accordline with
# ACCORDLINE_FAST_PATH=0, so accordline ÷ strawberry is what the fast path buys.
SERVERS = ("floor", "strawberry", "accordline")


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


# Servers ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(
        self,
        label: str,
        args: list[str],
        log: Path,
        env: dict | None = None,
        cwd: Path = ROOT,
    ):
        """``python -m args…`` in ``cwd`` (another revision's checkout, for compare.py)."""
        self.label, self.port = label, _free_port()
        self.cases: dict = {}  # workload name → Case, where this server's query differs
        self.kind = "floor" if args[0] == "bench.floor" else "accordline"
        self.log = log
        self.handle = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", *args, "--port", str(self.port), "--host", "127.0.0.1"],
            cwd=cwd,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{label} did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.handle.close()


def _url_and_bodies(server: Server, case) -> tuple[str, list[dict]]:
    # A server of another revision may ask its own query for the workload (compare.py).
    case = server.cases.get(case.name, case)
    if server.kind != "floor":
        bodies = [{"query": case.query, "variables": v} for v in case.variables]
        return f"{server.base}/graphql", bodies
    return f"{server.base}/{case.name}", case.variables


def check_same_answers(graphql: list[Server], floor: Server, all_cases) -> list[str]:
    """Every GraphQL server must give the floor's data to every workload (a few variable
    sets each)."""
    problems = []
    with httpx.Client(timeout=60) as client:
        for case in all_cases:
            for variables in case.variables[:3]:
                hand = client.post(f"{floor.base}/{case.name}", json=variables).json()
                for server in graph_servers(graphql):
                    graph = client.post(
                        f"{server.base}/graphql",
                        json={"query": case.query, "variables": variables},
                    ).json()
                    # Compare data only: the server may add "extensions" (e.g. query cost).
                    if "errors" in graph or graph.get("data") != hand["data"]:
                        problems.append(f"{case.name} {variables}: {server.label} differs")
    return problems


def graph_servers(servers: list[Server]) -> list[Server]:
    return [server for server in servers if server.kind != "floor"]


def accordline_server(
    label: str,
    store: Path,
    log: Path,
    *,
    cache: bool,
    workers: int = 1,
    fast_path: bool = True,
    cwd: Path = ROOT,
):
    env = {
        "ACCORDLINE_RESPONSE_CACHE": "2048" if cache else "0",
        "ACCORDLINE_ACCESS_LOG": "0",
        "ACCORDLINE_FAST_PATH": "1" if fast_path else "0",
        # As replicas are served behind nginx (deploy/): httptools, ~1.8x faster than the
        # h11 default that bounds headers for a directly exposed socket.
        "ACCORDLINE_HTTP_PARSER": "httptools",
    }
    args = ["server", "serve", "--db", str(store), "--workers", str(workers)]
    return Server(label, args, log, env, cwd=cwd)


def start_three(store: Path, tag: str, *, cache: bool) -> list[Server]:
    """The floor, accordline through Strawberry alone, and accordline: SERVERS' order."""
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers = [floor_server(store, logs / f"floor-{tag}.log")]
    try:
        for label, fast in (("strawberry", False), ("accordline", True)):
            log = logs / f"{label}-{tag}.log"
            servers.append(accordline_server(label, store, log, cache=cache, fast_path=fast))
    except BaseException:
        for server in servers:
            server.stop()
        raise
    return servers


def floor_server(store: Path, log: Path) -> Server:
    return Server("floor", ["bench.floor", "--db", str(store)], log)


def drive(servers: list[Server], all_cases, seconds: float, rounds: int, warm: bool = True) -> dict:
    """Load each case on every server in alternating short rounds; stats per label."""
    segments = []
    for case in all_cases:
        for server in servers if warm else ():
            url, bodies = _url_and_bodies(server, case)
            segments.append(
                {
                    "label": f"{case.name}/{server.label}-warm",
                    "url": url,
                    "bodies": bodies,
                    "seconds": 1,
                    "warmup": True,
                }
            )
        for _ in range(rounds):
            for server in servers:
                url, bodies = _url_and_bodies(server, case)
                segments.append(
                    {
                        "label": f"{case.name}/{server.label}",
                        "url": url,
                        "bodies": bodies,
                        "seconds": seconds / rounds,
                    }
                )
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as plan:
        json.dump({"concurrency": CONCURRENCY, "segments": segments}, plan)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.load", plan.name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(plan.name)
    merged: dict[str, dict] = {}
    for result in json.loads(done.stdout):
        entry = merged.setdefault(result["label"], {"latencies": [], "wall": 0.0, "errors": 0})
        entry["latencies"] += result["latencies"]
        entry["wall"] += result["wall"]
        entry["errors"] += result["errors"]
    stats = {}
    for label, entry in merged.items():
        lat = sorted(entry["latencies"])
        if not lat:  # nothing completed within the segments: report it, don't crash
            stats[label] = {
                "rps": 0.0,
                "p50": float("nan"),
                "p99": float("nan"),
                "n": 0,
                "errors": entry["errors"],
            }
            continue
        stats[label] = {
            "rps": len(lat) / entry["wall"],
            "p50": 1000 * lat[len(lat) // 2],
            "p99": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))],
            "n": len(lat),
            "errors": entry["errors"],
        }
    return stats


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


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


# Report -----------------------------------------------------------------------------


def _counts(path: Path) -> dict:
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("countries", "agreements", "participations", "events", "event_countries")
        }
    finally:
        db.close()


# The targets (#8): every workload at FLOOR_TARGET of the floor's requests/s on
# the TARGET_SCALES, the fast path STRAWBERRY_TARGET × Strawberry alone on the
# STRAWBERRY_WORKLOADS, and p99 at x1000 within FLATNESS_TARGET × p99 at x10.
TARGET_SCALES = (100, 1000)
FLOOR_TARGET = 0.45
STRAWBERRY_TARGET = 2.5
STRAWBERRY_WORKLOADS = ("W2", "W3")
FLATNESS = (10, 1000)
FLATNESS_TARGET = 1.3


def _flatness_scales(runs: dict) -> tuple[int, int] | None:
    """(low, high) for the p99 flatness figure: x10 and x1000 when both ran, else the
    smallest scale from x10 up and the largest (labelled as such)."""
    scales = sorted(runs)
    if all(s in runs for s in FLATNESS):
        return FLATNESS
    low = next((s for s in scales if s >= FLATNESS[0]), scales[0])
    return (low, scales[-1]) if scales[-1] != low else None


def _targets(runs: dict, cached: dict, workers: dict) -> list[str]:
    """The issue's targets, each with the figure measured in this run."""
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]

    def row(target, measured, met):
        lines.append(f"| {target} | {measured} | {'met' if met else '**missed**'} |")

    def unmeasured(target, why):
        lines.append(f"| {target} | not measured ({why}) | — |")

    scales = [s for s in TARGET_SCALES if s in runs]
    if not scales:  # a quick or partial run: hold what it measured to the same bars
        scales = list(runs)
    for scale in scales:
        st = runs[scale]["stats"]
        for name in WORKLOADS:
            measured = ratio(st[f"{name}/accordline"]["rps"], st[f"{name}/floor"]["rps"])
            row(
                f"x{scale} {name} uncached ≥ {FLOOR_TARGET} of floor rps",
                f"{measured:.2f}",
                measured >= FLOOR_TARGET,
            )
    for scale in scales:
        st = runs[scale]["stats"]
        for name in STRAWBERRY_WORKLOADS:
            gain = ratio(st[f"{name}/accordline"]["rps"], st[f"{name}/strawberry"]["rps"])
            row(
                f"x{scale} {name} uncached ≥ {STRAWBERRY_TARGET}× Strawberry-only rps",
                f"{gain:.2f}×",
                gain >= STRAWBERRY_TARGET,
            )
    low, high = FLATNESS
    for name in WORKLOADS:
        target = f"{name} p99 x{high} ÷ p99 x{low} ≤ {FLATNESS_TARGET}"
        if low not in runs or high not in runs:
            unmeasured(target, f"needs x{low} and x{high}")
            continue
        growth = ratio(
            runs[high]["stats"][f"{name}/accordline"]["p99"],
            runs[low]["stats"][f"{name}/accordline"]["p99"],
        )
        row(target, f"{growth:.2f}", growth <= FLATNESS_TARGET)
    for name in WORKLOADS:
        measured = ratio(cached[f"{name}/accordline"]["rps"], cached[f"{name}/floor"]["rps"])
        row(f"{name} cached ≥ 3× floor rps", f"{measured:.2f}×", measured >= 3)
    if workers:
        for name in ("W2", "W3", "W6"):
            gain = ratio(workers[f"{name}/2 workers"]["rps"], workers[f"{name}/1 worker"]["rps"])
            row(f"{name} two workers ≥ 1.7 × one", f"{gain:.2f}×", gain >= 1.7)
    return [*lines, ""]


def _flatness(runs: dict) -> list[str]:
    """p99 at the largest scale ÷ p99 at x10, per workload and server."""
    pair = _flatness_scales(runs)
    if pair is None:
        return []
    low, high = pair
    lo, hi = runs[low]["stats"], runs[high]["stats"]
    lines = [
        f"## p99 flatness: x{high} ÷ x{low}",
        "",
        "Pages should cost the same however large the store: 1.0 is flat. W1 and W3 read "
        "whole lists (a country's participations, an agreement's participants) unless "
        "they are paginated.",
        "",
        f"| workload | accordline p99 x{low} ms | p99 x{high} ms "
        + "".join(f"| {server} x{high} ÷ x{low} " for server in reversed(SERVERS))
        + "|",
        "|---|---:|---:|" + "---:|" * len(SERVERS),
    ]
    for name in WORKLOADS:
        cells = [
            f"{ratio(hi[f'{name}/{server}']['p99'], lo[f'{name}/{server}']['p99']):.2f}"
            for server in reversed(SERVERS)
        ]
        a_lo, a_hi = lo[f"{name}/accordline"]["p99"], hi[f"{name}/accordline"]["p99"]
        lines.append(f"| {name} | {a_lo:.1f} | {a_hi:.1f} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _trio_table(stats: dict, names, describe: bool = False) -> list[str]:
    """requests/s, p50 and p99 of the floor, Strawberry alone and accordline, with
    requests/s ratios to the floor and accordline ÷ Strawberry."""
    floor, plain, ours = SERVERS
    lines = [
        "| workload "
        + "".join(f"| {server} rps | p50 ms | p99 ms " for server in SERVERS)
        + f"| {ours} ÷ {floor} | {plain} ÷ {floor} | {ours} ÷ {plain} |",
        "|---|" + "---:|" * (3 * len(SERVERS) + 3),
    ]
    for name in names:
        x = {server: stats[f"{name}/{server}"] for server in SERVERS}
        label = f"{name} {DESCRIPTIONS[name]}" if describe else name
        cells = "".join(
            f"| {x[s]['rps']:.0f} | {x[s]['p50']:.1f} | {x[s]['p99']:.1f} " for s in SERVERS
        )
        lines.append(
            f"| {label} {cells}| {ratio(x[ours]['rps'], x[floor]['rps']):.2f} "
            f"| {ratio(x[plain]['rps'], x[floor]['rps']):.2f} "
            f"| {ratio(x[ours]['rps'], x[plain]['rps']):.2f} |"
        )
    return [*lines, ""]


def _pair_table(stats: dict, a: str, b: str, names, describe: bool = False) -> list[str]:
    """Rows of requests/s, p50 and p99 for servers ``a`` and ``b``, with a ÷ b ratios."""
    lines = [
        f"| workload | {a} rps | p50 ms | p99 ms | {b} rps | p50 ms | p99 ms "
        "| rps ratio | p50 ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        x, y = stats[f"{name}/{a}"], stats[f"{name}/{b}"]
        label = f"{name} {DESCRIPTIONS[name]}" if describe else name
        lines.append(
            f"| {label} | {x['rps']:.0f} | {x['p50']:.1f} | {x['p99']:.1f} | {y['rps']:.0f} "
            f"| {y['p50']:.1f} | {y['p99']:.1f} | {ratio(x['rps'], y['rps']):.2f} "
            f"| {ratio(x['p50'], y['p50']):.2f} |"
        )
    return [*lines, ""]


def write_results(
    runs: dict,
    statements: dict,
    profile: str,
    command: str,
    quick: bool,
    cached: dict,
    workers: dict,
    output: Path,
) -> None:
    lines = [
        "# accordline benchmark results",
        "",
        f"- Command: `{command}`",
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; SQLite "
        f"{__import__('sqlite3').sqlite_version}; one uvicorn worker per server (uvloop, "
        f"httptools), access log off for all; {CONCURRENCY} concurrent connections from "
        f"{'wrk (2 threads)' if shutil.which('wrk') else 'a separate httpx process'}; "
        "the servers alternate in short rounds. Uncached tables: the response cache is off.",
        "- Servers: **floor** (bench/floor.py, hand-written SQL and json), **strawberry** "
        "(accordline with `ACCORDLINE_FAST_PATH=0`: the same code through Strawberry "
        "alone), **accordline** (as it ships, fast path on).",
        "- Ratios are of requests/s: ÷ floor below 1 means slower than the floor; "
        "accordline ÷ strawberry is what the fast path buys.",
        "",
    ]
    if quick:
        lines += ["Quick run: short cases; use the full run for real numbers.", ""]
    for scale, run in runs.items():
        s, c = run["stats"], run["counts"]
        gen = run["generation"]
        lines += [
            f"## Scale x{scale}",
            "",
            f"{c['countries']:,} countries, {c['agreements']:,} agreements, "
            f"{c['participations']:,} participations, {c['events']:,} events "
            f"({c['event_countries']:,} event-country links). Generation: "
            + (f"{gen:.1f} s." if gen is not None else "cached."),
            "",
            *_trio_table(s, WORKLOADS, describe=True),
        ]
        errors = {k: v["errors"] for k, v in s.items() if v["errors"]}
        if errors or run["problems"]:
            lines += [
                "",
                f"Errors: {errors}; answer mismatches: {run['problems']}. Errors count answers "
                "with GraphQL errors (e.g. QUERY_TIMEOUT under load): those cases are not "
                "comparable, since a timed-out request is a fast failure.",
            ]
        else:
            lines += ["", "All three servers gave identical data to every workload checked."]
        lines.append("")
    lines += _flatness(runs)
    lines += [
        f"## Cached: repeated queries, response cache on (x{next(iter(runs))})",
        "",
        "Each workload repeats one variable set; both accordline servers answer from their "
        "response cache (it sits in front of either executor), the floor runs its SQL "
        "every time.",
        "",
        *_trio_table(cached, WORKLOADS),
    ]
    if workers:
        lines += [
            f"## Scale-out: two uvicorn workers against one (x{next(iter(runs))}, uncached)",
            "",
            *_pair_table(workers, "2 workers", "1 worker", ("W2", "W3", "W6")),
        ]
    lines += _targets(runs, cached, workers)
    lines += [
        "## SQL statements per request (accordline, in-process)",
        "",
        "| workload | " + " | ".join(f"x{s} page 10 | x{s} page 50" for s in statements) + " |",
        "|---|" + "---:|" * (2 * len(statements)),
    ]
    for name in WORKLOADS:
        cells = [str(statements[s][name][size]) for s in statements for size in (10, 50)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Page size applies to W2, W5 and W6 (`first`); the count does not change with it.",
        "",
    ]
    if profile:
        top = "\n".join(profile.splitlines()[:60])
        lines += [
            "## Profile: W2 in-process (pyinstrument)",
            "",
            "```",
            top,
            "```",
            "",
        ]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines), encoding="utf-8")


def plot(runs: dict, output: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    scales = list(runs)
    fig, axes = plt.subplots(2, 3, figsize=(12, 7), sharex=True)
    styles = {"floor": "s--", "strawberry": "^:", "accordline": "o-"}
    for axis, name in zip(axes.flat, WORKLOADS, strict=True):
        for server in SERVERS:
            axis.plot(
                scales,
                [runs[s]["stats"][f"{name}/{server}"]["p99"] for s in scales],
                styles[server],
                label=server,
            )
        axis.set_title(f"{name}: {DESCRIPTIONS[name][:38]}", fontsize=9)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xticks(scales, [f"x{s}" for s in scales])
        axis.set_ylabel("p99 ms")
    axes.flat[0].legend()
    fig.suptitle(f"p99 latency vs scale, {CONCURRENCY} concurrent connections")
    fig.tight_layout()
    fig.savefig(output, dpi=90)
    return True


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
