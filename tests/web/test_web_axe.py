"""axe-core (pinned in tests/js/package.json) on every page kind, at 1280 and 375 px: no
serious or critical violation. Each page is also saved as a screenshot at that width.

GraphiQL (/graphql) is excepted: it is a third-party tool (GraphiQL 3, pinned to match
Strawberry's page) whose markup we do not write; tests/web/test_web_flags_graphiql.py
checks what we add to it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page

from server.settings import ROOT

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


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
    "/events/negev-summit",
    "/timeline",
    "/relations/MR/IL",
    "/changes",
    "/about",
    "/map?country=IL&asOf=2010-01-01",
]
WIDTHS = {"1280": DESKTOP, "375": PHONE}


def open_page(page: Page, base_url: str, path: str) -> None:
    """Load the page and wait for the app to finish rendering it (and what it fetches)."""
    response = page.goto(base_url + path)
    page.wait_for_selector("#main:not([aria-busy])")
    page.wait_for_load_state("networkidle")
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.locator("#main h1", has_text="Not found").count() == 0, f"{path} not found"


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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES, ids=slug)
def test_no_serious_accessibility_violations(
    page: Page, base_url: str, artifacts, path: str, width: str
):
    # An init script, not add_script_tag: the UI's CSP allows no inline script, and the
    # test must not weaken it (init scripts run outside the page's CSP).
    page.context.add_init_script(path=AXE)
    page.set_viewport_size(WIDTHS[width])
    open_page(page, base_url, path)
    page.screenshot(path=artifacts / f"axe-{slug(path)}-{width}.png", full_page=True)
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    (artifacts / f"axe-{slug(path)}-{width}.json").write_text(
        json.dumps(violations, indent=2), encoding="utf-8"
    )
    assert blocking == [], (
        f"axe found serious or critical violations on {path} at {width} px:\n" + describe(blocking)
    )
