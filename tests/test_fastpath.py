"""The fast path answers ordinary queries itself and leaves everything else to
Strawberry; either way the answer is the same (every test's queries are compared in
conftest.Api, this file checks the routing)."""

import pytest

pytestmark = pytest.mark.anyio


def executor(api):
    return api.app.state.schema.fast_executor


async def test_ordinary_queries_take_the_fast_path(api):
    fast = executor(api)
    before = fast.answered
    await api.data("""{ events(first: 5) { edges { node { id title date { iso }
        countries { code } agreements { slug } sources { url } } } } }""")
    await api.data(
        '{ agreement(slug: "abraham-accords") { participants(asOf: "2020-12-31")'
        " { country { name } status statusHistory { sources { slug } } } } }"
    )
    await api.data('{ search(query: "kaz") { __typename ... on Country { code } } }')
    assert fast.answered == before + 3
    assert fast.declined == 0


@pytest.mark.parametrize(
    ("query", "data", "codes"),
    [
        # Errors: Strawberry produces them, with partial data where GraphQL says so.
        (
            '{ a: country(code: "KZ") { name } b: country(code: "K1") { name } }',
            {"a": {"name": "Kazakhstan"}, "b": None},
            ["BAD_USER_INPUT"],
        ),
        # Directives and introspection are not the fast path's business.
        (
            'query($yes: Boolean!) { country(code: "KZ") { name @include(if: $yes) code } }',
            {"country": {"code": "KZ"}},
            [],
        ),
        ("{ __schema { queryType { name } } }", {"__schema": {"queryType": {"name": "Query"}}}, []),
    ],
)
async def test_everything_else_goes_to_strawberry(api, query, data, codes):
    fast = executor(api)
    before = fast.answered
    body = await api(query, yes=False)
    assert fast.answered == before
    assert body["data"] == data
    assert [e["extensions"]["code"] for e in body.get("errors", [])] == codes
