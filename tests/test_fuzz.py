"""Generated hostile input: whatever arrives, the answer is a well-formed GraphQL response,
never a 5xx and never an unmasked exception.

Filters and search words, whole bodies, schemathesis' queries from schema.graphql, and
shapes aimed at the engine: fragment graphs (chains, diamonds, cycles), @include/@skip
driven by variables, hostile Unicode (lone surrogates, NUL, RTL, emoji) and deeply
nested JSON; forged cursors are in tests/test_fuzz_cursors.py, what both share in
tests/fuzzing.py. Each test runs ``FUZZ_EXAMPLES`` × its weight examples: a small slice
in `make test`, over 20,000 requests in `make fuzz` (FUZZ_EXAMPLES=1000).
"""

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st

from .fuzzing import assert_well_formed, fuzz, fuzzed_server, post, text


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fuzzed_server(tmp_path_factory.mktemp("fuzz")) as http:
        yield http


# Filters and search words: the original budget (`text` is in tests/fuzzing.py).

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
