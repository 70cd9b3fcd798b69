"""The worst document the server accepts, found by a search over shapes (issue #17).

Validation runs before any budget can see it, so its cost must be bounded by the limits
alone. This search grows each family of documents (repeated fields, aliases, fragments,
nested selections, directives, operations, variables, literals) as far as the limits
let it, times ``Preparer.prepare`` (parse, the limits, validation, variables, the node
budget) on every document it reaches, and reports the slowest accepted one.

Machines here are noisy (one CI run timed a 30 ms document at 53 ms), so each document is
timed as the fastest of ``--runs`` fresh preparations, each run right after one of the
baseline: GraphiQL's own introspection query, the heaviest document a real client sends.
The gate is the ratio of the two, measured side by side:

    python -m bench.shapes                  # every family, the summary table
    python -m bench.shapes --max-ratio 10   # exit 1 if an accepted document costs more
                                            # than 10 introspection queries

On this machine the introspection query prepares in about 4.7 ms, so 10× is about 47 ms:
inside issue #17's 50 ms. `make test-ops` and `make fuzz` run the gate;
tests/test_validation_shapes.py checks (without timing) that every family ends in a
QUERY_TOO_COMPLEX refusal or the token limit, never in an unbounded accepted document.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator

from graphql import get_introspection_query

from server.api.execution.prepare import PreparationFailed, Preparer
from server.api.schema.schema import create_schema
from server.settings import Settings


def _repeat(body: str, n: int) -> str:
    return " ".join([body] * n)


def _fragments(n: int, body: str, on: str = "Query") -> str:
    return " ".join(f"fragment F{i} on {on} {{ {body} }}" for i in range(n))


# Each family: a name and a function from a size to a document (None: no such size).
FAMILIES: dict[str, Callable[[int], str | None]] = {
    "repeated leaf": lambda n: "{ " + _repeat("__typename", n) + " }",
    "repeated field with selection": lambda n: "{ " + _repeat("record { updated }", n) + " }",
    "repeated deep selection": lambda n: (
        "{ "
        + _repeat('country(code: "KZ") { relations(first: 1) { edges { node { state } } } }', n)
        + " }"
    ),
    "nested repeats": lambda n: (
        "{ countries(first: 1) { edges { node { "
        + _repeat("name code", n)
        + " } } } "
        + _repeat("countries(first: 1) { edges { node { name } } }", n)
        + " }"
    ),
    "distinct fields, no repeats": lambda n: (
        "{ "
        + " ".join(f'c{i}: country(code: "KZ") {{ name }}' for i in range(min(n, 15)))
        + " countries(first: 1) { edges { node { "
        + _repeat("id code alpha3 numericCode name officialName region subregion", max(1, n // 8))
        + " } } } }"
    ),
    "aliases with repeats": lambda n: (
        "{ " + " ".join(f"a{i % 15}: record {{ updated }}" for i in range(n)) + " }"
    ),
    "distinct fragments at one place": lambda n: (
        "{ " + " ".join(f"...F{i}" for i in range(n)) + " } " + _fragments(n, "record { updated }")
    ),
    "fragments of distinct fields": lambda n: (
        "{ "
        + " ".join(f"...F{i}" for i in range(n))
        + " } "
        + " ".join(
            f"fragment F{i} on Query {{ {field} {{ __typename }} }}"
            for i, field in enumerate(["record", "groups", "agreements"] * n)
            if i < n
        )
    ),
    "one fragment spread often": lambda n: (
        "{ " + _repeat("...F0", n) + " } " + _fragments(1, "record { updated }")
    ),
    "fragment chain": lambda n: (
        "{ ...F0 } "
        + " ".join(
            f"fragment F{i} on Query {{ record {{ updated }} ...F{i + 1} ...F{i + 1} }}"
            for i in range(n)
        )
        + f" fragment F{n} on Query {{ __typename }}"
    ),
    "inline fragments": lambda n: "{ " + _repeat("... on Query { record { updated } }", n) + " }",
    "nested inline fragments": lambda n: (
        "{ " + "... on Query { " * n + "__typename" + " }" * n + " }"
    ),
    "directives": lambda n: (
        "query($t: Boolean = true) { "
        + _repeat("record @include(if: $t) { updated @skip(if: false) }", n)
        + " }"
    ),
    "many directives on one field": lambda n: (
        "{ record " + _repeat("@include(if: true)", n) + " { updated } }"
    ),
    "operations sharing fragments": lambda n: (
        " ".join(f"query Q{i} {{ ...F0 }}" for i in range(n))
        + " "
        + _fragments(1, "record { updated }")
    ),
    "operations sharing a fragment chain": lambda n: (
        " ".join(f"query Q{i} {{ ...F0 }}" for i in range(n))
        + " "
        + " ".join(f"fragment F{i} on Query {{ __typename ...F{i + 1} }}" for i in range(n))
        + f" fragment F{n} on Query {{ __typename }}"
    ),
    "variables": lambda n: (
        "query Q0("
        + " ".join(f"$v{i}: String" for i in range(n))
        + ") { "
        + " ".join(f"a{i}: country(code: $v{i}) {{ name }}" for i in range(min(n, 15)))
        + " "
        + " ".join(f"search(query: $v{i}) {{ totalCount }}" for i in range(15, n))
        + " }"
    ),
    "list literal": lambda n: (
        "{ events(first: 1, filter: { countries: ["
        + ", ".join('"KZ"' for _ in range(n))
        + "] }) { totalCount } }"
    ),
    "unknown fields": lambda n: "{ " + _repeat("nope", n) + " }",
}

# Refusals before validation runs: larger sizes of the family cost less still. Any other
# refusal (a validation error) ran validation, so the search goes on growing it.
STOPS = {"QUERY_TOO_COMPLEX", "GRAPHQL_PARSE_FAILED"}
SIZES = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1500, 2000)


BASELINE = get_introspection_query(descriptions=True)


def _once(preparer: Preparer, document: str) -> tuple[float, str]:
    """Milliseconds of one fresh preparation, and the outcome's code."""
    text = f"# {time.perf_counter_ns()}\n{document}"  # defeats every cache
    started = time.perf_counter()
    try:
        preparer.prepare(text, "Q0" if "query Q0" in document else None, None)
        outcome = "accepted"
    except PreparationFailed as failure:
        outcome = failure.errors[0].get("extensions", {}).get("code", "?")
    return (time.perf_counter() - started) * 1000, outcome


def _time(preparer: Preparer, document: str, runs: int) -> tuple[float, float, str]:
    """The fastest of ``runs`` preparations of ``document`` and of the baseline, taken in
    turns so that both see the same machine; and the document's outcome. Noise only ever
    adds time, so the fastest run is the closest to the work itself."""
    mine, base, outcome = [], [], "accepted"
    for _ in range(runs):
        base.append(_once(preparer, BASELINE)[0])
        ms, outcome = _once(preparer, document)
        mine.append(ms)
    return min(mine), min(base), outcome


def search(runs: int = 5, settings: Settings | None = None) -> Iterator[dict]:
    """For each family, every size tried: its milliseconds, the baseline's beside it, the
    ratio and the outcome (in order)."""
    settings = settings or Settings()
    preparer = create_schema(settings).fast_executor.preparer
    for family, make in FAMILIES.items():
        for size in SIZES:
            document = make(size)
            if document is None:
                continue
            ms, base, outcome = _time(preparer, document, runs)
            yield {
                "family": family,
                "size": size,
                "ms": ms,
                "ratio": ms / base,
                "outcome": outcome,
            }
            if outcome in STOPS:
                break  # past the limits: larger sizes are refused before validation


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=None,
        help="fail if an accepted document costs more than this many introspection queries",
    )
    args = parser.parse_args()
    worst: dict[str, dict] = {}
    for row in search(args.runs):
        if row["ratio"] >= worst.get(row["family"], {"ratio": -1})["ratio"]:
            worst[row["family"]] = {**row, "ends": worst.get(row["family"], {}).get("ends")}
        worst[row["family"]]["ends"] = f"{row['outcome']} at {row['size']}"
    print(
        f"{'family':36} {'slowest at size':>15} {'ms':>7} {'×base':>6}  {'its outcome':26} the search ended"
    )
    for family, row in worst.items():
        print(
            f"{family:36} {row['size']:>15} {row['ms']:>7.2f} {row['ratio']:>6.2f}  "
            f"{row['outcome']:26} {row['ends']}"
        )
    top = max(worst.values(), key=lambda row: row["ratio"])
    print(
        f"\nslowest validated document: {top['family']} at size {top['size']}: "
        f"{top['ms']:.2f} ms, {top['ratio']:.2f}× the introspection query ({top['outcome']})"
    )
    if args.max_ratio is not None and top["ratio"] > args.max_ratio:
        print(f"FAIL: over {args.max_ratio}× the introspection query", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
