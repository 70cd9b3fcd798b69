"""Words for people (#11): a source beside every fact, events' own pages, readers' mistakes
told next to their fields, counts that say what they count, notes only once true, charts
that end at the record's date, and a shared ?asOf= link that says so on its first screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .api import api
from .conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# What the API says to developers must never reach a reader.
API_WORDS = re.compile(
    r"Variable '\$|invalid value|is not an ISO 3166|name the same country|filter\."
)


def day_words(iso: str) -> str:
    """ "2002-03-28" → "28 Mar 2002", as the pages write a day."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def assert_error_beside(control: Locator, sentence: str | re.Pattern) -> None:
    """The sentence sits in the control's own field, is tied to it, and marks it invalid."""
    error = control.locator("xpath=..").locator(".field-error")
    expect(error).to_have_text(sentence)
    expect(control).to_have_attribute("aria-invalid", "true")
    described = control.get_attribute("aria-describedby") or ""
    assert error.get_attribute("id") in described.split(), described


def assert_no_api_words(page: Page) -> None:
    expect(page.get_by_role("main")).not_to_contain_text(API_WORDS)


# 3. Readers' mistakes, as sentences beside their fields.


def test_countries_filter_takes_names(page: Page, base_url: str, artifacts):
    kz = api(base_url, '{ events(first: 1, filter: {countries: ["KZ"]}) { totalCount } }')
    total = kz["events"]["totalCount"]
    page.goto(base_url + "/timeline")
    field = page.get_by_label("Countries")
    # Suggestions come from the countries list as the reader types.
    field.fill("Kazak")
    expect(page.locator("#f-countries-list option[value=Kazakhstan]")).to_have_count(1)
    field.fill("Kazakhstan")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(base_url + "/timeline?countries=KZ")
    expect(page.locator("[data-count]")).to_have_text(f"{total} events")
    expect(page.locator("[data-count-about]")).to_have_text(" involving Kazakhstan")
    # A code in any case, and a three-letter one, mean the same.
    page.get_by_label("Countries").fill("kaz")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(base_url + "/timeline?countries=KZ")
    # The address is the same as before, so wait for the page drawn from it (the field
    # then shows the code) before typing again: a late redraw would replace the field.
    expect(page.get_by_label("Countries")).to_have_value("KZ")
    # A second entry completes only the last part of the field.
    page.get_by_label("Countries").fill("Kazakhstan, Isr")
    expect(page.locator("#f-countries-list option[value='Kazakhstan, Israel']")).to_have_count(1)
    # A name the record does not know: what was typed, and what was probably meant.
    page.get_by_label("Countries").fill("Kazakstan")
    page.get_by_role("button", name="Apply filters").click()
    assert_error_beside(
        page.get_by_label("Countries"), "No country called “Kazakstan” — did you mean Kazakhstan?"
    )
    expect(page).to_have_url(base_url + "/timeline?countries=KZ")
    screenshot(page, artifacts, "timeline-unknown-country")
    # Typed straight into the address, a name works too.
    page.goto(base_url + "/timeline?countries=Kazakhstan")
    expect(page.locator("[data-count]")).to_have_text(f"{total} events")


def test_an_impossible_date_is_told_beside_its_field(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/timeline")
    expect(page.locator("[data-count]")).to_be_visible()
    page.get_by_label("From").fill("2021-02-30")
    page.get_by_role("button", name="Apply filters").click()
    assert_error_beside(
        page.get_by_label("From"), "That date doesn't exist: there is no 30 February."
    )
    expect(page.get_by_label("From")).to_be_focused()
    expect(page).to_have_url(base_url + "/timeline")
    # Fixed, in the site's own words, the mark goes and the filter applies, echoed as ISO.
    page.get_by_label("From").fill("28 Feb 2021")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(base_url + "/timeline?from=2021-02-28")
    expect(page.get_by_label("From")).to_have_value("2021-02-28")
    expect(page.get_by_label("From")).not_to_have_attribute("aria-invalid", "true")
    # "To" before "From" can match nothing: said beside "To".
    page.get_by_label("To").fill("2020")
    page.get_by_role("button", name="Apply filters").click()
    assert_error_beside(page.get_by_label("To"), re.compile(r"^“To” is before “From”"))
    screenshot(page, artifacts, "timeline-date-errors")
    # A shared link with a month that does not exist.
    page.goto(base_url + "/timeline?to=2020-13")
    assert_error_beside(
        page.get_by_label("To"), re.compile(r"^That date doesn't exist: there is no month 13")
    )
    assert_no_api_words(page)


def test_a_replay_date_that_does_not_exist(page: Page, base_url: str):
    # One behaviour for a bad date on every page: a 400, and the page says why (as the map).
    response = page.goto(base_url + "/agreements/abraham-accords?asOf=2021-02-30")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("That date doesn't work")
    expect(page.locator("[data-problem] p").first).to_have_text(
        "The address asks for the date “2021-02-30”. That date doesn't exist: there is no 30"
        " February."
    )
    page.get_by_role("link", name="Show who takes part today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abraham Accords")
    expect(page.locator("[data-as-of]")).to_have_count(0)
    assert_no_api_words(page)


def test_two_identical_countries(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/relations/KZ/KAZ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pick two different countries")
    assert_error_beside(page.get_by_label("Second country"), "Pick two different countries.")
    assert_no_api_words(page)
    screenshot(page, artifacts, "relation-same-country")
    # The form beside the sentence fixes it, by name.
    page.get_by_label("Second country").fill("Israel")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(base_url + "/relations/KZ/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan and Israel")


def test_codes_that_cannot_be_codes(page: Page, base_url: str):
    page.goto(base_url + "/countries/Q!")
    expect(page.locator("[data-problem]")).to_contain_text("“Q!” isn't a country code.")
    assert_no_api_words(page)
    page.goto(base_url + "/relations/KZ/Q!")
    assert_error_beside(page.get_by_label("Second country"), re.compile(r"^No country called “Q!”"))
    expect(page.get_by_label("First country")).not_to_have_attribute("aria-invalid", "true")
    assert_no_api_words(page)


# 4. Counts that say what they count.


def test_agreement_counts_by_role(page: Page, base_url: str):
    data = api(
        base_url,
        """{ agreement(slug: "abraham-accords") {
             participants(first: 100) { edges { node { role status } } } } }""",
    )
    members = [edge["node"] for edge in data["agreement"]["participants"]["edges"]]
    announced = sum(p["role"] == "PARTY" and p["status"] == "ANNOUNCED" for p in members)
    parties = sum(p["role"] == "PARTY" for p in members) - announced
    brokers = sum(p["role"] == "BROKER" for p in members)
    expected = f"{parties} parties, {announced} announced, {brokers} broker"
    assert expected == "5 parties, 1 announced, 1 broker", "the seed changed: check the words"
    page.goto(base_url + "/agreements/abraham-accords")
    expect(page.locator("[data-counts]")).to_have_text(f"Taking part: {expected}")
    expect(page.locator("[data-members] caption")).to_have_text(f"Who takes part: {expected}")
    expect(page.get_by_role("main")).not_to_contain_text("Members:")
    # The home table counts the same way.
    page.goto(base_url + "/")
    expect(page.locator("[data-agreement=abraham-accords] [data-counts]")).to_have_text(expected)


def test_home_change_column_is_the_latest_dated_step(page: Page, base_url: str):
    data = api(
        base_url,
        """{ agreements(first: 100) { edges { node {
             slug latestChangeDate { iso precision } latestChanges { status country { name } } } } } }""",
    )
    rows = {edge["node"]["slug"]: edge["node"] for edge in data["agreements"]["edges"]}
    initiative = rows["arab-peace-initiative"]
    endorsed = [c for c in initiative["latestChanges"] if c["status"] == "ENDORSED"]
    when = day_words(initiative["latestChangeDate"]["iso"])
    assert len(endorsed) == 22 and when == "28 Mar 2002", "the seed changed: check the words"
    page.goto(base_url + "/")
    cell = page.locator("[data-agreement=arab-peace-initiative] [data-latest]")
    # Every country that reached a status that day is counted, none named as if it were news.
    expect(cell).to_contain_text(f"{len(endorsed)} countries endorsed {when}")
    expect(cell).not_to_contain_text("Algeria")
    # The proposal the same day is told too, first (proposed before endorsed).
    proposers = [
        c["country"]["name"] for c in initiative["latestChanges"] if c["status"] == "PROPOSED"
    ]
    if proposers:
        expect(cell).to_have_text(
            f"{' and '.join(proposers)} proposed and 22 countries endorsed {when}"
        )
    # One country on that day is named.
    for slug, row in rows.items():
        if len(row["latestChanges"]) == 1 and row["latestChangeDate"]["precision"] == "DAY":
            change = row["latestChanges"][0]
            text = f"{change['country']['name']} {change['status'].lower().replace('_', ' ')}"
            expect(page.locator(f"[data-agreement={slug}] [data-latest]")).to_have_text(
                f"{text} {day_words(row['latestChangeDate']['iso'])}"
            )


# 5. Notes only from the day they are true.


def test_a_note_shows_only_once_true(page: Page, base_url: str):
    page.goto(base_url + "/agreements/abraham-accords?asOf=2020-12-31")
    sudan = page.locator("[data-member=SD]")
    expect(sudan.locator("[data-current] [data-status]")).to_have_text("announced")
    expect(sudan.locator("[data-note]")).to_have_count(0)
    expect(sudan).not_to_contain_text("never ratified")
    page.goto(base_url + "/agreements/abraham-accords")
    expect(page.locator("[data-member=SD] [data-note]")).to_contain_text("never ratified")
    # A step's own note shows with its step, in a replay too.
    page.goto(base_url + "/agreements/abraham-accords?asOf=2021-02-01")
    expect(page.locator("[data-member=SD] [data-step=SIGNED]")).to_contain_text("Khartoum")
    expect(page.locator("[data-member=SD] [data-note]")).to_have_count(0)


# 1. A source beside every fact.


def assert_every_fact_sourced(page: Page, facts: Locator, minimum: int) -> None:
    expect(facts.first).to_be_visible()
    assert facts.count() >= minimum
    for fact in facts.all():
        source = fact.locator(".sources [data-source]").first
        expect(source).to_be_visible()
        link = source.locator("a")
        expect(link).to_have_attribute("href", re.compile(r"^https?://"))
        # The piece's own title is the link; the publisher follows it.
        assert len((link.text_content() or "").strip("“”[] ")) > 10, link.text_content()
        expect(source.locator(".source-meta")).to_have_text(re.compile(r"^ — \S"))
    expect(page.locator("[data-no-source]")).to_have_count(0)


def test_every_status_step_on_the_abraham_accords_page_is_sourced(
    page: Page, base_url: str, artifacts
):
    data = api(
        base_url,
        """{ agreement(slug: "abraham-accords") { participants(first: 100) { edges { node {
             statusHistory { sources { title publisher published { iso } } } } } } } }""",
    )
    steps = [
        step
        for edge in data["agreement"]["participants"]["edges"]
        for step in edge["node"]["statusHistory"]
    ]
    page.goto(base_url + "/agreements/abraham-accords")
    facts = page.locator("[data-members] [data-step]")
    expect(facts).to_have_count(len(steps))
    assert_every_fact_sourced(page, facts, len(steps))
    # Title, publisher and publication date as the API holds them.
    dated = [
        source
        for step in steps
        for source in step["sources"]
        if source["published"] and len(source["published"]["iso"]) == 10
    ]
    assert dated, "the steps' sources should carry publication days"
    source = dated[0]
    shown = page.locator("[data-members] [data-source]", has_text=source["title"]).first
    expect(shown.locator(".source-meta")).to_have_text(
        f" — {source['publisher']}, {day_words(source['published']['iso'])}"
    )
    screenshot(page, artifacts, "agreement-sources")


def test_country_and_relation_pages_cite_every_step(page: Page, base_url: str):
    page.goto(base_url + "/countries/KZ")
    assert_every_fact_sourced(page, page.locator("[data-participations] [data-step]"), 2)
    # The relation line cites the step its state rests on.
    expect(page.locator("[data-relation=IL] [data-source]").first).to_be_visible()
    page.goto(base_url + "/relations/MA/IL")
    assert_every_fact_sourced(page, page.locator("[data-history] > li"), 3)
    assert_every_fact_sourced(page, page.locator("[data-events] [data-event]"), 3)
    page.goto(base_url + "/timeline")
    assert_every_fact_sourced(page, page.locator("[data-event]"), 20)


# 2. Events have pages of their own.


def test_search_leads_to_the_events_own_page(page: Page, base_url: str):
    page.goto(base_url + "/")
    page.get_by_label("Search countries, agreements and events").fill("morocco")
    signing = page.locator("#search-results a", has_text="sign joint declaration")
    expect(signing).to_have_attribute("href", re.compile(r"^/events/[a-z0-9-]+$"))
    slug = signing.get_attribute("href").removeprefix("/events/")
    signing.click()
    expect(page).to_have_url(f"{base_url}/events/{slug}")
    assert "/timeline" not in page.url
    # The event's own page shows each source's real title and its publication date.
    event = api(
        base_url,
        f'{{ event(slug: "{slug}") {{ sources {{ slug title published {{ year month day }} }} }} }}',
    )["event"]
    assert event["sources"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for source in event["sources"]:
        shown = page.locator(f'[data-source="{source["slug"]}"]')
        expect(shown.get_by_role("link")).to_contain_text(source["title"].strip("[]"))
        published = source["published"]
        if published and published["day"]:
            day = f"{published['day']} {months[published['month'] - 1]} {published['year']}"
            expect(shown).to_contain_text(f"published {day}")


def test_event_cards_link_to_their_pages(page: Page, base_url: str):
    page.goto(base_url + "/timeline")
    card = page.locator("[data-event]").first
    slug = card.get_attribute("data-event")
    expect(card.get_by_role("heading", level=3).get_by_role("link")).to_have_attribute(
        "href", f"/events/{slug}"
    )
    permalink = card.locator("[data-permalink]")
    expect(permalink).to_have_text(re.compile(r"^Permalink to “"))
    expect(permalink).to_have_attribute("href", f"/events/{slug}")
    # Every card on the page has its own.
    cards = page.locator("[data-event]")
    expect(page.locator("[data-event] [data-permalink]")).to_have_count(cards.count())


# 6. Words explained where they appear.


def test_the_words_are_explained(page: Page, base_url: str):
    page.goto(base_url + "/countries/KZ")
    box = page.locator("[data-meanings]").first
    terms = box.locator("dt")
    expect(terms.filter(has_text="Status since")).to_have_count(1)
    expect(terms.filter(has_text="Taking part since")).to_have_count(1)
    expect(terms.filter(has_text=re.compile(r"^announced$"))).to_have_count(1)
    # Readable by click or keyboard, not only by hovering.
    expect(terms.first).to_be_hidden()
    box.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(box.locator("dd").filter(has_text="when it first took part")).to_be_visible()
    page.goto(base_url + "/relations/MR/IL")
    expect(page.locator("[data-meanings] dt", has_text="severed")).to_have_count(1)
    # Every state a page shows is in its box (#18: Qatar's NO_RELATIONS badge was not).
    page.goto(base_url + "/relations/QA/IL")
    expect(page.locator("[data-state-now] [data-state]")).to_have_attribute(
        "data-state", "NO_RELATIONS"
    )
    explained = page.locator("[data-meanings] dt", has_text="no relations (offices closed)")
    expect(explained).to_have_count(1)


# 7. Charts end at the record's date.


def test_chart_ends_at_the_records_date(page: Page, base_url: str, artifacts):
    updated = api(base_url, "{ record { updated } }")["record"]["updated"]
    page.goto(base_url + "/agreements/abraham-accords")
    note = page.locator("[data-chart-end]")
    expect(note).to_have_attribute("data-chart-end", updated)
    expect(note).to_contain_text(f"Record as of {day_words(updated)}")
    # Kazakhstan's bar (the last step) ends on the record's date line, not at today.
    end = page.locator(".record-end line").get_attribute("x1")
    bar = page.locator("[data-lane=KZ] rect").last
    right = bar.evaluate("r => r.x.baseVal.value + r.width.baseVal.value")
    assert abs(right - float(end)) < 0.5, (right, end)

    # At 375 px it scrolls by keyboard, with a cue: tests/web/test_web_chart.py.


# 8. A shared ?asOf= link says so on its first screen.


def test_as_of_link_shows_its_date_on_the_first_screen(page: Page, base_url: str, artifacts):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/agreements/abraham-accords?asOf=2020-12-31")
    banner = page.locator("[data-as-of]")
    expect(banner).to_have_text(re.compile(r"^As of 31 Dec 2020"))
    box = banner.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    expect(banner.get_by_role("link", name="Show today")).to_have_attribute(
        "href", "/agreements/abraham-accords"
    )
    page.screenshot(path=artifacts / "agreement-as-of-first-screen-375.png")
