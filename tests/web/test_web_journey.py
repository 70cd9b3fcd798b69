"""A newcomer's path through the UI, in a real browser against the real server and seed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .api import api
from .conftest import screenshot

pytestmark = pytest.mark.browser

PARTIES = ["IL", "AE", "BH", "SD", "MA", "KZ"]


def test_newcomer_path(page: Page, base_url: str, artifacts):
    # The seed grows; the home table and the timeline must show the API's whole lists.
    totals = api(
        base_url,
        """{ agreements(first: 100) { totalCount }
             events(first: 1) { totalCount }
             in2020: events(first: 1, filter: {from: "2020", to: "2020"}) { totalCount } }""",
    )
    agreements = totals["agreements"]["totalCount"]
    events, in_2020 = totals["events"]["totalCount"], totals["in2020"]["totalCount"]
    assert events > 20 and in_2020, "the steps below need a second timeline page and 2020 events"

    page.goto(base_url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("[data-agreements] tr[data-agreement]")).to_have_count(agreements)
    screenshot(page, artifacts, "home")

    # Instant search, then the keyboard: ArrowDown from the box to the first result.
    search = page.get_by_label("Search countries, agreements and events")
    search.fill("kaz")
    first = page.locator("#search-results a").first
    expect(first).to_contain_text("Kazakhstan")
    expect(page).to_have_url(re.compile(r"/\?q=kaz$"))
    screenshot(page, artifacts, "home-search")
    search.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")

    # Kazakhstan: relations with Israel since 1992, the Accords announced on 2025-11-06.
    expect(page).to_have_url(base_url + "/countries/KZ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    relation = page.locator("[data-relation=IL]")
    expect(relation).to_contain_text("Israel")
    expect(relation.locator("time")).to_have_attribute("datetime", "1992-04-10")
    expect(relation.locator("time")).to_have_text("10 Apr 1992")
    accords = page.locator("[data-participation=abraham-accords]")
    expect(accords.locator("[data-current] [data-status]")).to_have_text("announced")
    expect(accords.locator("time").first).to_have_attribute("datetime", "2025-11-06")
    expect(accords.locator("time").first).to_have_text("6 Nov 2025")
    screenshot(page, artifacts, "country-kz")

    # The relation page, and back.
    relation.get_by_role("link", name="Israel", exact=True).click()
    expect(page).to_have_url(base_url + "/relations/KZ/IL")
    expect(page.locator("[data-established]")).to_have_attribute("data-established", "1992-04-10")
    expect(page.locator("[data-shared]")).to_have_count(2)
    expect(page.locator("[data-events] [data-event]")).to_have_count(8)
    # Real precision: the embassy opened in "Aug 1992", not on a made-up day.
    expect(page.locator("[data-event=israel-embassy-in-kazakhstan-opens] time")).to_have_text(
        "Aug 1992"
    )
    screenshot(page, artifacts, "relation-kz-il")
    page.go_back()
    expect(page).to_have_url(base_url + "/countries/KZ")

    # The Abraham Accords: six parties and the US as broker.
    page.locator("[data-participation=abraham-accords] a").first.click()
    expect(page).to_have_url(base_url + "/agreements/abraham-accords")
    expect(page.get_by_role("heading", level=1)).to_have_text("Abraham Accords")
    chart = page.locator("[data-chart]")
    for code in PARTIES:
        expect(chart.locator(f"[data-lane={code}]")).to_have_attribute("data-role", "party")
    expect(chart.locator("[data-lane=US]")).to_have_attribute("data-role", "broker")
    expect(chart.locator("[data-lane]")).to_have_count(7)
    expect(page.locator("[data-brokers]")).to_contain_text("United States")
    expect(page.locator("[data-member=SD] [data-status]").first).to_have_text("stalled")
    screenshot(page, artifacts, "agreement-abraham-accords")

    # As of 2020-12-31 Kazakhstan is not in yet, and Sudan was only announced.
    page.get_by_label("Who was in on").fill("2020-12-31")
    page.get_by_role("button", name="Replay").click()
    expect(page).to_have_url(base_url + "/agreements/abraham-accords?asOf=2020-12-31")
    expect(page.locator("[data-members] tr[data-member]")).to_have_count(6)
    expect(page.locator("[data-member=KZ]")).to_have_count(0)
    expect(chart.locator("[data-lane=KZ]")).to_have_count(0)
    expect(page.locator("[data-member=SD] [data-status]").first).to_have_text("announced")
    screenshot(page, artifacts, "agreement-as-of-2020")

    # The timeline, 20 events a page, "Load more" until the whole list is shown.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()
    expect(page).to_have_url(base_url + "/timeline")
    expect(page.locator("[data-count]")).to_have_text(f"{events} events")
    expect(page.locator("[data-event]")).to_have_count(20)
    load_more = page.get_by_role("button", name="Load more")
    for shown in range(40, events + 20, 20):
        load_more.click()
        expect(page.locator("[data-event]")).to_have_count(min(shown, events))
    expect(load_more).to_have_count(0)

    # Filtered to 2020 with the form.
    page.get_by_label("From").fill("2020")
    page.get_by_label("To").fill("2020")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(base_url + "/timeline?from=2020&to=2020")
    expect(page.locator("[data-count]")).to_have_text(f"{in_2020} events")
    dates = page.locator("[data-event] time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates and all(date.startswith("2020") for date in dates), dates
    sources = page.locator("[data-event] .sources a").first
    expect(sources).to_have_attribute("href", re.compile(r"^https://"))
    screenshot(page, artifacts, "timeline-2020")

    # Back returns to the unfiltered timeline; once more to the Accords as of 2020.
    page.go_back()
    expect(page).to_have_url(base_url + "/timeline")
    expect(page.locator("[data-count]")).to_have_text(f"{events} events")
    page.go_back()
    expect(page).to_have_url(base_url + "/agreements/abraham-accords?asOf=2020-12-31")
    expect(page.locator("[data-member=KZ]")).to_have_count(0)
    page.go_forward()
    page.go_forward()
    expect(page.locator("[data-count]")).to_have_text(f"{in_2020} events")

    # A reload of the deep link lands on the same view.
    page.reload()
    expect(page.locator("[data-count]")).to_have_text(f"{in_2020} events")
    expect(page.get_by_label("From")).to_have_value("2020")


def test_deep_links_load_directly(page: Page, base_url: str):
    page.goto(base_url + "/relations/kaz/isr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan and Israel")
    page.goto(base_url + "/timeline?countries=KZ,IL&kind=EMBASSY_OPENING")
    expect(page.locator("[data-count]")).to_have_text("2 events")
    expect(page.get_by_label("Kind")).to_have_value("EMBASSY_OPENING")
    expect(page.get_by_label("Countries")).to_have_value("KZ,IL")
    expect(page).to_have_title("Timeline · accordline")


def test_landmarks_labels_and_focus(page: Page, base_url: str):
    page.goto(base_url + "/timeline")
    expect(page.locator("[data-count]")).to_be_visible()
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    # Every form control has a label, every image-like thing a name.
    unlabeled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, button')]
            .filter(el => !el.labels?.length && !el.getAttribute('aria-label') && !el.textContent.trim())
            .map(el => el.outerHTML)"""
    )
    assert unlabeled == []
    # The first Tab lands on the skip link, which shows an outline when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"


def test_print_hides_navigation_and_filters(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/timeline?order=desc")
    expect(page.locator("[data-event]").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator("[data-event]").first).to_be_visible()
    page.screenshot(path=artifacts / "timeline-print.png", full_page=True)
