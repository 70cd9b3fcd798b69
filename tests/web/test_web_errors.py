"""Error states, and data rendered as text only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import XSS_TITLE, screenshot

pytestmark = pytest.mark.browser


def test_unknown_country_url(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/countries/QQ")
    problem = page.locator("[data-problem]")
    expect(problem.get_by_role("heading", level=1)).to_have_text("Unknown country")
    expect(problem).to_contain_text("QQ")
    expect(page).to_have_title("Unknown country · accordline")
    screenshot(page, artifacts, "country-unknown")


def test_malformed_country_code(page: Page, base_url: str):
    page.goto(base_url + "/countries/Q!")
    # In words about what was typed, not the API's ("is not an ISO 3166-1 … code").
    expect(page.locator("[data-problem]")).to_contain_text("“Q!” isn't a country code.")
    expect(page.locator("[data-problem]")).not_to_contain_text("is not an ISO 3166-1")


def test_unknown_agreement_and_path(page: Page, base_url: str):
    page.goto(base_url + "/agreements/no-such-accord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown agreement")
    page.goto(base_url + "/relations/KZ/QQ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown country")


def test_bad_timeline_filter_keeps_the_form(page: Page, base_url: str):
    page.goto(base_url + "/timeline?from=2020-13")
    # Said beside the field it concerns, and the form keeps what was typed.
    expect(page.locator("[data-field-error=from]")).to_contain_text("there is no month 13")
    expect(page.get_by_label("From")).to_have_value("2020-13")
    expect(page.get_by_label("From")).to_have_attribute("aria-invalid", "true")


def test_api_unreachable(page: Page, base_url: str, artifacts):
    page.route("**/graphql", lambda route: route.abort())
    page.goto(base_url + "/countries/KZ")
    problem = page.locator("[data-problem]")
    expect(problem.get_by_role("heading", level=1)).to_have_text("The API is unreachable")
    expect(problem.get_by_role("button", name="Try again")).to_be_visible()
    screenshot(page, artifacts, "api-unreachable")
    # Once the API is back, "Try again" loads the page.
    page.unroute("**/graphql")
    problem.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan")


def test_search_when_api_unreachable(page: Page, base_url: str):
    page.goto(base_url + "/")
    expect(page.locator("[data-agreements]")).to_be_visible()
    page.route("**/graphql", lambda route: route.abort())
    page.get_by_label("Search countries, agreements and events").fill("kaz")
    expect(page.get_by_role("status").filter(has_text="unreachable")).to_be_visible()


def test_markup_in_data_is_shown_as_text(page: Page, xss_base_url: str, artifacts):
    page.goto(xss_base_url + "/relations/KZ/IL")
    event = page.locator("[data-event=kazakhstan-israel-diplomatic-relations]")
    expect(event.get_by_role("heading", level=3)).to_have_text(XSS_TITLE)
    # The only images are the two flags (ours, from flag-icons), none from the data.
    expect(page.locator("main img:not(.flag-image)")).to_have_count(0)
    expect(page.locator("main img.flag-image")).to_have_count(2)
    # Search renders titles too.
    page.goto(xss_base_url + "/?q=onerror")
    expect(page.locator("#search-results")).to_contain_text("<img src=x")
    expect(page.locator("img:not(.flag-image)")).to_have_count(0)
    page.wait_for_timeout(300)  # give a would-be onerror handler time to fire
    assert page.watched.dialogs == []
    screenshot(page, artifacts, "xss-as-text")
