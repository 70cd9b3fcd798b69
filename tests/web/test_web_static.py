"""The UI's own files: small, self-contained, and GraphiQL reachable offline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from server.settings import ROOT

WEB = ROOT / "web"
# What one page makes a reader download of the app's own code (pages load their module
# when first visited), and a ceiling on all of it together.
PAGE_LIMIT = 80 * 1024
TOTAL_LIMIT = 200 * 1024
PAGE_KINDS = [
    "/",
    "/countries",
    "/countries/KZ",
    "/agreements",
    "/agreements/abraham-accords",
    "/events/negev-summit",
    "/timeline",
    "/relations/MR/IL",
    "/changes",
    "/about",
]


def app_files():
    """index.html, app.css and every module, not npm's folder."""
    files = [
        path
        for path in WEB.rglob("*")
        if path.suffix in {".html", ".css", ".js"} and "node_modules" not in path.parts
    ]
    assert files
    return files


def test_the_apps_code_stays_small():
    total = sum(path.stat().st_size for path in app_files())
    assert total < TOTAL_LIMIT, f"the app's HTML+CSS+JS is {total} bytes"


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_each_page_downloads_under_80_kb_of_the_apps_code(page: Page, base_url: str, path):
    loaded = {}

    def count(response):
        url = response.url
        own = url.startswith(base_url) and "/vendor/" not in url and "/graphql" not in url
        if own and response.request.resource_type in {"document", "script", "stylesheet"}:
            loaded[url] = len(response.body())

    page.on("response", count)
    page.goto(base_url + path)
    expect(page.locator("main h1").first).to_be_visible()
    total = sum(loaded.values())
    assert any(url.endswith(".js") for url in loaded)
    assert total < PAGE_LIMIT, f"{path} loads {total} bytes of the app's code: {loaded}"
    print(f"{path}: {total} bytes of the app's own HTML, CSS and JS")


def test_no_remote_sources():
    remote = re.compile(
        r"""(src|href)\s*=\s*["']?\s*(https?:)?//|@import\s+["']?(url\()?\s*["']?(https?:)?//"""
        r"""|from\s+["'](https?:)?//|import\(\s*["'](https?:)?//|url\(\s*["']?(https?:)?//"""
    )
    hits = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in app_files()
        for match in remote.finditer(path.read_text(encoding="utf-8"))
    ]
    assert hits == []


def test_no_inner_html():
    hits = [
        str(path.relative_to(ROOT))
        for path in app_files()
        if re.search(
            r"innerHTML|outerHTML\s*=|insertAdjacentHTML|document\.write", path.read_text()
        )
    ]
    assert hits == []


@pytest.mark.browser
def test_graphiql_loads_offline(page: Page, base_url: str):
    page.goto(base_url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="GraphiQL").click()
    expect(page).to_have_url(base_url + "/graphql")
    expect(page.locator(".graphiql-container").last).to_be_visible(timeout=15_000)
