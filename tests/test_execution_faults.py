"""One executor contract: a server fault during execution is answered GraphQL's way by
both executors — the failed field null (propagated to the nearest nullable parent), one
masked error with its path and locations, HTTP 200 with data — and the differential
client (conftest.Api.faulty) checks the two answers are the same bytes, with faults
injected at the root, in a list item, in a non-null field and in a batched loader."""

import re

import pytest

from .fault_injection import failing_attribute, failing_batch

pytestmark = pytest.mark.anyio

PARTICIPANTS = """{ agreement(slug: "abraham-accords") {
    participants { edges { node { country { code name officialName } } } } }
  kz: country(code: "KZ") { name } }"""


def paths(body: dict) -> list:
    return [error["path"] for error in body["errors"]]


async def test_unexpected_errors_are_masked_and_logged(api, monkeypatch, caplog):
    from server.api.execution import loaders

    async def broken(self, codes):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(loaders.Loaders, "_countries", broken)
    query = {"query": '{ country(code: "KZ") { name } }'}
    answered = api.fast.answered
    # One contract for both executors: the field fails alone, null, with a masked error
    # at its path; the answer is a 200 with data, as GraphQL answers any field error.
    fast = await api.client.post("/graphql", json=query)
    plain = await api.plain.post("/graphql", json=query)
    for response in (fast, plain):
        assert response.status_code == 200
        body = response.json()
        assert body["data"] == {"country": None}
        [error] = body["errors"]
        assert error["message"] == "Internal server error"
        assert error["path"] == ["country"]
        assert error["locations"] == [{"line": 1, "column": 3}]
        assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
        request_id = error["extensions"]["requestId"]
        assert re.fullmatch(r"[0-9a-f]{16}", request_id)
        logged = [r for r in caplog.records if request_id in r.getMessage()]
        assert logged and logged[0].name == "accordline.graphql"
        assert "secret database detail" in str(logged[0].exc_info[1])
        assert "secret" not in response.text
    assert api.fast.answered == answered + 1  # the fast path answered it itself
    assert api.fast.declined == 0  # a fault is not a reason to run the query twice


async def test_a_fault_at_the_root_nulls_each_root_field_that_waited_on_it(api, monkeypatch):
    failed = failing_batch(monkeypatch, "_countries")
    body = await api.faulty('{ a: country(code: "KZ") { name } b: country(code: "IL") { name } }')
    assert body["data"] == {"a": None, "b": None}
    assert paths(body) == [["a"], ["b"]]  # one statement failed both: one error each
    assert [e["locations"] for e in body["errors"]] == [
        [{"line": 1, "column": 3}],
        [{"line": 1, "column": 35}],
    ]
    assert len(failed) == 2  # once per app: the fast path did not run it again


async def test_a_fault_in_a_list_item_nulls_that_item_field_alone(api, monkeypatch):
    expected = await api.data(PARTICIPANTS)
    edges = expected["agreement"]["participants"]["edges"]
    where = [i for i, edge in enumerate(edges) if edge["node"]["country"]["code"] == "IL"]
    assert where  # Israel is a party: the fault has an item to hit
    failing_attribute(monkeypatch, "country_object", "official_name", lambda c: c.code == "IL")
    body = await api.faulty(PARTICIPANTS)
    for i in where:
        edges[i]["node"]["country"]["officialName"] = None
    assert body["data"] == expected
    assert paths(body) == [
        ["agreement", "participants", "edges", i, "node", "country", "officialName"] for i in where
    ]


async def test_a_fault_in_a_non_null_field_nulls_the_nearest_nullable_parent(api, monkeypatch):
    failing_attribute(monkeypatch, "country_object", "name", lambda c: c.code == "IL")
    body = await api.faulty(PARTICIPANTS)
    # Country.name, Participation.country, the edge, the edges and the connection are
    # all non-null: the agreement (nullable) is null; the sibling root field stands.
    assert body["data"] == {"agreement": None, "kz": {"name": "Kazakhstan"}}
    [error] = body["errors"]
    assert error["path"][:3] == ["agreement", "participants", "edges"]
    assert error["path"][4:] == ["node", "country", "name"]


async def test_faults_in_several_items_are_reported_in_response_order(api, monkeypatch):
    chosen = {"IL", "AE", "BH"}
    failing_attribute(monkeypatch, "country_object", "official_name", lambda c: c.code in chosen)
    body = await api.faulty(PARTICIPANTS)
    edges = body["data"]["agreement"]["participants"]["edges"]
    where = [i for i, edge in enumerate(edges) if edge["node"]["country"]["code"] in chosen]
    assert len(where) == 3
    assert [path[3] for path in paths(body)] == where


async def test_a_failed_batch_nulls_every_object_that_shared_it(api, monkeypatch):
    query = "{ agreements(first: 3) { edges { node { slug latestChange { role } } } } }"
    expected = await api.data(query)
    failed = failing_batch(monkeypatch, "_participations_by_agreement")
    body = await api.faulty(query)
    for edge in expected["agreements"]["edges"]:
        edge["node"]["latestChange"] = None
    assert body["data"] == expected
    assert paths(body) == [["agreements", "edges", i, "node", "latestChange"] for i in range(3)]
    assert failed and all(len(keys) == 3 for keys in failed)  # one batch per app, as before


async def test_a_failed_batch_under_non_null_fields_nulls_the_data(api, monkeypatch):
    failing_batch(monkeypatch, "_linked_sources")
    body = await api.faulty("{ agreements(first: 2) { edges { node { slug sources { url } } } } }")
    assert body["data"] is None  # Query.agreements is non-null, and everything under it
    [error] = body["errors"]  # the first object's: the others fell with it
    assert error["path"] == ["agreements", "edges", 0, "node", "sources"]


async def test_a_resolver_that_fails_for_one_row_fails_that_row_alone(api, monkeypatch):
    # Country.flag is resolved per object; it reads historical_code, which raises for IL.
    query = PARTICIPANTS.replace("officialName", "flag")
    expected = await api.data(query)
    failing_attribute(monkeypatch, "country_object", "historical_code", lambda c: c.code == "IL")
    body = await api.faulty(query)
    edges = expected["agreement"]["participants"]["edges"]
    [i] = [i for i, edge in enumerate(edges) if edge["node"]["country"]["code"] == "IL"]
    edges[i]["node"]["country"]["flag"] = None
    assert body["data"] == expected
    assert paths(body) == [["agreement", "participants", "edges", i, "node", "country", "flag"]]


async def test_a_level_that_fails_for_some_parents_fails_those_alone(api, monkeypatch):
    # The fast path computes latestChange for the whole level in one call; when that
    # fails it asks per agreement, as Strawberry's per-object resolvers do, so only the
    # agreements whose records are bad lose their field. Jordan takes part in the second
    # and third agreements, not the first.
    query = "{ agreements(first: 3) { edges { node { slug latestChange { role } } } } }"
    expected = await api.data(query)
    failing_attribute(
        monkeypatch, "_participations_by_agreement", "history", lambda p: p.country_code == "JO"
    )
    body = await api.faulty(query)
    edges = expected["agreements"]["edges"]
    for i in (1, 2):
        edges[i]["node"]["latestChange"] = None
    assert body["data"] == expected
    assert edges[0]["node"]["latestChange"] is not None
    assert paths(body) == [["agreements", "edges", i, "node", "latestChange"] for i in (1, 2)]


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
async def test_a_fault_is_a_200_with_data_in_either_media_type(api, monkeypatch, accept):
    failing_batch(monkeypatch, "_countries")
    request = {"query": '{ country(code: "KZ") { name } }'}
    for client in (api.client, api.plain):
        response = await client.post("/graphql", json=request, headers={"accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        assert response.json()["data"] == {"country": None}
