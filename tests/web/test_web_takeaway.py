"""The record pages' "Take this away" section, in a real browser against the real server:
each export downloaded from its page and parsed (CSV rows = what the page counts, JSON =
the API's answer, TimelineJS valid, iCalendar read by a library), and citations copied."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import openpyxl
import pytest
from playwright.sync_api import Page, expect

from ..timelinejs_format import problems as timelinejs_problems
from .api import api
from .test_web_axe import AXE, BLOCKING, WIDTHS, axe_violations, describe

pytestmark = pytest.mark.browser

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


def download(page: Page, selector: str) -> bytes:
    """Click a download link and return the file the browser saved."""
    with page.expect_download() as info:
        page.locator(selector).click()
    assert info.value.failure() is None
    return Path(info.value.path()).read_bytes()


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def long_date(iso: str) -> str:
    """ "2025-11-06" → "November 6, 2025", as APA and Chicago write a day."""
    day = date.fromisoformat(iso)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def test_the_timeline_exports_what_the_page_shows(page: Page, base_url: str):
    page.goto(base_url + "/timeline?countries=KZ&from=2020")
    count = int(re.match(r"\d+", page.locator("[data-count]").inner_text()).group())
    assert count > 3
    links = page.locator("[data-take-away] a[data-export]")
    expect(links).to_have_count(5)  # csv, xlsx, json, timelinejs, ics
    for link in links.all():  # each with the page's filter, and said in words
        assert link.get_attribute("href").endswith("?countries=KZ&from=2020")
        assert link.get_attribute("download") is not None
    expected = api(
        base_url,
        """query($filter: EventFilter) { record { contentVersion updated }
             events(first: 100, filter: $filter) { totalCount edges { node { slug } } } }""",
        filter={"countries": ["KZ"], "from": "2020"},
    )
    slugs = [edge["node"]["slug"] for edge in expected["events"]["edges"]]
    assert expected["events"]["totalCount"] == count == len(slugs)

    rows = csv_rows(download(page, "[data-export=csv]"))
    assert len(rows) == count
    assert [row["slug"] for row in rows] == slugs
    assert {"date", "precision", "qualifier", "sources"} <= set(rows[0])
    assert {row["record_version"] for row in rows} == {expected["record"]["contentVersion"]}
    book = openpyxl.load_workbook(io.BytesIO(download(page, "[data-export=xlsx]")))
    table = list(book["Timeline"].iter_rows(values_only=True))
    assert list(table[0]) == list(rows[0])  # the CSV's columns
    assert [line[table[0].index("slug")] for line in table[1:]] == slugs

    document = json.loads(download(page, "[data-export=json]"))
    assert document["count"] == count
    assert [event["slug"] for event in document["events"]] == slugs
    assert document["record"]["contentVersion"] == expected["record"]["contentVersion"]

    timeline = json.loads(download(page, "[data-export=timelinejs]"))
    assert timelinejs_problems(timeline) == []
    assert len(timeline["events"]) == count

    calendar = icalendar.Calendar.from_ical(download(page, "[data-export=ics]"))
    events = calendar.walk("VEVENT")
    assert len(events) == count
    assert sorted(str(event["UID"]).split("@")[0] for event in events) == sorted(slugs)


def test_an_agreements_members_export_follows_its_as_of_day(page: Page, base_url: str):
    page.goto(base_url + "/agreements/abraham-accords?asOf=2021-01-01")
    shown = page.locator("table[data-members] tbody tr")
    expect(shown.first).to_be_visible()
    codes = [row.get_attribute("data-member") for row in shown.all()]
    link = page.locator("[data-take-away] a[data-export=csv]")
    assert link.get_attribute("href") == (
        "/export/members.csv?agreement=abraham-accords&asOf=2021-01-01"
    )
    rows = csv_rows(download(page, "[data-take-away] a[data-export=csv]"))
    assert len(rows) == len(codes)
    assert [row["country_code"] for row in rows] == codes
    assert {row["as_of"] for row in rows} == {"2021-01-01"}
    assert "KZ" not in codes  # Kazakhstan announced in 2025: not in on the day replayed
    document = json.loads(download(page, "[data-take-away] a[data-export=json]"))
    assert [member["country"]["code"] for member in document["members"]] == codes


def test_a_countrys_relations_export_has_a_row_per_relation_shown(page: Page, base_url: str):
    page.goto(base_url + "/countries/IL")
    shown = page.locator("ul[data-relations] > li")
    expect(shown.first).to_be_visible()
    assert page.locator("[data-take-away] a[data-export]").count() == 3  # csv, xlsx, json
    rows = csv_rows(download(page, "[data-take-away] a[data-export=csv]"))
    assert len(rows) == shown.count() > 10


def test_a_citation_is_copied_with_its_permalink_and_dates(page: Page, base_url: str):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    record = api(base_url, "{ record { updated contentVersion } }")["record"]
    path = "/timeline?countries=KZ&from=2020"
    page.goto(base_url + path)
    permalink = base_url + path
    today = datetime.now(UTC).date().isoformat()
    page.get_by_text("Cite this page").click()

    apa = page.locator("[data-cite-style=apa]")
    apa.get_by_role("button", name="Copy").click()
    expect(apa.get_by_role("status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == apa.locator("textarea").input_value()
    year, month, day = (int(part) for part in record["updated"].split("-"))
    assert copied.startswith(f"accordline. ({year}, {MONTHS[month - 1]} {day}). ")
    assert "Timeline of events involving Kazakhstan, from 2020" in copied
    short = record["contentVersion"][:8]
    assert f"(Record of {day} {MONTHS[month - 1][:3]} {year}, version {short}) [Data set]" in copied
    # The rich copy too: the title in italics, for a word processor.
    rich = page.evaluate(
        """async () => { const [item] = await navigator.clipboard.read();
        return await (await item.getType("text/html")).text(); }"""
    )
    assert "<i>Timeline of events involving Kazakhstan, from 2020</i> (Record of" in rich
    assert copied.endswith(f"Retrieved {long_date(today)}, from {permalink}")

    chicago = page.locator("[data-cite-style=chicago] textarea").input_value()
    assert f"Last modified {long_date(record['updated'])}." in chicago
    assert f"Accessed {long_date(today)}. {permalink}." in chicago

    bibtex = page.locator("[data-cite-style=bibtex]")
    bibtex.get_by_role("button", name="Copy").click()
    expect(bibtex.get_by_role("status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.match(r"@misc\{accordline:timeline-[0-9a-f]{8},\n", copied)
    assert f"  url = {{{permalink}}},\n" in copied
    assert f"  urldate = {{{today}}},\n" in copied
    assert f"  year = {{{year}}},\n" in copied
    assert copied.count("{") == copied.count("}")

    [item] = json.loads(page.locator("[data-cite-style=csl] textarea").input_value())
    assert item["type"] == "dataset"
    assert item["URL"] == permalink
    assert item["version"] == f"record of {day} {MONTHS[month - 1][:3]} {year} (version {short})"
    assert item["issued"] == {"date-parts": [[year, month, day]]}
    assert item["accessed"] == {"date-parts": [[int(part) for part in today.split("-")]]}
    assert item["author"] == [{"literal": "accordline"}] and item["publisher"] == "accordline"

    # The same page cites under the same key on another visit; another filter, another key.
    page.goto(base_url + path)
    page.get_by_text("Cite this page").click()
    again = page.locator("[data-cite-style=bibtex] textarea").input_value()
    assert again.splitlines()[0] == copied.splitlines()[0]
    page.goto(base_url + "/timeline?countries=KZ")
    page.get_by_text("Cite this page").click()
    other = page.locator("[data-cite-style=bibtex] textarea").input_value()
    assert other.splitlines()[0] != copied.splitlines()[0]


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/events/negev-summit", "Negev Summit"),
        ("/relations/MR/IL", "Mauritania and Israel: relations"),
    ],
)
def test_pages_without_a_list_offer_the_citation_only(page: Page, base_url: str, path, title):
    page.goto(base_url + path)
    section = page.locator("[data-take-away]")
    expect(section.get_by_role("heading", name="Take this away")).to_be_visible()
    assert section.locator("[data-export]").count() == 0
    assert section.locator("[data-embed]").count() == 0
    section.get_by_text("Cite this page").click()
    expect(section.locator("[data-cite-style=chicago] textarea")).to_have_value(
        re.compile(re.escape(title) + r".*" + re.escape(base_url + path) + r"\.$")
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path",
    [
        "/timeline?countries=KZ&from=2020",
        "/embed/timeline?countries=KZ",
        "/embed/agreements/abraham-accords?asOf=2020-12-31",
    ],
)
def test_the_take_away_open_and_the_embeds_pass_axe(page: Page, base_url: str, path, width):
    page.context.add_init_script(path=AXE)
    page.set_viewport_size(WIDTHS[width])
    page.goto(base_url + path)
    page.wait_for_selector("#main:not([aria-busy])")
    for block in page.locator("[data-take-away] details").all():
        block.locator("summary").click()
        expect(block.locator("textarea").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert blocking == [], describe(blocking)
    # Nothing but the scroll boxes (tables, chart) may be wider than a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]


def test_a_page_that_changes_its_choices_in_place_updates_its_take_away(page: Page, base_url: str):
    """The map's slider changes the day without a new view: followChoices() points the
    downloads and an open embed code at the new day (what the map page calls)."""
    page.goto(base_url + "/agreements/abraham-accords")
    embed = page.locator("[data-take-away] [data-embed]")
    embed.get_by_text("Embed this").click()
    expect(embed.locator("textarea")).to_have_value(
        re.compile(r"/embed/agreements/abraham-accords\"")
    )
    page.evaluate(
        """async () => {
             const { followChoices, membersExports } = await import("/takeaway.js");
             followChoices(document.querySelector("[data-take-away]"), {
               exports: membersExports("abraham-accords", "2020-12-31"),
               embed: { path: "/embed/agreements/abraham-accords?asOf=2020-12-31", title: "t" },
             });
           }"""
    )
    csv_link = page.locator("[data-take-away] a[data-export=csv]")
    expect(csv_link).to_have_attribute(
        "href", "/export/members.csv?agreement=abraham-accords&asOf=2020-12-31"
    )
    expect(embed.locator("textarea")).to_have_value(
        re.compile(r'src="[^"]+/embed/agreements/abraham-accords\?asOf=2020-12-31" title="t"')
    )
    rows = csv_rows(download(page, "[data-take-away] a[data-export=csv]"))
    assert {row["as_of"] for row in rows} == {"2020-12-31"}
