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

    app = create_app(dataclasses.replace(Settings(), db=Path(store)))
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
    def __init__(self, label: str, args: list[str], log: Path):
        self.label, self.port = label, _free_port()
        self.log = log
        self.handle = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", *args, "--port", str(self.port), "--host", "127.0.0.1"],
            cwd=ROOT,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
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
    if server == "accordline":
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


def measure(scale: int, store: Path, keys: dict, seconds: float, rounds: int) -> dict:
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    accordline = Server(
        "accordline", ["server", "serve", "--db", str(store)], logs / f"accordline-x{scale}.log"
    )
    try:
        floor = Server("floor", ["bench.floor", "--db", str(store)], logs / f"floor-x{scale}.log")
    except BaseException:
        accordline.stop()
        raise
    try:
        all_cases = cases(keys)
        problems = check_same_answers(accordline, floor, all_cases)
        for problem in problems:
            print(f"[run] x{scale}: WARNING {problem}", file=sys.stderr)
        segments = []
        for case in all_cases:
            for server in (accordline, floor):
                url, bodies = _url_and_bodies(server.label, server.base, case)
                segments.append(
                    {
                        "label": f"{case.name}/{server.label}-warm",
                        "url": url,
                        "bodies": bodies,
                        "seconds": 0.4,
                        "warmup": True,
                    }
                )
            for _ in range(rounds):
                for server in (accordline, floor):
                    url, bodies = _url_and_bodies(server.label, server.base, case)
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
        print(
            f"[run] x{scale}: load for ~{len(segments) * seconds / rounds / 2:.0f}+ s",
            file=sys.stderr,
            flush=True,
        )
        done = subprocess.run(
            [sys.executable, "-m", "bench.load", plan.name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        os.unlink(plan.name)
    finally:
        accordline.stop()
        floor.stop()
    merged: dict[str, dict] = {}
    for result in json.loads(done.stdout):
        entry = merged.setdefault(result["label"], {"latencies": [], "wall": 0.0, "errors": 0})
        entry["latencies"] += result["latencies"]
        entry["wall"] += result["wall"]
        entry["errors"] += result["errors"]
    stats = {}
    for label, entry in merged.items():
        lat = sorted(entry["latencies"])
        stats[label] = {
            "rps": len(lat) / entry["wall"],
            "p50": 1000 * lat[len(lat) // 2],
            "p99": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))],
            "n": len(lat),
            "errors": entry["errors"],
        }
    return {"stats": stats, "problems": problems}


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


def write_results(runs: dict, statements: dict, profile: str, command: str, quick: bool) -> None:
    lines = [
        "# accordline benchmark results",
        "",
        f"- Command: `{command}`",
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; SQLite "
        f"{__import__('sqlite3').sqlite_version}; one uvicorn worker per server, access "
        f"log on for both; {CONCURRENCY} concurrent connections from a separate httpx "
        "load process; the two servers alternate in short rounds.",
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
            "| workload | accordline rps | p50 ms | p99 ms | floor rps | p50 ms | p99 ms "
            "| rps ratio | p50 ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name in WORKLOADS:
            a, f = s[f"{name}/accordline"], s[f"{name}/floor"]
            lines.append(
                f"| {name} {DESCRIPTIONS[name]} | {a['rps']:.0f} | {a['p50']:.1f} | "
                f"{a['p99']:.1f} | {f['rps']:.0f} | {f['p50']:.1f} | {f['p99']:.1f} | "
                f"{a['rps'] / f['rps']:.2f} | {a['p50'] / f['p50']:.2f} |"
            )
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
    seconds = args.seconds or (2.0 if args.quick else 5.0)
    rounds = 2 if args.quick else 5
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
                f"p99 {f['p99']:.1f} | ratio {a['rps'] / f['rps']:.2f}",
                file=sys.stderr,
                flush=True,
            )
    profile = ""
    if not args.no_profile and not args.quick:
        store, keys, _ = ensure_store(scales[-1])
        profile = profile_w2(store, keys)
    write_results(runs, statements, profile, command, args.quick)
    plotted = plot(runs) if len(runs) > 1 or not args.quick else False
    print(
        f"[run] wrote bench/RESULTS.md{' and bench/latency.png' if plotted else ''}"
        f" in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
