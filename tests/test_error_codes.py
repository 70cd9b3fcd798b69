"""Every error code, by the phase that raised it (never by the wording of a message).
Both execution paths answer each of these identically (see conftest.Api)."""

import pytest

pytestmark = pytest.mark.anyio

DEEP = (
    '{ country(code: "KZ") { '
    + "relations { edges { node { countries { " * 3
    + "name"
    + " } } } }" * 3
    + " } }"
)


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        # parse
        ("{ country(code: ", {}, "GRAPHQL_PARSE_FAILED"),
        ("{ " + "a: __typename " * 1200 + "}", {}, "QUERY_TOO_COMPLEX"),  # over the token limit
        # validation, including the limit rules with their own code
        ("{ countryy { name } }", {}, "GRAPHQL_VALIDATION_FAILED"),
        ('query($id: String) { country(code: "KZ") { name } }', {}, "GRAPHQL_VALIDATION_FAILED"),
        (DEEP, {}, "QUERY_TOO_COMPLEX"),
        (
            "{ " + " ".join(f'a{n}: country(code: "KZ") {{ name }}' for n in range(16)) + " }",
            {},
            "QUERY_TOO_COMPLEX",
        ),
        # choosing the operation
        ("query A { __typename } query B { __typename }", {}, "OPERATION_RESOLUTION_FAILURE"),
        # variables
        (
            'query($d: Date) { agreement(slug: "abraham-accords") { memberCount(asOf: $d) } }',
            {"d": "2020-13-45"},
            "BAD_USER_INPUT",
        ),
        ("query($n: Int!) { events(first: $n) { totalCount } }", {}, "BAD_USER_INPUT"),
        # the node budget, with variables coerced (defaults count)
        (
            "query($n: Int = 100) { events(first: $n) { edges { node { countries { code }"
            " agreements { events(first: $n) { edges { node { agreements { events(first: $n)"
            " { totalCount } } } } } } } } } }",
            {},
            "QUERY_TOO_COMPLEX",
        ),
        # execution: bad argument values, with a path and partial data
        ('{ country(code: "K1") { name } }', {}, "BAD_USER_INPUT"),
        ("{ events(first: 101) { totalCount } }", {}, "BAD_USER_INPUT"),
    ],
)
async def test_each_phase_sets_its_code(api, query, variables, code):
    body = await api(query, **variables)
    codes = {error["extensions"]["code"] for error in body["errors"]}
    assert codes == {code}, body["errors"]
    executed = code == "BAD_USER_INPUT" and all("path" in e for e in body["errors"])
    assert ("data" in body) == executed  # nothing ran before execution: no data at all


async def test_an_unknown_operation_name_is_named(api):
    response = await api.client.post(
        "/graphql", json={"query": "query A { __typename }", "operationName": "B"}
    )
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "OPERATION_RESOLUTION_FAILURE"
    assert 'no operation named "B"' in error["message"]


async def test_limit_codes_do_not_depend_on_message_text(api, monkeypatch):
    # graphql-core rewording its messages must not change what clients branch on.
    from graphql import GraphQLError

    from server.api.execution import prepare

    original = prepare.coded

    def reworded(error: GraphQLError, code: str) -> GraphQLError:
        error.message = "something else entirely"
        return original(error, code)

    monkeypatch.setattr(prepare, "coded", reworded)
    error = await api.error(DEEP + " ")  # a new text, so not from the parse cache
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
