"""Flags as SVG images (web/flags.js over the pinned flag-icons), and GraphiQL as a guide:
it opens on the docs' example queries, one tab each, and says at 375 px that it is a
desktop tool."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from server.model.countries import has_flag
from server.settings import ROOT
from server.site.graphiql_page import EXAMPLES

from .api import api
from .conftest import DESKTOP, PHONE

WEB = ROOT / "web"
FLAGS_JS = (WEB / "flags.js").read_text(encoding="utf-8")
FLAG_ICONS = WEB / "node_modules" / "flag-icons"


def flag_icons_version() -> str:
    match = re.search(r'FLAG_ICONS_VERSION = "([^"]+)"', FLAGS_JS)
    assert match, "web/flags.js must name the flag-icons version in one constant"
    return match.group(1)


# Flags


def test_flags_js_uses_the_pinned_and_installed_flag_icons():
    pinned = json.loads((WEB / "package.json").read_text(encoding="utf-8"))["dependencies"]
    installed = json.loads((FLAG_ICONS / "package.json").read_text(encoding="utf-8"))["version"]
    assert pinned["flag-icons"] == installed == flag_icons_version()


def test_every_current_country_in_the_record_has_a_flag_file(base_url: str):
    """flagImage trusts that a two-letter code has a file: this is what makes that true."""
    countries, after = [], None
    # Walk the whole list with variables (the connection pages by 100).
    while True:
        response = httpx.post(
            base_url + "/graphql",
            json={
                "query": "query($after: String) { countries(first: 100, after: $after) {"
                " edges { node { code name historicalCode } } pageInfo { endCursor hasNextPage } } }",
                "variables": {"after": after},
            },
            timeout=10,
        ).json()["data"]["countries"]
        countries += [edge["node"] for edge in response["edges"]]
        if not response["pageInfo"]["hasNextPage"]:
            break
        after = response["pageInfo"]["endCursor"]
    assert len(countries) > 200
    # User-assigned codes have no flag but Kosovo's XK (web/flags.js: Somaliland's XS none).
    current = [c for c in countries if has_flag(c["code"], c["historicalCode"])]
    assert {"XK", "KZ"} <= {c["code"] for c in current}
    missing = [
        f"{c['code']} {c['name']}"
        for c in current
        if not (FLAG_ICONS / "flags" / "4x3" / f"{c['code'].lower()}.svg").is_file()
    ]
    assert missing == [], f"no flag-icons file for: {missing}"
    # The one former country on record gets no flag (flagImage returns null for it).
    assert any(c["historicalCode"] == "SUHH" for c in countries)


@pytest.mark.browser
def test_kazakhstan_flag_is_served_and_flag_image_draws_it(page: Page, base_url: str):
    url = f"/vendor/flag-icons@{flag_icons_version()}/flags/4x3/kz.svg"
    served = httpx.get(base_url + url, timeout=10)
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in served.content

    page.goto(base_url + "/countries/KZ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan")
    result = page.evaluate(
        """async () => {
          const { flagImage } = await import("/flags.js");
          const kz = { code: "KZ", name: "Kazakhstan" };
          const img = flagImage(kz, { size: 64 });
          document.querySelector("main").append(img);
          await img.decode();
          const beside = flagImage(kz, { decorative: true });
          return {
            src: img.getAttribute("src"), alt: img.alt, width: img.width, height: img.height,
            naturalWidth: img.naturalWidth,
            besideAlt: beside.getAttribute("alt"), besideRole: beside.getAttribute("role"),
            soviet: flagImage({ code: "SU", name: "Soviet Union", historicalCode: "SUHH" }),
            noCode: flagImage({ code: "SUHH", name: "Soviet Union" }),
            kosovo: flagImage({ code: "XK", name: "Kosovo" }).getAttribute("src"),
          };
        }"""
    )
    assert result["src"] == url
    assert result["naturalWidth"] > 0, "the flag image did not load"
    assert result["alt"] == "Flag of Kazakhstan"
    assert (result["width"], result["height"]) == (64, 48)
    # Beside the printed name, the flag is decoration: no second reading of the name.
    assert (result["besideAlt"], result["besideRole"]) == ("", "presentation")
    assert result["soviet"] is None and result["noCode"] is None
    assert result["kosovo"].endswith("/flags/4x3/xk.svg")


# GraphiQL


# Where the examples are written, in GraphiQL's tab order: a page and its section.
EXAMPLE_SECTIONS = (
    ("README.md", "Three queries and their answers"),
    ("docs/api.md", "Example queries"),
    ("docs/record-model.md", "Example queries"),
)


def documented_examples() -> list[str]:
    """The GraphQL blocks of the docs' example sections, in order."""
    blocks = []
    for page, heading in EXAMPLE_SECTIONS:
        text = (ROOT / page).read_text(encoding="utf-8")
        sections = [s for s in re.split(r"^## ", text, flags=re.MULTILINE) if s.startswith(heading)]
        assert len(sections) == 1, f"{page} has no section {heading!r} (renamed?)"
        blocks += re.findall(r"```graphql\n(.*?)```", sections[0], flags=re.DOTALL)
    return [block.strip() for block in blocks]


def test_graphiql_tabs_are_the_documented_examples_in_order():
    assert [example.query.strip() for example in EXAMPLES] == documented_examples()
    for example in EXAMPLES:
        first = example.tab_text().splitlines()[0]
        assert first.startswith("# ") and len(first) > 30, "each tab says what it answers"


def test_every_graphiql_example_answers_without_errors(base_url: str):
    for example in EXAMPLES:
        data = api(base_url, example.tab_text())
        assert data and all(value is not None for value in data.values()), example.name


@pytest.mark.browser
def test_graphiql_opens_on_the_documented_examples(page: Page, base_url: str):
    page.goto(base_url + "/graphql")
    tabs = page.locator(".graphiql-tab-button")
    expect(tabs).to_have_count(len(EXAMPLES), timeout=15_000)
    assert tabs.all_text_contents() == [example.name for example in EXAMPLES]
    editor = page.locator(".graphiql-query-editor .CodeMirror").first
    assert editor.evaluate("el => el.CodeMirror.getValue()") == EXAMPLES[0].tab_text()
    # Running the first tab answers with Kazakhstan's agreements.
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".graphiql-response")).to_contain_text('"name": "Kazakhstan"')
    # Another tab brings its own query.
    tabs.nth(6).click()
    expect(tabs.nth(6).locator("xpath=..")).to_have_attribute("aria-selected", "true")
    assert editor.evaluate("el => el.CodeMirror.getValue()") == EXAMPLES[6].tab_text()
    # At desktop width the small-screen notice stays out of the way.
    expect(page.locator(".guide").first).to_be_hidden()


@pytest.mark.browser
def test_graphiql_says_it_is_a_desktop_tool_at_375_px(page: Page, base_url: str, artifacts):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/graphql")
    notice = page.get_by_role("complementary", name="GraphiQL on a small screen")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("GraphiQL is a desktop tool")
    link = notice.get_by_role("link", name="the example queries")
    link.click()
    examples = page.locator("#examples")
    expect(examples).to_be_in_viewport()
    expect(examples.locator("pre")).to_have_count(len(EXAMPLES))
    expect(examples.locator("pre").first).to_contain_text('country(code: "KZ")')
    expect(page.locator(".graphiql-container").last).to_be_visible(timeout=15_000)
    page.screenshot(path=artifacts / "graphiql-375.png")
    page.set_viewport_size(DESKTOP)
    expect(notice).to_be_hidden()
    page.screenshot(path=artifacts / "graphiql-desktop.png")
    # On a real phone (a mobile browser lays out a page without a viewport tag 980 px wide,
    # where the notice's media query never matches) the tag makes the notice show.
    phone = page.context.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        mobile = phone.new_page()
        mobile.goto(base_url + "/graphql")
        assert mobile.evaluate("window.innerWidth") == PHONE["width"]
        expect(
            mobile.get_by_role("complementary", name="GraphiQL on a small screen")
        ).to_be_visible()
    finally:
        phone.close()


@pytest.mark.browser
def test_graphiql_survives_a_reload(page: Page, base_url: str):
    """Strawberry's page writes the query into the URL; here that would make a reload an
    API request (JSON, not GraphiQL). The URL stays bare and the tabs come back."""
    page.goto(base_url + "/graphql")
    tabs = page.locator(".graphiql-tab-button")
    expect(tabs).to_have_count(len(EXAMPLES), timeout=15_000)
    tabs.nth(2).click()
    page.wait_for_timeout(500)  # GraphiQL stores its tabs after a short debounce
    assert page.url == base_url + "/graphql"
    page.reload()
    expect(tabs).to_have_count(len(EXAMPLES), timeout=15_000)
    expect(tabs.nth(2).locator("xpath=..")).to_have_attribute("aria-selected", "true")
