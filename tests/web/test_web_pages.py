"""Pages of their own (an event, the countries and agreements indexes, about, changes), the
footer's freshness, the not-found view and the "/" shortcut, in a real browser against the
real server and seed; every page also at 375 px (screenshot() checks nothing overflows)."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from server.model.vocabulary import RelationState, Status

from .api import api
from .conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day(iso: str) -> str:
    """ "2022-03-27" → "27 Mar 2022", as the UI writes a day."""
    year, month, dom = (int(part) for part in iso.split("-"))
    return f"{dom} {MONTHS[month - 1]} {year}"


def server_title(base_url: str, path: str) -> str:
    """The <title> the server writes into the page it sends for `path`."""
    page = httpx.get(base_url + path, timeout=10).text
    return html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))


def first_column(page: Page, selector: str) -> list[str]:
    """The row headers (names) of a table, top to bottom."""
    return page.locator(f"{selector} tbody th").all_text_contents()


def test_an_event_has_a_page_of_its_own(page: Page, base_url: str, artifacts):
    event = api(
        base_url,
        """query($slug: String!) { event(slug: $slug) {
             title caveat confidence countries { code }
             sources { slug title publisher kind published { iso precision } } } }""",
        slug="negev-summit",
    )["event"]
    response = page.goto(base_url + "/events/negev-summit")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(event["title"])
    expect(page.locator("[data-event-page] .event-meta time")).to_have_text("27 Mar 2022")
    expect(page.locator("[data-caveat]")).to_contain_text(event["caveat"])
    # Every source in full: its own title (the link), publisher, published date and kind.
    items = page.locator("[data-event-page] li[data-source]")
    expect(items).to_have_count(len(event["sources"]))
    kinds = {"PRIMARY": "primary source", "NEWS": "news report", "REFERENCE": "reference work"}
    for source in event["sources"]:
        item = page.locator(f"[data-event-page] li[data-source='{source['slug']}']")
        expect(item.get_by_role("link", name=source["title"], exact=True)).to_be_visible()
        expect(item).to_contain_text(source["publisher"])
        expect(item).to_contain_text(kinds[source["kind"]])
        if source["published"] and source["published"]["precision"] == "DAY":
            expect(item.locator("time")).to_have_text(day(source["published"]["iso"]))
            expect(item.locator("time")).to_have_attribute("datetime", source["published"]["iso"])
    # The Israeli ministry's statement, published on the summit's first day.
    mfa = page.locator("li[data-source='israel-mfa-bennett-blinken-statements-2022']")
    expect(mfa).to_contain_text("Statements by PM Bennett and US Secretary of State Blinken")
    expect(mfa.locator("time")).to_have_text("27 Mar 2022")
    # Its confidence mark, explained once on the page.
    mark = page.locator("[data-event-page] .event-meta [data-confidence]")
    expect(mark).to_have_attribute("data-confidence", event["confidence"])
    expect(page.locator("[data-confidence-note]")).to_have_count(1)
    # Countries link to their pages; six of them, so no single relation page to offer.
    expect(page.locator("[data-event-page] [data-countries] a")).to_have_count(
        len(event["countries"])
    )
    expect(page.locator("[data-relation-link]")).to_have_count(0)
    expect(page.locator("[data-event-page] [data-permalink]")).to_have_attribute(
        "href", "/events/negev-summit"
    )
    # The app's title is the one the server sent for sharing.
    expect(page).to_have_title(server_title(base_url, "/events/negev-summit"))
    assert page.title().startswith(event["title"] + " — 27 Mar 2022")
    screenshot(page, artifacts, "event-negev-summit")


def test_a_two_country_event_links_to_their_relation(page: Page, base_url: str):
    page.goto(base_url + "/events/israel-uae-free-trade-agreement-signed")
    expect(page.locator("[data-relation-link]")).to_have_attribute("href", "/relations/AE/IL")
    expect(page.locator("[data-event-page] [data-agreements] a")).to_have_attribute(
        "href", "/agreements/israel-uae-cepa"
    )
    page.locator("[data-relation-link]").click()
    expect(page).to_have_url(base_url + "/relations/AE/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("United Arab Emirates and Israel")


def test_a_relation_has_one_address_and_a_bound_reads_since_at_least(page: Page, base_url: str):
    # The other order and other names redirect (301) to the one address, Israel second.
    response = page.goto(base_url + "/relations/IL/MR")
    assert response.request.redirected_from.url == base_url + "/relations/IL/MR"
    expect(page).to_have_url(base_url + "/relations/MR/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mauritania and Israel")
    page.goto(base_url + "/relations/israel/gambia")
    expect(page).to_have_url(base_url + "/relations/GM/IL")
    # Restored "by 15 Feb 2013" (a bound): never "since by".
    now = page.locator("[data-state-now]")
    expect(now).to_have_text("Now: full relations since at least 15 Feb 2013")
    expect(now.locator("time")).to_have_attribute("datetime", "2013-02-15")


def test_unknown_event_and_path_show_the_not_found_view(page: Page, base_url: str, artifacts):
    response = page.goto(base_url + "/events/no-such-event")
    assert response.status == 404
    view = page.locator("[data-not-found]")
    expect(view.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(view).to_contain_text("There is no event at this address")
    expect(view).to_contain_text("no-such-event")
    expect(page).to_have_title("Not found · accordline")
    screenshot(page, artifacts, "event-not-found")

    response = page.goto(base_url + "/no/such/page")
    assert response.status == 404
    expect(page.locator("[data-not-found]")).to_contain_text("There is no page at this address")
    expect(page).to_have_title(server_title(base_url, "/no/such/page"))


def test_countries_index_filters_and_sorts(page: Page, base_url: str, artifacts):
    totals = api(
        base_url,
        """{ countries(first: 1) { totalCount }
             oceania: countries(first: 1, filter: {region: "Oceania"}) { totalCount } }""",
    )
    total = totals["countries"]["totalCount"]
    requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            requests.append(request.post_data or "") if "/graphql" in request.url else None
        ),
    )
    page.goto(base_url + "/countries")
    rows = page.locator("[data-countries] tbody tr")
    expect(rows).to_have_count(total)
    assert total == 252
    # The whole list in a few requests: pages of 100, relations and groups alongside.
    relations = api(base_url, '{ relations(first: 1, filter: {country: "IL"}) { totalCount } }')
    pages = -(-total // 100) + -(-relations["relations"]["totalCount"] // 100) - 1
    assert len([r for r in requests if "CountriesIndex" in r]) <= pages
    name_header = page.locator("[data-countries] th[data-column=name]")
    expect(name_header).to_have_attribute("aria-sort", "ascending")
    assert first_column(page, "[data-countries]")[0] == "Afghanistan"
    expect(page).to_have_title(server_title(base_url, "/countries"))

    # A country's row: codes, region, groups and its relation with Israel, linked.
    kz = page.locator("[data-country-row=KZ]")
    expect(kz).to_contain_text("KAZ")
    expect(kz).to_contain_text("Asia")
    expect(kz.locator("a[href='/relations/KZ/IL'] [data-state]")).to_have_text("full relations")
    expect(page.locator("[data-country-row=DZ]")).to_contain_text("Arab League, OIC")
    # Nothing on record is said in words, not as a state.
    expect(page.locator("[data-country-row=GL]")).to_contain_text("not on record")

    # Sorting: a second click on the sorted column reverses it.
    name_header.get_by_role("button").click()
    expect(name_header).to_have_attribute("aria-sort", "descending")
    assert first_column(page, "[data-countries]")[0] == "Zimbabwe"
    expect(page).to_have_url(re.compile(r"/countries\?sort=name&dir=desc$"))
    expect(page.locator("[data-count]")).to_contain_text("Sorted by Country, descending")
    # By keyboard: the headers are buttons.
    code_button = page.locator("[data-countries] th[data-column=code] button")
    code_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-countries] th[data-column=code]")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(name_header).not_to_have_attribute("aria-sort", re.compile("."))
    assert first_column(page, "[data-countries]")[0] == "Andorra"

    # Filtering by text, then by region.
    page.get_by_label("Name or code").fill("kaz")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("th")).to_have_text("Kazakhstan")
    expect(page.locator("[data-count]")).to_contain_text(f"1 of {total} countries")
    page.get_by_label("Name or code").fill("")
    page.get_by_label("Region", exact=True).select_option("Oceania")
    expect(rows).to_have_count(totals["oceania"]["totalCount"])
    regions = page.locator("[data-countries] tbody td[data-label=Region]").all_text_contents()
    assert set(regions) == {"Oceania"}
    # The filtered, sorted view is in the address: a reload lands on it.
    page.reload()
    expect(rows).to_have_count(totals["oceania"]["totalCount"])
    expect(page.get_by_label("Region", exact=True)).to_have_value("Oceania")
    expect(page.locator("[data-countries] th[data-column=code]")).to_have_attribute(
        "aria-sort", "ascending"
    )

    page.goto(base_url + "/countries?q=isr")
    expect(rows).to_have_count(1)
    screenshot(page, artifacts, "countries")
    # On a phone the rows stack as cards and the sort buttons stay, above them.
    page.set_viewport_size(PHONE)
    expect(page.locator("[data-countries] th[data-column=name] button")).to_be_visible()


def test_agreements_index_sorts(page: Page, base_url: str, artifacts):
    agreements = api(base_url, "{ agreements(first: 100) { totalCount edges { node { name } } } }")
    total = agreements["agreements"]["totalCount"]
    page.goto(base_url + "/agreements")
    rows = page.locator("[data-agreements-index] tbody tr")
    expect(rows).to_have_count(total)
    assert total == 8
    # By date, oldest first, as the API lists them.
    names = [edge["node"]["name"] for edge in agreements["agreements"]["edges"]]
    assert first_column(page, "[data-agreements-index]") == names
    expect(page.locator("[data-agreements-index] th[data-column=date]")).to_have_attribute(
        "aria-sort", "ascending"
    )
    # Counts say what they count.
    accords = page.locator("[data-agreement-row=abraham-accords]")
    expect(accords.locator("td[data-label='Countries taking part']")).to_have_text(
        "7 (5 parties, 1 announced, 1 broker)"
    )
    # The most members first.
    page.locator("[data-agreements-index] th[data-column=members] button").click()
    page.locator("[data-agreements-index] th[data-column=members] button").click()
    expect(page.locator("[data-agreements-index] th[data-column=members]")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert first_column(page, "[data-agreements-index]")[0] == "Arab Peace Initiative"
    expect(page).to_have_title(server_title(base_url, "/agreements"))
    screenshot(page, artifacts, "agreements")


def test_about_explains_the_record(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About").click()
    expect(page).to_have_url(base_url + "/about")
    expect(page.get_by_role("heading", level=1)).to_have_text("About the record")
    nav_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="About")
    expect(nav_link).to_have_attribute("aria-current", "page")
    expect(page.locator("[data-coverage]")).to_contain_text("252 countries")
    relations = api(base_url, '{ relations(first: 1, filter: {country: "IL"}) { totalCount } }')
    count = relations["relations"]["totalCount"]
    expect(page.locator("[data-coverage]")).to_contain_text(
        f"Israel's relations with {count} states"
    )
    by_dates = page.locator("[data-by-dates]")
    expect(by_dates).to_contain_text("by 14 Sep 2021")
    expect(by_dates).to_contain_text("already true")
    expect(page.locator("main")).to_contain_text("month's last day")
    # The confidence rule, with the marks themselves.
    about = page.locator("[data-about]")
    expect(page.locator("[data-confidence-rule]")).to_be_visible()
    expect(about).to_contain_text("at least one primary or news source")
    expect(about).to_contain_text("only mirrors of reference works")
    for value in ("HIGH", "MEDIUM", "LOW"):
        expect(about.locator(f".terms [data-confidence={value}]")).to_have_count(1)
    # Every status and every relation state, explained (UNKNOWN never read as "none").
    expect(about.locator(".terms [data-status]")).to_have_count(len(Status))
    expect(about.locator(".terms [data-state]")).to_have_count(len(RelationState))
    expect(about.locator("dt:has([data-state=UNKNOWN]) + dd")).to_contain_text("never a finding")
    expect(about).to_contain_text("Report an error")
    expect(about).to_contain_text("python -m server corrections")
    expect(page).to_have_title(server_title(base_url, "/about"))
    screenshot(page, artifacts, "about")


def test_changes_newest_first_with_more_and_the_feed(page: Page, base_url: str, artifacts):
    data = api(
        base_url,
        """{ changes(first: 100) { totalCount
             edges { node { date action recordType title path } } } }""",
    )["changes"]
    newest = data["edges"][0]["node"]
    page.goto(base_url + "/changes")
    items = page.locator("[data-changes] > li")
    expect(items).to_have_count(min(20, data["totalCount"]))
    first = items.first
    expect(first.locator("time")).to_have_attribute("datetime", newest["date"])
    expect(first.locator("time")).to_have_text(day(newest["date"]))
    expect(first.get_by_role("link", name=newest["title"], exact=True)).to_have_attribute(
        "href", newest["path"]
    )
    expect(first).to_contain_text("Added" if newest["action"] == "ADDED" else "Updated")
    shown = items.locator("time").evaluate_all("els => els.map(e => e.dateTime)")
    assert shown == sorted(shown, reverse=True)
    expect(page.locator("[data-feed]")).to_have_attribute("href", "/feed.atom")
    expect(page).to_have_title(server_title(base_url, "/changes"))
    screenshot(page, artifacts, "changes")

    # "Load more" brings the next 20, and the keyboard lands on the first of them.
    assert data["totalCount"] > 20, "the seed needs more than one page of changes"
    page.get_by_role("button", name="Load more").click()
    expect(items).to_have_count(min(40, data["totalCount"]))
    expect(items.nth(20).locator("h2")).to_be_focused()
    # The feed link is a file, not an app page: the browser fetches it.
    with page.expect_response(lambda r: r.url.endswith("/feed.atom")) as feed:
        page.evaluate("() => fetch('/feed.atom')")
    assert feed.value.status == 200
    # A change's title opens the page of the record it changed.
    first.get_by_role("link").click()
    expect(page).to_have_url(base_url + newest["path"])


def test_slash_goes_to_the_search_box(page: Page, base_url: str):
    page.goto(base_url + "/countries")
    expect(page.locator("[data-countries]")).to_be_visible()
    # Typed in a field, "/" is a character like any other.
    box = page.get_by_label("Name or code")
    box.focus()
    page.keyboard.press("/")
    expect(box).to_have_value("/")
    expect(page).to_have_url(re.compile(r"/countries"))
    box.fill("")
    page.locator("h1").click()
    # Anywhere else it opens the search box (Back returns to the page).
    page.keyboard.press("/")
    expect(page).to_have_url(base_url + "/")
    search = page.get_by_label("Search countries, agreements and events")
    expect(search).to_be_focused()
    page.keyboard.type("morocco")
    expect(page.locator("#search-results a").first).to_contain_text("Morocco")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/countries"))
    # On the home page itself it focuses the box in place.
    page.goto(base_url + "/")
    expect(search).to_be_visible()
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(search).to_be_focused()


def test_footer_says_when_the_record_was_updated_and_how_far_the_news_was_read(
    page: Page, base_url: str
):
    record = api(base_url, "{ record { updated readThrough } }")["record"]
    updated, read = record["updated"], record["readThrough"]
    page.goto(base_url + "/timeline")
    footer = page.get_by_role("contentinfo")
    stamp = footer.locator("[data-record-updated]")
    expect(stamp).to_have_text(
        re.compile(rf"^Record updated {day(updated)}; news read through {day(read)}\.\s*$")
    )
    expect(stamp.locator("time").first).to_have_attribute("datetime", updated)
    expect(stamp.locator("time").last).to_have_attribute("datetime", read)
    expect(footer).to_contain_text("Every fact on record cites its sources")
    expect(footer).not_to_contain_text("Every event and membership")
    expect(footer.get_by_role("link", name="GraphiQL")).to_have_attribute("href", "/graphql")
    expect(footer.get_by_role("link", name="Atom feed")).to_have_attribute("href", "/feed.atom")
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Countries", "Agreements", "Changes", "About"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
