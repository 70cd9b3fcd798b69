"""The count of record's page, /counts/<country>: its number is the API's relationCount for
the same day and measure, the list and its CSV are the states behind it, the date field
and the chart's points move the page through days, and the embed shows the number."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, expect

from .api import api

pytestmark = pytest.mark.browser

COUNT = """query($country: String!, $measure: CountMeasure!, $asOf: Date) {
  relationCount(country: $country, measure: $measure, asOf: $asOf) {
    count asOf counted { code name } changes { day count }
  }
}"""


def counted(base_url: str, asOf: str | None = None, measure: str = "DIPLOMATIC_RELATIONS"):
    """The API's count of Israel's counterparts on a day (today when left out)."""
    return api(base_url, COUNT, country="IL", measure=measure, asOf=asOf)["relationCount"]


def open_count(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_selector("#main:not([aria-busy])")


def shown_number(page: Page) -> int:
    return int(page.locator("[data-count-sentence] [data-count]").get_attribute("data-count"))


def test_the_number_is_the_apis_count_for_the_same_day(page: Page, base_url: str):
    day = "1993-12-31"
    expected = counted(base_url, day)
    open_count(page, base_url, f"/counts/IL?asOf={day}")
    assert shown_number(page) == expected["count"]
    sentence = page.locator("[data-count-sentence]")
    expect(sentence).to_have_text(
        f"{expected['count']} states had diplomatic relations with Israel on 31 Dec 1993"
    )
    expect(page.locator("[data-definition]")).not_to_be_empty()


def test_a_country_given_by_name_is_the_same_page(page: Page, base_url: str):
    expected = counted(base_url)
    open_count(page, base_url, "/counts/Israel")
    assert shown_number(page) == expected["count"]
    expect(page.locator("[data-count-page]")).to_have_attribute("data-count-page", "IL")


def test_changing_the_date_changes_the_address_and_the_number(page: Page, base_url: str):
    open_count(page, base_url, "/counts/IL?asOf=2020-12-31")
    before = shown_number(page)
    assert before == counted(base_url, "2020-12-31")["count"]
    page.get_by_label("On", exact=True).fill("1960-06-30")
    page.get_by_role("button", name="Count", exact=True).click()
    expect(page).to_have_url(f"{base_url}/counts/IL?asOf=1960-06-30")
    page.wait_for_selector("#main:not([aria-busy])")
    expected = counted(base_url, "1960-06-30")["count"]
    assert expected != before  # the test would prove nothing on two equal days
    expect(page.locator("[data-count-sentence] [data-count]")).to_have_attribute(
        "data-count", str(expected)
    )


def test_a_chart_point_links_to_its_day(page: Page, base_url: str):
    open_count(page, base_url, "/counts/IL")
    changes = counted(base_url)["changes"]
    change = changes[len(changes) // 2]
    point = page.locator(f'[data-count-chart] a[data-change="{change["day"]}"]')
    expect(point).to_have_count(1)
    assert urlsplit(point.get_attribute("href")).query == f"asOf={change['day']}"
    label = point.get_attribute("aria-label")
    assert f": {change['count']} states" in label
    # All the points are there, and one opens by keyboard.
    expect(page.locator("[data-count-chart] a[data-change]")).to_have_count(len(changes))
    point.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/counts/IL?asOf={change['day']}")
    page.wait_for_selector("#main:not([aria-busy])")
    assert shown_number(page) == change["count"]
    marker = page.locator("[data-as-of-marker]")
    expect(marker).to_have_attribute("data-as-of-marker", change["day"])


def test_the_list_and_its_csv_are_the_states_counted(page: Page, base_url: str):
    day = "2020-12-31"
    expected = counted(base_url, day)
    open_count(page, base_url, f"/counts/IL?asOf={day}")
    items = page.locator("[data-counted] [data-counted-state]")
    expect(items).to_have_count(shown_number(page))
    listed = items.evaluate_all("items => items.map((item) => item.dataset.countedState)")
    assert listed == [c["code"] for c in expected["counted"]]  # in the API's order
    first = items.first.locator("a")
    assert first.get_attribute("href") == f"/relations/{listed[0]}/IL"

    href = page.locator("[data-counted-csv]").get_attribute("href")
    query = parse_qs(urlsplit(href).query)
    assert query == {"country": ["IL"], "states": ["full", "suspended"], "asOf": [day]}
    response = httpx.get(base_url + href, timeout=10)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(row["other_code"] for row in rows) == sorted(listed)


def test_full_relations_gives_the_apis_full_count(page: Page, base_url: str):
    day = "1990-12-31"
    full = counted(base_url, day, "FULL_RELATIONS")["count"]
    open_count(page, base_url, f"/counts/IL?asOf={day}")
    page.get_by_label("Count", exact=True).select_option("FULL_RELATIONS")
    expect(page).to_have_url(f"{base_url}/counts/IL?asOf={day}&measure=FULL_RELATIONS")
    page.wait_for_selector("#main:not([aria-busy])")
    expect(page.locator("[data-count-sentence]")).to_contain_text(
        f"{full} states had full diplomatic relations with Israel"
    )
    expect(page.locator("[data-counted] [data-counted-state]")).to_have_count(full)
    href = page.locator("[data-counted-csv]").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["states"] == ["full"]


def test_what_others_published_is_shown_or_said_to_be_empty(page: Page, base_url: str):
    published = api(base_url, '{ publishedCounts(country: "IL") { slug count recordCount } }')
    published = published["publishedCounts"]
    open_count(page, base_url, "/counts/IL")
    section = page.locator("[data-published-counts]")
    if not published:
        expect(section.locator("[data-published-empty]")).to_be_visible()
        return
    rows = section.locator("tr[data-published]")
    expect(rows).to_have_count(len(published))
    first = published[0]
    row = section.locator(f'tr[data-published="{first["slug"]}"]')
    expect(row.locator("[data-record-count]")).to_have_attribute(
        "data-record-count", str(first["recordCount"])
    )
    expect(row.locator("[data-difference]")).to_have_attribute(
        "data-difference", str(first["count"] - first["recordCount"])
    )
    expect(page.locator("[data-published-mark]")).to_have_count(len(published))


def test_a_bad_day_is_a_400_saying_why(page: Page, base_url: str):
    # One behaviour for a bad date on every page: a 400, and the page says why (as the map).
    response = page.goto(base_url + "/counts/IL?asOf=2020-13-45")
    assert response.status == 400
    expect(page.locator("main h1")).to_have_text("That date doesn't work")
    expect(page.locator("[data-problem]")).to_contain_text("“2020-13-45”")
    page.get_by_role("link", name="Show the count today").click()
    assert shown_number(page) == counted(base_url)["count"]


def test_an_unknown_country_says_so(page: Page, base_url: str):
    response = page.goto(base_url + "/counts/Narnia")
    assert response.status == 404
    page.wait_for_selector("#main:not([aria-busy])")
    expect(page.locator("main h1")).to_have_text("Not found")
    expect(page.locator("main")).to_contain_text("No country is recorded as “Narnia”")


def test_the_embed_shows_the_number_and_the_chart(page: Page, base_url: str):
    day = "1973-12-31"
    expected = counted(base_url, day)["count"]
    open_count(page, base_url, f"/embed/counts/IL?asOf={day}")
    assert shown_number(page) == expected
    expect(page.locator("[data-count-chart]")).to_be_visible()
    expect(page.locator("[data-counted]")).to_have_count(0)  # the chart only, not the list
    expect(page.locator("[data-take-away]")).to_have_count(0)


def test_the_embed_code_is_offered(page: Page, base_url: str):
    open_count(page, base_url, "/counts/IL?asOf=1973-12-31")
    page.locator("[data-embed] summary").click()
    code = page.locator("#embed-code")
    expect(code).to_have_value(
        f'<iframe src="{base_url}/embed/counts/IL?asOf=1973-12-31" '
        'title="accordline: How many states had diplomatic relations with Israel" '
        'width="100%" height="620" loading="lazy"></iframe>'
    )


def test_the_map_of_israel_links_to_the_count(page: Page, base_url: str):
    open_count(page, base_url, "/map?country=IL")
    page.locator("[data-count-link]").click()
    expect(page).to_have_url(f"{base_url}/counts/IL")


UNPLACED = """query($asOf: Date) { relationCount(asOf: $asOf) { unplaced { code } } }"""


@pytest.mark.parametrize("day", ["1973-12-31", "2026-02-26"])
def test_the_states_not_placed_are_the_apis_and_each_opens_its_relation(
    page: Page, base_url: str, day: str
):
    expected = [c["code"] for c in api(base_url, UNPLACED, asOf=day)["relationCount"]["unplaced"]]
    open_count(page, base_url, f"/counts/IL?asOf={day}")
    section = page.locator("[data-unplaced]")
    expect(section).to_have_attribute("data-unplaced", str(len(expected)))
    items = section.locator("[data-unplaced-state]")
    assert items.evaluate_all("items => items.map((i) => i.dataset.unplacedState)") == expected
    first = items.first.locator("a")
    assert first.get_attribute("href").startswith("/relations/")
    expect(section).to_contain_text("not counted")
