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
        "extensions": {"cost": {"requestedNodes": 0, "limit": 50000}},
    }


async def test_get_refuses_mutations_with_json(api):
    response = await api.client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


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


async def test_syntax_and_validation_errors_have_codes(api):
    syntax = await api.error("{ country(code: ")
    assert syntax["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    unknown = await api.error("{ countryy { name } }")
    assert unknown["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in unknown["message"]  # field suggestions are off


async def test_depth_and_alias_limits(api):
    deep = (
        '{ country(code: "KZ") { ' + "relations { countries { " * 5 + "name" + " } }" * 5 + " } }"
    )
    error = await api.error(deep)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "depth of 10" in error["message"]
    aliases = "{ " + " ".join(f'a{n}: country(code: "KZ") {{ name }}' for n in range(16)) + " }"
    error = await api.error(aliases)
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "16 aliases found. Allowed: 15" in error["message"]


async def test_unexpected_errors_are_masked_and_logged(api, monkeypatch, caplog):
    from server.api import loaders

    async def broken(self, codes):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(loaders.Loaders, "_countries", broken)
    error = await api.error('{ country(code: "KZ") { name } }')
    assert error["message"] == "Internal server error"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    request_id = error["extensions"]["requestId"]
    assert re.fullmatch(r"[0-9a-f]{16}", request_id)
    logged = [r for r in caplog.records if r.name == "accordline.graphql"]
    assert request_id in logged[0].getMessage()
    assert "secret database detail" in str(logged[0].exc_info[1])


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
