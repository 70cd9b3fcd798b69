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
    "query",
    [
        # Errors: Strawberry produces them, with partial data where GraphQL says so.
        '{ a: country(code: "KZ") { name } b: country(code: "K1") { name } }',
        # Directives and introspection are not the fast path's business.
        'query($yes: Boolean!) { country(code: "KZ") { name @include(if: $yes) code } }',
        "{ __schema { queryType { name } } }",
    ],
)
async def test_everything_else_goes_to_strawberry(api, query):
    fast = executor(api)
    before = fast.answered
    body = await api(query, yes=False)
    assert fast.answered == before
    assert body["data"] is not None or body["errors"]
