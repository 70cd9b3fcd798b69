"""The agreement swimlane chart: it scrolls with a cue at 375 px, a replay's ticks frame
its day and mark it, labels never run into bars, bars end at the record's (or the
replayed) day, and the chart downloads as a standalone SVG and as a PNG."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib

import pytest
from playwright.sync_api import Page, expect

from server.settings import ROOT

from .api import api
from .conftest import DESKTOP, PHONE
from .test_web_words import day_words

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTHS = {"1280": DESKTOP, "375": PHONE}


def open_chart(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-chart]")).to_be_visible()


def day_end(iso: str) -> float:
    """The end of a day in the chart's fractional years (format.js toYear, plus the day)."""
    year, month, day = (int(part) for part in iso.split("-"))
    return year + (month - 1) / 12 + (day - 1) / 365 + 1 / 365


def ticks(page: Page) -> list[tuple[float, float]]:
    """(fractional year, x) of every axis tick."""
    return page.locator("[data-chart] .tick").evaluate_all(
        "ts => ts.map(t => [Number(t.dataset.at), t.querySelector('line').x1.baseVal.value])"
    )


def x_of(year: float, marks: list[tuple[float, float]]) -> float:
    """Where a year falls on the axis, interpolated from its first and last ticks."""
    (a, xa), (b, xb) = marks[0], marks[-1]
    return xa + (year - a) / (b - a) * (xb - xa)


def lane_ends(page: Page) -> dict[str, float]:
    """Each lane's right edge: where its last segment stops."""
    return page.locator("[data-chart] [data-lane]").evaluate_all(
        """lanes => Object.fromEntries(lanes.filter(l => l.querySelector('rect')).map(l => {
             const r = [...l.querySelectorAll('rect')].at(-1);
             return [l.dataset.lane, r.x.baseVal.value + r.width.baseVal.value];
           }))"""
    )


# 1. At 375 px: it scrolls, says so only while it must, and scrolls by keyboard.


def test_chart_scrolls_with_a_cue_and_keyboard_at_375(page: Page, base_url: str, artifacts):
    page.set_viewport_size(PHONE)
    open_chart(page, base_url + "/agreements/abraham-accords")
    scroll = page.locator("[data-chart-scroll]")
    frame = page.locator(".chart-frame")
    cue = page.locator("[data-scroll-cue]")
    expect(scroll).to_have_attribute("tabindex", "0")
    expect(scroll).to_have_attribute("aria-label", re.compile(r"scrolls sideways"))
    assert scroll.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(cue).to_be_visible()
    # The fade over the cut right edge shows; none on the left before scrolling.
    expect(frame).to_have_attribute("data-more-right", "")
    # (It fades in: wait for the end of its transition.)
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.chart-frame'), '::after').opacity === '1'"
    )
    assert frame.evaluate("el => getComputedStyle(el, '::before').opacity") == "0"

    # Reached by Tab, with a visible focus ring; arrow keys scroll it.
    page.get_by_label("Who was in on").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if scroll.evaluate("el => el === document.activeElement"):
            break
    expect(scroll).to_be_focused()
    ring = scroll.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert ring[0] != "none" and ring[1] >= 2, ring
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('[data-chart-scroll]').scrollLeft > 0")
    expect(frame).to_have_attribute("data-more-left", "")
    # The figure with its focus ring, fades and cue (the ring sits just outside its box).
    page.locator(".chart-figure").evaluate("el => el.scrollIntoView({ block: 'center' })")
    figure = page.locator(".chart-figure").bounding_box()
    clip = {"x": 0, "y": figure["y"] - 8, "width": PHONE["width"], "height": figure["height"] + 16}
    page.screenshot(path=artifacts / "chart-375.png", clip=clip)
    # Kazakhstan's short bar, at the far right, comes into view at the end of the scroll.
    scroll.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    expect(frame).not_to_have_attribute("data-more-right", "")
    bar = page.locator("[data-chart] [data-lane=KZ] rect").last
    box, view = bar.bounding_box(), scroll.bounding_box()
    assert box and view and view["x"] <= box["x"] <= view["x"] + view["width"], (box, view)
    # ...and so does its name: the names stay pinned at the left edge while scrolled, each
    # level with its lane, so that bar reads as Kazakhstan's.
    names = page.locator("[data-chart-names]")
    expect(names).to_be_visible()
    name = names.locator("text", has_text="Kazakhstan")
    label = name.bounding_box()
    assert label and view["x"] <= label["x"] < box["x"], (label, box)
    middle = lambda b: b["y"] + b["height"] / 2  # noqa: E731
    assert abs(middle(label) - middle(box)) < 10, (label, box)
    page.screenshot(path=artifacts / "chart-375-scrolled.png", clip=clip)
    # Back at the start, the chart's own labels show and the pinned copy is gone.
    scroll.evaluate("el => { el.scrollLeft = 0; }")
    expect(names).to_be_hidden()

    # Wide enough for the whole chart: no cue, no fade.
    page.set_viewport_size(DESKTOP)
    expect(cue).to_be_hidden()
    assert not scroll.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(frame).not_to_have_attribute("data-more-right", "")


# 2. A replay's axis frames its day and marks it.


def test_as_of_ticks_frame_and_mark_the_chosen_date(page: Page, base_url: str, artifacts):
    open_chart(page, base_url + "/agreements/abraham-accords?asOf=2021-01-01")
    marks = ticks(page)
    chosen = day_end("2021-01-01")
    assert 3 <= len(marks) <= 8, marks
    before = [m for m in marks if m[0] <= chosen]
    after = [m for m in marks if m[0] > chosen]
    assert before and after, marks
    marker = page.locator("[data-chart] .as-of[data-end-marker='2021-01-01']")
    line_x = float(marker.locator("line").get_attribute("x1"))
    assert before[-1][1] <= line_x < after[0][1], (before[-1], line_x, after[0])
    expect(marker.locator("[data-marker-date]")).to_have_text("1 Jan 2021")
    # The marker's label overlaps no tick label.
    label = marker.locator("text").bounding_box()
    for tick in page.locator("[data-chart] .tick text").all():
        other = tick.bounding_box()
        apart = (
            label["x"] + label["width"] <= other["x"]
            or other["x"] + other["width"] <= label["x"]
            or label["y"] + label["height"] <= other["y"]
            or other["y"] + other["height"] <= label["y"]
        )
        assert apart, (tick.text_content(), label, other)
    page.locator(".chart-figure").screenshot(path=artifacts / "chart-asof-1280.png")


# 3. Labels never run into bars, on every agreement, wide and narrow.


@pytest.mark.parametrize("width", WIDTHS)
def test_labels_never_overlap_bars(page: Page, base_url: str, artifacts, width: str):
    slugs = [
        edge["node"]["slug"]
        for edge in api(base_url, "{ agreements(first: 100) { edges { node { slug } } } }")[
            "agreements"
        ]["edges"]
    ]
    assert len(slugs) >= 8, slugs
    page.set_viewport_size(WIDTHS[width])
    for slug in slugs:
        open_chart(page, f"{base_url}/agreements/{slug}")
        # Screen boxes, so the check holds whatever the chart is scaled to.
        widest, first_bar = page.locator("[data-chart]").evaluate(
            """svg => [
              Math.max(...[...svg.querySelectorAll('.lane-label')].map(t => t.getBoundingClientRect().right)),
              Math.min(...[...svg.querySelectorAll('rect.seg')].map(r => r.getBoundingClientRect().left)),
            ]"""
        )
        # Not just apart: a clear gap, so a label never reads as running into its bar.
        assert widest + 4 <= first_bar, (
            f"{slug} at {width} px: a label ends at {widest}, a bar starts at {first_bar}"
        )
        if slug == "arab-peace-initiative" and width == "1280":
            page.locator(".chart-figure").screenshot(path=artifacts / "chart-api-1280.png")
    # The role goes on a line of its own, under the name.
    open_chart(page, f"{base_url}/agreements/arab-peace-initiative")
    uae = page.locator("[data-chart] [data-lane=AE] .lane-label")
    expect(uae.locator(".lane-role")).to_have_text("endorser")
    assert uae.evaluate("t => t.firstChild.textContent") == "United Arab Emirates"


# 4. Bars end at the record's date, or at the replayed day.


def test_bars_end_at_the_records_date_or_the_replayed_day(page: Page, base_url: str):
    updated = api(base_url, "{ record { updated } }")["record"]["updated"]
    for query, day in (("", updated), ("?asOf=2021-01-01", "2021-01-01")):
        open_chart(page, f"{base_url}/agreements/abraham-accords{query}")
        end = x_of(day_end(day), ticks(page))
        marker = float(page.locator(f"[data-end-marker='{day}'] line").get_attribute("x1"))
        assert abs(marker - end) <= 1, (query, marker, end)
        ends = lane_ends(page)
        assert ends, query
        for lane, right in ends.items():
            assert abs(right - end) <= 1, f"{lane}'s bar ends at {right}, not {end} ({day})"
    expect(page.locator("[data-chart-end]")).to_contain_text(f"record as of {day_words(updated)}")


# 5. Downloads: a standalone SVG and a 2× PNG of it.


def light_palette() -> dict[str, str]:
    """The custom properties of app.css's first :root block: the light (paper) palette."""
    css = (ROOT / "web" / "app.css").read_text(encoding="utf-8")
    block = re.search(r":root\s*{([^}]*)}", css).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))


def test_chart_downloads_as_svg_and_png(page: Page, base_url: str, artifacts):
    updated = api(base_url, "{ record { updated } }")["record"]["updated"]
    # In dark mode, so the file shows it carries the light palette, not the screen's.
    page.emulate_media(color_scheme="dark")
    open_chart(page, base_url + "/agreements/abraham-accords?asOf=2021-01-01")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download SVG").click()
    assert download.value.suggested_filename == "abraham-accords-membership-2021-01-01.svg"
    svg_path = artifacts / "chart-download.svg"
    download.value.save_as(svg_path)
    root = ET.parse(svg_path).getroot()
    assert root.tag == f"{SVG}svg"
    lanes = root.findall(f".//{SVG}g[@data-lane]")
    assert sorted(g.get("data-lane") for g in lanes) == ["AE", "BH", "IL", "MA", "SD", "US"]
    style = root.find(f"{SVG}style").text
    for rule in (".seg", ".status-signed", ".lane-label", ".tick text", ".as-of line"):
        assert rule in style, rule
    for name in ("--surface", "--text", "--signed", "--focus"):
        assert f"{name}: {light_palette()[name]};" in style, name
    assert "prefers-color-scheme" not in style
    assert root.find(f"{SVG}title").text == "Abraham Accords: membership over time"
    desc = root.find(f"{SVG}desc").text
    assert f"As of 1 Jan 2021; record as of {day_words(updated)}" in desc, desc
    lines = [t.text for t in root.findall(f"{SVG}text")]
    source = f"accordline, {base_url}/agreements/abraham-accords?asOf=2021-01-01"
    assert source in lines, lines
    # The file says what its colours mean: a key of the statuses its bars use.
    key = root.find(f".//{SVG}g[@class='export-key']")
    assert [t.text for t in key.iter(f"{SVG}text")] == ["announced", "signed"]
    assert {r.get("class") for r in key.iter(f"{SVG}rect")} == {
        "seg status-announced",
        "seg status-signed",
    }

    with page.expect_download() as download:
        page.get_by_role("button", name="Download PNG").click()
    assert download.value.suggested_filename.endswith(".png")
    png_path = artifacts / "chart-download.png"
    download.value.save_as(png_path)
    data = png_path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (2 * int(root.get("width")), 2 * int(root.get("height")))
    # Drawn, not blank: a blank canvas inflates to a run of one byte.
    pixels = zlib.decompress(b"".join(chunks(data, b"IDAT")))
    assert len(set(pixels)) > 50
    expect(page.locator("[data-download-problem]")).to_be_hidden()


def chunks(data: bytes, kind: bytes) -> list[bytes]:
    """The payloads of a PNG's chunks of one kind."""
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == kind:
            found.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return found
