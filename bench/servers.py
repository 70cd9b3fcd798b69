"""The servers a benchmark run measures, started as real processes, and the load on them.

Each server is a ``python -m …`` process on a free loopback port: the floor
(bench/floor.py), accordline with its fast path off ("strawberry") and accordline as it
ships. ``check_same_answers`` holds them to the floor's data before anything is timed;
``drive`` loads them from a separate process (bench/load.py) in alternating short rounds
and returns requests/s, p50 and p99 per case and server. bench/run.py and
bench/compare.py both measure through these.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from .generate import OUT

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = 16
# The three servers of every table, cheapest first: "strawberry" is accordline with
# ACCORDLINE_FAST_PATH=0, so accordline ÷ strawberry is what the fast path buys.
SERVERS = ("floor", "strawberry", "accordline")


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
