"""Taking the whole record and the map's answer away, in a real browser: the About page's
store download opens with SQLite and holds what the API counts, and the map's exports
follow its slider."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, expect

from .api import api

pytestmark = pytest.mark.browser

COUNTS = """{ countries(first: 1) { totalCount } agreements(first: 1) { totalCount }
  events(first: 1) { totalCount } relations(first: 1) { totalCount } }"""
# The API's list → the store's table that holds one row per item of it.
TABLES = {
    "countries": "countries",
    "agreements": "agreements",
    "events": "events",
    "relations": "relations",
}


def download(page: Page, selector: str) -> tuple[str, bytes]:
    """Click a download link: the file name the browser was given, and its bytes."""
    with page.expect_download() as info:
        page.locator(selector).click()
    assert info.value.failure() is None
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_the_store_downloaded_from_about_holds_what_the_api_counts(
    page: Page, base_url: str, tmp_path
):
    page.goto(base_url + "/about")
    links = page.locator("[data-downloads] a[download]")
    expect(links).to_have_count(3)
    version = httpx.get(base_url + "/healthz", timeout=10).json()["contentVersion"]

    name, data = download(page, '[data-downloads] a[href="/download/accordline.sqlite"]')
    assert name == f"accordline-{version}.sqlite"
    store = tmp_path / name
    store.write_bytes(data)
    counts = api(base_url, COUNTS)
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for field, table in TABLES.items():
            stored = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 (names from TABLES)
            assert stored == counts[field]["totalCount"], field
    cli = shutil.which("sqlite3")
    if cli:  # the command line a reader would use, where it is installed
        out = subprocess.run(
            [cli, str(store), "select count(*) from events"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert int(out.stdout) == counts["events"]["totalCount"]

    # The other two links are files too, named by the same version.
    for href, suffix in (
        ("/download/accordline-csv.zip", ".zip"),
        ("/download/metadata.json", ".json"),
    ):
        name, data = download(page, f'[data-downloads] a[href="{href}"]')
        assert name.endswith(suffix) and data, href


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_maps_export_is_its_table_and_follows_the_slider(page: Page, base_url: str):
    page.goto(base_url + "/map?country=IL&group=OIC&asOf=2009-06-30")
    page.wait_for_selector("#main:not([aria-busy])")
    table = page.locator("[data-map-table] tbody tr")
    expect(table).to_have_count(57)
    link = page.locator("[data-take-away] a[data-export=csv]")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {
        "country": ["IL"],
        "group": ["OIC"],
        "asOf": ["2009-06-30"],
    }
    _, data = download(page, "[data-take-away] a[data-export=csv]")
    rows = csv_rows(data)
    shown = {
        row.get_attribute("data-country"): row.get_attribute("data-state") for row in table.all()
    }
    assert len(rows) == len(shown) == 57
    assert {row["country_code"] for row in rows} == {"IL"}
    assert {row["other_code"]: row["state"] for row in rows} == shown
    assert shown["MR"] == "SUSPENDED"

    # Step on to Mauritania's severance: the link and the file move with the map.
    mauritania = page.locator('[data-map-table] tr[data-country="MR"]')
    for _ in range(20):
        page.locator("text=Later step").click()
        page.wait_for_function("!document.querySelector('#map-date').matches(':disabled')")
        if mauritania.get_attribute("data-state") == "SEVERED":
            break
    expect(mauritania).to_have_attribute("data-state", "SEVERED")
    asked = parse_qs(urlsplit(page.url).query)["asOf"]
    expect(link).to_have_attribute("href", re.compile(rf"asOf={asked[0]}"))
    _, data = download(page, "[data-take-away] a[data-export=csv]")
    assert {row["other_code"]: row["state"] for row in csv_rows(data)}["MR"] == "SEVERED"


def test_the_timelines_files_take_the_filter_the_page_applied(page: Page, base_url: str):
    # A tracking parameter is left out by the page: the files too. A second countries= adds
    # to the first, as the export reads it (one parser: server/api/list_filters.py).
    page.goto(base_url + "/timeline?countries=KZ&countries=IL&from=2020&utm_source=newsletter")
    count = int(re.match(r"\d+", page.locator("[data-count]").inner_text()).group())
    link = page.locator("[data-take-away] a[data-export=csv]")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {
        "countries": ["KZ,IL"],
        "from": ["2020"],
    }
    _, data = download(page, "[data-take-away] a[data-export=csv]")
    assert len(csv_rows(data)) == count > 0


def test_a_groups_map_leaves_non_members_out_without_calling_them_uncovered(
    page: Page, base_url: str
):
    page.goto(base_url + "/map?country=IL&group=OIC&asOf=2010-01-01")
    page.wait_for_selector("#main:not([aria-busy])")
    greenland = page.locator('path[data-country="GL"]')  # a territory: no relation of its own
    expect(greenland).to_have_attribute("data-state", "OUTSIDE_GROUP")
    expect(greenland.locator("title")).to_contain_text("not among the")
    expect(page.locator('[data-legend="NOT_COVERED"]')).to_have_count(0)
    outside = int(page.locator('[data-legend="OUTSIDE_GROUP"] [data-count]').inner_text())
    assert outside > 100  # every drawn country outside the OIC's 57
    # Without a group, the same country is one the record does not cover.
    page.goto(base_url + "/map?country=IL&asOf=2010-01-01")
    page.wait_for_selector("#main:not([aria-busy])")
    expect(page.locator('path[data-country="GL"]')).to_have_attribute("data-state", "NOT_COVERED")


def test_the_embedded_maps_links_follow_its_slider(page: Page, base_url: str):
    page.goto(base_url + "/embed/map?country=IL&asOf=2009-06-30")
    page.wait_for_selector("[data-map-page]")
    credit = page.locator("[data-full-record]")
    expect(credit).to_have_attribute("href", re.compile(r"^/map\?.*asOf=2009-06-30"))
    page.locator("text=Later step").click()
    page.wait_for_function("() => !location.search.includes('2009-06-30')")
    day = parse_qs(urlsplit(page.url).query)["asOf"][0]
    expect(credit).to_have_attribute("href", re.compile(rf"^/map\?.*asOf={day}"))
    heading = page.locator("[data-map-page] h1 a")
    expect(heading).to_have_attribute("href", re.compile(rf"^/map\?.*asOf={day}"))


@pytest.mark.parametrize(
    ("page_path", "key"),
    [
        ("/map?country=IL&asOf=2010-01-01", ".map-legend"),
        ("/agreements/abraham-accords", ".chart-figure .legend"),
        ("/agreements/arab-peace-initiative", ".chart-figure .legend"),
    ],
)
def test_the_suggested_embed_height_shows_the_picture_and_its_key(
    page: Page, base_url: str, page_path: str, key: str
):
    """An iframe of the height "Embed this" suggests shows the map or chart with its legend
    without scrolling inside the frame, even at a phone's width."""
    page.goto(base_url + page_path)
    page.get_by_text("Embed this").click()
    code = page.locator("#embed-code").input_value()
    src = re.search(r'src="([^"]+)"', code)[1]
    height = int(re.search(r'height="(\d+)"', code)[1])
    page.set_viewport_size({"width": 375, "height": height})
    page.goto(src)
    page.wait_for_selector(key)
    bottom = page.locator(key).evaluate("el => el.getBoundingClientRect().bottom")
    assert bottom <= height, f"{page_path}: the legend ends at {bottom} px in a {height} px frame"


@pytest.mark.parametrize(
    ("path", "cited"),
    [
        ("/agreements/abraham-accords", "/agreements/abraham-accords?asOf={updated}"),
        (
            "/agreements/abraham-accords?asOf=2021-01-01",
            "/agreements/abraham-accords?asOf=2021-01-01",
        ),
        ("/map?country=IL", "/map?country=IL&asOf={updated}"),
        ("/timeline?countries=KZ", "/timeline?countries=KZ"),  # no day to pin: a list of dates
    ],
)
def test_a_today_view_is_cited_as_of_the_records_date(page: Page, base_url: str, path, cited):
    """A citation's link keeps showing what was cited: a page that replays days is cited
    on the record's date when it shows "today"."""
    updated = api(base_url, "{ record { updated } }")["record"]["updated"]
    page.goto(base_url + path)
    page.get_by_text("Cite this page").click()
    apa = page.locator("[data-cite-style=apa] textarea").input_value()
    assert base_url + cited.format(updated=updated) in apa, apa
