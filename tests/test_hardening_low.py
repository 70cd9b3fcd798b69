"""Issue 17's low-severity hardening: CSV cells no spreadsheet runs, calendar text escaped
by the library, the feed and pages cacheable, /vendor/ limited to what the pages load,
JSON refusals for CORS preflights and 405s, Retry-After on every 503."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import json
import re
import sqlite3
import types
import zipfile

import httpx
import pytest
from asgi_lifespan import LifespanManager
from icalendar import Calendar
from icalendar.parser import Contentlines
from starlette.responses import Response

from server.app import create_app
from server.files import data_dictionary, downloads, exports
from server.files.exports import csv_format, ical
from server.files.exports.api_client import ApiError
from server.files.exports.rows import RowContext
from server.http.headers import SecurityHeaders
from server.settings import ROOT
from server.site.graphiql_page import graphiql_html
from server.store import queries

# The tests share the run's apps (own_apps where one needs an empty file cache).
pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]

FORMULA = '=HYPERLINK("http://evil.example","click")'


def _error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": code}
    return error


# 1. CSV cells that could start a formula are written as text.


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+972 Magazine", "'+972 Magazine"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # What the record holds is left alone: dates, "by" dates, codes, numbers, text.
        ("1992-04-10", "1992-04-10"),
        ("by 2021-09-14", "by 2021-09-14"),
        ("376", "376"),
        ("KZ", "KZ"),
        ("a = b", "a = b"),
        ("", ""),
        (-5, -5),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_a_cell_that_could_start_a_formula_is_written_as_text(value, written):
    assert csv_format.cell(value) == written


@pytest.mark.own_apps  # the file must be rendered from the poisoned read
async def test_an_export_csv_neutralizes_formula_cells(api, monkeypatch):
    real = exports.read_list

    async def poisoned(app, spec, variables):
        export = await real(app, spec, variables)
        first = export.nodes[0]
        sources = [dict(first["sources"][0], publisher="+972 Magazine"), *first["sources"][1:]]
        node = {**first, "title": FORMULA, "summary": "@SUM(1+1)", "sources": sources}
        return dataclasses.replace(export, nodes=[node, *export.nodes[1:]])

    monkeypatch.setattr(exports, "read_list", poisoned)
    response = await api.client.get("/export/timeline.csv?countries=KZ")
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert rows[0]["title"] == "'" + FORMULA
    assert rows[0]["summary"] == "'@SUM(1+1)"
    assert rows[0]["source_publishers"].startswith("'+972 Magazine")
    assert rows[0]["date"][:1].isdigit() and rows[0]["record_version"][:1] != "'"
    # The same list as JSON keeps the raw text.
    events = (await api.client.get("/export/timeline.json?countries=KZ")).json()["events"]
    assert events[0]["title"] == FORMULA


def test_the_zips_csv_neutralizes_formula_cells_and_leaves_numbers():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (text TEXT, number INTEGER, day TEXT)")
    connection.execute("INSERT INTO t VALUES (?, ?, ?)", (FORMULA, -3, "2021-09"))
    connection.execute("INSERT INTO t VALUES (?, ?, ?)", ("-1", None, "by 2021"))
    written = list(csv.reader(io.StringIO(downloads._table_csv(connection, "t"), newline="")))
    assert written == [
        ["text", "number", "day"],
        ["'" + FORMULA, "-3", "2021-09"],
        ["'-1", "", "by 2021"],
    ]


async def test_no_value_of_the_record_is_changed_in_the_zip(api, seed_store):
    response = await api.client.get("/download/accordline-csv.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    connection = sqlite3.connect(seed_store)
    try:
        for table in data_dictionary.TABLES:
            text = archive.read(f"{table.name}.csv").decode()
            written = list(csv.reader(io.StringIO(text, newline="")))[1:]
            stored = connection.execute(f'SELECT * FROM "{table.name}"').fetchall()
            expected = [["" if v is None else str(v) for v in row] for row in stored]
            assert written == expected, table.name
    finally:
        connection.close()
    # …and the dictionary in the zip says how such cells are written, and how to undo it.
    dictionary = archive.read("data-dictionary.md").decode()
    assert data_dictionary.FORMULA_CELLS in dictionary
    assert "strip that leading `'`" in dictionary


# 2. The calendar's own text is TEXT-escaped by the library.


def test_the_calendar_description_round_trips_commas_semicolons_and_newlines():
    page = "http://test/timeline?q=a,b;c\\d\nBEGIN:VEVENT"
    export = types.SimpleNamespace(
        record={
            "contentVersion": "abc",
            "updated": "2025-01-02",
            "readThrough": "2025-01-01",
            "builtAt": "2025-01-02T00:00Z",
        },
        nodes=[],
    )
    body = ical.render(RowContext(site="http://test", page=page, export=export))
    calendar = Calendar.from_ical(body)
    assert calendar.subcomponents == []  # the newline did not start an event
    # icalendar's parser reads each line's value unescaped (as TEXT).
    values = {
        name: value
        for name, _, value in (
            line.parts() for line in Contentlines.from_ical(body.decode()) if line
        )
    }
    assert values["X-WR-CALDESC"] == (
        f"Events from accordline ({page}). Record version abc, updated 2025-01-02, news read "
        "through 2025-01-01. Month- and year-precise events span their month or year; the "
        "summary says so."
    )
    assert values["X-WR-CALNAME"] == "accordline timeline"
    assert values["X-ACCORDLINE-VERSION"] == "abc"


# 3. /feed.atom and the pages: Cache-Control, an ETag, and a 304.


async def test_the_feed_is_cacheable_and_revalidated_without_reading_rows(api, monkeypatch):
    response = await api.client.get("/feed.atom")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=60"
    etag = response.headers["etag"]
    # The feed's links name the site, so another site address is another version.
    other = await api.client.get("/feed.atom", headers={"host": "other.example"})
    assert other.status_code == 200 and other.headers["etag"] != etag

    async def unread(*args, **kwargs):
        raise AssertionError("a revalidation must not read the changes")

    monkeypatch.setattr(queries, "changes_page", unread)
    for tag in (etag, "W/" + etag, "*"):
        again = await api.client.get("/feed.atom", headers={"if-none-match": tag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "public, max-age=60"


@pytest.mark.parametrize("path", ["/", "/countries/KZ", "/relations/MR/IL", "/embed/timeline"])
async def test_a_page_is_cacheable_and_revalidated(api, path):
    response = await api.client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=60"
    etag = response.headers["etag"]
    again = await api.client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.headers["cache-control"] == "public, max-age=60"
    other = await api.client.get(path, headers={"host": "other.example"})
    assert other.headers["etag"] != etag  # its og:url and canonical link name the site


async def test_the_cache_lifetime_is_the_settings(settings):
    app = create_app(dataclasses.replace(settings, http_max_age=7))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for path in ("/feed.atom", "/countries/KZ"):
                response = await client.get(path)
                assert response.headers["cache-control"] == "public, max-age=7", path


async def test_a_page_that_names_nothing_is_not_cached_publicly(api):
    response = await api.client.get("/countries/QQ")
    assert response.status_code == 404
    assert "public" not in response.headers.get("cache-control", "")


# 4. /vendor/ serves only what the pages load.


def _pinned() -> dict:
    return json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/graphiql@3.8.3/node_modules/.bin/markdown-it",
        "/vendor/graphiql@3.8.3/node_modules/markdown-it/package.json",
        "/vendor/graphiql@3.8.3/package.json",
        "/vendor/flag-icons@7.5.0/package.json",
        "/vendor/flag-icons@7.5.0/flags/1x1/kz.svg",
        "/vendor/world-atlas@2.0.2/countries-10m.json",
        "/vendor/graphiql@3.8.3/graphiql.min.js.map",
    ],
)
async def test_a_file_no_page_loads_is_a_json_404(api, path):
    name, version = re.match(r"/vendor/((?:@[^/]+/)?[^@]+)@([^/]+)/", path).groups()
    assert _pinned()[name] == version  # a pinned package: only the file is not served
    error = _error(await api.client.get(path), 404, "NOT_FOUND")
    assert "/vendor/ holds only the pinned files" in error["message"]


def _vendor_urls() -> set[str]:
    """Every /vendor/ address written out in web/ (not node_modules) and GraphiQL's page."""
    found = set(re.findall(r"/vendor/[^\s\"'`<>)]+@\d[^\s\"'`<>)]*", graphiql_html()))
    for path in (ROOT / "web").rglob("*"):
        if "node_modules" in path.parts or path.suffix not in (".js", ".html", ".css"):
            continue
        found |= set(re.findall(r"/vendor/[\w@./-]+@\d[\w./-]*\.\w+", path.read_text()))
    return found


async def test_every_file_a_page_loads_is_served(api, seed_store):
    urls = _vendor_urls()
    assert len(urls) >= 11, urls  # GraphiQL's 7, the map's 4
    # web/flags.js builds a flag's address from a country's code.
    flags = re.search(r"FLAG_ICONS_VERSION = \"([^\"]+)\"", (ROOT / "web/flags.js").read_text())
    connection = sqlite3.connect(seed_store)
    try:
        codes = [
            c for (c,) in connection.execute("SELECT code FROM countries WHERE historical IS NULL")
        ]
    finally:
        connection.close()
    # User-assigned codes (Somaliland's XS) have no flag but Kosovo's (the model's rule,
    # which web/flags.js reads from web/vocabulary.js).
    from server.model.countries import has_flag

    codes = [c for c in codes if has_flag(c)]
    assert "XK" in codes and "XS" not in codes
    urls |= {f"/vendor/flag-icons@{flags[1]}/flags/4x3/{code.lower()}.svg" for code in codes}
    for url in sorted(urls):
        response = await api.client.get(url)
        assert response.status_code == 200, url
        again = await api.client.get(url, headers={"if-none-match": response.headers["etag"]})
        assert again.status_code == 304, url


# 5. Starlette's own refusals in the app's JSON shape.


@pytest.mark.parametrize(
    "path", ["/feed.atom", "/healthz", "/countries/KZ", "/app.js", "/vendor/x"]
)
async def test_a_method_a_route_does_not_take_is_a_json_405_with_allow(api, path):
    response = await api.client.request("PUT", path, content=b"x")
    error = _error(response, 405, "METHOD_NOT_ALLOWED")
    assert error["message"] == "PUT is not supported at this address: use GET or HEAD"
    assert response.headers["allow"] == "GET, HEAD"
    assert "content-security-policy" in response.headers


PREFLIGHT = {"origin": "https://elsewhere.example", "access-control-request-method": "POST"}


async def test_a_refused_cors_preflight_is_json_naming_what_was_refused(api):
    refused = {**PREFLIGHT, "access-control-request-method": "DELETE"}
    response = await api.client.options("/graphql", headers=refused)
    error = _error(response, 400, "BAD_REQUEST")
    assert "the method DELETE (allowed: GET, POST)" in error["message"]
    assert response.headers["access-control-allow-methods"] == "GET, POST"
    odd_header = {**PREFLIGHT, "access-control-request-headers": "content-type, x-secret"}
    response = await api.client.options("/graphql", headers=odd_header)
    error = _error(response, 400, "BAD_REQUEST")
    assert "the header x-secret (allowed: accept," in error["message"]
    assert "content-type," not in error["message"].split("(allowed")[0]


async def test_an_allowed_cors_preflight_is_unchanged(api):
    response = await api.client.options(
        "/graphql", headers={**PREFLIGHT, "access-control-request-headers": "content-type"}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET, POST"


# 6. Retry-After on every 503 the app sends.


@pytest.mark.own_apps  # a kept file would answer before the read
async def test_an_export_the_api_timed_out_is_a_503_with_retry_after(api, monkeypatch):
    async def timed_out(app, spec, variables):
        raise ApiError({"message": "timed out", "extensions": {"code": "QUERY_TIMEOUT"}})

    monkeypatch.setattr(exports, "read_list", timed_out)
    response = await asyncio.wait_for(api.client.get("/export/timeline.json"), timeout=5)
    _error(response, 503, "QUERY_TIMEOUT")
    assert response.headers["retry-after"] == "5"


@pytest.mark.parametrize(
    ("status", "headers", "retry_after"),
    [(503, {}, "5"), (503, {"retry-after": "120"}, "120"), (200, {}, None), (500, {}, None)],
)
async def test_every_503_says_when_to_retry(status, headers, retry_after):
    app = SecurityHeaders(Response(b"", status_code=status, headers=headers))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        response = await client.get("/anything")
    assert response.status_code == status
    assert response.headers.get("retry-after") == retry_after
