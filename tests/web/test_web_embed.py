"""The /embed/ views inside an iframe on another local origin (a page served by a small
http.server on another port of 127.0.0.1), in Debian's Chromium: embeds show their
content there, a normal page is refused; and "Copy embed code" gives that iframe."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from server.settings import ROOT
from tests.helpers import record


def _kazakhstan_events() -> str:
    """How many events the KZ timeline holds, from the seed: "14 events"."""
    _, timeline = record()
    return f"{sum('KZ' in e.countries for e in timeline)} events"


pytestmark = pytest.mark.browser

MAP_MODULE = ROOT / "web" / "pages" / "map.js"


class HostSite:
    """Another origin (same host, another port) serving one page: `html`, set by the test."""

    def __init__(self) -> None:
        self.html = "<!doctype html><title>host</title>"
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                body = site.html.encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass  # quiet: pytest shows failures, not every request

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def page(self, *frames: str) -> str:
        """A host page holding `frames` (iframe markup), like an article would."""
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A news site'
            "</title></head><body><h1>An article</h1>" + "".join(frames) + "</body></html>"
        )


@pytest.fixture(scope="module")
def host() -> Iterator[HostSite]:
    site = HostSite()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


def iframe(name: str, src: str, height: int = 600) -> str:
    return (
        f'<iframe name="{name}" src="{html.escape(src)}" title="{name}" width="100%" '
        f'height="{height}"></iframe>'
    )


def refusals(page: Page) -> list[str]:
    """The browser's frame-ancestors refusals, taken out of what the page fixture checks
    (it fails a test on any Content-Security-Policy report; these are the point here)."""
    found = [text for text in page.watched.csp if "frame-ancestors" in text]
    page.watched.csp[:] = [text for text in page.watched.csp if text not in found]
    return found


def test_embeds_show_in_another_sites_frame_and_a_normal_page_does_not(
    page: Page, base_url: str, host: HostSite, artifacts
):
    assert host.url.split(":")[2] != base_url.split(":")[2]  # another port: another origin
    frames = [
        iframe("timeline", base_url + "/embed/timeline?countries=KZ", 640),
        iframe("agreement", base_url + "/embed/agreements/abraham-accords", 720),
        iframe("normal", base_url + "/timeline?countries=KZ", 300),
    ]
    with_map = MAP_MODULE.exists()
    if with_map:
        frames.append(iframe("map", base_url + "/embed/map?country=MR&asOf=2010-01-01", 640))
    host.html = host.page(*frames)
    page.goto(host.url)

    timeline = page.frame(name="timeline")
    expect(timeline.locator("main h1")).to_have_text("Timeline")
    expect(timeline.locator("[data-count]")).to_have_text(_kazakhstan_events())
    expect(timeline.locator("main li[data-event]").first).to_be_visible()
    # The embed's own shell: no site header or navigation, no filters, no take-away.
    assert timeline.locator("header.site, nav, form, [data-take-away]").count() == 0
    credit = timeline.get_by_role("link", name="open the full record ↗")
    expect(credit).to_have_attribute("href", "/timeline?countries=KZ")
    expect(credit).to_have_attribute("target", "_top")
    expect(timeline.locator("[data-record-updated] time").first).to_be_visible()
    expect(timeline.locator("[data-record-updated]")).to_contain_text("news read through")

    agreement = page.frame(name="agreement")
    expect(agreement.locator("main h1")).to_have_text("Abraham Accords")
    expect(agreement.locator("svg[data-chart]")).to_be_visible()
    expect(agreement.locator("table[data-members] tbody tr[data-member=KZ]")).to_be_visible()
    assert agreement.locator("[data-take-away], form").count() == 0

    # The full page is refused: the browser reports it and shows none of the app in the frame.
    normal = page.frame(name="normal")
    expect(normal.locator("main")).to_have_count(0)
    assert normal.evaluate("document.body ? document.body.innerText : ''").find("Timeline") < 0
    found = refusals(page)
    assert found and all("frame-ancestors 'none'" in text for text in found)

    page.locator("iframe[name=timeline]").screenshot(path=artifacts / "embed-timeline.png")
    page.locator("iframe[name=agreement]").screenshot(path=artifacts / "embed-agreement.png")
    if with_map:
        embedded_map = page.frame(name="map")
        expect(embedded_map.locator("main h1")).to_contain_text("Mauritania")
        assert embedded_map.locator("header.site, [data-take-away] a").count() == 0
        page.locator("iframe[name=map]").screenshot(path=artifacts / "embed-map.png")


def test_an_embed_fits_a_640_px_column_and_its_links_open_a_new_tab(
    page: Page, base_url: str, host: HostSite
):
    column = '<div style="width: 640px">{}</div>'
    host.html = host.page(
        column.format(iframe("agreement", base_url + "/embed/agreements/abraham-accords", 720))
    )
    page.goto(host.url)
    agreement = page.frame(name="agreement")
    expect(agreement.locator("svg[data-chart]")).to_be_visible()
    # The chart fits the column whole: nothing to scroll sideways, no cue.
    scroll = agreement.locator("[data-chart-scroll]")
    assert scroll.evaluate("el => el.scrollWidth <= el.clientWidth")
    expect(agreement.locator(".chart-figure")).not_to_have_attribute("data-overflows", "")
    # Every link of the view opens a new tab; only the credit takes the reader's window.
    links = agreement.locator("main a[href]")
    assert links.count() > 5
    assert set(
        links.evaluate_all(
            "all => all.map((a) => `${a.getAttribute('target')} ${a.getAttribute('rel')}`)"
        )
    ) == {"_blank noopener"}
    credit = agreement.get_by_role("link", name="open the full record ↗")
    expect(credit).to_have_attribute("target", "_top")
    with page.expect_popup() as opened:
        agreement.locator("table[data-members] a[href^='/countries/']").first.click()
    assert opened.value.url.startswith(base_url + "/countries/")
    assert page.url == host.url  # the article stays where it was


def test_copy_embed_code_gives_an_iframe_that_works_elsewhere(
    page: Page, base_url: str, host: HostSite
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(base_url + "/timeline?countries=KZ")
    section = page.locator("[data-take-away] [data-embed]")
    section.get_by_text("Embed this").click()
    section.get_by_role("button", name="Copy embed code").click()
    expect(section.get_by_role("status")).to_have_text("Copied")
    code = page.evaluate("navigator.clipboard.readText()")
    assert code == (
        f'<iframe src="{base_url}/embed/timeline?countries=KZ" title="accordline: Timeline of '
        'events involving Kazakhstan" width="100%" height="640" loading="lazy"></iframe>'
    )

    # Pasted into another site's page as it is, it shows the timeline.
    host.html = host.page(code)
    page.goto(host.url)
    frame = page.frame_locator("iframe")
    expect(frame.locator("[data-count]")).to_have_text(_kazakhstan_events())

    agreement = base_url + "/agreements/abraham-accords?asOf=2021-01-01"
    page.goto(agreement)
    section = page.locator("[data-take-away] [data-embed]")
    section.get_by_text("Embed this").click()
    # Its height makes room for the chart's six lanes and its key (420 + 40 per lane).
    expect(section.locator("textarea")).to_have_value(
        f'<iframe src="{base_url}/embed/agreements/abraham-accords?asOf=2021-01-01" '
        'title="accordline: Abraham Accords as of 1 Jan 2021" width="100%" height="660" '
        'loading="lazy"></iframe>'
    )
