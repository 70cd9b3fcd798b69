"""The benchmark's report: bench/RESULTS.md's tables, the issue's targets, the plot.

``write_results`` turns a run's measurements (bench/run.py) into RESULTS.md: per scale
the floor, Strawberry alone and accordline side by side, p99 flatness across scales,
the cached and two-worker tables, the targets met or missed with the figure measured,
SQL statements per request and the profile. ``plot`` draws latency.png.
"""

from __future__ import annotations

import datetime
import os
import platform
import shutil
from pathlib import Path

from .servers import CONCURRENCY, SERVERS
from .workloads import DESCRIPTIONS, WORKLOADS


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


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
