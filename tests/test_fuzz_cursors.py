"""Forged cursors: whatever a client passes as ``after``, ``before`` or a node id, the
answer is a well-formed GraphQL response, never a 5xx and never an unmasked exception.

Random base64, base64 of random JSON, forgeries of the real shape (version, list tag,
sort key) and, the likeliest harm, forgeries with the right tag and arity for the list
they are given to, so their values reach SQL. Split from tests/test_fuzz.py; the budget,
the live server and the check are tests/fuzzing.py's.
"""

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .fuzzing import assert_well_formed, fuzz, fuzzed_server, post, text


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fuzzed_server(tmp_path_factory.mktemp("fuzz")) as http:
        yield http


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
