"""The record as #10 shapes it, in a real browser against the real server and seed: BY dates,
confidence marks, relation histories and states, and group memberships."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .api import api
from .conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

# A mark reads High, Medium or Low, and says why in its title and (for screen readers) its text.
MARK_TEXT = re.compile(r"^(High|Medium|Low) confidence: rests \w")


def assert_mark(mark: Locator, value: str | None = None) -> None:
    """One confidence mark: its word visible, its reason in the title and the text alike."""
    expect(mark).to_have_count(1)
    expect(mark).to_have_attribute("title", MARK_TEXT)
    expect(mark).to_have_text(MARK_TEXT)
    assert mark.text_content() == mark.get_attribute("title")
    if value:
        expect(mark).to_have_attribute("data-confidence", value)
        expect(mark).to_have_text(re.compile(rf"^{value.capitalize()} confidence"))
    # The word itself is shown; only the reason is visually hidden.
    assert mark.evaluate(
        "el => el.firstChild.nodeType === Node.TEXT_NODE && el.firstChild.textContent"
    )


def test_a_by_date_reads_as_a_bound(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/agreements/abraham-accords")
    sudan = page.locator("[data-member=SD]")
    # Sudan's stall has no date of its own: a source reported it as already true that day.
    expect(sudan.locator("[data-current]")).to_have_text("stalled by 14 Sep 2021")
    expect(sudan.locator("[data-current] time")).to_have_attribute("datetime", "2021-09-14")
    stalled = sudan.locator("[data-step=STALLED]")
    expect(stalled.locator("time")).to_have_text("by 14 Sep 2021")
    # An ON date stays plain.
    expect(sudan.locator("[data-step=SIGNED] time")).to_have_text("6 Jan 2021")
    # Every status step shown carries its own mark, and the rule is told on the page.
    steps = sudan.locator("[data-step]")
    expect(steps).to_have_count(3)
    for index in range(3):
        assert_mark(steps.nth(index).locator("[data-confidence]"))
    expect(page.locator("[data-confidence-note]")).to_have_count(1)
    expect(page.locator("[data-confidence-note]")).to_contain_text("reference work")
    screenshot(page, artifacts, "agreement-abraham-accords-by-date")


def test_mauritania_israel_history(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/relations/MR/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mauritania and Israel")
    now = page.locator("[data-state-now]")
    expect(now.locator("[data-state]")).to_have_text("severed")
    expect(now).to_contain_text("since 20 Mar 2010")
    expect(page.locator("[data-established]")).to_have_attribute("data-established", "1999-10-28")

    steps = page.locator("[data-history] > li")
    expect(steps).to_have_count(4)
    assert steps.evaluate_all("items => items.map(item => item.dataset.step)") == [
        "AGREEMENT_SIGNED",  # the 1995 interest sections
        "RELATIONS_ESTABLISHED",
        "RELATIONS_SUSPENDED",
        "RELATIONS_SEVERED",
    ]
    # In order, each at its real precision: the freeze is known to the month only.
    assert page.locator("[data-history] > li .step-head time").evaluate_all(
        "els => els.map(e => [e.dateTime, e.textContent])"
    ) == [
        ["1995-11-27", "27 Nov 1995"],
        ["1999-10-28", "28 Oct 1999"],
        ["2009-01", "Jan 2009"],
        ["2010-03-20", "20 Mar 2010"],
    ]
    expect(steps.nth(1)).to_contain_text("Relations established")
    expect(steps.nth(2)).to_contain_text("Relations suspended")
    expect(steps.nth(3)).to_contain_text("Relations severed")
    # The state after each step, in words.
    assert page.locator("[data-history] .step-after [data-state]").all_text_contents() == [
        "not on record",
        "full relations",
        "suspended",
        "severed",
    ]
    # The freeze keeps its caveat (a source gives a day, the record keeps only the month).
    expect(steps.nth(2).locator("[data-caveat]")).to_contain_text("the record keeps only the month")
    expect(steps.nth(1).locator("[data-caveat]")).to_have_count(0)

    for index in range(4):
        step = steps.nth(index)
        sources = step.locator(".sources [data-source]")
        assert sources.count() >= 1
        for source in sources.all():
            # The piece's title is the link; its publisher follows.
            expect(source.locator("a")).to_have_attribute("href", re.compile(r"^https?://"))
            expect(source.locator("a")).to_have_text(re.compile(r"\S"))
            expect(source.locator(".source-meta")).to_have_text(re.compile(r"^ — \S"))
        assert_mark(step.locator("[data-confidence]"))
    # A page without a headline is a label, not quoted as if it were one.
    untitled = steps.nth(0).locator(".sources [data-source] a").first
    expect(untitled).to_have_text(re.compile(r"^untitled page, "))
    first = steps.nth(1).locator(".sources [data-source]").first
    expect(first.locator("a")).to_have_text(
        "“Remarks at Ceremony on Signing of Diplomatic Relations”"
    )
    expect(first.locator(".source-meta")).to_contain_text(
        "U.S. Department of State (1997–2001 archive)"
    )
    expect(first.locator("a")).to_have_attribute(
        "href", "https://1997-2001.state.gov/statements/1999/991028.html"
    )
    expect(page.locator("[data-confidence-note]")).to_have_count(1)
    # The existing parts stay: shared agreements (none) and the events involving both.
    expect(page.locator("#shared-heading")).to_be_visible()
    expect(page.locator("[data-events] [data-event]").first).to_be_visible()
    screenshot(page, artifacts, "relation-mr-il")


def test_marks_follow_each_steps_sources(page: Page, base_url: str):
    # Iran's recognition of Israel rests on a reference work only; the later steps on news.
    page.goto(base_url + "/relations/IR/IL")
    steps = page.locator("[data-history] > li")
    expect(steps.first).to_have_attribute("data-step", "RECOGNIZED")
    assert_mark(steps.first.locator("[data-confidence]"), "MEDIUM")
    expect(steps.first.locator("[data-confidence]")).to_have_attribute(
        "title", "Medium confidence: rests on a reference work only"
    )
    assert_mark(steps.last.locator("[data-confidence]"), "HIGH")
    # Benin's restored relations rest only on mirrors of reference works.
    page.goto(base_url + "/relations/BJ/IL")
    assert_mark(page.locator("[data-history] > li [data-confidence]"), "LOW")


def test_the_state_dates_from_the_step_that_brought_it(page: Page, base_url: str):
    # Türkiye's 2022 announcement is the last step, but full relations date from 1950.
    page.goto(base_url + "/relations/TR/IL")
    now = page.locator("[data-state-now]")
    expect(now).to_contain_text("Now: full relations since 1950")
    expect(page.locator("[data-history] > li").last).to_have_attribute(
        "data-step", "NORMALIZATION_ANNOUNCED"
    )
    # Sudan signed, but relations were never established: a cited "none", with no "since".
    page.goto(base_url + "/relations/SD/IL")
    expect(page.locator("[data-state-now]")).to_contain_text("Now: none ever")
    expect(page.locator("[data-state-now]")).not_to_contain_text("since")
    expect(page.locator("[data-history] > li")).to_have_count(2)


def test_nothing_on_record_is_not_none(page: Page, base_url: str):
    pair = api(base_url, '{ relation(a: "GY", b: "KZ") { state noneKnown history { kind } } }')
    assert pair["relation"] == {"state": "UNKNOWN", "noneKnown": None, "history": []}

    page.goto(base_url + "/relations/GY/KZ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guyana and Kazakhstan")
    expect(page.locator("[data-state-now] [data-state]")).to_have_text("not on record")
    expect(page.locator("[data-history-empty]")).to_contain_text("does not mean")
    expect(page.locator("[data-none-known]")).to_have_count(0)
    # Nowhere on the page may a gap in the record read as "none".
    expect(page.get_by_role("main")).not_to_contain_text(re.compile(r"\bnone\b", re.IGNORECASE))


def test_none_ever_rests_on_a_cited_statement(page: Page, base_url: str):
    page.goto(base_url + "/relations/SA/IL")
    expect(page.locator("[data-state-now] [data-state]")).to_have_text("none ever")
    statement = page.locator("[data-none-known]")
    expect(statement).to_contain_text("On record:")
    expect(statement.locator(".sources a").first).to_have_attribute(
        "href", re.compile(r"^https?://")
    )


def test_mauritania_groups_and_relations(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/countries/MR")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mauritania")
    groups = page.locator("[data-groups] [data-group]")
    expect(groups).to_have_count(2)
    # Each membership line: the group, since when, its confidence and its sources.
    oic = page.locator("[data-group=OIC]")
    expect(oic).to_contain_text("Organisation of Islamic Cooperation — member since 1969")
    expect(oic.locator("[data-confidence]")).to_have_count(1)
    expect(oic.locator(".sources a").first).to_have_attribute("href", re.compile(r"^https?://"))
    league = page.locator("[data-group=ARAB_LEAGUE]")
    expect(league).to_contain_text("League of Arab States — member since 26 Nov 1973")
    expect(league.locator("[data-confidence]")).to_have_count(1)
    # The relation line: the state now in words, first establishment, a link to the page.
    israel = page.locator("[data-relation=IL]")
    expect(israel.locator("[data-state]")).to_have_text("severed")
    expect(israel.locator("time")).to_have_attribute("datetime", "1999-10-28")
    expect(israel).to_contain_text("first established 28 Oct 1999")
    expect(israel.get_by_role("link", name="Israel", exact=True)).to_have_attribute(
        "href", "/relations/MR/IL"
    )
    screenshot(page, artifacts, "country-mr")


def test_a_suspension_is_told(page: Page, base_url: str):
    # Egypt was suspended from the Arab League after the peace treaty, and later reinstated.
    page.goto(base_url + "/countries/EG")
    league = page.locator("[data-group=ARAB_LEAGUE]")
    expect(league).to_contain_text("League of Arab States — member since 22 Mar 1945")
    expect(league).to_contain_text("suspended 31 Mar 1979")
    expect(league).to_contain_text("reinstated May 1989")


def test_timeline_cards_carry_their_events_marks(page: Page, base_url: str):
    expected = [
        edge["node"]["confidence"]
        for edge in api(base_url, "{ events(first: 20) { edges { node { confidence } } } }")[
            "events"
        ]["edges"]
    ]
    page.goto(base_url + "/timeline")
    cards = page.locator("[data-event]")
    expect(cards).to_have_count(20)
    # One mark per card, each its own event's.
    expect(page.locator("[data-event] [data-confidence]")).to_have_count(20)
    assert (
        page.locator("[data-event] [data-confidence]").evaluate_all(
            "marks => marks.map(mark => mark.dataset.confidence)"
        )
        == expected
    )
    assert_mark(cards.first.locator("[data-confidence]"))
    expect(page.locator("[data-confidence-note]")).to_be_visible()
    # Iran's recognition of Israel, on a reference work only, reads Medium on its card.
    page.goto(base_url + "/timeline?countries=IR,IL")
    assert_mark(page.locator("[data-event=il-ir-recognized-1950-03] [data-confidence]"), "MEDIUM")


@pytest.mark.parametrize("pair", ["MR/IL", "MA/IL"])
def test_relation_history_fits_375_px(page: Page, base_url: str, pair: str):
    # Mauritania has a long caveat; Morocco the longest history (offices, closure, Accords).
    page.set_viewport_size(PHONE)
    page.goto(base_url + f"/relations/{pair}")
    history = page.locator("[data-history]")
    expect(history.locator("> li").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"/relations/{pair} is {width} px wide at 375 px"
    box = history.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert history.evaluate("el => el.scrollWidth <= el.clientWidth")
