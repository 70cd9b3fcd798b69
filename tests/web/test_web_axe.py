"""axe-core (pinned in tests/js/package.json) on every page kind, in the light and the dark
colour scheme (prefers-color-scheme), at 1280 and 375 px: no serious or critical violation
(colour contrast included), and in dark mode every page kind is dark. Each page is saved as a
screenshot to be looked at, tests/artifacts/axe-<page>-<width>.png (light) and
dark-<page>-<width>.png, with axe's findings beside it (.json).

One walk per scheme and width: a single browser page visits every page kind in turn, and a
failure lists every page that failed, by path (the walk does not stop at the first).

GraphiQL (/graphql) is excepted: it is a third-party tool (GraphiQL 3, pinned to match
Strawberry's page) whose markup we do not write; tests/web/test_web_flags_graphiql.py
checks what we add to it.
"""

from __future__ import annotations

import contextlib
import json
import re
import time

import pytest
from playwright.sync_api import Page

from server.settings import ROOT

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# Rules of lesser impact that no page may break either: a skipped heading level misleads a
# screen reader's outline (the timeline's events were h3 under the h1).
RULES_ON = {"heading-order"}


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


# Every page kind, explicitly (none may be missing or skipped): add a new one here.
PAGES = [
    "/",
    "/countries",
    "/countries/KZ",
    "/agreements",
    "/agreements/abraham-accords",
    "/agreements/abraham-accords?asOf=2020-12-31",
    "/agreements/abraham-accords/candidates",
    "/events/negev-summit",
    "/timeline",
    "/relations/MR/IL",
    "/relations/TR/IL",
    "/changes",
    "/about",
    "/map?country=IL&asOf=2010-01-01",
    "/counts/IL?asOf=1993-12-31",
]
WIDTHS = {"1280": DESKTOP, "375": PHONE}
# The light walk runs in `make test`; the dark walk of every page at both widths (75 s of
# the suite's time on two cores) runs with the long runs in `make test-ops`, which CI runs
# too; tests/web/test_web_dark.py keeps the dark scheme's colour checks in `make test`.
SCHEMES = ["light", pytest.param("dark", marks=pytest.mark.ops)]
ARTIFACT = {"light": "axe", "dark": "dark"}  # the screenshots' names begin with it


def open_page(page: Page, base_url: str, path: str) -> None:
    """Load the page and wait for the app to finish rendering it (and what it fetches)."""
    with quiet_network(page, path):
        response = page.goto(base_url + path)
        page.wait_for_selector("#main:not([aria-busy])")
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.locator("#main h1", has_text="Not found").count() == 0, f"{path} not found"


@contextlib.contextmanager
def quiet_network(page: Page, path: str, quiet: float = 0.15, timeout: float = 10.0):
    """On leaving, wait until no request has been open for ``quiet`` seconds: Playwright's
    "networkidle" with a shorter quiet time than its fixed 500 ms, which a walk would
    otherwise wait out on every page."""
    pending: set = set()

    def opened(request) -> None:
        pending.add(request)

    def closed(request) -> None:
        pending.discard(request)

    events = {"request": opened, "requestfinished": closed, "requestfailed": closed}
    for event, handler in events.items():
        page.on(event, handler)
    try:
        yield
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while True:
            if pending:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return
            urls = [request.url for request in pending]
            assert time.monotonic() < deadline, f"{path} is still loading: {urls}"
            page.wait_for_timeout(25)
    finally:
        for event, handler in events.items():
            page.remove_listener(event, handler)


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the whole document and return its violations."""
    return page.evaluate(
        """async () => {
          const results = await axe.run(document, { resultTypes: ["violations"] });
          return results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map((n) => n.target.join(" ")),
          }));
        }"""
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"][:10])
        for v in violations
    )


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a computed "rgb(r, g, b)" colour."""
    channels = [int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def check(page: Page, base_url: str, artifacts, path: str, scheme: str, width: str) -> str | None:
    """One page of the walk: what is wrong with it, or None."""
    open_page(page, base_url, path)
    name = f"{ARTIFACT[scheme]}-{slug(path)}-{width}"
    page.screenshot(path=artifacts / f"{name}.png", full_page=True)
    if scheme == "dark":
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        if luminance(background) >= 0.05:
            return f"{path} is not dark: its background is {background}"
    violations = axe_violations(page)
    (artifacts / f"{name}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    blocking = [v for v in violations if v["impact"] in BLOCKING or v["id"] in RULES_ON]
    if blocking:
        return f"{path}: axe found blocking violations:\n" + describe(blocking)
    return None


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_kind_has_no_serious_accessibility_violations(
    page: Page, base_url: str, artifacts, scheme: str, width: str
):
    # An init script, not add_script_tag: the UI's CSP allows no inline script, and the
    # test must not weaken it (init scripts run outside the page's CSP). The page fixture
    # keeps its guards over the whole walk (no network, no CSP breaks, no errors).
    page.context.add_init_script(path=AXE)
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(WIDTHS[width])
    failures = [
        problem
        for path in PAGES
        if (problem := check(page, base_url, artifacts, path, scheme, width)) is not None
    ]
    assert failures == [], (
        f"{len(failures)} of {len(PAGES)} page kinds failed in the {scheme} scheme at "
        f"{width} px:\n\n" + "\n\n".join(failures)
    )
