"""The embeddable views: only /embed/… may be framed by another site, each says which full
page it shows (canonical) and asks not to be indexed; and the map page's own metadata."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read


def _framing(response) -> tuple[str | None, str]:
    """The response's X-Frame-Options and its CSP's frame-ancestors directive."""
    policy = response.headers["content-security-policy"]
    ancestors = next(
        part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors")
    )
    return response.headers.get("x-frame-options"), ancestors


def _head(page: str) -> dict:
    """<title>, name=/property= meta tags and the canonical link of a page."""
    found = {"title": html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))}
    for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', page):
        found[key] = html.unescape(value)
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)">', page)
    assert len(canonical) == 1, canonical
    found["canonical"] = html.unescape(canonical[0])
    return found


@pytest.mark.parametrize(
    ("path", "title", "canonical"),
    [
        ("/embed/timeline", "Timeline · accordline", "http://test/timeline"),
        (
            "/embed/timeline?countries=KZ&from=2020",
            "Timeline · accordline",
            "http://test/timeline?countries=KZ&from=2020",
        ),
        (
            "/embed/agreements/abraham-accords?asOf=2021-01-01",
            "Abraham Accords · accordline",
            "http://test/agreements/abraham-accords?asOf=2021-01-01",
        ),
        (
            "/embed/map?country=IL&asOf=2010-01-01",
            "Relations with Israel on 1 Jan 2010 · accordline",
            "http://test/map?country=IL&asOf=2010-01-01",
        ),
    ],
)
async def test_an_embed_may_be_framed_and_names_its_full_page(api, path, title, canonical):
    response = await api.client.get(path)
    assert response.status_code == 200
    assert _framing(response) == (None, "frame-ancestors *")
    # The rest of the policy is the UI's: no inline script or style in a framed page either.
    assert "script-src 'self';" in response.headers["content-security-policy"]
    head = _head(response.text)
    assert head["title"] == title
    assert head["robots"] == "noindex"
    assert head["canonical"] == canonical
    assert '<script type="module" src="/embed.js"></script>' in response.text
    assert "/app.js" not in response.text  # the embed's own shell: no site header or nav
    assert 'target="_top"' in response.text


async def test_an_embed_revalidated_is_still_framable(api):
    first = await api.client.get("/embed/timeline")
    again = await api.client.get(
        "/embed/timeline", headers={"if-none-match": first.headers["etag"]}
    )
    assert again.status_code == 304
    # A 304's headers replace the cached response's: they must not forbid framing.
    assert _framing(again) == (None, "frame-ancestors *")


async def test_an_embed_of_an_unknown_record_is_a_404_in_the_embed_shell(api):
    response = await api.client.get("/embed/agreements/no-such-agreement")
    assert response.status_code == 404
    assert _head(response.text)["title"] == "Not found · accordline"
    assert "/embed.js" in response.text


@pytest.mark.parametrize(
    "path", ["/embed/countries/KZ", "/embed/nothing", "/embed/agreements/x/y", "/embed/"]
)
async def test_a_path_with_no_embeddable_view_is_a_small_404(api, path):
    response = await api.client.get(path)
    assert response.status_code == 404
    assert "Nothing is published at this address." in response.text
    assert "<script" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/timeline",
        "/map",
        "/agreements/abraham-accords",
        "/graphql",
        "/feed.atom",
        "/healthz",
        "/no/such/page",
        "/embedx",
        "/embed",
        "/embed.js",
        "/embed.html",
        "/export/timeline.csv",
        "/download/accordline.sqlite",
    ],
)
async def test_everything_else_refuses_to_be_framed(api, path):
    response = await api.client.get(path)
    assert _framing(response) == ("DENY", "frame-ancestors 'none'"), response.status_code


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        ("/map", "Map of relations · accordline", "every country's diplomatic relations"),
        (
            "/map?country=IL&asOf=2010-01-01",
            "Relations with Israel on 1 Jan 2010 · accordline",
            "every country with Israel on 1 Jan 2010",
        ),
        (
            "/map?country=isr&group=oic",
            "Relations with Israel · accordline",
            "the members of the Organisation of Islamic Cooperation with Israel today",
        ),
        # Choices that name nothing: the page is there, and says so itself.
        # (A date that cannot be one is a 400: test_pages_and_feed.py.)
        ("/map?country=QQ", "Map of relations · accordline", "a chosen day"),
        ("/map?country=IL&asOf=", "Relations with Israel · accordline", "today"),
    ],
)
async def test_the_map_page_is_titled_by_its_choices(api, path, title, description):
    response = await api.client.get(path)
    assert response.status_code == 200
    head = _head(response.text)
    assert head["title"] == head["og:title"] == title
    assert description in head["description"]
    assert "robots" not in head
    assert head["canonical"] == "http://test/map"
