"""Validation in linear time (issue #17, C2): a document whose validation would compare
many pairs of same-place fields is refused before graphql-core's quadratic rule runs.

Functional checks only: the timing of the worst accepted document is `make fuzz`'s
(bench/shapes.py --max-ratio 10), not an assertion here.
"""

import pytest
from graphql import parse

from bench.shapes import FAMILIES, STOPS, search
from server.api.execution.limits import Overlap

pytestmark = pytest.mark.anyio

C2 = "{" + " record { updated }" * 440 + "}"


def test_overlap_counts_same_place_pairs():
    overlap = Overlap.measure(
        parse("{ record { updated } record { updated } x: record { updated } }"), 100
    )
    # record ×2 and x ×1 at the root; record.updated ×2 and x.updated ×1 below them
    assert overlap.fields == 6
    assert overlap.pairs == 2 * 2 + 1 + 2 * 2 + 1
    assert overlap.worst == ("record", 2)


def test_overlap_expands_fragments_and_inline_fragments():
    document = parse(
        "{ ...A ... on Query { record { updated } } } fragment A on Query { record { built } }"
    )
    overlap = Overlap.measure(document, 100)
    # In the operation: record ×2 (one through A, one inline), updated and built once
    # each; A's own definition is validated alone too (record, built); one spread.
    assert overlap.worst == ("record", 2)
    assert overlap.fields == 4 + 2
    assert overlap.pairs == (4 + 1 + 1) + (1 + 1) + 1


def test_overlap_stops_at_a_fragment_cycle_and_at_the_cap():
    cycle = parse("{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }")
    assert Overlap.measure(cycle, 100).fields < 10
    chain = " ".join(
        f"fragment F{i} on Query {{ __typename ...F{i + 1} ...F{i + 1} }}" for i in range(30)
    )
    huge = parse("{ ...F0 } " + chain + " fragment F30 on Query { __typename }")
    assert Overlap.measure(huge, 1000).fields == 1001  # stopped, not 2^30


async def test_the_c2_document_is_refused_with_its_reason(api):
    error = await api.error(C2)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "`record` 440 times at one place" in error["message"]
    assert "limit of 5000" in error["message"]


async def test_too_many_expanded_fields_are_refused(api):
    document = (
        "{ ...F ...F } fragment F on Query { countries(first: 1) { edges { node { "
        + ("name code alpha3 numericCode officialName region subregion " * 150)
        + " } } } }"
    )
    error = await api.error(document)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "more than 2000 field selections" in error["message"]


async def test_repeated_fields_cost_more_than_nothing(api):
    body = await api("{" + " record { updated }" * 10 + "}")
    assert "errors" not in body
    assert body["extensions"]["cost"]["requestedNodes"] == 0
    assert body["extensions"]["cost"]["fieldSelections"] == 20


def test_every_shape_family_ends_in_a_refusal_before_validation():
    """Grown far enough, every family of documents is refused by a limit (or cannot be
    parsed), so none can grow validation's work without bound."""
    last: dict[str, dict] = {}
    for row in search(runs=1):
        last[row["family"]] = row
    assert set(last) == set(FAMILIES)
    unbounded = {family: row for family, row in last.items() if row["outcome"] not in STOPS}
    assert not unbounded


async def test_the_schema_may_be_introspected_once_per_document(api):
    api.expected_declines.add("introspection")  # Strawberry's path answers introspection
    once = await api("{ __schema { queryType { name } } }")
    assert once["data"]["__schema"]["queryType"]["name"] == "Query"
    assert once["extensions"]["cost"]["fieldSelections"] == 3
    aliased = " ".join(f"s{i}: __schema {{ types {{ name }} }}" for i in range(15))
    error = await api.error("{ " + aliased + " }")
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "(__schema) 15 times" in error["message"]


async def test_introspection_is_answered_from_memory_whatever_the_comments(api, monkeypatch):
    from graphql import get_introspection_query

    api.expected_declines.add("introspection")
    query = get_introspection_query(descriptions=True)
    first = await api.client.post("/graphql", json={"query": query + "\n# one"})
    executed = []
    real = api.app.state.schema.execute

    async def counting(*args, **kwargs):
        executed.append(args)
        return await real(*args, **kwargs)

    monkeypatch.setattr(api.app.state.schema, "execute", counting)
    second = await api.client.post(
        "/graphql", json={"query": "# two\n" + query.replace("\n", "  ")}
    )
    assert second.status_code == 200
    assert second.json()["data"] == first.json()["data"]
    assert executed == []  # answered from memory, not executed again
    typename = await api.client.post(
        "/graphql", json={"query": "{ __typename countries(first: 1) { totalCount } }"}
    )
    assert typename.json()["data"]["countries"]["totalCount"] > 0  # not introspection only


async def test_a_refused_document_sent_again_with_a_new_comment_is_not_parsed_again(
    api, monkeypatch
):
    from server.api.execution import prepare

    parsed = []
    real_parse = prepare.parse
    monkeypatch.setattr(prepare, "parse", lambda *a, **k: parsed.append(1) or real_parse(*a, **k))
    for comment in ("# one", "# two", "#three\n\n"):
        error = await api.error(comment + "\n" + C2)
        assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    # Once for each app of the differential client (fast path on, and off), not per comment.
    assert len(parsed) == 2


async def test_an_error_with_a_place_is_never_shared_between_texts(api):
    first = await api.error("{ nope }")
    shifted = await api.error("# a comment\n\n{ nope }")
    assert first["locations"] == [{"line": 1, "column": 3}]
    assert shifted["locations"] == [{"line": 3, "column": 3}]
