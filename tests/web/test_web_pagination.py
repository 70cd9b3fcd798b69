"""Lists a page shows whole are read page by page: with tiny pages, nothing is lost or doubled.

The seed's lists all fit in one page of 100, so these tests shrink the page size the UI
asks for (its ``pageSize`` variable) in flight, which makes every list span several pages.
"""

from __future__ import annotations

import json
import math

import pytest
from playwright.sync_api import Page, expect

from .api import api, walk
from .conftest import screenshot

pytestmark = pytest.mark.browser

# Every participation in the Arab Peace Initiative, by country name: 22 countries, Saudi
# Arabia twice (endorser and proposer).
ARAB_PEACE_INITIATIVE = [
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA",
    "OM", "PS", "QA", "SA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
]  # fmt: skip


def small_pages(page: Page, size: int) -> list[str]:
    """Ask for ``size`` items a page; returns the operations that followed a cursor."""
    followed: list[str] = []

    def shrink(route):
        body = route.request.post_data_json if route.request.method == "POST" else None
        variables = (body or {}).get("variables") or {}
        if "pageSize" not in variables:
            route.continue_()
            return
        variables["pageSize"] = size
        if variables.get("after"):
            followed.append(body["query"].split("(")[0].removeprefix("query "))
        route.continue_(post_data=json.dumps(body))

    page.route("**/graphql", shrink)
    return followed


def members(page: Page) -> list[str]:
    return page.locator("[data-members] tr[data-member]").evaluate_all(
        "rows => rows.map(row => row.dataset.member)"
    )


def test_all_members_of_a_long_agreement(page: Page, base_url: str, artifacts):
    page.goto(base_url + "/agreements/arab-peace-initiative")
    expect(page.locator("[data-members] tr[data-member]")).to_have_count(23)
    assert members(page) == ARAB_PEACE_INITIATIVE
    screenshot(page, artifacts, "agreement-arab-peace-initiative")


def test_members_followed_across_pages(page: Page, base_url: str):
    followed = small_pages(page, 4)
    page.goto(base_url + "/agreements/arab-peace-initiative")
    expect(page.locator("[data-members] tr[data-member]")).to_have_count(23)
    assert members(page) == ARAB_PEACE_INITIATIVE
    # Counted by role (Saudi Arabia proposed and endorsed): all 23 participations.
    expect(page.locator("[data-members] caption")).to_have_text(
        "Who takes part: 1 proposer, 22 endorsers"
    )
    expect(page.locator("[data-chart] [data-lane]")).to_have_count(23)
    expect(page.locator("[data-chart] [data-lane=SA][data-role=proposer]")).to_have_count(1)
    assert followed == ["AgreementMembers"] * 5  # pages 2-6 of 23 at 4 a page


def test_as_of_replay_followed_across_pages(page: Page, base_url: str):
    followed = small_pages(page, 4)
    page.goto(base_url + "/agreements/abraham-accords?asOf=2020-12-31")
    expect(page.locator("[data-members] tr[data-member]")).to_have_count(6)
    # In joining order, the page's default (#21 item 5): the date of each one's first status.
    assert members(page) == ["AE", "BH", "IL", "US", "SD", "MA"]
    expect(page.locator("[data-member=SD] [data-status]").first).to_have_text("announced")
    # The replay also reads where each stands now (notes show only once true): 7 at 4 a page.
    assert sorted(followed) == ["AgreementCurrent", "AgreementMembers"]


def test_country_lists_followed_across_pages(page: Page, base_url: str):
    # The whole lists in one page of 100 each, in the API's order, are what two-at-a-time
    # paging must add up to (the seed grows: 6 participations and 58 relations at #10).
    israel = api(
        base_url,
        """{ country(code: "IL") {
             participations(first: 100) { edges { node { agreement { slug } } } } } }""",
    )["country"]
    slugs = [e["node"]["agreement"]["slug"] for e in israel["participations"]["edges"]]
    relations = walk(
        base_url,
        """query($after: String) { country(code: "IL") { relations(first: 100, after: $after) {
             pageInfo { hasNextPage endCursor } edges { node { countries { code } } } } } }""",
        ("country", "relations"),
    )
    others = [next(c["code"] for c in r["countries"] if c["code"] != "IL") for r in relations]
    assert len(slugs) > 2 and len(others) > 2, "both lists must span several pages of 2"
    assert {"abraham-accords", "egypt-israel-peace-treaty"} <= set(slugs)
    assert {"KZ", "MR", "EG"} <= set(others)

    followed = small_pages(page, 2)
    page.goto(base_url + "/countries/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("Israel")
    participations = page.locator("[data-participations] tr[data-participation]")
    expect(participations).to_have_count(len(slugs))
    assert (
        participations.evaluate_all("rows => rows.map(row => row.dataset.participation)") == slugs
    )
    relations = page.locator("[data-relation]")
    expect(relations).to_have_count(len(others))
    assert relations.evaluate_all("items => items.map(item => item.dataset.relation)") == others
    expect(page.locator("[data-relation=KZ] time")).to_have_attribute("datetime", "1992-04-10")
    # Every page after the first was asked for once: ceil(n / 2) - 1 follow-ups per list.
    assert sorted(followed) == sorted(
        ["CountryParticipations"] * (math.ceil(len(slugs) / 2) - 1)
        + ["CountryRelations"] * (math.ceil(len(others) / 2) - 1)
    )


def test_search_shows_the_first_page_and_the_total(page: Page, base_url: str):
    page.goto(base_url + "/")
    page.get_by_label("Search countries, agreements and events").fill("kaz")
    expect(page.locator("#search-results li")).to_have_count(12)
    total = api(base_url, '{ search(query: "kaz", first: 1) { totalCount } }')["search"][
        "totalCount"
    ]
    assert total > 12
    expect(page.get_by_role("status").filter(has_text="results")).to_have_text(
        f"12 of {total} results"
    )
