"""Generated hostile input: whatever arrives, the answer is a well-formed GraphQL response,
never a 5xx and never an unmasked exception.

Filters and search words, whole bodies, schemathesis' queries from schema.graphql, and
shapes aimed at the engine: fragment graphs (chains, diamonds, cycles), @include/@skip
driven by variables, forged cursors, hostile Unicode (lone surrogates, NUL, RTL, emoji)
and deeply nested JSON. Each test runs ``FUZZ_EXAMPLES`` × its weight examples: a
small slice in `make test`, over 20,000 requests in `make fuzz` (FUZZ_EXAMPLES=1000).
"""

import base64
import json
import os
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.store.build import build_store

from .conftest import SEED
from .live import LiveServer

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
KNOWN_CODES = {
    "BAD_USER_INPUT",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "OPERATION_RESOLUTION_FAILURE",
    "QUERY_TIMEOUT",
    "BAD_REQUEST",
    "PAYLOAD_TOO_LARGE",
    "RESPONSE_TOO_LARGE",
}


def fuzz(weight: float = 1):
    """Hypothesis settings for a test that runs ``weight`` × FUZZ_EXAMPLES examples."""
    return settings(
        max_examples=max(1, int(EXAMPLES * weight)),
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
    )


class Counting(httpx.Client):
    """The live server's client; counts the requests it sends (`pytest -s` prints it)."""

    sent = 0

    def send(self, request, **kwargs):
        Counting.sent += 1
        return super().send(request, **kwargs)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = tmp_path_factory.mktemp("fuzz") / "store.sqlite"
    build_store(SEED, store)
    server = LiveServer(store)
    try:
        with Counting(base_url=server.url, timeout=30) as http:
            yield http
    finally:
        print(f"\nfuzz: {Counting.sent} requests at FUZZ_EXAMPLES={EXAMPLES}")
        log = server.log()
        assert server.stop() == 0
        assert "Traceback" not in log, log[-5000:]


def assert_well_formed(response: httpx.Response) -> dict:
    """Never a 5xx; always JSON with data, or errors each with a known code."""
    sent = response.request.url.query or response.request.content
    assert response.status_code < 500, f"{response.text}\nfor the request: {sent[:3000]!r}"
    assert response.headers["content-type"].startswith("application/json"), response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.json()
    assert set(body) <= {"data", "errors", "extensions"}
    assert "data" in body or body.get("errors"), body
    for error in body.get("errors", []):
        assert error["extensions"]["code"] in KNOWN_CODES, error
        assert "Traceback" not in error["message"]
    return body


def post(client, payload: dict, *, raw_surrogates: bool = False) -> httpx.Response:
    """POST ``payload`` as JSON, lone surrogates and all: escaped (what a JSON encoder
    writes) or as their UTF-8-style bytes (what a careless one writes)."""
    if raw_surrogates:
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
    else:
        content = json.dumps(payload).encode()
    return client.post("/graphql", content=content, headers={"content-type": "application/json"})


# Filters and search words: the original budget.

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
    [
        "2020-02-30",
        "20200",
        "2020-13",
        "0000",
        "2020-02-29",
        "1992-08",
        "2021",
        "٢٠٢٠",
        "2020-W01",
        "2020-001",
        "２０２０-01-01",
        "20200101",
    ]
)
codes = st.text(max_size=5) | st.sampled_from(["KZ", "kaz", "QQ", "SU", "K1", ""])

EVENTS = """query($f: EventFilter, $first: Int, $after: String) {
  events(first: $first, after: $after, filter: $f) { totalCount edges { node { slug } } } }"""


@fuzz()
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
    assert_well_formed(post(client, {"query": EVENTS, "variables": variables}))


@fuzz()
@given(query=text, code=codes, as_of=dates)
def test_search_country_and_as_of_never_break(client, query, code, as_of):
    document = """query($q: String!, $c: String!, $d: Date) {
      search(query: $q) { __typename }
      country(code: $c) { participations(asOf: $d) { status } }
      countries(filter: {search: $q}) { totalCount } }"""
    variables = {"q": query, "c": code, "d": as_of}
    assert_well_formed(post(client, {"query": document, "variables": variables}))


@fuzz()
@given(body=st.binary(max_size=500) | st.text(max_size=500).map(str.encode))
def test_arbitrary_bodies_get_json_errors(client, body):
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (200, 400), (body, response.text)
    assert_well_formed(response)


# Fragment graphs: chains, diamonds, the odd cycle or missing fragment, nested in lists.

COUNTRY_FIELDS = ["code", "name", "alpha3", "region", "flag", "id", "__typename"]


@st.composite
def fragment_graphs(draw) -> str:
    """A document whose fragments spread each other: fragment i may spread any earlier
    fragment (chains and diamonds) and, rarely, a later or unknown one (cycles, errors)."""
    count = draw(st.integers(1, 8))
    fragments = []
    for i in range(count):
        fields = draw(st.lists(st.sampled_from(COUNTRY_FIELDS), min_size=1, max_size=3))
        spreads = draw(st.lists(st.integers(0, max(i - 1, 0)), max_size=3)) if i else []
        if draw(st.integers(0, 9)) == 0:  # a cycle, or a fragment that does not exist
            spreads.append(draw(st.integers(i, count + 1)))
        parts = [*fields, *(f"...F{j}" for j in spreads)]
        if draw(st.booleans()):
            parts.append("... on Node { id }")
        if draw(st.integers(0, 3)) == 0 and i:
            j = draw(st.integers(0, i - 1))
            first = draw(st.integers(0, 120))
            parts.append(
                f"relations(first: {first}) {{ edges {{ node {{ countries {{ ...F{j} }} }} }} }}"
            )
        on = draw(st.sampled_from(["Country"] * 8 + ["Node", "Agreement"]))
        fragments.append(f"fragment F{i} on {on} {{ {' '.join(parts)} }}")
    top = count - 1
    roots = [
        f"country(code: $c) {{ ...F{top} }}",
        f"countries(first: {draw(st.integers(1, 100))}) {{ edges {{ node {{ ...F{top} }} }} }}",
        f'relation(a: $c, b: "IL") {{ countries {{ ...F{draw(st.integers(0, top))} }} }}',
    ]
    chosen = draw(st.lists(st.sampled_from(roots), min_size=1, max_size=3, unique=True))
    return "query($c: String!) { " + " ".join(chosen) + " }\n" + "\n".join(fragments)


@fuzz(2)
@given(document=fragment_graphs(), code=st.sampled_from(["KZ", "IL", "ae", "QQ", "SUN"]))
def test_fragment_graphs_never_break(client, document, code):
    assert_well_formed(post(client, {"query": document, "variables": {"c": code}}))


# Directives: @include/@skip on fields, spreads and inline fragments, driven by variables.

booleans = st.booleans() | st.none() | st.sampled_from(["true", 0, 1, [], {}, "yes"])


@st.composite
def directive_documents(draw) -> tuple[str, dict]:
    names = ["a", "b", "c"]
    declared = {
        name: draw(st.sampled_from(["Boolean!", "Boolean", "Boolean = true", "String", "Int"]))
        for name in names
    }

    def directive() -> str:
        kind = draw(st.sampled_from(["", "@include", "@skip", "@include @skip", "@deprecated"]))
        if not kind:
            return ""
        argument = draw(st.sampled_from([*(f"${n}" for n in names), "true", "false", "$zz"]))
        return " ".join(f"{d}(if: {argument})" for d in kind.split())

    fields = " ".join(
        f"{f} {directive()}"
        for f in draw(st.lists(st.sampled_from(COUNTRY_FIELDS), min_size=1, max_size=4))
    )
    inline = f"... on Country {directive()} {{ name participations(first: 2) {directive()} {{ totalCount }} }}"
    spread = f"...More {directive()}"
    document = (
        f"query({', '.join(f'${n}: {t}' for n, t in declared.items())}) {{ "
        f'country(code: "KZ") {directive()} {{ {fields} {inline} {spread} }} '
        f"events(first: 3) {directive()} {{ edges {{ node {{ slug {directive()} }} }} }} }}\n"
        f"fragment More on Country {{ relations(first: 2) {directive()} {{ totalCount }} }}"
    )
    variables = {n: draw(booleans) for n in names if draw(st.integers(0, 5))}
    return document, variables


@fuzz(2)
@given(case=directive_documents())
def test_directives_never_break(client, case):
    document, variables = case
    assert_well_formed(post(client, {"query": document, "variables": variables}))


# Cursors: random base64, base64 of random JSON, and forgeries of the real shape.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)
key_parts = (
    st.text(max_size=40)
    # A lone surrogate, once decoded (characters() alone seldom draws one).
    | st.tuples(st.text(max_size=5), st.characters(categories=["Cs"]), st.text(max_size=5)).map(
        "".join
    )
    | st.integers(-(2**70), 2**70)
    | st.sampled_from(["", "\x00", "x" * 201, "2020-01-01", "kz", "Kazakhstan", "🕊️"])
)
# Each list's cursor tag and how many values its sort key has (server/api/execution/pagination.py).
ARITY = {
    "country": 2,
    "agreement": 2,
    "event": 2,
    "participation": 3,
    "participant": 3,
    "relation": 2,
    "search": 1,
}
forged = st.tuples(
    st.sampled_from([1, 0, 2, True, "1"]),
    st.sampled_from([*ARITY, "x"]),
    st.lists(key_parts, max_size=4),
).map(lambda t: [t[0], t[1], *t[2]])
# The right version, tag and length, so the key's values reach SQL: the likeliest harm.
plausible = st.sampled_from(list(ARITY)).flatmap(
    lambda tag: st.lists(key_parts, min_size=ARITY[tag], max_size=ARITY[tag]).map(
        lambda key: [1, tag, *key]
    )
)


def b64(data: bytes, urlsafe: bool, padded: bool) -> str:
    text = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(data).decode()
    return text if padded else text.rstrip("=")


cursors = st.one_of(
    text,
    st.builds(b64, st.binary(max_size=60), st.booleans(), st.booleans()),
    st.builds(b64, json_values.map(lambda v: json.dumps(v).encode()), st.booleans(), st.booleans()),
    st.builds(b64, forged.map(lambda v: json.dumps(v).encode()), st.just(True), st.booleans()),
    st.builds(b64, plausible.map(lambda v: json.dumps(v).encode()), st.just(True), st.booleans()),
)
PAGED = [
    "events(first: $n, after: $x, last: $m, before: $y) { edges { cursor } pageInfo { endCursor } }",
    "countries(first: $n, after: $x, last: $m, before: $y) { edges { cursor } }",
    "agreements(first: $n, after: $x, last: $m, before: $y) { totalCount }",
    'search(query: "kaz", first: $n, after: $x) { edges { cursor } }',
    'country(code: "KZ") { participations(first: $n, after: $x, last: $m, before: $y) { totalCount } '
    "relations(first: $n, after: $x) { totalCount } events(last: $m, before: $y) { totalCount } }",
    'agreement(slug: "abraham-accords") { participants(first: $n, after: $x, before: $y) { totalCount } }',
    "node(id: $x) { id }",
]


@fuzz(2)
@given(
    field=st.sampled_from(PAGED),
    after=cursors | st.none(),
    before=cursors | st.none(),
    first=st.integers(-2, 120) | st.none(),
    last=st.integers(-2, 120) | st.none(),
)
def test_forged_cursors_never_break(client, field, after, before, first, last):
    types = {"n": "Int", "m": "Int", "x": "ID!" if "node(" in field else "String", "y": "String"}
    values = {"n": first, "m": last, "x": after, "y": before}
    if "node(" in field:
        values["x"] = after or ""  # an ID! cannot be null
    used = [name for name in types if f"${name}" in field]  # an unused one is invalid
    declared = ", ".join(f"${name}: {types[name]}" for name in used)
    document = f"query({declared}) {{ {field} }}"
    variables = {name: values[name] for name in used}
    assert_well_formed(post(client, {"query": document, "variables": variables}))


# Where each list's cursor is taken (the tags of ARITY).
LISTS = {
    "event": "events({}: $x) {{ totalCount }}",
    "country": "countries({}: $x) {{ totalCount }}",
    "agreement": "agreements({}: $x) {{ totalCount }}",
    "participation": 'country(code: "KZ") {{ participations({}: $x) {{ totalCount }} }}',
    "participant": 'agreement(slug: "abraham-accords") {{ participants({}: $x) {{ totalCount }} }}',
    "relation": 'country(code: "KZ") {{ relations({}: $x) {{ totalCount }} }}',
    "search": 'search(query: "kaz", {}: $x) {{ totalCount }}',
}


@fuzz()
@given(cursor=plausible, direction=st.sampled_from(["after", "before"]), padded=st.booleans())
def test_well_shaped_forged_cursors_never_break(client, cursor, direction, padded):
    """A forgery with the right tag and arity for the field it is given to, so its
    values get as far as SQL."""
    field = LISTS[cursor[1]].format("after" if cursor[1] == "search" else direction)
    variables = {"x": b64(json.dumps(cursor).encode(), True, padded)}
    document = f"query($x: String) {{ {field} }}"
    assert_well_formed(post(client, {"query": document, "variables": variables}))


# Unicode: lone surrogates, NUL, RTL marks and emoji anywhere a client can put text.

hostile_text = st.lists(
    st.characters(codec=None)  # every code point, surrogates included
    | st.sampled_from(
        ["\ud800", "\udfff", "\x00", "\u202e", "\u200f", "\ufeff", "🕊️", "👨‍👩‍👧", "\uffff"]
    ),
    max_size=40,
).map("".join)


@fuzz(2)
@given(
    where=st.sampled_from(["variable", "literal", "operationName", "key", "query"]),
    value=hostile_text,
    raw=st.booleans(),
)
def test_hostile_unicode_never_breaks(client, where, value, raw):
    query = "query Q($q: String!) { search(query: $q) { totalCount } countries(filter: {search: $q}) { totalCount } }"
    payload = {"query": query, "variables": {"q": value}}
    if where == "literal":
        payload = {"query": f"{{ search(query: {json.dumps(value)}) {{ totalCount }} }}"}
    elif where == "operationName":
        payload["operationName"] = value
    elif where == "key":
        payload["variables"] = {"q": "kaz", value: value}
    elif where == "query":
        payload = {"query": "{ __typename " + value + " }"}
    response = post(client, payload, raw_surrogates=raw)
    body = assert_well_formed(response)
    # Escaped, a high and a low surrogate side by side are a pair: one character.
    sent = value if raw else json.loads(json.dumps(value))
    if any("\ud800" <= char <= "\udfff" for char in sent) and where != "literal":
        assert response.status_code == 400, body
        assert "lone surrogate" in body["errors"][0]["message"]


# Nesting: deep JSON in variables and extensions, arrays and objects, over GET and POST.


def nested_json(depth: int, shape: str, leaf: object) -> str:
    """JSON text ``depth`` arrays/objects deep (written directly: json.dumps would recurse)."""
    opening = closing = ""
    for level in range(depth):
        array = shape[level % len(shape)] == "["
        opening += "[" if array else '{"a":'
        closing = ("]" if array else "}") + closing
    return opening + json.dumps(leaf) + closing


@fuzz(2)
@given(
    depth=st.integers(1, 80) | st.integers(80, 3000),
    shape=st.text(st.sampled_from("[{"), min_size=1, max_size=4),
    leaf=st.none() | st.integers() | st.text(max_size=5),
    into=st.sampled_from(["f", "extra", "extensions"]),
    method=st.sampled_from(["GET", "POST"]),
)
def test_deep_json_never_breaks(client, depth, shape, leaf, into, method):
    if method == "GET":
        depth = min(depth, 1000)  # a URL of ~13 KB: deeper ones pass header-size limits
    deep = nested_json(depth, shape, leaf)
    variables = '{"f": null}'
    extensions = "null"
    if into == "extensions":
        extensions = deep
    else:
        variables = f'{{"f": null, "{into}": {deep}}}'
    if method == "GET":
        params = {"query": EVENTS, "variables": variables, "extensions": extensions}
        response = client.get("/graphql", params=params)
    else:
        body = f'{{"query": {json.dumps(EVENTS)}, "variables": {variables}, "extensions": {extensions}}}'
        response = client.post(
            "/graphql", content=body.encode(), headers={"content-type": "application/json"}
        )
    answer = assert_well_formed(response)
    if depth + (into != "extensions") > 64:
        assert response.status_code == 400, answer
        if into != "extensions" or deep.startswith("{"):  # else: not an object at all
            assert "nested deeper than 64 levels" in answer["errors"][0]["message"]


# Schemathesis: queries generated from schema.graphql, one test per root field.

schema = schemathesis.graphql.from_path(Path(__file__).parent.parent / "schema.graphql")


@schema.parametrize()
@fuzz()
def test_schemathesis_generated_queries(client, case):
    assert_well_formed(client.post("/graphql", json={"query": case.body}))
