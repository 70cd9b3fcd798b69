"""The UI's own files: small, self-contained, and GraphiQL reachable offline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from server.settings import ROOT

WEB = ROOT / "web"
LIMIT = 80 * 1024


def app_files():
    """index.html, app.css and every module, not npm's folder."""
    files = [
        path
        for path in WEB.rglob("*")
        if path.suffix in {".html", ".css", ".js"} and "node_modules" not in path.parts
    ]
    assert files
    return files


def test_app_weighs_under_80_kb():
    total = sum(path.stat().st_size for path in app_files())
    assert total < LIMIT, f"the app's HTML+CSS+JS is {total} bytes"


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
