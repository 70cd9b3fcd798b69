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
        " { edges { node { country { name } status statusHistory { sources { slug } } } } } } }"
    )
    await api.data(
        '{ search(query: "kaz") { edges { node { __typename ... on Country { code } } } } }'
    )
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
        # Introspection is not the fast path's business.
        ("{ __schema { queryType { name } } }", {"__schema": {"queryType": {"name": "Query"}}}, []),
    ],
)
async def test_everything_else_goes_to_strawberry(api, query, data, codes):
    api.expected_declines = {"introspection"}
    fast = executor(api)
    before = fast.answered
    body = await api(query, yes=False)
    assert fast.answered == before
    assert body["data"] == data
    assert [e["extensions"]["code"] for e in body.get("errors", [])] == codes


async def test_declines_are_decided_when_planning_and_counted_by_reason(api):
    api.expected_declines = {"introspection"}
    fast = executor(api)
    before = dict(fast.declines)
    await api('{ __type(name: "Country") { name } }')
    assert fast.declines["introspection"] == before.get("introspection", 0) + 1


@pytest.mark.parametrize("yes", [True, False])
async def test_include_and_skip_run_on_the_fast_path(api, yes):
    fast = executor(api)
    before = fast.answered
    query = """query($yes: Boolean!) { country(code: "KZ") { name @include(if: $yes)
        code ...Region @skip(if: $yes) } } fragment Region on Country { region }"""
    data = await api.data(query, yes=yes)
    expected = {"name": "Kazakhstan", "code": "KZ"} if yes else {"code": "KZ", "region": "Asia"}
    assert data == {"country": expected}
    assert fast.answered == before + 1
    # The same document with the other value: selections are not shared across requests.
    other = await api.data(query, yes=not yes)
    assert other["country"] != data["country"]


async def test_an_unexpected_decline_fails_the_test_client(api):
    fast = executor(api)
    fast.declines["made up"] += 0  # the key exists; the client looks at growth only
    original = fast.plan

    def declining(prepared):
        return "made up"

    fast.plan = declining
    try:
        with pytest.raises(AssertionError, match="made up"):
            await api.data('{ country(code: "KZ") { name } }')
    finally:
        fast.plan = original


def test_fields_it_cannot_call_as_declared_are_refused_when_planning():
    import strawberry
    from strawberry.permission import BasePermission

    from server.api.execution.fastpath import unsupported_fields

    class Nobody(BasePermission):
        message = "no"

        def has_permission(self, source, info, **kwargs):
            return False

    @strawberry.type
    class Query:
        open: int = 1

        @strawberry.field(permission_classes=[Nobody])
        def guarded(self) -> int:
            return 2

    schema = strawberry.Schema(Query)
    assert unsupported_fields(schema._schema) == {("Query", "guarded")}
