"""Browser-test fixtures: a real server on a free port over a store built from seed/, and
Debian's Chromium driven by sync Playwright, with every request off 127.0.0.1 blocked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from server.settings import ROOT
from server.store.build import build_store

from ..live import live_server

SEED = ROOT / "seed"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
# Markup an attacker might slip into the data: it must show up as text, never run.
XSS_TITLE = 'Kazakhstan and Israel <img src=x onerror="alert(document.domain)"> relations'


@pytest.fixture(scope="session")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The real server over a store built from the real seed."""
    db = tmp_path_factory.mktemp("web-store") / "accordline.sqlite"
    build_store(SEED, db)
    with live_server(db, env={"ACCORDLINE_GRAPHIQL": "1"}) as server:
        yield server.url


@pytest.fixture(scope="session")
def xss_base_url(tmp_path_factory) -> Iterator[str]:
    """A server over a copy of the seed whose first Kazakhstan–Israel event title holds markup."""
    root = tmp_path_factory.mktemp("xss")
    seed = root / "seed"
    shutil.copytree(SEED, seed)
    events = seed / "events.toml"
    original = 'title = "Kazakhstan and Israel establish diplomatic relations"'
    text = events.read_text(encoding="utf-8")
    assert original in text, "the seed changed: update the XSS fixture's title"
    escaped = XSS_TITLE.replace('"', '\\"')
    events.write_text(text.replace(original, f'title = "{escaped}"'), encoding="utf-8")
    db = root / "accordline.sqlite"
    build_store(seed, db)
    with live_server(db, env={"ACCORDLINE_GRAPHIQL": "1"}) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Watched:
    """What a page did that a test must check: requests off this machine, errors, dialogs."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized page; ``page.watched`` records what it must not do."""
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    watched = Watched()

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            watched.external.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            watched.csp.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def on_dialog(dialog):
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.watched = watched
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert watched.external == [], f"requests left this machine: {watched.external}"
    assert watched.errors == [], f"uncaught errors in the page: {watched.errors}"
    assert watched.csp == [], f"the page broke its Content-Security-Policy: {watched.csp}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def screenshot(page: Page, folder: Path, name: str) -> None:
    """Save the whole page at desktop width and at 375 px, then restore the viewport."""
    page.screenshot(path=folder / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=folder / f"{name}-375.png", full_page=True)
    # Readable at 375 px: nothing but the scroll boxes (tables, chart) may be wider.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width} px wide at 375 px"
    page.set_viewport_size(DESKTOP)
