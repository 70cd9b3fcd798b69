"""Prepare once: a request is parsed, validated and costed once, whichever executor runs
it and whichever method brought it — Strawberry executes the prepared document and
reports the prepared cost (execution/prepare.py, strawberry_adapter.PreparedDocument,
budget.NodeBudget), and a GET's check that it carries a query reuses the check."""

from collections import Counter

import pytest
import strawberry.schema.schema as strawberrys

from server.api.execution import budget, prepare

pytestmark = pytest.mark.anyio


def count_calls(monkeypatch, counts: Counter, module, name: str) -> None:
    original = getattr(module, name)

    def counted(*arguments, **keywords):
        counts[f"{module.__name__.rsplit('.', 1)[-1]}.{name}"] += 1
        return original(*arguments, **keywords)

    monkeypatch.setattr(module, name, counted)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "strawberry"])
async def test_a_request_is_prepared_once(api, monkeypatch, method, fast):
    counts = Counter()
    for module, name in [
        (prepare, "parse"),
        (prepare, "validate"),
        (prepare, "requested_nodes"),
        (strawberrys, "parse"),
        (strawberrys, "validate"),
        (budget, "requested_nodes"),  # NodeBudget's, for an unprepared execution
    ]:
        count_calls(monkeypatch, counts, module, name)
    # A text no other test sends: not in the preparer's cache yet.
    query = f'{{ country(code: "KZ") {{ name }} }} # prepared once: {method} {fast}'
    client = api.client if fast else api.plain
    if method == "GET":
        response = await client.get("/graphql", params={"query": query})
    else:
        response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"country": {"name": "Kazakhstan"}}
    # The prepared cost, reported by whichever executor answered.
    assert body["extensions"]["cost"] == {
        "requestedNodes": 0,
        "fieldSelections": 2,
        "limit": 50000,
    }
    assert counts == {"prepare.parse": 1, "prepare.validate": 1, "prepare.requested_nodes": 1}
