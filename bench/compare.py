"""Before and after: the working tree's server against a base revision's, same run.

    python -m bench.compare --base REV              # x100, about 3 minutes
    python -m bench.compare --base REV --scale 1000 --seconds 12 --workloads W2 W6
    python -m bench.compare --base REV --work REV2  # two revisions, e.g. to bisect

It exports the base revision (``git archive``: the checkout itself is not touched) into
a temporary directory and serves it from there with the same virtualenv, beside the
working tree's server and the floor (bench/floor.py, for reference). Both accordline
servers read the working tree's generated store when the revision's schema version
(a digest of its schema.sql, or its newest migration) matches the store's
``PRAGMA user_version``; otherwise the revision builds its own store with its own
bench/generate.py. Then every workload runs against all of them in alternating short
rounds (bench.servers.drive), so machine drift hits each alike, and it prints requests/s
per workload with working ÷ base, flagging any ratio below --flag (0.95). The exit
status is 1 when a workload is flagged.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import io
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import httpx

from server.store.schema import version_of

from .generate import OUT, ensure_store
from .report import ratio
from .servers import ROOT, Server, accordline_server, drive, floor_server
from .workloads import WORKLOADS, cases


@dataclasses.dataclass
class Side:
    """One accordline to measure: the working tree, or a revision exported to a dir."""

    label: str
    root: Path
    revision: str  # "working tree" or "abc1234 subject"
    store: Path | None = None
    cases: dict = dataclasses.field(default_factory=dict)  # its own queries, when they differ


def _git(*args: str, binary: bool = False):
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.decode().strip()}")
    return done.stdout if binary else done.stdout.decode().strip()


def export(revision: str, label: str, into: Path) -> Side:
    """``revision``'s files (``git archive``) in ``into``/``label``: no worktree, no
    change to the repository."""
    commit = _git("rev-parse", "--verify", f"{revision}^{{commit}}")
    subject = _git("log", "-1", "--format=%h %s", commit)
    root = into / label
    root.mkdir()
    with tarfile.open(fileobj=io.BytesIO(_git("archive", commit, binary=True))) as archive:
        archive.extractall(root, filter="data")
    return Side(label, root, subject)


def schema_version(root: Path) -> int:
    """The schema version of the code in ``root`` (what its stores' user_version is): the
    digest of its server/store/schema.sql, or, before that file, its newest migration."""
    schema = root / "server" / "store" / "schema.sql"
    if schema.exists():
        return version_of(schema.read_text(encoding="utf-8"))
    numbers = [
        int(m.group(1))
        for path in (root / "server" / "migrations").glob("*.sql")
        if (m := re.match(r"(\d+)_", path.name))
    ]
    if not numbers:
        raise SystemExit(f"{root}: neither server/store/schema.sql nor server/migrations/*.sql")
    return max(numbers)


def user_version(store: Path) -> int:
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def store_for(side: Side, scale: int, store: Path) -> Path:
    """``store`` when ``side`` reads its schema, else one built by ``side``'s own code."""
    if side.root == ROOT or schema_version(side.root) == user_version(store):
        return store
    if not (side.root / "bench" / "generate.py").exists():
        raise SystemExit(
            f"{side.revision}: schema version {schema_version(side.root)} differs from the "
            f"store's {user_version(store)} and the revision has no bench/generate.py to "
            "build its own"
        )
    print(
        f"[compare] {side.label}: schema {schema_version(side.root)} ≠ store's "
        f"{user_version(store)}; building its own x{scale} store with its generator",
        file=sys.stderr,
        flush=True,
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.generate", str(scale)],
        cwd=side.root,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip().splitlines()[-1])


def own_cases(side: Side, keys: dict, wanted: list) -> dict:
    """The side's own workload queries where they differ from the working tree's (an
    API change between revisions): each server is asked in its own words."""
    path = side.root / "bench" / "workloads.py"
    if side.root == ROOT or not path.exists():
        return {}
    spec = importlib.util.spec_from_file_location(f"_workloads_{side.label}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    theirs = {c.name: c for c in module.cases(keys)}
    return {
        c.name: theirs[c.name]
        for c in wanted
        if c.name in theirs and theirs[c.name].query.split() != c.query.split()
    }


def check(servers: list[Server], all_cases, floor: Server | None) -> list[str]:
    """No GraphQL errors anywhere; the same data from servers asked the same query, and
    from the floor for the working tree's queries."""
    problems = []
    with httpx.Client(timeout=60) as client:
        for case in all_cases:
            for variables in case.variables[:3]:
                answers = {}
                for server in servers:
                    query = server.cases.get(case.name, case).query
                    body = client.post(
                        f"{server.base}/graphql", json={"query": query, "variables": variables}
                    ).json()
                    if "errors" in body:
                        problems.append(f"{case.name} {variables}: {server.label}: errors")
                    answers[server.label] = (query, body.get("data"))
                (q0, d0), *others = answers.values()
                if any(q == q0 and d != d0 for q, d in others):
                    problems.append(f"{case.name} {variables}: base and working data differ")
                if floor is not None:
                    hand = client.post(f"{floor.base}/{case.name}", json=variables).json()
                    mine = answers[servers[-1].label]
                    if mine[0] == case.query and mine[1] != hand["data"]:
                        problems.append(f"{case.name} {variables}: floor data differs")
    return problems


def report(stats: dict, names: list[str], sides: list[Side], floor: bool, flag: float):
    base, work = (s.label for s in sides)
    head = f"| workload | {base} rps | {work} rps | {work} ÷ {base} "
    rule = "|---|---:|---:|---:"
    if floor:
        head += f"| floor rps | {base} ÷ floor | {work} ÷ floor "
        rule += "|---:|---:|---:"
    head += f"| {base} p99 ms | {work} p99 ms | |"
    rule += "|---:|---:|---|"
    lines, flagged = [head, rule], []
    for name in names:
        b, w = stats[f"{name}/{base}"], stats[f"{name}/{work}"]
        change = ratio(w["rps"], b["rps"])
        row = f"| {name} | {b['rps']:.0f} | {w['rps']:.0f} | {change:.2f} "
        if floor:
            f = stats[f"{name}/floor"]
            row += (
                f"| {f['rps']:.0f} | {ratio(b['rps'], f['rps']):.2f} "
                f"| {ratio(w['rps'], f['rps']):.2f} "
            )
        mark = ""
        if not change >= flag:  # NaN (nothing completed) is flagged too
            mark = f"**below {flag}**"
            flagged.append(name)
        errors = b["errors"] + w["errors"]
        if errors:
            mark += f" {errors} errors"
        lines.append(row + f"| {b['p99']:.1f} | {w['p99']:.1f} | {mark.strip()} |")
    return lines, flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--base", required=True, help="the revision to compare against")
    parser.add_argument("--work", help="a revision instead of the working tree")
    parser.add_argument("--scale", type=int, default=100, help="store scale (default 100)")
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="per workload and server (default 8)"
    )
    parser.add_argument("--rounds", type=int, default=4, help="alternations (default 4)")
    parser.add_argument("--workloads", nargs="*", choices=WORKLOADS, help="default: all")
    parser.add_argument("--no-floor", action="store_true", help="skip the reference floor")
    parser.add_argument(
        "--strawberry", action="store_true", help="both servers with the fast path off"
    )
    parser.add_argument("--flag", type=float, default=0.95, help="flag working ÷ base below")
    parser.add_argument("--keep", action="store_true", help="keep the exported revision(s)")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("[compare] wrk not found: the httpx client flattens ratios", file=sys.stderr)

    started = time.perf_counter()
    temporary = Path(tempfile.mkdtemp(prefix="accordline-compare-"))
    servers: list[Server] = []
    try:
        sides = [export(args.base, "base", temporary)]
        sides.append(
            export(args.work, "working", temporary)
            if args.work
            else Side("working", ROOT, "working tree")
        )
        store, keys, _ = ensure_store(args.scale)
        wanted = [c for c in cases(keys) if not args.workloads or c.name in args.workloads]
        for side in sides:
            side.store = store_for(side, args.scale, store)
            side.cases = own_cases(side, keys, wanted)
            print(
                f"[compare] {side.label}: {side.revision} ({side.root}), store {side.store}"
                + (f", its own queries for {', '.join(side.cases)}" if side.cases else ""),
                file=sys.stderr,
                flush=True,
            )
        logs = OUT / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        if not args.no_floor:
            servers.append(floor_server(store, logs / "compare-floor.log"))
        for side in sides:
            server = accordline_server(
                side.label,
                side.store,
                logs / f"compare-{side.label}.log",
                cache=False,
                fast_path=not args.strawberry,
                cwd=side.root,
            )
            server.cases = side.cases
            servers.append(server)
        floor = None if args.no_floor else servers[0]
        problems = check([s for s in servers if s is not floor], wanted, floor)
        for problem in problems:
            print(f"[compare] WARNING {problem}", file=sys.stderr)
        rounds = max(1, min(args.rounds, int(args.seconds)))  # wrk runs whole seconds
        print(
            f"[compare] x{args.scale}: {len(wanted)} workloads × {len(servers)} servers, "
            f"{rounds} rounds of {args.seconds / rounds:.0f} s",
            file=sys.stderr,
            flush=True,
        )
        stats = drive(servers, wanted, args.seconds, rounds)
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            print(f"[compare] kept {temporary}", file=sys.stderr)
        else:
            shutil.rmtree(temporary, ignore_errors=True)

    lines, flagged = report(stats, [c.name for c in wanted], sides, not args.no_floor, args.flag)
    print(f"x{args.scale}, uncached, {'fast path off, ' if args.strawberry else ''}requests/s")
    print(f"base:    {sides[0].revision}")
    print(f"working: {sides[1].revision}")
    print()
    print("\n".join(lines))
    print()
    if problems:
        print(f"Answer problems: {len(problems)} (see the warnings above).")
    print(
        f"{len(flagged)} of {len(wanted)} workloads below {args.flag} of the base"
        + (f": {', '.join(flagged)}" if flagged else "")
        + f". {time.perf_counter() - started:.0f} s."
    )
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
