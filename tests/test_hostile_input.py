"""No 500 from any input (issue #9): deep JSON, lone surrogates, NUL and over-long names
are 4xx naming the problem; a fault anywhere is answered in the app's own shape; every
answer, errors included, carries the security headers."""

import base64
import json
import logging
import re

import httpx
import pytest

from server.files.downloads import Downloads
from server.files.exports import Exports
from server.model.dates import InvalidDate, PartialDate
from server.outermost import ServerErrors
from server.site.vendor import VendorAssets
from server.store.db import Database

from .live import live_server

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

SEARCH = "query($q: String!) { search(query: $q) { totalCount } }"
EVENTS = "query($f: EventFilter) { events(filter: $f) { totalCount } }"
AS_OF = 'query($d: Date) { country(code: "KZ") { participations(asOf: $d) { totalCount } } }'
ASSET = "/vendor/graphiql@3.8.3/graphiql.min.js"


def assert_secure(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff", response.url
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def assert_error(response: httpx.Response, status: int, code: str, message: str) -> dict:
    """One error with ``code`` whose message contains ``message``; security headers on."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert_secure(response)
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == code
    assert message in error["message"], error["message"]
    return error


def nested(depth: int) -> str:
    """A JSON object ``depth`` levels deep: {"a":{"a":…1…}}."""
    return '{"a":' * depth + "1" + "}" * depth


def post_raw(api, body: str | bytes):
    content = body.encode() if isinstance(body, str) else body
    return api.client.post(
        "/graphql", content=content, headers={"content-type": "application/json"}
    )


# Deep JSON: a 400 naming the depth, on POST and GET, below and above orjson's own limit.


@pytest.mark.parametrize("depth", [65, 970, 1500, 5000])
async def test_deeply_nested_variables_are_a_400(api, depth):
    body = f'{{"query": "{{ __typename }}", "variables": {nested(depth)}}}'
    response = await post_raw(api, body)
    message = "nested deeper than 64 levels"
    error = assert_error(response, 400, "BAD_REQUEST", message)
    if depth < 1000:  # parsed, then measured: the message names the parameter
        assert error["message"] == "`variables` are nested deeper than 64 levels"
    variables = nested(min(depth, 1500))  # httpx refuses a URL over 64 KiB
    on_get = await api.client.get(
        "/graphql", params={"query": "{ __typename }", "variables": variables}
    )
    assert_error(on_get, 400, "BAD_REQUEST", message)


async def test_deep_extensions_are_a_400_and_64_levels_are_fine(api):
    body = f'{{"query": "{{ __typename }}", "extensions": {nested(100)}}}'
    assert_error(await post_raw(api, body), 400, "BAD_REQUEST", "`extensions` are nested")
    body = f'{{"query": "{{ __typename }}", "variables": {nested(64)}}}'
    response = await post_raw(api, body)
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


# Lone surrogates: valid JSON escapes, but no Unicode text can hold them.

SURROGATE = "the request contains a lone surrogate (\\ud800), which is not valid Unicode"


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "' + SEARCH.replace('"', '\\"') + '", "variables": {"q": "\\ud800"}}',
        '{"query": "{ search(query: \\"a\\ud800\\") { totalCount } }"}',
        '{"query": "{ __typename }", "operationName": "x\\ud800"}',
        '{"query": "{ __typename }", "variables": {"\\ud800": 1}}',
        '{"query": "{ __typename }", "extensions": {"x": ["\\ud800"]}}',
        # The surrogate itself, UTF-8-encoded ("CESU"), rather than escaped:
        '{"query": "{ __typename }", "variables": {"q": "\ud800"}}'.encode(
            "utf-8", "surrogatepass"
        ),
    ],
)
async def test_lone_surrogates_are_a_400_naming_them(api, body):
    assert_error(await post_raw(api, body), 400, "BAD_REQUEST", SURROGATE)


async def test_lone_surrogates_on_get_and_a_low_one(api):
    response = await api.client.get(
        "/graphql", params={"query": SEARCH, "variables": '{"q": "\\ud800"}'}
    )
    assert_error(response, 400, "BAD_REQUEST", SURROGATE)
    body = '{"query": "{ __typename }", "variables": {"q": "x\\udfff"}}'
    assert_error(await post_raw(api, body), 400, "BAD_REQUEST", "lone surrogate (\\udfff)")


async def test_surrogate_pairs_emoji_rtl_and_nul_are_ordinary_text(api):
    for text in ["🕊️ peace", "\u202ertl\u202c", "a\x00b", "😀", "\ufeff\uffff"]:
        data = await api.data(SEARCH, q=text)
        assert data["search"]["totalCount"] >= 0
    # An escaped surrogate *inside the GraphQL document* is GraphQL's business.
    body = {"query": '{ search(query: "\\ud800") { totalCount } }'}
    response = await api.client.post("/graphql", json=body)
    assert_error(response, 200, "GRAPHQL_PARSE_FAILED", "Invalid Unicode escape sequence")
    nul = await api.client.post("/graphql", json={"query": "{ __typename \x00 }"})
    assert_error(nul, 200, "GRAPHQL_PARSE_FAILED", "Unexpected character: U+0000")


async def test_invalid_utf8_body_is_a_400(api):
    response = await post_raw(api, b'{"query": "{ __typename }", "x": "\xff"}')
    assert_error(response, 400, "BAD_REQUEST", "Unable to parse request body as JSON")


@pytest.mark.parametrize(
    ("field", "key"),
    [("events", ["event", "\ud800", "x"]), ("countries", ["country", "a\udc00", "KZ"])],
)
async def test_a_forged_cursor_holding_a_lone_surrogate_is_bad_user_input(api, field, key):
    # JSON inside the cursor may escape a surrogate that no SQL parameter can hold.
    cursor = base64.urlsafe_b64encode(json.dumps([1, *key]).encode()).decode().rstrip("=")
    error = await api.error(
        f"query($x: String) {{ {field}(after: $x) {{ totalCount }} }}", x=cursor
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}
    assert "is not a cursor from this list" in error["message"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('{ country(code: "KZ") @skip(if: true) { code } }', {}),
        ('query($b: Boolean!) { country(code: "KZ") @include(if: $b) { code } }', {}),
        ('{ country(code: "KZ") { code @skip(if: true) } }', {"country": {}}),
        (
            "{ countries(first: 2) { edges { node { ... on Country @skip(if: true) { name } } } } }",
            {"countries": {"edges": [{"node": {}}, {"node": {}}]}},
        ),
    ],
)
async def test_a_selection_whose_fields_are_all_skipped_is_an_empty_object(api, query, expected):
    # Found by test_fuzz.py's directives: the fast path answered these with a 500.
    assert await api.data(query, b=False) == expected


# NUL and over-long names in paths: 404, never 500.


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/react@18.2.0/%00",
        "/vendor/react@18.2.0/umd/%00react.js",
        "/vendor/react@18.2.0/" + "a" * 300,
        "/vendor/react@18.2.0/" + "/".join(["a" * 250] * 20),
        "/vendor/" + "a" * 300 + "@1.0.0/x.js",
    ],
)
async def test_hostile_vendor_paths_are_404(api, path):
    response = await api.client.get(path)
    assert_error(response, 404, "NOT_FOUND", "/vendor/ holds only the pinned files")
    assert_secure(response)


@pytest.mark.parametrize(
    "path", ["/%00", "/app.css%00", "/" + "a" * 300, "/" + "/".join(["b" * 250] * 20)]
)
async def test_hostile_web_paths_are_an_html_404(api, path):
    response = await api.client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    # A missing file gets the plain page; a page path the app's own page (which says so).
    assert "<title>Not found · accordline</title>" in response.text
    assert_secure(response)
    assert "script-src 'self';" in response.headers["content-security-policy"]


def test_vendor_locate_never_raises(tmp_path):
    web = tmp_path / "web"
    (web / "node_modules" / "react").mkdir(parents=True)
    (web / "package.json").write_text('{"dependencies": {"react": "18.2.0"}}')
    (web / "node_modules" / "react" / "package.json").write_text('{"version": "18.2.0"}')
    (web / "node_modules" / "react" / "umd").mkdir()
    (web / "node_modules" / "react" / "umd" / "react.production.min.js").write_text("")
    assets = VendorAssets(web)
    for spec in ["react@18.2.0/\x00", "react@18.2.0/" + "x" * 300, "react@18.2.0/a\x00/../x"]:
        assert assets.locate(spec) is None
    # Only what a page loads (GraphiQL's page loads this one), never the package's manifest.
    assert assets.locate("react@18.2.0/umd/react.production.min.js") is not None
    assert assets.locate("react@18.2.0/package.json") is None


# One outermost handler: a fault outside the GraphQL view is answered in the app's shape.


async def test_a_fault_before_the_view_is_a_masked_json_500(api, monkeypatch, caplog):
    async def broken(self, interval=1.0):
        raise RuntimeError("secret store detail")

    monkeypatch.setattr(Database, "refresh_if_due", broken)
    for response in (
        await api.client.post("/graphql", json={"query": "{ __typename }"}),
        await api.client.get("/healthz"),
    ):
        error = assert_error(response, 500, "INTERNAL_SERVER_ERROR", "Internal server error")
        assert error["message"] == "Internal server error"
        assert "secret" not in response.text
        request_id = error["extensions"]["requestId"]
        assert re.fullmatch(r"[0-9a-f]{16}", request_id)
        [logged] = [r for r in caplog.records if request_id in r.getMessage()]
        assert logged.name == "accordline.server" and logged.levelno == logging.ERROR
        assert "secret store detail" in str(logged.exc_info[1])


async def test_a_fault_in_an_export_or_a_download_is_a_masked_json_500(api, monkeypatch, caplog):
    # Files a program fetches are answered like the API: JSON, never the reader's HTML page.
    async def broken(self, request):
        raise RuntimeError("secret export detail")

    monkeypatch.setattr(Exports, "_respond", broken)
    monkeypatch.setattr(Downloads, "_respond", broken)
    for path in ("/export/timeline.csv?countries=KZ", "/download/accordline.sqlite"):
        response = await api.client.get(path)
        error = assert_error(response, 500, "INTERNAL_SERVER_ERROR", "Internal server error")
        assert "secret" not in response.text
        assert_secure(response)
        assert any(error["extensions"]["requestId"] in r.getMessage() for r in caplog.records)


async def test_a_fault_in_the_ui_is_an_html_500(api, monkeypatch, caplog):
    def broken(self, spec):
        raise RuntimeError("secret file detail")

    monkeypatch.setattr(VendorAssets, "locate", broken)
    response = await api.client.get(ASSET)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Something went wrong</h1>" in response.text
    assert "secret" not in response.text
    assert_secure(response)
    request_id = re.search(r"<code>([0-9a-f]{16})</code>", response.text)[1]
    assert any(request_id in r.getMessage() for r in caplog.records)


async def test_a_fault_after_the_answer_started_closes_it(caplog):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise RuntimeError("half way")

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/graphql", "headers": []}
    await ServerErrors(app)(scope, None, send)
    assert [m["type"] for m in sent] == ["http.response.start"]  # nothing more: closed
    assert "half way" in str(caplog.records[-1].exc_info[1])


# Dates: ASCII digits in the documented forms only.


@pytest.mark.parametrize(
    "text", ["٢٠٢٠", "２０２０", "2020-W01", "2020-001", "20200101", "2020-1-5", "۱۹۹۲-08"]
)
def test_partial_dates_take_ascii_digits_in_documented_forms_only(text):
    with pytest.raises(InvalidDate, match="expected YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse(text)


async def test_event_filter_dates_refuse_other_digits_and_week_dates(api):
    for bound, text in [("from", "٢٠٢٠"), ("to", "2020-W01"), ("from", "２０２０-01")]:
        error = await api.error(EVENTS, f={bound: text})
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": f"filter.{bound}"}
        assert error["message"] == (
            f'filter.{bound}: "{text}" is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)'
        )
    assert (await api.data(EVENTS, f={"from": "2020", "to": "2020-12-31"}))["events"]


@pytest.mark.parametrize("text", ["2020-W01", "2020-W01-1", "20200101", "2020-001", "٢٠٢٠-٠١-٠١"])
async def test_as_of_takes_yyyy_mm_dd_only(api, text):
    error = await api.error(AS_OF, d=text)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert f'"{text}" is not a Date: expected YYYY-MM-DD in ASCII digits' in error["message"]


async def test_as_of_still_takes_a_day_and_names_an_impossible_one(api):
    data = await api.data(AS_OF, d="2020-09-15")
    assert data["country"]["participations"]["totalCount"] >= 0
    error = await api.error(AS_OF, d="2021-02-30")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert '"2021-02-30" is not a Date: day is out of range for month' in error["message"]
    literal = await api.error(
        '{ country(code: "KZ") { participations(asOf: "2020-W01") { totalCount } } }'
    )
    assert literal["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert '"2020-W01" is not a Date' in literal["message"]


# If-None-Match: * where the resource exists.


@pytest.mark.parametrize("path", ["/", "/app.css", "/countries/KZ", ASSET])
async def test_if_none_match_star_is_304_for_files(api, path):
    response = await api.client.get(path, headers={"if-none-match": "*"})
    assert response.status_code == 304, path
    assert response.content == b""
    assert response.headers["etag"]
    assert_secure(response)
    if path == ASSET:
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_vendor_revalidates_with_its_etag(api):
    first = await api.client.get(ASSET)
    etag = first.headers["etag"]
    for if_none_match in (etag, f"W/{etag}", f'"other", {etag}'):
        again = await api.client.get(ASSET, headers={"if-none-match": if_none_match})
        assert again.status_code == 304, if_none_match
    stale = await api.client.get(ASSET, headers={"if-none-match": '"other"'})
    assert stale.status_code == 200 and stale.content == first.content


async def test_if_none_match_star_where_nothing_exists(api):
    graphql = await api.client.get(
        "/graphql", params={"query": "{ __typename }"}, headers={"if-none-match": "*"}
    )
    assert graphql.status_code == 304
    assert_secure(graphql)
    for path in ["/nothing-here.css", "/vendor/react@18.2.0/nothing.js"]:
        missing = await api.client.get(path, headers={"if-none-match": "*"})
        assert missing.status_code == 404, path
        assert_secure(missing)


# Through a real uvicorn: what arrives percent-decoded from the wire, and the server log.


def test_hostile_requests_through_a_real_server(seed_store):
    with live_server(seed_store) as server:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for path in [
                "/vendor/react@18.2.0/%00",
                "/vendor/react@18.2.0/" + "a" * 300,
                "/%00",
                "/" + "a" * 300,
                "/%ff%fe",
                "/%ED%A0%80",
            ]:
                response = http.get(path)
                assert response.status_code == 404, path
                assert_secure(response)
            deep = f'{{"query": "{{ __typename }}", "variables": {nested(970)}}}'
            for body, message in [
                (deep, "`variables` are nested deeper than 64 levels"),
                ('{"query": "{ __typename }", "variables": {"q": "\\ud800"}}', SURROGATE),
            ]:
                response = http.post(
                    "/graphql", content=body, headers={"content-type": "application/json"}
                )
                assert_error(response, 400, "BAD_REQUEST", message)
            graphql = http.get(
                "/graphql",
                params={"query": "{ __typename }", "variables": nested(970)},
            )
            assert_error(graphql, 400, "BAD_REQUEST", "nested deeper than 64 levels")
            star = http.get(ASSET, headers={"if-none-match": "*"})
            assert star.status_code == 304
        log = server.log()
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log
