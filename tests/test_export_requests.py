"""/export/… requests: parameters refused by name (and never a 500), the filter parser,
and how a rendered file is kept, timed and read in one version (the file formats
themselves: test_exports.py)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from server.api.list_filters import TIMELINE, FilterError
from server.files import exports
from server.files.exports import lists
from server.model.countries import CountryIndex

from .helpers import slow_renderer
from .test_exports import COUNT, _csv

# The tests share the run's apps (own_apps where one needs an empty file cache).
pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]


@pytest.mark.parametrize(
    ("url", "status", "code", "parameter"),
    [
        ("/export/timeline.csv?contries=KZ", 400, "BAD_USER_INPUT", "contries"),
        ("/export/timeline.csv?countries=Narnia", 400, "BAD_USER_INPUT", "countries"),
        ("/export/timeline.csv?from=2020-13", 400, "BAD_USER_INPUT", "from"),
        ("/export/timeline.csv?to=yesterday", 400, "BAD_USER_INPUT", "to"),
        ("/export/timeline.csv?from=2020&from=2021", 400, "BAD_USER_INPUT", "from"),
        ("/export/timeline.csv?agreement=no-such-agreement", 400, "BAD_USER_INPUT", "agreement"),
        ("/export/timeline.csv?agreement=Not%20A%20Slug", 400, "BAD_USER_INPUT", "agreement"),
        ("/export/timeline.csv?kind=party", 400, "BAD_USER_INPUT", "kind"),
        ("/export/timeline.csv?order=sideways", 400, "BAD_USER_INPUT", "order"),
        ("/export/timeline.xls", 400, "BAD_USER_INPUT", "format"),
        ("/export/members.ics?agreement=abraham-accords", 400, "BAD_USER_INPUT", "format"),
        ("/export/members.csv", 400, "BAD_USER_INPUT", "agreement"),
        ("/export/members.csv?agreement=no-such-agreement", 400, "BAD_USER_INPUT", "agreement"),
        (
            "/export/members.csv?agreement=abraham-accords&asOf=2020-02-30",
            400,
            "BAD_USER_INPUT",
            "asOf",
        ),
        ("/export/relations.csv?country=IL&group=NATO", 400, "BAD_USER_INPUT", "group"),
        ("/export/relations.csv?country=IL&states=FRIENDLY", 400, "BAD_USER_INPUT", "states"),
        ("/export/relations.csv?group=OIC", 400, "BAD_USER_INPUT", "country"),
        ("/export/relations.csv?country=IL&asOf=2010", 400, "BAD_USER_INPUT", "asOf"),
        ("/export/everything.csv", 404, "NOT_FOUND", None),
        # A long address is refused by name, never passed on to become a server fault.
        (
            "/export/timeline.csv?countries=" + ",".join(["KZ", "IL", "TR"] * 5_000),
            400,
            "BAD_USER_INPUT",
            "countries",
        ),
        (
            "/export/timeline.csv?countries=" + ",".join(f"c{n}" for n in range(80)),
            400,
            "BAD_USER_INPUT",
            "countries",
        ),
        ("/export/timeline.csv?q=" + "embassy " * 2_000, 400, "BAD_USER_INPUT", "q"),
    ],
)
async def test_bad_parameters_are_refused_naming_the_parameter(api, url, status, code, parameter):
    response = await api.client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == code
    assert error["extensions"].get("parameter") == parameter
    if parameter:
        # A sentence (a question when it offers the nearest names).
        assert parameter in error["message"] and error["message"].endswith((".", "?"))
    # Security headers on refusals too.
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_only_get_and_head(api):
    response = await api.client.post("/export/timeline.csv")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_the_apis_refusals_name_the_readers_parameters_not_its_arguments(api):
    response = await api.client.get("/export/timeline.csv?from=2021&to=2020")
    [error] = response.json()["errors"]
    assert response.status_code == 400 and error["extensions"]["parameter"] in ("from", "to")
    assert "filter." not in error["message"], error["message"]


async def test_repeated_countries_are_read_once(api):
    once = await api.client.get("/export/timeline.json?countries=KZ")
    repeated = await api.client.get("/export/timeline.json?countries=KZ,Kazakhstan&countries=kaz")
    assert repeated.json()["filter"] == once.json()["filter"]
    assert repeated.json()["count"] == once.json()["count"] > 0


@pytest.mark.own_apps  # a kept file would answer before the stalled read
async def test_an_export_that_runs_too_long_is_stopped_with_a_503(api, monkeypatch):
    async def stalled(app, spec, variables):
        await asyncio.sleep(30)

    monkeypatch.setattr(exports, "read_list", stalled)
    monkeypatch.setattr(exports, "EXPORT_SECONDS", 0.05)
    response = await asyncio.wait_for(api.client.get("/export/timeline.csv"), timeout=5)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TIMEOUT"


async def test_a_cached_file_links_back_to_the_page_of_its_filter_not_of_one_spelling(api):
    by_name = await api.client.get(
        "/export/timeline.timelinejs.json?countries=Kazakhstan&from=2020"
    )
    by_code = await api.client.get("/export/timeline.timelinejs.json?from=2020&countries=kaz")
    assert by_code.content == by_name.content  # one filter, one file, whichever came first
    title = by_name.json()["title"]["text"]["text"]
    assert "/timeline?countries=KZ&amp;from=2020" in title, title


@pytest.mark.parametrize(
    "query",
    [
        "countries=%00",
        "from=%D9%A2%D9%A0%D9%A2%D9%A0",  # Arabic-Indic digits: not a date here
        "q=%27%20OR%201%3D1%20--",
        "q=" + "x" * 5000,
        "countries=" + ",".join(["KZ"] * 300),
        "kind=%ED%A0%80",  # a lone surrogate, percent-encoded
        "countries=%F0%9F%87%B0%F0%9F%87%BF",  # a flag emoji
        "to=2020-02-30",
    ],
)
async def test_hostile_parameters_are_answered_never_a_500(api, query):
    response = await api.client.get(f"/export/timeline.csv?{query}")
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


COUNTRIES = CountryIndex(
    [
        ("KZ", "KAZ", ("Kazakhstan", "Republic of Kazakhstan")),
        ("CI", "CIV", ("Côte d'Ivoire", None)),
    ]
)


@given(
    st.lists(
        st.tuples(st.sampled_from([*TIMELINE.parameters, "contries"]), st.text(max_size=30)),
        max_size=6,
    )
)
@hypothesis_settings(max_examples=300, deadline=None)
def test_the_filter_parser_refuses_only_with_a_filter_error(pairs):
    try:
        variables = TIMELINE.variables(pairs, COUNTRIES)
    except FilterError as error:
        assert error.parameter in {name for name, _ in pairs}
        assert error.message.endswith((".", "?"))
    else:
        assert set(variables) == {"filter", "order"}


def test_country_names_resolve_codes_before_names_and_fold_accents():
    assert COUNTRIES.resolve("kaz") == COUNTRIES.resolve(" Kazakhstan ") == "KZ"
    assert COUNTRIES.resolve("republic of KAZAKHSTAN") == "KZ"
    assert COUNTRIES.resolve("cote d'ivoire") == COUNTRIES.resolve("CIV") == "CI"
    assert COUNTRIES.resolve("Kazakstan") is None


@pytest.mark.own_apps  # the file must be read, not kept
async def test_an_export_read_across_a_rebuild_starts_again_from_one_version(api, monkeypatch):
    """Pages that come from two versions of the store are never mixed in one file."""
    real_ask, calls = lists.ask, []

    async def ask_during_a_rebuild(app, query, variables):
        data = await real_ask(app, query, variables)
        calls.append(variables.get("after"))
        if len(calls) == 2:  # the second page seems to come from a rebuilt store
            data = {**data, "record": {**data["record"], "contentVersion": "rebuilt"}}
        return data

    monkeypatch.setattr(lists, "ask", ask_during_a_rebuild)
    rows = _csv(await api.client.get("/export/timeline.csv"))
    total = (await api.data(COUNT))["events"]["totalCount"]
    pages = -(-total // lists.PAGE)
    assert pages >= 2
    assert calls[0] is None and calls[2] is None  # the walk started again
    assert len(calls) == 2 + pages
    assert len(rows) == (await api.data(COUNT))["events"]["totalCount"]
    assert len({row["slug"] for row in rows}) == len(rows)


@pytest.mark.own_apps  # counts the renders from none
async def test_a_repeated_export_is_served_from_the_rendered_file(api, monkeypatch):
    """The same URL on the same record is rendered once; another site's links are not mixed in."""
    real_read, reads = exports.read_list, []

    async def counted(app, spec, variables):
        reads.append(variables)
        return await real_read(app, spec, variables)

    monkeypatch.setattr(exports, "read_list", counted)
    url = "/export/timeline.ics?countries=KZ"
    first = await api.client.get(url)
    again = await api.client.get(url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert len(reads) == 1
    other_site = await api.client.get(url, headers={"host": "mirror.example"})
    assert len(reads) == 2 and b"mirror.example" in other_site.content
    assert b"mirror.example" not in first.content


@pytest.mark.own_apps  # the file must be rendered, not kept
async def test_rendering_a_file_leaves_the_server_free_for_other_requests(api, monkeypatch):
    """A file is written in a worker thread: while one renders, other requests are answered."""
    started, release = threading.Event(), threading.Event()
    slow_renderer(monkeypatch, "csv", started, release)
    export = asyncio.create_task(api.client.get("/export/timeline.csv?countries=KZ"))
    while not started.is_set():
        await asyncio.sleep(0.01)
    health = await asyncio.wait_for(api.client.get("/healthz"), timeout=5)
    assert health.status_code == 200
    assert not export.done()  # still rendering, yet the health check was answered
    release.set()
    assert (await export).status_code == 200


@pytest.mark.own_apps  # counts the kept files
async def test_the_kept_files_are_bounded_in_bytes_as_well_as_in_number(api, monkeypatch):
    sizes = []
    for query in ("", "order=desc", "from=1900"):  # three files of the whole timeline
        response = await api.client.get(f"/export/timeline.csv?{query}")
        assert response.status_code == 200
        sizes.append(len(response.content))
    room = max(sizes) + min(sizes) // 2  # room for one full timeline CSV, not two
    monkeypatch.setattr(exports, "CACHED_BYTES", room)
    for query in ("from=1901", "from=1902", "from=1903"):
        assert (await api.client.get(f"/export/timeline.csv?{query}")).status_code == 200
    kept = api.app.routes  # the endpoint instance holds them
    [endpoint] = [route.app for route in kept if getattr(route, "path", "") == "/export/{name}"]
    assert 0 < endpoint._cached_bytes() <= room
    assert len(endpoint._rendered) == 1  # the newest; the older two were let go
