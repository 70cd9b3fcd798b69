"""The HTTP surface: GET and POST, GraphiQL offline, health, the web UI, one error shape."""

import base64
import hashlib
import re

import pytest

pytestmark = pytest.mark.anyio


async def test_get_query(api):
    response = await api.client.get(
        "/graphql", params={"query": '{ country(code: "IL") { name } }'}
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {"country": {"name": "Israel"}},
        "extensions": {"cost": {"requestedNodes": 0, "fieldSelections": 2, "limit": 50000}},
    }


async def test_get_refuses_mutations_with_405(api):
    response = await api.client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {
        "errors": [
            {
                "message": "a mutation cannot be sent with GET: use POST",
                "extensions": {"code": "METHOD_NOT_ALLOWED"},
            }
        ]
    }


async def test_body_that_is_not_json_is_a_json_400(api):
    response = await api.client.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Unable to parse request body as JSON",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


async def test_wrong_method_is_405(api):
    response = await api.client.put("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_syntax_and_validation_errors_have_codes(api):
    syntax = await api.error("{ country(code: ")
    assert syntax["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    unknown = await api.error("{ countryy { name } }")
    assert unknown["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in unknown["message"]  # field suggestions are off


async def test_depth_and_alias_limits(api):
    deep = (
        '{ country(code: "KZ") { '
        + "relations { edges { node { countries { " * 3
        + "name"
        + " } } } }" * 3
        + " } }"
    )
    error = await api.error(deep)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "depth of 10" in error["message"]
    aliases = "{ " + " ".join(f'a{n}: country(code: "KZ") {{ name }}' for n in range(16)) + " }"
    error = await api.error(aliases)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "16 aliases found. Allowed: 15" in error["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"query": "{ __typename }"},
        {"extensions": '{"persistedQuery":{"version":1,"sha256Hash":"' + "0" * 64 + '"}}'},
        {"variables": "{}"},
    ],
)
async def test_a_get_with_parameters_is_an_api_request_even_from_a_browser(api, params):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = await api.client.get("/graphql", params=params, headers={"accept": browser})
    assert response.headers["content-type"] == "application/json"
    assert "errors" in response.json() or response.json()["data"] == {"__typename": "Query"}


async def test_graphiql_is_served_with_local_assets_only(api):
    response = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    page = response.text
    assert "unpkg.com" not in page
    assets = re.findall(r'(?:src|href)="(/vendor/[^"]+)"\s+integrity="sha384-([^"]+)"', page)
    assert len(assets) == 7
    for asset, digest in assets:
        served = await api.client.get(asset)
        assert served.status_code == 200, asset
        # The npm files are byte-for-byte what Strawberry's page pins with SRI.
        assert base64.b64encode(hashlib.sha384(served.content).digest()).decode() == digest
    assert not re.search(r'(?:src|href)="https?://', page)


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/graphiql@9.9.9/graphiql.min.js",
        "/vendor/left-pad@1.0.0/index.js",
        "/vendor/graphiql@3.8.3/%2e%2e/%2e%2e/package.json",
        "/package.json",
        "/node_modules/graphiql/package.json",
    ],
)
async def test_nothing_outside_the_pinned_assets_is_served(api, path):
    assert (await api.client.get(path)).status_code == 404


async def test_healthz(api):
    response = await api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert len(response.json()["contentVersion"]) == 16


@pytest.mark.parametrize(
    "path", ["/", "/countries/KZ", "/agreements/abraham-accords", "/timeline", "/relations/KZ/IL"]
)
async def test_web_ui_answers_its_deep_links(api, path):
    response = await api.client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


async def test_security_headers_on_every_response(api):
    for path in ["/", "/graphql?query={__typename}", "/healthz", "/nothing-here"]:
        response = await api.client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy
        assert "script-src 'self';" in policy, path  # the UI never runs inline script
    ide = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert "script-src 'self' 'unsafe-inline'" in ide.headers["content-security-policy"]


async def test_cors_is_open_for_reads_without_credentials(api):
    preflight = await api.client.options(
        "/graphql",
        headers={
            "origin": "https://newsroom.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in preflight.headers
    response = await api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"origin": "https://newsroom.example"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"].startswith("application/json")


# GraphQL over HTTP: the two media types, chosen by Accept.

GQL = "application/graphql-response+json"
JSON = "application/json"


async def post(api, payload, accept=None, **kwargs):
    headers = {"accept": accept} if accept else {}
    return await api.client.post("/graphql", json=payload, headers=headers, **kwargs)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, JSON),
        ("*/*", JSON),  # what graphql-http's audits expect, and what Apollo Client sends
        (JSON, JSON),
        (GQL, GQL),
        (f"{JSON}, {GQL}", GQL),  # both acceptable: the newer, more precise one
        (f"{GQL};q=0.5, {JSON}", JSON),
        (f"{JSON};q=0.9, {GQL}", GQL),
        ("text/plain", JSON),  # acceptable to neither: the lenient legacy answer
    ],
)
async def test_media_type_follows_accept(api, accept, media_type):
    response = await post(api, {"query": "{ __typename }"}, accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.json()["data"] == {"__typename": "Query"}
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"query": "{ country(code: "}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ nothing }"}, "GRAPHQL_VALIDATION_FAILED"),
        (
            {
                "query": "query($c: String!) { country(code: $c) { name } }",
                "variables": {"c": 7},
            },
            "BAD_USER_INPUT",
        ),
    ],
    ids=["parse", "validation", "variable-coercion"],
)
async def test_errors_before_execution_have_no_data_and_a_400_with_graphql_response(
    api, payload, code
):
    strict = await post(api, payload, GQL)
    assert strict.status_code == 400
    assert strict.headers["content-type"] == GQL
    assert "data" not in strict.json()
    assert strict.json()["errors"][0]["extensions"]["code"] == code
    legacy = await post(api, payload, JSON)
    assert legacy.status_code == 200  # application/json: a well-formed request is a 200
    assert "data" not in legacy.json()
    assert legacy.json()["errors"] == strict.json()["errors"]


async def test_field_errors_are_partial_answers_with_data_and_200(api):
    response = await post(api, {"query": '{ country(code: "1") { name } }'}, GQL)
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"country": None}
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
async def test_post_needs_a_json_content_type(api, content_type):
    headers = {"content-type": content_type} if content_type else {}
    response = await api.client.post(
        "/graphql", content=b'{"query": "{ __typename }"}', headers=headers
    )
    assert response.status_code == 415
    assert response.headers["content-type"] == JSON
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "UNSUPPORTED_MEDIA_TYPE"}
    assert "Content-Type: application/json" in error["message"]


async def test_json_content_type_with_charset_is_accepted(api):
    response = await api.client.post(
        "/graphql",
        content=b'{"query": "{ __typename }"}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.json()["data"] == {"__typename": "Query"}


TWO_OPERATIONS = 'query A { country(code: "KZ") { name } } query B { __typename }'


@pytest.mark.parametrize("client", ["fast", "plain"])
async def test_several_operations_without_a_name_is_a_request_error(api, client):
    http = api.client if client == "fast" else api.plain
    # A GraphQL request error: 200 under application/json (the request was well formed),
    # 400 under application/graphql-response+json; no `data` either way.
    for accept, status in ((JSON, 200), (GQL, 400)):
        response = await http.post(
            "/graphql", json={"query": TWO_OPERATIONS}, headers={"accept": accept}
        )
        assert response.status_code == status
        assert response.json() == {
            "errors": [
                {
                    "message": "the document has 2 operations ('A', 'B'): "
                    "say which to run in `operationName`",
                    "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"},
                }
            ]
        }
    named = await http.post("/graphql", json={"query": TWO_OPERATIONS, "operationName": "A"})
    assert named.json()["data"] == {"country": {"name": "Kazakhstan"}}


async def test_unknown_operation_name_is_a_request_error(api):
    response = await post(api, {"query": TWO_OPERATIONS, "operationName": "C"})
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["message"] == (
        "operationName: the document has no operation named \"C\" (its operations: 'A', 'B')"
    )
    assert error["extensions"] == {"code": "OPERATION_RESOLUTION_FAILURE"}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"query": 1}, "`query` must be a string (got 1)"),
        ({"query": "{ __typename }", "operationName": {}}, "`operationName` must be a string"),
        ({"query": "{ __typename }", "operationName": []}, "`operationName` must be a string"),
        ({"query": "{ __typename }", "operationName": True}, "`operationName` must be a string"),
        ({"query": "{ __typename }", "variables": []}, "`variables` must be a JSON object"),
        ({"query": "{ __typename }", "variables": "{}"}, "`variables` must be a JSON object"),
        ({"query": "{ __typename }", "extensions": 3}, "`extensions` must be a JSON object"),
        ({"notquery": "{ __typename }"}, "the request has no `query`"),
        ([{"query": "{ __typename }"}], "batched requests"),
        ("{ __typename }", "the request body must be a JSON object with a `query` string"),
    ],
)
async def test_malformed_parameters_are_a_clear_400(api, payload, message):
    for accept in (JSON, GQL):
        response = await post(api, payload, accept)
        assert response.status_code == 400
        [error] = response.json()["errors"]
        assert error["message"].startswith(message), error
        assert error["extensions"] == {"code": "BAD_REQUEST"}
        assert response.headers["content-type"] == accept


@pytest.mark.parametrize(
    "params",
    [
        {"query": "{ __typename }", "variables": "{not json"},
        {"query": "{ __typename }", "variables": "[1]"},
        {"query": "{ __typename }", "extensions": "true"},
        {"variables": "{}"},
    ],
)
async def test_malformed_get_parameters_are_a_clear_400(api, params):
    response = await api.client.get("/graphql", params=params)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert "`" in error["message"]  # names the parameter


async def test_empty_body_is_a_400(api):
    response = await api.client.post(
        "/graphql", content=b"", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("the request body is empty")


async def test_get_variables_and_operation_name(api):
    response = await api.client.get(
        "/graphql",
        params={
            "query": TWO_OPERATIONS.replace('"KZ"', "$c").replace(
                "query A", "query A($c: String!)"
            ),
            "operationName": "A",
            "variables": '{"c": "IL"}',
        },
    )
    assert response.json()["data"] == {"country": {"name": "Israel"}}


async def test_request_ids_and_413_come_from_middleware(api):
    from server.api.http import middleware

    seen = {}

    async def app(scope, receive, send):
        seen["id"] = scope["state"]["request_id"]
        seen["body"] = (await receive())["body"]
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    import httpx

    wrapped = middleware.RequestId(middleware.BodyLimit(app, max_bytes=10))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=wrapped), base_url="http://t"
    ) as c:
        ok = await c.post("/", content=b"0123456789")
        assert ok.status_code == 204 and seen["body"] == b"0123456789"
        assert re.fullmatch(r"[0-9a-f]{16}", seen["id"])
        too_big = await c.post("/", content=b"0123456789!")
        assert too_big.status_code == 413
        assert too_big.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
