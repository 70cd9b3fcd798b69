"""The map of relations (/map): its shapes and table agree with the API, its slider steps
through the record's own dated steps and keeps the address in step, and it is accessible
in light and dark, at 1280 and 375 px."""

from __future__ import annotations

import calendar
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from server.settings import ROOT

from .api import api
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# Mauritania and Israel (seed/relations/africa.toml): established 1999-10-28; suspended
# "2009-01" (month precision: it counts from the month's last day); severed 2010-03-20.
MAURITANIA = [("1999-10-28", "FULL"), ("2009-01-31", "SUSPENDED"), ("2010-03-20", "SEVERED")]

STEP_DATES = """query($after: String) {
  relations(first: 100, after: $after, filter: {country: "IL"}) {
    pageInfo { hasNextPage endCursor } edges { node { history { date { precision year month day } } } }
  }
}"""


def stop_days(base_url: str) -> list[str]:
    """The slider's stops, worked out here from the API: each step's first day in force."""
    days, after = set(), None
    while True:
        page = api(base_url, STEP_DATES, after=after)["relations"]
        for edge in page["edges"]:
            for step in edge["node"]["history"]:
                d = step["date"]
                month = d["month"] or 12
                day = d["day"] or calendar.monthrange(d["year"], month)[1]
                days.add(f"{d['year']:04d}-{month:02d}-{day:02d}")
        if not page["pageInfo"]["hasNextPage"]:
            return sorted(days)
        after = page["pageInfo"]["endCursor"]


def open_map(page: Page, base_url: str, query: str) -> None:
    page.goto(f"{base_url}/map?{query}")
    page.wait_for_selector("#main:not([aria-busy])")
    expect(page.locator("[data-map-page] svg[data-map] path").first).to_be_attached()


def fill_of(page: Page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).fill")


def asof_in_url(page: Page) -> str | None:
    return parse_qs(urlsplit(page.url).query).get("asOf", [None])[0]


def test_the_map_draws_every_relation_of_israel(page: Page, base_url: str):
    open_map(page, base_url, "country=IL&asOf=2010-01-01")
    expect(page.locator("main h1")).to_have_text("Map of relations with Israel")
    expect(page.locator("[data-map-table] caption")).to_have_text(
        "Relations with Israel on 1 January 2010"
    )
    mr = page.locator('path[data-country="MR"]')
    expect(mr).to_have_attribute("data-state", "SUSPENDED")
    expect(mr.locator("title")).to_have_text("Mauritania: suspended, since Jan 2009")
    expect(page.locator('tr[data-country="MR"]')).to_have_attribute("data-state", "SUSPENDED")
    expect(page.locator('path[data-country="IL"]')).to_have_attribute("data-chosen", "")
    # Israel is a few pixels wide at this scale: a ring around it, centred on it, finds it.
    mark = page.locator("[data-chosen-mark] circle.chosen-ring").bounding_box()
    shape = page.locator('path[data-country="IL"]').bounding_box()
    centre = (shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
    assert mark["width"] >= 20 and mark["x"] < centre[0] < mark["x"] + mark["width"], (mark, shape)
    # A country with no relation in the record is "not covered", never UNKNOWN.
    expect(page.locator('path[data-country="GL"]')).to_have_attribute("data-state", "NOT_COVERED")
    expect(page.locator('path[data-country="XK"]')).to_have_count(1)  # matched by name
    expect(page.locator('path[data-country="XS"]')).to_have_count(1)  # Somaliland, likewise
    not_drawn = page.locator("[data-not-drawn]")
    expect(not_drawn).to_contain_text("Too small to draw at this scale; see the table: ")
    listed = not_drawn.inner_text().split(": ", 1)[1].rstrip(".")
    for name in ("Bahrain", "Comoros", "Maldives"):
        assert name in listed
    for name in ("Bahrain", "Maldives"):  # in the table, with no shape on the map
        code = page.locator("[data-map-table] tbody tr", has_text=name).get_attribute(
            "data-country"
        )
        expect(page.locator(f'path[data-country="{code}"]')).to_have_count(0)
    # Legend counts are the table's, state by state.
    for state in ["FULL", "SEVERED", "SUSPENDED", "NONE_EVER", "UNKNOWN"]:
        rows = page.locator(f'[data-map-table] tbody tr[data-state="{state}"]').count()
        expect(page.locator(f'[data-legend="{state}"] [data-count]')).to_have_text(str(rows))
    assert page.watched.external == []


def test_the_table_has_a_row_per_relation_the_api_lists(page: Page, base_url: str):
    data = api(
        base_url,
        'query { relations(first: 100, filter: {country: "IL", group: "OIC", asOf: "2010-01-01"})'
        " { totalCount edges { node { countries { code } state } } } }",
    )["relations"]
    open_map(page, base_url, "country=IL&group=OIC&asOf=2010-01-01")
    rows = page.locator("[data-map-table] tbody tr")
    expect(rows).to_have_count(data["totalCount"])
    shown = {
        row.get_attribute("data-country"): row.get_attribute("data-state") for row in rows.all()
    }
    expected = {e["node"]["countries"][1]["code"]: e["node"]["state"] for e in data["edges"]}
    assert shown == expected
    assert data["totalCount"] == 57


def test_the_slider_steps_mauritania_from_full_to_suspended_to_severed(page: Page, base_url: str):
    days = stop_days(base_url)
    open_map(page, base_url, "country=IL&asOf=1999-10-28")
    slider = page.locator("#map-date")
    expect(slider).to_have_attribute("max", str(len(days)))  # the last stop is today
    fills, table_states = [], []
    for day, state in MAURITANIA:
        slider.fill(str(days.index(day)))
        expect(page.locator("[data-map-date] time")).to_have_attribute("datetime", day)
        expect(page.locator('path[data-country="MR"]')).to_have_attribute("data-state", state)
        expect(page.locator('path[data-country="MR"]')).to_have_class(f"state-{state}")
        row = page.locator('[data-map-table] tr[data-country="MR"]')
        expect(row).to_have_attribute("data-state", state)
        table_states.append(row.locator("td").first.inner_text().strip())
        fills.append(fill_of(page, 'path[data-country="MR"]'))
        assert asof_in_url(page) == day
    assert table_states == ["full relations", "suspended", "severed"]
    assert len(set(fills)) == 3, fills
    label = {"1999-10-28": "28 Oct 1999", "2010-03-20": "20 Mar 2010"}
    expect(slider).to_have_attribute("aria-valuetext", label["2010-03-20"])
    expect(page.locator("#map-step-note")).to_contain_text(
        "Mauritania: relations severed (20 Mar 2010)"
    )
    # Before its first step nothing is on record for the pair that day: UNKNOWN, not "none".
    slider.fill(str(days.index("1999-10-28") - 1))
    expect(page.locator('path[data-country="MR"]')).to_have_attribute("data-state", "UNKNOWN")


def test_the_slider_works_from_the_keyboard(page: Page, base_url: str):
    days = stop_days(base_url)
    open_map(page, base_url, "country=IL&asOf=2009-01-31")
    slider = page.locator("#map-date")
    slider.focus()
    page.keyboard.press("ArrowRight")
    after = days[days.index("2009-01-31") + 1]
    expect(page.locator("[data-map-date] time")).to_have_attribute("datetime", after)
    assert asof_in_url(page) == after
    page.keyboard.press("Home")
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}$"))
    assert asof_in_url(page) == days[0]
    page.keyboard.press("End")
    expect(slider).to_have_attribute("aria-valuetext", "today")
    assert asof_in_url(page) is None
    expect(page.locator("[data-map-table] caption")).to_have_text("Relations with Israel today")
    expect(page.locator('path[data-country="MR"]')).to_have_attribute("data-state", "SEVERED")
    expect(page.get_by_role("button", name="Later step ›")).to_be_disabled()
    page.get_by_role("button", name="‹ Earlier step").click()
    assert asof_in_url(page) == days[-1]


def test_a_day_between_steps_is_shown_as_asked(page: Page, base_url: str):
    days = stop_days(base_url)
    open_map(page, base_url, "country=IL&asOf=2010-01-01")
    before = max(day for day in days if day <= "2010-01-01")
    expect(page.locator("#map-date")).to_have_value(str(days.index(before)))
    expect(page.locator("#map-date")).to_have_attribute("aria-valuetext", "1 Jan 2010")
    expect(page.locator("#map-step-note")).to_contain_text(
        "Nothing changed on 1 Jan 2010; the slider rests on the last change before it"
    )
    page.get_by_role("button", name="‹ Earlier step").click()
    assert asof_in_url(page) == before


def test_a_click_on_mauritania_opens_the_relation(page: Page, base_url: str):
    open_map(page, base_url, "country=IL&asOf=2010-01-01")
    page.locator('path[data-country="MR"]').click()
    # The relation's one address: Israel second (server/urls.py relation_order).
    expect(page).to_have_url(f"{base_url}/relations/MR/IL")
    expect(page.locator("main h1")).to_have_text("Mauritania and Israel")


def test_the_pickers_change_country_and_group(page: Page, base_url: str):
    open_map(page, base_url, "country=IL&asOf=2010-01-01")
    page.get_by_label("Country", exact=True).fill("Kazakhstan")
    page.get_by_label("Countries shown").select_option("ARAB_LEAGUE")
    page.get_by_role("button", name="Show map").click()
    expect(page).to_have_url(f"{base_url}/map?country=KZ&group=ARAB_LEAGUE&asOf=2010-01-01")
    expect(page.locator("main h1")).to_have_text("Map of relations with Kazakhstan")


@pytest.mark.parametrize(
    ("query", "heading", "words"),
    [
        ("country=Atlantis", "Unknown country", "No country called “Atlantis”"),
        ("country=IL&group=NATO", "Unknown group", "“NATO” is not a group accordline knows"),
    ],
)
def test_an_address_the_map_cannot_show_says_why(page: Page, base_url: str, query, heading, words):
    page.goto(f"{base_url}/map?{query}")
    expect(page.locator("main h1")).to_have_text(heading)
    expect(page.locator("[data-problem]")).to_contain_text(words)


def test_the_vendor_paths_are_the_pinned_packages():
    """map-geometry.js names versions in its /vendor/ paths; they must be web/package.json's."""
    pinned = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]
    source = (ROOT / "web" / "map-geometry.js").read_text()
    used = dict(re.findall(r"/vendor/([\w.-]+)@([\w.-]+)/", source))
    assert used == {name: pinned[name] for name in used}
    assert set(used) == {"d3-array", "d3-geo", "topojson-client", "world-atlas"}


# axe runs on the map with every other page kind, in both schemes (test_web_axe.py).
@pytest.mark.parametrize("width", ["1280", "375"])
def test_the_map_fits_the_width(page: Page, base_url: str, artifacts, width: str):
    page.set_viewport_size({"1280": DESKTOP, "375": PHONE}[width])
    open_map(page, base_url, "country=IL&asOf=2010-01-01")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"map-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= int(width)


def test_dark_mode_map_has_its_own_colours(page: Page, base_url: str, artifacts):
    # (axe checks the dark map with every other page kind: test_web_axe.py.)
    page.emulate_media(color_scheme="dark")
    open_map(page, base_url, "country=IL&asOf=2010-01-01")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "map-dark-1280.png", full_page=True)
    # The empty land is dark in dark mode (#2e353e), not the light scheme's pale grey.
    assert fill_of(page, 'path[data-country="GL"]') == "rgb(46, 53, 62)"


UN_MEMBERS = """{ relationCount(asOf: "2026-02-26") { unplaced { code } } }"""


def test_every_un_member_is_coloured_and_unknown_says_why(page: Page, base_url: str):
    from server.store.seed import load_seed

    seed = load_seed(ROOT / "seed")
    members = set(seed.un_members.members) - {"IL"}
    open_map(page, base_url, f"country=IL&asOf={seed.read_through.isoformat()}")
    # Every UN member has a row (drawn or too small to draw), none "not covered".
    rows = page.locator("[data-map-table] tbody tr")
    listed = set(rows.evaluate_all("rows => rows.map((r) => r.dataset.country)"))
    assert members <= listed, sorted(members - listed)
    covered = page.eval_on_selector_all(
        "svg[data-map] path[data-country]",
        "paths => paths.filter((p) => p.dataset.state === 'NOT_COVERED').map((p) => p.dataset.country)",
    )
    assert not members & set(covered), sorted(members & set(covered))
    # The members read UNKNOWN on the record's date are the API's unplaced, each with why.
    unplaced = {c["code"] for c in api(base_url, UN_MEMBERS)["relationCount"]["unplaced"]}
    unknown = page.locator('[data-map-table] tbody tr[data-state="UNKNOWN"]')
    shown = set(unknown.evaluate_all("rows => rows.map((r) => r.dataset.country)"))
    assert unplaced and unplaced <= shown
    for code in unplaced:
        reason = page.locator(f'tr[data-country="{code}"] [data-reason]')
        expect(reason).to_contain_text("Nothing on record")
