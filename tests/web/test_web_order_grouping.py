"""Order and grouping a story needs (#21 item 5), in the browser: an agreement's members
and its chart's lanes in joining order, re-sorted by a choice the address keeps; the
countries page filtered by a UN sub-region; the timeline's countries "any of" with a
sub-region, in its form, its count and its files."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .api import api

pytestmark = pytest.mark.browser

MEMBERS = """{ agreement(slug: "abraham-accords") { participants(first: 100) {
  edges { node { role status since { iso } country { code name } } } } } }"""


def rows(page: Page) -> list[str]:
    return page.locator("[data-members] tr[data-member]").evaluate_all(
        "rows => rows.map(row => row.dataset.member)"
    )


def lanes(page: Page) -> list[str]:
    return page.locator("[data-chart] [data-lane]").evaluate_all(
        "lanes => lanes.map(lane => lane.dataset.lane)"
    )


def test_members_join_in_order_and_resort_from_the_address(page: Page, base_url: str):
    members = [e["node"] for e in api(base_url, MEMBERS)["agreement"]["participants"]["edges"]]
    by_name = [m["country"]["code"] for m in sorted(members, key=lambda m: m["country"]["name"])]
    joined = [
        m["country"]["code"]
        for m in sorted(members, key=lambda m: (m["since"]["iso"], m["country"]["name"]))
    ]
    assert joined != by_name  # the seed tells the two orders apart
    page.goto(base_url + "/agreements/abraham-accords")
    expect(page.locator("[data-members] tr[data-member]")).to_have_count(len(members))
    assert rows(page) == joined and lanes(page) == joined
    order = page.get_by_label("Order members by")
    expect(order).to_have_value("date")
    order.select_option("name")
    expect(page).to_have_url(base_url + "/agreements/abraham-accords?sort=name")
    expect(page.locator("[data-members] tr[data-member]").first).to_have_attribute(
        "data-member", by_name[0]
    )
    assert rows(page) == by_name and lanes(page) == by_name
    # Status: the vocabulary's order (the page's legend), then joining order.
    page.goto(base_url + "/agreements/abraham-accords?sort=status&asOf=2020-12-31")
    expect(page.get_by_label("Order members by")).to_have_value("status")
    statuses = page.locator(
        "[data-members] tr[data-member] [data-current] [data-status]"
    ).all_text_contents()
    assert len(statuses) == len(rows(page)) > 2
    assert statuses == sorted(statuses, key=statuses.index)  # each status in one run
    assert len(set(statuses)) > 1


def test_subregions_filter_the_countries_and_the_timeline(page: Page, base_url: str):
    central = api(
        base_url,
        '{ countries(first: 100, filter: {subregion: "Central Asia"}) { edges { node { code } } } }',
    )["countries"]["edges"]
    page.goto(base_url + "/countries?subregion=central+asia")
    select = page.get_by_label("Sub-region")
    expect(select).to_have_value("Central Asia")
    options = select.locator("option").all_text_contents()
    assert {"Central Asia", "Western Asia", "Northern Africa"} <= set(options)
    table_rows = page.locator("[data-countries] tbody tr[data-country-row]")
    expect(table_rows).to_have_count(len(central))
    select.select_option("Western Asia")
    expect(page).to_have_url(base_url + "/countries?subregion=Western+Asia")
    expect(page.locator("[data-countries] tbody tr[data-country-row=IL]")).to_have_count(1)
    expect(page.locator("[data-countries] tbody tr[data-country-row=KZ]")).to_have_count(0)

    # The timeline: any of two countries, then narrowed to a sub-region, in the form.
    count = """query($filter: EventFilter) { events(first: 1, filter: $filter) { totalCount } }"""
    total = lambda **f: api(base_url, count, filter=f)["events"]["totalCount"]  # noqa: E731
    page.goto(base_url + "/timeline?countries=KZ,AZ&match=any")
    expect(page.get_by_label("Involving")).to_have_value("any")
    expect(page.locator("[data-count-about]")).to_have_text(
        " involving any of Kazakhstan or Azerbaijan"
    )
    any_of = total(countries=["KZ", "AZ"], countriesMatch="ANY")
    assert any_of > total(countries=["KZ", "AZ"])
    expect(page.locator("[data-count]")).to_have_text(f"{any_of} events")
    page.get_by_label("Sub-region").select_option("Central Asia")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(
        base_url + "/timeline?countries=KZ%2CAZ&match=any&subregion=Central+Asia"
    )
    narrowed = total(countries=["KZ", "AZ"], countriesMatch="ANY", subregion="Central Asia")
    expect(page.locator("[data-count]")).to_have_text(f"{narrowed} events")
    link = page.locator("[data-take-away] a[data-export=csv]")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {
        "countries": ["KZ,AZ"],
        "match": ["any"],
        "subregion": ["Central Asia"],
    }


CENTRAL_ASIA = """{ relations(first: 100, filter: {country: "IL", subregion: "Central Asia"}) {
  edges { node { countries { code } state } } } }"""


def test_the_map_shows_a_subregion_and_the_choice_keeps_it(page: Page, base_url: str):
    edges = api(base_url, CENTRAL_ASIA)["relations"]["edges"]
    expected = {e["node"]["countries"][1]["code"]: e["node"]["state"] for e in edges}
    page.goto(f"{base_url}/map?country=IL&subregion=Central%20Asia")
    page.wait_for_selector("#main:not([aria-busy])")
    table = page.locator("[data-map-table] tbody tr")
    shown = dict(
        table.evaluate_all("rows => rows.map((r) => [r.dataset.country, r.dataset.state])")
    )
    assert shown == expected and len(shown) == 5
    expect(page.locator('path[data-country="KZ"]')).to_have_attribute("data-state", "FULL")
    expect(page.locator('path[data-country="FR"]')).to_have_attribute("data-state", "OUTSIDE_GROUP")
    expect(page.locator("[data-map-table] caption")).to_contain_text("Central Asia")
    # The choice shows the sub-region; choosing "Any country" drops it from the address.
    choice = page.locator("#map-group")
    expect(choice).to_have_value("subregion:Central Asia")
    choice.select_option("")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(lambda url: "subregion" not in url)
    page.wait_for_selector("#main:not([aria-busy])")
    choice = page.locator("#map-group")
    choice.select_option("subregion:Western Asia")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(lambda url: "subregion=Western" in url)
    assert parse_qs(urlsplit(page.url).query)["subregion"] == ["Western Asia"]
