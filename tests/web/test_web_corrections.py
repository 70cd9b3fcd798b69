"""A reader reports an error from a fact, and the maintainers' command lists it; a site with
reports turned off says so instead of showing the form."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from server.settings import ROOT
from server.store.build import build_store

from ..live import live_server
from .conftest import SEED

MESSAGE = "The ministry's statement gives another day for this step."


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corrections-store") / "accordline.sqlite"
    build_store(SEED, db)
    return db


@pytest.fixture(scope="module")
def taking(store, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A server taking reports (one per client, so the second is refused), and its file."""
    kept = tmp_path_factory.mktemp("reports") / "corrections.sqlite"
    env = {"ACCORDLINE_CORRECTIONS_DB": str(kept), "ACCORDLINE_CORRECTIONS_PER_CLIENT": "1"}
    with live_server(store, env=env) as server:
        yield server.url, kept


@pytest.fixture(scope="module")
def not_taking(store) -> Iterator[str]:
    with live_server(store, env={"ACCORDLINE_CORRECTIONS": "off"}) as server:
        yield server.url


def listed(kept: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "server", "corrections", "--json"],
        cwd=ROOT,
        env={**os.environ, "ACCORDLINE_CORRECTIONS_DB": str(kept)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_report_from_a_relation_step_reaches_the_command(page: Page, taking):
    base_url, kept = taking
    page.goto(base_url + "/relations/KZ/IL")
    path = page.evaluate("location.pathname")
    step = page.locator("[data-history] li.step").first
    expected_head = step.locator(".step-head").inner_text().split()[0]  # the step's day
    report = step.get_by_role("button", name="Report an error")
    expect(report).to_have_attribute("aria-expanded", "false")
    report.click()

    form = step.locator("[data-report-form]")
    expect(form).to_be_visible()
    expect(report).to_have_attribute("aria-expanded", "true")
    expect(report).to_have_attribute("aria-controls", form.get_attribute("id"))
    # Prefilled, read-only: the fact's page and what the page shows of it (not its sources).
    permalink = form.get_by_label("Page", exact=True)
    shown = form.get_by_label("What the page shows")
    expect(permalink).to_have_value(path)
    expect(permalink).to_have_attribute("readonly", "")
    expect(shown).to_have_attribute("readonly", "")
    shown_text = shown.input_value()
    assert expected_head in shown_text and "Report an error" not in shown_text
    assert "Source:" not in shown_text and "Sources:" not in shown_text
    # Keyboard only: the message field has focus; Tab to the contact, then to Send.
    message = form.get_by_label("What is wrong")
    expect(message).to_be_focused()
    page.keyboard.type(MESSAGE)
    page.keyboard.press("Tab")
    expect(form.get_by_label("How to reach you (optional)")).to_be_focused()
    page.keyboard.type("desk@example.org")
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Send report")).to_be_focused()
    page.keyboard.press("Enter")
    sent = step.locator("[data-report-sent]")
    expect(sent).to_contain_text("Sent. Thank you: your report was received")
    expect(sent).to_be_focused()

    [row] = listed(kept)
    assert (row["permalink"], row["message"], row["contact"]) == (path, MESSAGE, "desk@example.org")
    assert row["shown"] == shown_text

    # An event's report names the event's own page; Escape closes the form.
    event = page.locator("[data-events] li.event").first
    event.get_by_role("button", name="Report an error").click()
    event_form = event.locator("[data-report-form]")
    slug = event.get_attribute("data-event")
    expect(event_form.get_by_label("Page", exact=True)).to_have_value(f"/events/{slug}")
    # The server's own sentence when it refuses (one report per client on this server).
    event_form.get_by_label("What is wrong").fill("A second report.")
    event_form.get_by_role("button", name="Send report").click()
    refused = event_form.locator("[data-report-refused='429']")
    expect(refused).to_contain_text("Not sent: this client has already sent 1 report(s)")
    page.keyboard.press("Escape")
    expect(event_form).to_have_count(0)
    expect(event.get_by_role("button", name="Report an error")).to_be_focused()
    assert len(listed(kept)) == 1

    # The about page says where a report goes (same visit, reached by its link).
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About").click()
    where = page.locator("[data-reports='on'] [data-report-where]")
    expect(where).to_contain_text("this site's own corrections store")
    expect(page.locator("[data-reports='on']")).to_contain_text("python -m server corrections")


def test_with_reports_off_the_pages_say_so_instead_of_a_form(page: Page, not_taking):
    page.goto(not_taking + "/relations/KZ/IL")
    step = page.locator("[data-history] li.step").first
    step.get_by_role("button", name="Report an error").click()
    expect(step.locator("[data-report-off]")).to_contain_text(
        "This site does not take reports of errors"
    )
    expect(page.locator("[data-report-form]")).to_have_count(0)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About").click()
    expect(page.locator("[data-reports='off']")).to_contain_text(
        "its operator has turned the corrections form off"
    )
