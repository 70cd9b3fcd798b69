"""The map to publish: the OIC's 2000-vs-today map downloads as SVG and PNG with its key and
source line, the Gulf view keeps Bahrain and Qatar findable on a phone, and the date field,
the slider and the address stay in step. Screenshots in tests/artifacts/ (map-*.png)."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from server.api.list_filters import MAP_VIEWS
from server.settings import ROOT

from .api import api
from .conftest import PHONE
from .test_web_chart import PNG_SIGNATURE, SVG, chunks
from .test_web_words import day_words

pytestmark = pytest.mark.browser

BOTH_DAYS = """query($to: Date!) {
  record { updated contentVersion }
  relations(first: 100, filter: {country: "IL", group: "OIC", asOf: $to}) {
    totalCount edges { node { countries { code name } a: state(asOf: "2000-01-01") b: state(asOf: $to) } }
  }
}"""


GULF = """{ relations(first: 100, filter: {country: "IL", group: "ARAB_LEAGUE"}) {
  edges { node { countries { code } state } } } }"""
STATE_WORDS = {"FULL": "full relations", "NO_RELATIONS": "no relations", "NONE_EVER": "none ever"}


def query_of(page: Page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(page.url).query).items()}


def open_map(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#main:not([aria-busy])")
    expect(page.locator("[data-map-page] svg[data-map] path").first).to_be_attached()


def test_the_oic_2000_vs_today_map_lists_and_downloads_what_changed(
    page: Page, base_url: str, artifacts
):
    today = api(base_url, "{ record { updated } }")["record"]["updated"]
    data = api(base_url, BOTH_DAYS, to=today)
    version = data["record"]["contentVersion"]
    pairs = {e["node"]["countries"][1]["code"]: e["node"] for e in data["relations"]["edges"]}
    changed = {code for code, node in pairs.items() if node["a"] != node["b"]}
    now_full = {code for code in changed if pairs[code]["b"] == "FULL"}
    assert {"AE", "BH", "MA"} <= now_full  # the Abraham Accords states that exchanged embassies

    address = f"/map?country=IL&group=OIC&asOf=2000-01-01&compare={today}"
    open_map(page, base_url + address)
    expect(page.locator("main h1")).to_have_text("Map of relations with Israel")
    # Each state is coloured by its change; each change listed, with its steps and sources.
    expect(page.locator('path[data-country="AE"]')).to_have_attribute(
        "data-state", "change-NOW_FULL"
    )
    items = page.locator("[data-map-changes] li[data-change]")
    shown = set(items.evaluate_all("items => items.map((i) => i.dataset.country)"))
    assert changed <= shown, sorted(changed - shown)
    assert {c for c in shown if c not in changed} == {
        c
        for c in shown
        if page.locator(f'li[data-country="{c}"]').get_attribute("data-change") == "RETURNED"
    }
    expect(page.locator('[data-legend="NOW_FULL"] [data-count]')).to_have_text(str(len(now_full)))
    bahrain = page.locator('[data-map-changes] li[data-country="BH"]')
    expect(bahrain).to_have_attribute("data-change", "NOW_FULL")
    before = STATE_WORDS[pairs["BH"]["a"]]
    expect(bahrain.locator(".change-head")).to_have_text(f"Bahrain: {before} → full relations")
    established = bahrain.locator('li[data-step="RELATIONS_ESTABLISHED"]')
    expect(established.locator("time")).to_have_attribute("datetime", "2020-10-18")
    expect(established.locator("[data-sources] a").first).to_have_attribute(
        "href", re.compile("^https?://")
    )
    # Bahrain is too small for the world map: listed and downloadable, not a blank.
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "map-compare-1280.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download SVG").click()
    assert download.value.suggested_filename == f"map-IL-2000-01-01-vs-{today}.svg"
    svg_path = artifacts / "map-compare-download.svg"
    download.value.save_as(svg_path)
    root = ET.parse(svg_path).getroot()
    title = "Organisation of Islamic Cooperation members: relations with Israel, what changed"
    assert root.find(f"{SVG}title").text == title
    span = f"from 1 Jan 2000 to {day_words(today)}"
    assert span in root.find(f"{SVG}desc").text
    key = [t.text for t in root.find(f".//{SVG}g[@class='export-key']").iter(f"{SVG}text")]
    assert f"full relations on the later day, not the earlier ({len(now_full)})" in key, key
    assert "Israel (the chosen country)" in key
    lines = [t.text for t in root.findall(f"{SVG}text")]
    assert f"{title} · {span}" in lines, lines
    source = (
        f"accordline, record of {day_words(today)} (version {version[:8]}), {base_url}{address}"
    )
    assert source in lines, lines
    # Light paper whatever the screen's scheme; the changes' fills travel with the file.
    style = root.find(f"{SVG}style").text
    assert ".map-page .change-NOW_FULL" in style and "prefers-color-scheme" not in style
    assert len(root.findall(f".//{SVG}path[@data-state='change-NOW_FULL']")) >= 3

    with page.expect_download() as download:
        page.get_by_role("button", name="Download PNG").click()
    png_path = artifacts / "map-compare-download.png"
    download.value.save_as(png_path)
    png = png_path.read_bytes()
    assert png[:8] == PNG_SIGNATURE
    assert struct.unpack(">II", png[16:24]) == (
        2 * int(root.get("width")),
        2 * int(root.get("height")),
    )
    assert len(set(zlib.decompress(b"".join(chunks(png, b"IDAT"))))) > 50  # drawn, not blank
    expect(page.locator("[data-download-problem]")).to_be_hidden()

    # The embed shows the same comparison, in plain words, and downloads it too.
    open_map(page, base_url + "/embed" + address)
    expect(page.locator('path[data-country="AE"]')).to_have_attribute(
        "data-state", "change-NOW_FULL"
    )
    expect(page.get_by_role("button", name="Download PNG")).to_be_visible()
    expect(page.locator("[data-map-changes] li[data-change]")).to_have_count(len(shown))


def test_the_gulf_view_at_375_px_keeps_bahrain_and_qatar_findable(
    page: Page, base_url: str, artifacts
):
    rows = api(base_url, GULF)["relations"]["edges"]
    states = {e["node"]["countries"][1]["code"]: e["node"]["state"] for e in rows}
    page.set_viewport_size(PHONE)
    open_map(page, f"{base_url}/map?country=IL&view=gulf")
    expect(page.get_by_label("Region")).to_have_value("GULF")
    for code, name in (("BH", "Bahrain"), ("QA", "Qatar")):
        label = page.locator(f'svg[data-map] [data-label="{code}"]')
        expect(label).to_have_text(name)
        expect(label).to_be_visible()
        # The mark itself: a dot in its state's fill, or its shape, at least 8 px across.
        target = page.locator(f'[data-small="dot"][data-country="{code}"] circle')
        if not target.count():
            target = page.locator(f'svg[data-map] path[data-country="{code}"]')
        box = target.bounding_box()
        assert box["width"] >= 8 and box["height"] >= 8, (code, box)
        state = states[code]
        expect(target).to_have_class(re.compile(rf"\bstate-{state}\b"))
        named = page.locator(f'svg[data-map] [data-country="{code}"] title').first
        expect(named).to_have_text(re.compile(rf"^{name}: {STATE_WORDS[state]}"))
    # Israel is drawn, not ringed: no marker covers the Levant.
    expect(page.locator("[data-chosen-mark]")).to_have_count(0)
    expect(page.locator('path[data-country="IL"]')).to_have_attribute("data-chosen", "")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / "map-gulf-375.png", full_page=True)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=artifacts / "map-gulf-dark-375.png", full_page=True)
    # A dot opens its relation, as a shape does.
    page.locator('[data-small="dot"][data-country="BH"] circle').click()
    expect(page).to_have_url(re.compile(r"/relations/(BH/IL|IL/BH)$"))
    # Every region the page offers is one the server reads, and no other.
    open_map(page, f"{base_url}/map?country=IL&view=mena")
    offered = page.locator("#map-view option").evaluate_all("os => os.map((o) => o.value)")
    assert tuple(offered) == MAP_VIEWS
    page.screenshot(path=artifacts / "map-mena-dark-375.png", full_page=True)


def test_the_date_field_the_slider_and_the_address_stay_in_step(page: Page, base_url: str):
    open_map(page, f"{base_url}/map?country=IL&asOf=2009-01-31")
    field, slider = page.get_by_label("Date", exact=True), page.locator("#map-date")
    expect(field).to_have_value("2009-01-31")
    field.fill("2010-03-20")
    field.dispatch_event("change")
    expect(page.locator('path[data-country="MR"]')).to_have_attribute("data-state", "SEVERED")
    assert query_of(page)["asOf"] == "2010-03-20"
    expect(slider).to_have_attribute("aria-valuetext", "20 Mar 2010")
    # A day between steps is shown as typed; the slider rests on the step before it.
    field.fill("2009-06-01")
    field.dispatch_event("change")
    expect(page.locator('path[data-country="MR"]')).to_have_attribute("data-state", "SUSPENDED")
    assert query_of(page)["asOf"] == "2009-06-01"
    expect(page.locator("#map-step-note")).to_contain_text("Nothing changed on 1 Jun 2009")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(field).not_to_have_value("2009-06-01")
    assert query_of(page)["asOf"] == field.input_value()
    page.keyboard.press("End")
    assert "asOf" not in query_of(page)
    # A bad day in the address: the map of today, and the problem beside the date field.
    open_map(page, f"{base_url}/map?country=IL&asOf=2010-02-30&view=atlantis")
    expect(page.locator("main h1")).to_have_text("Map of relations with Israel")
    expect(page.locator('[data-field-error="day"]')).to_contain_text("there is no 30 February")
    expect(page.locator('[data-field-error="view"]')).to_contain_text("“atlantis” is not a view")
    expect(page.locator('path[data-country="MR"]')).to_have_attribute("data-state", "SEVERED")
    # The embed's words are plain: no "step date".
    open_map(page, f"{base_url}/embed/map?country=IL&asOf=2010-01-01")
    note = page.locator("#map-step-note")
    expect(note).to_contain_text("Nothing changed on 1 Jan 2010")
    assert "step date" not in page.locator("main").inner_text()
    assert (ROOT / "tests" / "artifacts").is_dir()
