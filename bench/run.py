"""The benchmark: accordline against a hand-written floor, at three data scales.

    python -m bench.run            # x1, x100, x1000; about 5 s per case
    python -m bench.run --quick    # x1 only, about 2 s per case, under a minute

For each scale it generates (or reuses) a store, starts the real server and the floor
(bench/floor.py) on free ports, checks both give the same answer to every workload, then
drives both from a separate load process (bench/load.py) in alternating short rounds.
It also counts SQL statements per request in-process, optionally profiles W2, and writes
bench/RESULTS.md and bench/latency.png.
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
    def __init__(self, label: str, args: list[str], log: Path, env: dict | None = None):
        self.label, self.port = label, _free_port()
        self.kind = "floor" if args[0] == "bench.floor" else "accordline"
        self.log = log
        self.handle = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", *args, "--port", str(self.port), "--host", "127.0.0.1"],
            cwd=ROOT,
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


def _url_and_bodies(server: str, base: str, case) -> tuple[str, list[dict]]:
    if server != "floor":
        return f"{base}/graphql", [{"query": case.query, "variables": v} for v in case.variables]
    return f"{base}/{case.name}", case.variables


def check_same_answers(accordline: Server, floor: Server, all_cases) -> list[str]:
    """Both servers must answer every workload identically (a few variable sets each)."""
    problems = []
    with httpx.Client(timeout=60) as client:
        for case in all_cases:
            for variables in case.variables[:3]:
                graph = client.post(
                    f"{accordline.base}/graphql",
                    json={"query": case.query, "variables": variables},
                ).json()
                hand = client.post(f"{floor.base}/{case.name}", json=variables).json()
                # Compare data only: the server may add "extensions" (e.g. query cost).
                if "errors" in graph or graph.get("data") != hand["data"]:
                    problems.append(f"{case.name} {variables}: answers differ")
    return problems


def accordline_server(label: str, store: Path, log: Path, *, cache: bool, workers: int = 1):
    env = {"ACCORDLINE_RESPONSE_CACHE": "2048" if cache else "0", "ACCORDLINE_ACCESS_LOG": "0"}
    args = ["server", "serve", "--db", str(store), "--workers", str(workers)]
    return Server(label, args, log, env)


def floor_server(store: Path, log: Path) -> Server:
    return Server("floor", ["bench.floor", "--db", str(store)], log)


def drive(servers: list[Server], all_cases, seconds: float, rounds: int, warm: bool = True) -> dict:
    """Load each case on every server in alternating short rounds; stats per label."""
    segments = []
    for case in all_cases:
        for server in servers if warm else ():
            url, bodies = _url_and_bodies(server.kind, server.base, case)
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
                url, bodies = _url_and_bodies(server.kind, server.base, case)
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
    """Uncached: every request through GraphQL (response cache off) against the floor."""
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers = [
        accordline_server("accordline", store, logs / f"accordline-x{scale}.log", cache=False)
    ]
    try:
        servers.append(floor_server(store, logs / f"floor-x{scale}.log"))
        all_cases = cases(keys)
        problems = check_same_answers(servers[0], servers[1], all_cases)
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
    logs = OUT / "logs"
    servers = [accordline_server("accordline", store, logs / "accordline-cached.log", cache=True)]
    try:
        servers.append(floor_server(store, logs / "floor-cached.log"))
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


TARGETS = {"W1": 0.45, "W2": 0.35, "W3": 0.25, "W4": None, "W5": 0.35, "W6": 0.45}


def _targets(runs: dict, cached: dict, workers: dict) -> list[str]:
    """The issue's targets, each with the figure measured in this run."""
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]

    def row(target, measured, met):
        lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")

    for scale, run in runs.items():
        st = run["stats"]
        for name, goal in TARGETS.items():
            if goal is None:
                continue
            measured = ratio(st[f"{name}/accordline"]["rps"], st[f"{name}/floor"]["rps"])
            row(
                f"x{scale} {name} uncached ≥ {goal} of floor rps",
                f"{measured:.2f}",
                measured >= goal,
            )
    for name in WORKLOADS:
        measured = ratio(cached[f"{name}/accordline"]["rps"], cached[f"{name}/floor"]["rps"])
        row(f"{name} cached ≥ 3× floor rps", f"{measured:.2f}×", measured >= 3)
    scales = list(runs)
    # x1 holds 25 events, so its timeline pages (W2, W5, W6) are half empty; x100 is the
    # first scale where every workload reads full pages: both comparisons are shown.
    for base in scales[:-1][:2]:
        low, high = runs[base]["stats"], runs[scales[-1]]["stats"]
        for name in WORKLOADS:
            growth = ratio(high[f"{name}/accordline"]["p99"], low[f"{name}/accordline"]["p99"])
            row(f"{name} p99 x{scales[-1]} ≤ 1.5 × p99 x{base}", f"{growth:.2f}×", growth <= 1.5)
    if workers:
        for name in ("W2", "W3", "W6"):
            gain = ratio(workers[f"{name}/2 workers"]["rps"], workers[f"{name}/1 worker"]["rps"])
            row(f"{name} two workers ≥ 1.7 × one", f"{gain:.2f}×", gain >= 1.7)
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
        f"httptools), access log off for both; {CONCURRENCY} concurrent connections from "
        f"{'wrk (2 threads)' if shutil.which('wrk') else 'a separate httpx process'}; "
        "the servers alternate in short rounds. Uncached tables: accordline's response "
        "cache is off.",
        "- ratio = accordline ÷ floor (requests/s: below 1 means accordline is slower; "
        "latency: above 1 means accordline is slower).",
        "",
    ]
    if quick:
        lines += ["Quick run: x1 only, short cases; use the full run for real numbers.", ""]
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
            *_pair_table(s, "accordline", "floor", WORKLOADS, describe=True),
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
            lines += ["", "Both servers gave identical answers to every workload checked."]
        lines.append("")
    lines += [
        "## Cached: repeated queries, response cache on (x1)",
        "",
        "Each workload repeats one variable set; accordline answers from its response "
        "cache, the floor runs its SQL every time.",
        "",
        *_pair_table(cached, "accordline", "floor", WORKLOADS),
    ]
    if workers:
        lines += [
            "## Scale-out: two uvicorn workers against one (x1, uncached)",
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
    (HERE / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")


def plot(runs: dict) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    scales = list(runs)
    fig, axes = plt.subplots(2, 3, figsize=(12, 7), sharex=True)
    for axis, name in zip(axes.flat, WORKLOADS, strict=True):
        for server, style in (("accordline", "o-"), ("floor", "s--")):
            axis.plot(
                scales,
                [runs[s]["stats"][f"{name}/{server}"]["p99"] for s in scales],
                style,
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
    fig.savefig(HERE / "latency.png", dpi=90)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="x1 only, short cases")
    parser.add_argument("--scales", type=int, nargs="*", help="default: 1 100 1000")
    parser.add_argument("--seconds", type=float, help="per case and server")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)
    scales = args.scales or ([1] if args.quick else [1, 100, 1000])
    seconds = args.seconds or (2.0 if args.quick else 6.0)
    rounds = 2 if args.quick else 3
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
            a, f = run["stats"][f"{name}/accordline"], run["stats"][f"{name}/floor"]
            print(
                f"[run] x{scale} {name}: accordline {a['rps']:.0f} rps p50 {a['p50']:.1f} "
                f"p99 {a['p99']:.1f} | floor {f['rps']:.0f} rps p50 {f['p50']:.1f} "
                f"p99 {f['p99']:.1f} | ratio {ratio(a['rps'], f['rps']):.2f}",
                file=sys.stderr,
                flush=True,
            )
    store, keys, _ = ensure_store(scales[0])
    # Quick runs keep under a minute: a one-second cached case needs no warm-up round.
    if args.quick:
        cached = measure_cached(store, keys, 1.0, 1, warm=False)
    else:
        cached = measure_cached(store, keys, seconds, rounds, warm=True)
    workers = {} if args.quick else measure_workers(store, keys, seconds, rounds)
    profile = ""
    if not args.no_profile and not args.quick:
        store, keys, _ = ensure_store(scales[-1])
        profile = profile_w2(store, keys)
    write_results(runs, statements, profile, command, args.quick, cached, workers)
    plotted = plot(runs) if len(runs) > 1 or not args.quick else False
    print(
        f"[run] wrote bench/RESULTS.md{' and bench/latency.png' if plotted else ''}"
        f" in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
