"""The list pages read their addresses through the API's listQuery (server/api/list_filters.py,
the exports' parser too), in a request they make anyway: no round trip of its own."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def graphql_bodies(page: Page) -> list[dict]:
    bodies: list[dict] = []
    page.on(
        "request",
        lambda request: (
            bodies.append(json.loads(request.post_data or "{}"))
            if urlsplit(request.url).path == "/graphql" and request.method == "POST"
            else None
        ),
    )
    return bodies


def test_the_timeline_reads_its_address_in_its_first_request(page: Page, base_url: str):
    bodies = graphql_bodies(page)
    page.goto(base_url + "/timeline?countries=Kazakhstan&from=2020-9&utm_source=x")
    expect(page.locator("[data-count-about]")).to_have_text(" involving Kazakhstan")
    # Names are resolved by the server's reading, not by a list of every country: the
    # agreements and the reading, then the events (plus the footer's record date).
    page_requests = [b for b in bodies if "RecordDate" not in b["query"]]
    assert len(page_requests) == 2, [b["query"][:40] for b in page_requests]
    assert "listQuery(list: TIMELINE" in page_requests[0]["query"]
    assert page_requests[1]["variables"]["filter"] == {"countries": ["KZ"], "from": "2020-09"}
    # The form and the files show the filter as it applies.
    expect(page.get_by_label("From")).to_have_value("2020-09")
    expect(page.get_by_label("Countries")).to_have_value("KZ")
    link = page.locator("[data-take-away] a[data-export=csv]")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {
        "countries": ["KZ"],
        "from": ["2020-09"],
    }


def test_the_index_pages_read_sort_and_filter_from_the_server(page: Page, base_url: str):
    page.goto(base_url + "/countries?group=oic&sort=region&dir=desc")
    expect(page.get_by_label("Group")).to_have_value("OIC")
    region = page.locator("th[data-column=region]")
    expect(region).to_have_attribute("aria-sort", "descending")
    expect(page.locator("[data-count]")).to_contain_text("57 of")
    # An unknown column falls back to the default, as before.
    page.goto(base_url + "/agreements?sort=colour")
    expect(page.locator("th[data-column=date]")).to_have_attribute("aria-sort", "ascending")


def test_the_map_takes_a_group_in_any_case_and_a_day_without_zeros(page: Page, base_url: str):
    page.goto(base_url + "/map?country=israel&group=oic&asOf=2010-1-1")
    expect(page.locator("main h1")).to_have_text("Map of relations with Israel")
    expect(page.get_by_label("Countries shown")).to_have_value("OIC")
    expect(page.locator('[data-map-table] tr[data-country="MR"]')).to_have_attribute(
        "data-state", "SUSPENDED"
    )
