"""The one URL builder (server/urls.py): each kind of address, the encoding of odd codes
and slugs, its JavaScript twin (web/urls.js over the generated web/routes.js) writing the
same addresses, the route list driving what the server answers (pages and embeds), and
`path` on the API's records, through both executors."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import unquote

import pytest

from server.settings import ROOT
from server.urls import ROUTES, Urls, match, paths

from .helpers import record

ODD = ["Ivory Coast", "a/b", "é", "100%", "?#&=", "(x)*!'~", "+1 2"]


def test_each_kind_of_address():
    assert paths.home() == "/"
    assert paths.countries() == "/countries"
    assert paths.country("KZ") == "/countries/KZ"
    assert paths.agreements() == "/agreements"
    assert paths.agreement("abraham-accords") == "/agreements/abraham-accords"
    assert paths.agreement("abraham-accords", {"asOf": "2021-01-01"}) == (
        "/agreements/abraham-accords?asOf=2021-01-01"
    )
    assert paths.candidates("abraham-accords") == "/agreements/abraham-accords/candidates"
    assert paths.event("negev-summit") == "/events/negev-summit"
    assert paths.relation("MR", "IL") == "/relations/MR/IL"
    assert paths.changes() == "/changes"
    assert paths.about() == "/about"
    assert paths.timeline() == "/timeline"
    assert paths.map({"country": "IL", "group": "OIC", "asOf": "2010-01-01"}) == (
        "/map?country=IL&group=OIC&asOf=2010-01-01"
    )
    assert paths.embed(paths.timeline({"countries": "KZ"})) == "/embed/timeline?countries=KZ"
    assert paths.export("timeline.csv", {"countries": "KZ"}) == "/export/timeline.csv?countries=KZ"
    assert paths.download("accordline.sqlite") == "/download/accordline.sqlite"
    assert paths.feed() == "/feed.atom"
    assert paths.graphql() == "/graphql"


def test_absolute_urls_are_on_the_site_given():
    site = Urls("https://example.org/")  # a trailing "/" is not doubled
    assert site.event("negev-summit") == "https://example.org/events/negev-summit"
    assert site.home() == "https://example.org/"
    assert site.absolute("/relations/MR/IL") == "https://example.org/relations/MR/IL"
    assert site.embed(paths.map()) == "https://example.org/embed/map"


def test_odd_codes_and_slugs_are_one_encoded_segment_each():
    assert paths.country("Ivory Coast") == "/countries/Ivory%20Coast"
    assert paths.relation("a/b", "IL") == "/relations/a%2Fb/IL"  # never a third segment
    assert paths.event("é") == "/events/%C3%A9"
    assert paths.agreement("100%") == "/agreements/100%25"
    assert paths.agreement("?#") == "/agreements/%3F%23"


def test_a_query_leaves_out_empty_values_and_is_form_encoded():
    pairs = [("q", "a b&c"), ("countries", ""), ("kind", None), ("order", "desc")]
    assert paths.timeline(pairs) == "/timeline?q=a+b%26c&order=desc"
    assert paths.timeline({"q": "", "from": None}) == "/timeline"


@pytest.mark.parametrize("value", ["KZ", "Ivory Coast", "é", "100%"])
def test_every_route_matches_its_own_paths(value):
    for route in ROUTES:
        parameters = {name: f"{value}{i}" for i, name in enumerate(route.parameters)}
        built = paths.page(route.name, **parameters)
        found = match(unquote(built))  # the server matches the decoded path
        assert found == (route, tuple(parameters.values())), built
        if built != "/":
            assert match(unquote(built) + "/") == found  # a trailing "/" is the same page


@pytest.mark.parametrize("path", ["/countries//KZ", "/timeline/extra", "/no/such/page", "//"])
def test_a_path_that_is_no_page_matches_nothing(path):
    assert match(path) is None


def test_only_the_embeddable_pages_match_under_embed():
    embeddable = {route.name for route in ROUTES if route.embeddable}
    assert embeddable == {"timeline", "agreement", "candidates", "map", "count"}
    for route in ROUTES:
        parameters = {name: "x" for name in route.parameters}
        found = match(paths.embed(paths.page(route.name, **parameters)), embed=True)
        assert (found is not None) == route.embeddable, route.name
    assert match("/timeline", embed=True) is None  # not under /embed
    assert match("/embedded/timeline", embed=True) is None


def _javascript(cases: list) -> list:
    """What web/urls.js writes for each [name, params, query] case."""
    node = shutil.which("node")
    assert node is not None, "node is not installed: this test needs Node 20+"
    script = (
        'import { pathTo } from "./web/urls.js";\n'
        f"const cases = {json.dumps(cases)};\n"
        "console.log(JSON.stringify(cases.map(([n, p, q]) => pathTo(n, p, q))));\n"
    )
    done = subprocess.run(
        [node, "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "--input-type=module"],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_browser_writes_the_same_addresses_as_the_server():
    cases = []
    for route in ROUTES:
        for value in ODD:
            parameters = {name: value for name in route.parameters}
            cases.append([route.name, parameters, {"q": value, "empty": "", "country": "KZ"}])
    expected = [paths.page(name, query, **parameters) for name, parameters, query in cases]
    assert _javascript(cases) == expected


def test_a_relation_has_one_address_whichever_order_it_is_named_in():
    # Israel second, any other pair in code order: the server and the browser agree.
    pairs = [("IL", "MR"), ("MR", "IL"), ("SA", "KZ"), ("KZ", "SA"), ("IL", "AE")]
    cases = [["relation", {"a": a, "b": b}, None] for a, b in pairs]
    expected = ["/relations/MR/IL", "/relations/MR/IL", "/relations/KZ/SA", "/relations/KZ/SA"]
    expected.append("/relations/AE/IL")
    assert [paths.relation(a, b) for a, b in pairs] == expected
    assert _javascript(cases) == expected


@pytest.mark.anyio
async def test_the_server_answers_each_route_and_embeds_only_the_embeddable(api):
    seed, _ = record()
    samples = {
        "country": {"code": seed.countries[0].code},
        "agreement": {"slug": seed.agreements[0].slug},
        "candidates": {"slug": seed.agreements[0].slug},
        "event": {"slug": seed.events[0].slug},
        "relation": {"a": "MR", "b": "IL"},
        "count": {"code": "IL"},
    }
    for route in ROUTES:
        parameters = samples.get(route.name, {})
        assert set(parameters) == set(route.parameters), f"add a sample for {route.name}"
        page = paths.page(route.name, **parameters)
        assert (await api.client.get(page)).status_code == 200, page
        embedded = await api.client.get(paths.embed(page))
        assert embedded.status_code == (200 if route.embeddable else 404), page


QUERY = """query($a: String!, $b: String!) {
  country(code: "Ivory Coast") { code path }
  agreement(slug: "abraham-accords") { slug path }
  event(slug: "negev-summit") { slug path }
  relation(a: $a, b: $b) { path countries { code } }
  events(first: 3, filter: { agreement: "abraham-accords" }) {
    edges { node { slug path countries { code path } agreements { path } } } }
}"""


@pytest.mark.anyio
async def test_the_api_gives_each_record_its_path_from_the_builder(api):
    answered = api.fast.answered
    data = await api.data(QUERY, a="Mauritania", b="IL")  # both executors, compared
    assert api.fast.answered == answered + 1  # the fast path answered, not Strawberry
    assert data["country"] == {"code": "CI", "path": paths.country("CI")}
    assert data["agreement"]["path"] == paths.agreement("abraham-accords")
    assert data["event"]["path"] == paths.event("negev-summit")
    # The canonical codes in the order asked for, whatever name was typed.
    assert data["relation"]["path"] == paths.relation("MR", "IL") == "/relations/MR/IL"
    events = [edge["node"] for edge in data["events"]["edges"]]
    assert any(e["countries"] for e in events) and any(e["agreements"] for e in events)
    for event in events:
        assert event["path"] == paths.event(event["slug"])
        assert all(c["path"] == paths.country(c["code"]) for c in event["countries"])
        assert all(a["path"].startswith("/agreements/") for a in event["agreements"])


@pytest.mark.anyio
async def test_a_relation_with_nothing_on_record_still_has_its_path(api):
    data = await api.data(QUERY, a="KZ", b="SA")
    assert data["relation"]["path"] == "/relations/KZ/SA"
