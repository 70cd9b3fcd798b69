"""The relation page's pair form: names and codes typed by readers are read by the API (one
request for both fields), its sentences are shown beside the field they concern, and the
page's address is built from the codes the API returned."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser


def error_beside(control: Locator) -> Locator:
    """The sentence in the control's own field, after checking it is tied to the control."""
    error = control.locator("xpath=..").locator(".field-error")
    expect(error).to_have_count(1)
    expect(control).to_have_attribute("aria-invalid", "true")
    assert error.get_attribute("id") in (control.get_attribute("aria-describedby") or "").split()
    return error


def compare(page: Page, first: str, second: str) -> list[str]:
    """Fill both fields and submit; the API requests made meanwhile, by body, other than
    the country list the fields' suggestions are drawn from."""
    sent: list[str] = []

    def record(request) -> None:
        body = request.post_data or ""
        if request.url.endswith("/graphql") and "query Countries(" not in body:
            sent.append(body)

    page.on("request", record)
    page.get_by_label("First country").fill(first)
    page.get_by_label("Second country").fill(second)
    page.get_by_role("button", name="Compare").click()
    return sent


def test_names_typed_in_the_pair_form_go_to_the_codes(page: Page, base_url: str):
    page.goto(base_url + "/relations/KZ/QQ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown country")
    compare(page, "Turkey", "UAE")
    # A pair without Israel has one address too: its codes in order (server/urls.py).
    expect(page).to_have_url(base_url + "/relations/AE/TR")
    expect(page.get_by_role("heading", level=1)).to_have_text("United Arab Emirates and Türkiye")
    expect(page.locator("[data-relation-page]")).to_have_attribute("data-relation-page", "AE-TR")


def test_an_unknown_name_gets_its_suggestion_beside_the_field(page: Page, base_url: str):
    page.goto(base_url + "/relations/KZ/QQ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown country")
    sent = compare(page, "Kazakstan", "Israel")
    first, second = page.get_by_label("First country"), page.get_by_label("Second country")
    expect(error_beside(first)).to_have_text(
        "No country called “Kazakstan” — did you mean Kazakhstan?"
    )
    expect(first).to_be_focused()
    expect(second).not_to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(base_url + "/relations/KZ/QQ")
    # Both fields were read by the API in one request, not by a country list in the page.
    assert len(sent) == 1 and "Kazakstan" in sent[0] and "Israel" in sent[0], sent
    # Two mistakes at once: each is told beside its own field.
    compare(page, "Kazakstan", "Ismael")
    expect(error_beside(second)).to_have_text(
        re.compile(r"^No country called “Ismael” — did you mean Israel")
    )
    expect(error_beside(first)).to_contain_text("did you mean Kazakhstan?")
    # Fixed, the marks go and the page opens.
    compare(page, "kazakhstan", "Israel")
    expect(page).to_have_url(base_url + "/relations/KZ/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan and Israel")


def test_a_misspelt_name_in_the_address(page: Page, base_url: str):
    page.goto(base_url + "/relations/Kazakstan/IL")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown country")
    expect(error_beside(page.get_by_label("First country"))).to_have_text(
        "No country called “Kazakstan” — did you mean Kazakhstan?"
    )
    expect(page.get_by_label("Second country")).not_to_have_attribute("aria-invalid", "true")
    # An empty field says what to type; the same country twice, by name and code, is one.
    compare(page, " ", "Israel")
    expect(error_beside(page.get_by_label("First country"))).to_have_text(
        "Type a country: a name, like Kazakhstan, or a code, like KZ."
    )
    compare(page, "Israel", "ISR")
    expect(error_beside(page.get_by_label("Second country"))).to_have_text(
        "Pick two different countries."
    )
