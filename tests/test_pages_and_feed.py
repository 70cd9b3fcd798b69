"""Pages of their own (server-rendered title, description, Open Graph tags; 404 for what
is not there), freshness (record, changes) and the Atom feed of changes."""

from __future__ import annotations

import html
import re

import feedparser
import pytest

from server.site.page_meta import PageMeta, render

from .helpers import record, walk

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read


def _meta(page: str) -> dict:
    """The page's <title> and its name=/property= meta tags."""
    found = {"title": html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', page):
        found[key] = html.unescape(value)
    return found


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        ("/", "accordline", "sourced record"),
        ("/countries/KZ", "Kazakhstan · accordline", "Kazakhstan (Central Asia, Asia)"),
        # Other names of a country redirect here (test_one_address_per_thing).
        ("/countries/CI", "Côte d'Ivoire · accordline", "Côte d'Ivoire"),
        ("/relations/AE/IL", "United Arab Emirates and Israel · accordline", "today"),
        ("/agreements/abraham-accords", "Abraham Accords · accordline", ""),
        (
            "/events/kazakhstan-announces-accords-accession",
            "Kazakhstan announces it will join the Abraham Accords — 6 Nov 2025 · accordline",
            "",
        ),
        ("/events/saudi-israel-normalization-talks-paused", "— by 13 Oct 2023 · accordline", ""),
        ("/relations/MR/IL", "Mauritania and Israel · accordline", "relations today: severed"),
        ("/relations/KZ/SA", "Kazakhstan and Saudi Arabia · accordline", "no relation on record"),
        ("/timeline", "Timeline · accordline", ""),
        ("/countries", "Countries · accordline", ""),
        ("/agreements", "Agreements · accordline", ""),
        ("/about", "About the record · accordline", ""),
        ("/changes", "Changes · accordline", ""),
    ],
)
async def test_every_page_kind_has_its_title_and_open_graph_tags(api, path, title, description):
    response = await api.client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    tags = _meta(response.text)
    assert title in tags["title"]
    assert tags["og:title"] == tags["twitter:title"] == tags["title"]
    assert description in tags["description"]
    assert tags["og:description"] == tags["description"]
    assert tags["og:url"] == f"http://test{path}"
    assert tags["twitter:card"] == "summary"
    assert '<script type="module" src="/app.js"></script>' in response.text  # the app itself
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_an_event_page_describes_its_own_event(api):
    event = (await api.data('{ event(slug: "negev-summit") { title summary date { iso } } }'))[
        "event"
    ]
    tags = _meta((await api.client.get("/events/negev-summit")).text)
    assert tags["og:title"].startswith(event["title"] + " — ")
    assert tags["og:description"].split("…")[0] in event["summary"]
    assert tags["og:type"] == "article"


@pytest.mark.parametrize(
    "path",
    [
        "/countries/QQ",
        "/countries/K-Z",
        "/agreements/no-such-agreement",
        "/events/no-such-event",
        "/relations/KZ/KZ",
        "/relations/KZ/QQ",
        "/no/such/page",
        "/timeline/extra",
    ],
)
async def test_what_is_not_there_is_a_404_with_the_apps_own_page(api, path):
    response = await api.client.get(path)
    assert response.status_code == 404
    assert _meta(response.text)["title"] == "Not found · accordline"
    assert '<script type="module" src="/app.js"></script>' in response.text
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize(
    ("path", "own"),
    [
        ("/countries/kz", "/countries/KZ"),
        ("/countries/kaz", "/countries/KZ"),
        ("/countries/kazakhstan", "/countries/KZ"),
        ("/countries/Ivory%20Coast", "/countries/CI"),
        ("/relations/IL/MR", "/relations/MR/IL"),
        ("/relations/uae/israel", "/relations/AE/IL"),
        ("/relations/SA/KZ", "/relations/KZ/SA"),  # no Israel: code order
        ("/counts/israel?asOf=2020-01-01", "/counts/IL?asOf=2020-01-01"),
        ("/embed/counts/il?measure=FULL_RELATIONS", "/embed/counts/IL?measure=FULL_RELATIONS"),
        # A date written another way is echoed back in its ISO form, with the rest kept.
        ("/map?country=IL&asOf=6%20Nov%202025", "/map?country=IL&asOf=2025-11-06"),
        (
            "/agreements/abraham-accords?asOf=2025/11/06",
            "/agreements/abraham-accords?asOf=2025-11-06",
        ),
        (
            "/timeline?countries=KZ&from=Nov+2025&to=2026",
            "/timeline?countries=KZ&from=2025-11&to=2026",
        ),
        ("/embed/map?asOf=2025-11-6", "/embed/map?asOf=2025-11-06"),
        ("/relations/IL/MR?asOf=6+November+2025", "/relations/MR/IL?asOf=6+November+2025"),
    ],
)
async def test_one_address_per_thing(api, path, own):
    response = await api.client.get(path)
    assert response.status_code == 301, path
    assert response.headers["location"] == f"http://test{own}"
    page = await api.client.get(own)
    assert page.status_code == 200
    tags = _meta(page.text)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page.text)[1]
    if not own.startswith("/embed/"):
        assert tags["og:url"] == canonical == f"http://test{own.split('?')[0]}"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/map?asOf=bad", "The address asks for the date “bad” (asOf). Write the date as year-"),
        ("/agreements/abraham-accords?asOf=2021-02-29", "there is no 29 February in 2021."),
        ("/agreements/abraham-accords/candidates?asOf=Nov+2025", "(asOf). Write the date as"),
        ("/counts/IL?asOf=2020-13-01", "there is no month 13"),
        ("/timeline?from=yesterday", "“yesterday” (from). Write a year, a month or a day"),
        ("/embed/map?asOf=31+Apr+2020", "there is no 31 April."),
    ],
)
async def test_a_date_that_cannot_be_one_is_a_400_saying_why(api, path, words):
    response = await api.client.get(path)
    assert response.status_code == 400
    tags = _meta(response.text)
    assert tags["title"] == "That date doesn't work · accordline"
    assert words in tags["description"]
    assert "/app.js" in response.text or "/embed.js" in response.text  # the page says it too


def test_metadata_from_the_record_is_escaped():
    page = "<head>\n  <!-- page metadata: x -->\n  <!-- end of page metadata -->\n</head>"
    meta = PageMeta('A "quoted" <script>alert(1)</script> title', "x & <b>y</b>")
    rendered = render(page, meta, "http://test/events/x?a=<b>")
    assert "<script>" not in rendered and "<b>" not in rendered
    assert "&quot;quoted&quot;" in rendered and "x &amp; &lt;b&gt;y&lt;/b&gt;" in rendered


async def test_record_freshness(api):
    seed, _ = record()
    data = await api.data("{ record { updated builtAt contentVersion } }")
    dated = [r.freshness for r in (*seed.events, *seed.agreements, *seed.relations, *seed.groups)]
    assert data["record"]["updated"] == max(f.updated for f in dated).isoformat()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["record"]["builtAt"])
    health = (await api.client.get("/healthz")).json()
    assert data["record"]["contentVersion"] == health["contentVersion"]


CHANGES = """query($since: Date, $after: String) { changes(since: $since, first: 100, after: $after) {
  totalCount edges { node { date action recordType ref title note path } }
  pageInfo { hasNextPage endCursor } } }"""


async def test_changes_are_newest_first_with_a_note_for_each_update(api):
    seed, _ = record()
    changes = await walk(api, CHANGES, ("changes",))
    records = (*seed.events, *seed.agreements, *seed.relations, *seed.groups)
    expected = len(records) + sum(1 for r in records if r.freshness.updated > r.freshness.added)
    assert len(changes) == expected
    days = [c["date"] for c in changes]
    assert days == sorted(days, reverse=True)
    keys = [(c["date"], c["action"], c["recordType"], c["ref"]) for c in changes]
    assert len(set(keys)) == len(keys)
    riyadh = next(
        c
        for c in changes
        if c["ref"] == "arab-peace-initiative-reendorsed-riyadh" and c["action"] == "UPDATED"
    )
    assert "Libya" in riyadh["note"] and riyadh["path"] == "/events/" + riyadh["ref"]
    since = await walk(api, CHANGES, ("changes",), since=days[0])
    assert {c["date"] for c in since} == {days[0]}


async def test_every_change_path_is_a_page(api):
    changes = await walk(api, CHANGES, ("changes",))
    for path in {c["path"] for c in changes}:
        assert (await api.client.get(path)).status_code == 200, path


async def test_the_atom_feed_lists_the_latest_changes(api):
    response = await api.client.get("/feed.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert response.headers["x-content-type-options"] == "nosniff"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    newest = (await api.data("{ changes(first: 50) { edges { node { title action path } } } }"))[
        "changes"
    ]["edges"]
    assert len(feed.entries) == len(newest) == 50
    first = newest[0]["node"]
    assert feed.entries[0].title == f"{first['action'].capitalize()}: {first['title']}"
    assert feed.entries[0].link == "http://test" + first["path"]
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    record_day = (await api.data("{ record { updated } }"))["record"]["updated"]
    assert feed.feed.updated.startswith(record_day)


async def test_home_page_links_the_feed(api):
    page = (await api.client.get("/")).text
    assert '<link rel="alternate" type="application/atom+xml"' in page


async def test_links_follow_the_public_url_not_the_clients_host(settings):
    import dataclasses

    import httpx
    from asgi_lifespan import LifespanManager

    from server.app import create_app

    configured = dataclasses.replace(settings, public_url="https://accordline.example")
    async with LifespanManager(create_app(configured)) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            spoofed = {"host": "evil.example"}
            page = (await client.get("/countries/KZ", headers=spoofed)).text
            feed = feedparser.parse((await client.get("/feed.atom", headers=spoofed)).content)
    tags = _meta(page)
    assert tags["og:url"] == "https://accordline.example/countries/KZ"
    assert '<link rel="canonical" href="https://accordline.example/countries/KZ">' in page
    assert "evil.example" not in page
    assert feed.entries[0].link.startswith("https://accordline.example/")
    assert all("evil.example" not in entry.id for entry in feed.entries)


@pytest.mark.parametrize("path", ["/", "/countries/KZ", "/no/such/page", "/app.js"])
async def test_pages_answer_only_get_and_head(api, path):
    response = await api.client.post(path, content=b"x")
    assert response.status_code == 405
    assert "content-security-policy" in response.headers
    head = await api.client.head(path)
    assert head.status_code == (404 if path == "/no/such/page" else 200)
