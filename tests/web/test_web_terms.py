"""Issue #21, item 8 in the browser: the agreement page says who signed, who brokered and
what each side got, per country, each term with its date, on whose word it rests and its
sources. Expectations are read from the API and the model's vocabulary, not pinned."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from server.model.terms import TermKind

from .api import api
from .test_web_representation import expect_attribution

pytestmark = pytest.mark.browser

TERMS = """query($slug: String!) { agreement(slug: $slug) {
  participants(first: 100) { edges { node { role country { code name } terms {
    kind text date { iso }
    attribution { statedBy { name } press acknowledged note }
    sources { title url }
  } } } }
} }"""


def test_the_agreement_page_lists_each_countrys_terms_with_sources(page: Page, base_url: str):
    members = [
        edge["node"]
        for edge in api(base_url, TERMS, slug="abraham-accords")["agreement"]["participants"][
            "edges"
        ]
    ]
    with_terms = [m for m in members if m["terms"]]
    morocco = next(m for m in with_terms if m["country"]["code"] == "MA")
    received = next(t for t in morocco["terms"] if t["kind"] == "RECEIVED")
    assert "Western Sahara" in received["text"]

    page.goto(base_url + "/agreements/abraham-accords")
    section = page.locator("[data-terms]")
    expect(section.locator("h2")).to_have_text("Who signed, who brokered, and what each side got")
    expect(section.locator("[data-terms-of]")).to_have_count(len(with_terms))

    shown = section.locator('[data-terms-of="MA"]')
    expect(shown.locator("h3")).to_contain_text(morocco["country"]["name"])
    expect(shown.locator("[data-term]")).to_have_count(len(morocco["terms"]))
    index = morocco["terms"].index(received)
    item = shown.locator("[data-term]").nth(index)
    expect(item).to_have_attribute("data-term", "RECEIVED")
    expect(item.locator(".kind")).to_have_text(TermKind.RECEIVED.word)
    expect(item.locator(".kind")).to_have_attribute("title", TermKind.RECEIVED.meaning)
    expect(item.locator("time")).to_have_attribute("datetime", received["date"]["iso"])
    text = item.locator(".term-text")
    expect(text).to_have_text(received["text"])
    expect(text).to_have_attribute("dir", "auto")
    links = item.locator("[data-sources] a")
    expect(links).to_have_count(len(received["sources"]))
    for source in received["sources"]:
        link = item.locator(f'[data-sources] a[href="{source["url"]}"]')
        expect(link).to_have_count(1)
        expect(link).to_contain_text(source["title"])
    expect_attribution(item.locator(".attribution"), received["attribution"])

    # A replay before the terms were known shows none of them.
    page.goto(base_url + "/agreements/abraham-accords?asOf=2020-09-01")
    expect(page.locator("[data-members]").first).to_be_visible()
    expect(page.locator('[data-terms-of="MA"]')).to_have_count(0)
