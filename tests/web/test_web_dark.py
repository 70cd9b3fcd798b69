"""Dark mode (prefers-color-scheme: dark): every page kind switches, the chart with it, and
axe-core finds no serious or critical violation (colour contrast included) at 1280 and
375 px. Each page is saved as tests/artifacts/dark-<page>-<width>.png to be looked at."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page

from .test_web_axe import (
    AXE,
    BLOCKING,
    PAGES,
    WIDTHS,
    axe_violations,
    describe,
    open_page,
    slug,
)

pytestmark = pytest.mark.browser


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a computed "rgb(r, g, b)" colour."""
    channels = [int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES, ids=slug)
def test_dark_mode_has_no_serious_accessibility_violations(
    page: Page, base_url: str, artifacts, path: str, width: str
):
    # The shared page fixture keeps its guards (no network, no CSP breaks, no errors).
    page.emulate_media(color_scheme="dark")
    page.context.add_init_script(path=AXE)
    page.set_viewport_size(WIDTHS[width])
    open_page(page, base_url, path)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert luminance(background) < 0.05, f"{path} is not dark: {background}"
    page.screenshot(path=artifacts / f"dark-{slug(path)}-{width}.png", full_page=True)
    violations = axe_violations(page)
    (artifacts / f"dark-{slug(path)}-{width}.json").write_text(
        json.dumps(violations, indent=2), encoding="utf-8"
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], (
        f"axe found serious or critical violations on {path} in dark mode at {width} px:\n"
        + describe(blocking)
    )


def chart_colours(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => {
          const c = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
          return {
            paper: c('[data-chart-scroll]', 'backgroundColor'),
            label: c('[data-chart] .lane-label', 'fill'),
            tick: c('[data-chart] .tick text', 'fill'),
            marker: c('[data-chart] .as-of text', 'fill'),
            bar: c('[data-chart] rect.status-signed', 'fill'),
          };
        }"""
    )


def test_the_chart_follows_the_colour_scheme(page: Page, base_url: str):
    url = base_url + "/agreements/abraham-accords?asOf=2021-01-01"
    open_page(page, base_url, "/agreements/abraham-accords?asOf=2021-01-01")
    light = chart_colours(page)
    page.emulate_media(color_scheme="dark")
    page.goto(url)
    page.wait_for_selector("[data-chart]")
    dark = chart_colours(page)
    # Paper and ink swap: dark paper, light labels.
    assert luminance(light["paper"]) > 0.8 and luminance(dark["paper"]) < 0.05, (light, dark)
    assert luminance(dark["label"]) > luminance(dark["paper"])
    # Every kind of chart text stays readable on its paper in both schemes.
    for scheme in (light, dark):
        for part in ("label", "tick", "marker"):
            ratio = contrast(scheme[part], scheme["paper"])
            assert ratio >= 4.5, f"{part} {scheme[part]} on {scheme['paper']}: {ratio:.2f}:1"
    # The darker signed blue still stands out from dark paper (3:1 for graphics).
    assert contrast(dark["bar"], dark["paper"]) >= 3, dark
    assert dark["label"] != light["label"] and dark["tick"] != light["tick"]


def over(colour: str, paper: str) -> str:
    """A translucent computed colour ("rgba(0, 0, 0, 0.25)") as it shows on opaque paper."""
    *rgb, alpha = [*map(float, re.findall(r"[\d.]+", colour)), 1.0][:4]
    base = [float(v) for v in re.findall(r"[\d.]+", paper)[:3]]
    mixed = [round(c * alpha + b * (1 - alpha)) for c, b in zip(rgb, base, strict=True)]
    return "rgb({}, {}, {})".format(*mixed)


BARS = """() => [...document.querySelectorAll('[data-chart] rect.seg')].map((bar) => {
  const style = getComputedStyle(bar);
  return { status: bar.dataset.status, fill: style.fill, stroke: style.stroke, width: parseFloat(style.strokeWidth) };
})"""


@pytest.mark.parametrize("slug_", ["abraham-accords", "arab-peace-initiative"])
def test_every_bar_stands_out_from_its_paper_in_both_schemes(page: Page, base_url: str, slug_):
    """3:1 for graphics (WCAG 1.4.11): on white by the bar's outline (the pale fills are not
    enough), on dark paper by the fill itself."""
    url = f"{base_url}/agreements/{slug_}"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(url)
        page.wait_for_selector("[data-chart] rect.seg")
        paper = page.evaluate(
            "getComputedStyle(document.querySelector('[data-chart-scroll]')).backgroundColor"
        )
        bars = page.evaluate(BARS)
        assert bars, url
        for bar in bars:
            if scheme == "light":
                edge = over(bar["stroke"], paper)
                assert bar["width"] >= 1 and contrast(edge, paper) >= 3, (bar, edge, paper)
            else:
                assert contrast(bar["fill"], paper) >= 3, (bar, paper)
