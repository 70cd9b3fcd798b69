"""Generated hostile input: whatever arrives, the answer is a well-formed GraphQL response,
never a 5xx and never an unmasked exception. `make fuzz` raises the budget."""

import os
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.build import build_store

from .conftest import SEED
from .live import LiveServer

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
KNOWN_CODES = {
    "BAD_USER_INPUT",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TIMEOUT",
    "BAD_REQUEST",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = tmp_path_factory.mktemp("fuzz") / "store.sqlite"
    build_store(SEED, store)
    server = LiveServer(store)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            yield http
    finally:
        log = server.log()
        assert server.stop() == 0
        assert "Traceback" not in log


def assert_well_formed(response):
    assert response.status_code < 500, response.text
    body = response.json()
    assert set(body) <= {"data", "errors", "extensions"}
    for error in body.get("errors", []):
        assert error["extensions"]["code"] in KNOWN_CODES, error
        assert "Traceback" not in error["message"]


text = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        '"',
        "*",
        "AND",
        "OR NOT",
        "NEAR(a b",
        "((",
        ")",
        "a\x00b",
        "x" * 10_000,
        "\u202eRTL\u202c",
        "🕊️ peace",
        "kaz*",
        "^kaz",
        "col:kaz",
        "'; DROP TABLE events; --",
    ]
)
dates = st.text(max_size=12) | st.sampled_from(
    ["2020-02-30", "20200", "2020-13", "0000", "2020-02-29", "1992-08", "2021"]
)
codes = st.text(max_size=5) | st.sampled_from(["KZ", "kaz", "QQ", "SU", "K1", ""])

EVENTS = """query($f: EventFilter, $first: Int, $after: String) {
  events(first: $first, after: $after, filter: $f) { totalCount edges { node { slug } } } }"""


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    search=text,
    start=dates,
    end=dates,
    countries=st.lists(codes, max_size=3),
    first=st.integers(-5, 200) | st.none(),
    after=text | st.none(),
)
def test_event_filters_never_break(client, search, start, end, countries, first, after):
    variables = {
        "f": {"search": search, "from": start, "to": end, "countries": countries},
        "first": first,
        "after": after,
    }
    assert_well_formed(client.post("/graphql", json={"query": EVENTS, "variables": variables}))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=text, code=codes, as_of=dates)
def test_search_country_and_as_of_never_break(client, query, code, as_of):
    document = """query($q: String!, $c: String!, $d: Date) {
      search(query: $q) { __typename }
      country(code: $c) { participations(asOf: $d) { status } }
      countries(filter: {search: $q}) { totalCount } }"""
    variables = {"q": query, "c": code, "d": as_of}
    assert_well_formed(client.post("/graphql", json={"query": document, "variables": variables}))


@settings(max_examples=EXAMPLES, deadline=None)
@given(body=st.binary(max_size=500) | st.text(max_size=500).map(str.encode))
def test_arbitrary_bodies_get_json_errors(client, body):
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (200, 400), (body, response.text)
    assert response.headers["content-type"].startswith("application/json")


schema = schemathesis.graphql.from_path(Path(__file__).parent.parent / "schema.graphql")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_schemathesis_generated_queries(client, case):
    assert_well_formed(client.post("/graphql", json={"query": case.body}))
