"""Dark mode (prefers-color-scheme: dark): the chart switches with the page, its text stays
readable and its bars stand out in both schemes. That every page kind is dark and passes axe
in dark mode at 1280 and 375 px is checked by the walk in test_web_axe.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .test_web_axe import luminance, open_page

pytestmark = pytest.mark.browser


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


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
