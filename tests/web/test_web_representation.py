"""Issue #19 in the browser: a relation's representation track beside its state, on whose
word each step rests, and "who is next" for an agreement (its section, page and embed).
Every expectation is read from the API and the model's vocabulary, not pinned: the seed's
facts may change, the pages must keep saying what the API says in the model's words."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from server.model.attribution import Acknowledgement
from server.model.representation import RepresentationLevel, RepresentationStepKind
from server.model.vocabulary import RelationState, Status

from .api import api, walk
from .conftest import screenshot

pytestmark = pytest.mark.browser

ATTRIBUTION = "attribution { statedBy { name } press acknowledged note }"

RELATION = f"""query($a: String!, $b: String!) {{ relation(a: $a, b: $b) {{
  representation
  representationHistory {{ kind date {{ iso }} envoyOf {{ code name }} sources {{ url }} {ATTRIBUTION} }}
  representationPeriods {{ level }}
  history {{ kind {ATTRIBUTION} }}
}} }}"""

CANDIDATES = f"""query($slug: String!) {{ agreement(slug: $slug) {{ name
  candidates {{ status country {{ code }} statusHistory {{ status {ATTRIBUTION} }} }}
}} }}"""

LEVELS = """query($after: String) { relations(first: 100, after: $after, filter: {country: "IL"}) {
  pageInfo { hasNextPage endCursor } edges { node { countries { code } state representation } } } }"""


def expect_attribution(line: Locator, attribution: dict) -> None:
    """The line beside a step's sources names who stated it and says the acknowledgement in
    the model's word; no line at all when the record has judged nothing."""
    names = [country["name"] for country in attribution["statedBy"]]
    if not (names or attribution["press"] or attribution["acknowledged"] or attribution["note"]):
        expect(line).to_have_count(0)
        return
    expect(line).to_have_count(1)
    for name in names:
        expect(line).to_contain_text(name)
    if attribution["press"]:
        expect(line).to_contain_text("the press, citing officials it does not name")
    if attribution["acknowledged"]:
        term = Acknowledgement[attribution["acknowledged"]]
        word = line.locator("[data-acknowledged]")
        expect(word).to_have_attribute("data-acknowledged", attribution["acknowledged"])
        expect(word).to_have_attribute("title", term.meaning)
        expect(word).to_contain_text(re.compile(re.escape(term.word), re.I))
    if attribution["note"]:
        expect(line.locator("[data-attribution-note]")).to_contain_text(attribution["note"])


def test_the_relation_page_shows_the_representation_track_and_who_said_each_step(
    page: Page, base_url: str, artifacts
):
    r = api(base_url, RELATION, a="TR", b="IL")["relation"]
    steps = r["representationHistory"]
    assert steps, "Türkiye–Israel has representation steps on record"
    page.goto(base_url + "/relations/TR/IL")

    # The level now, beside the state, in the model's word, with its meaning.
    level = RepresentationLevel[r["representation"]]
    expect(page.locator("[data-level-now] [data-level]")).to_have_text(level.word)
    now = page.locator("[data-representation-now]")
    expect(now).to_have_attribute("data-representation-now", r["representation"])
    expect(now).to_contain_text(level.meaning)

    # Each step in order: its kind's word, date, whose mission, sources and attribution.
    shown = page.locator("[data-representation-history] > li")
    expect(shown).to_have_count(len(steps))
    for item, step in zip(shown.all(), steps, strict=True):
        expect(item).to_have_attribute("data-representation-step", step["kind"])
        expect(item).to_have_attribute("data-envoy", step["envoyOf"]["code"])
        word = RepresentationStepKind[step["kind"]].word
        expect(item.locator(".step-kind")).to_have_text(word[0].upper() + word[1:])
        expect(item.locator(".step-head time")).to_have_attribute("datetime", step["date"]["iso"])
        expect(item.locator(".step-mission")).to_contain_text(
            f"{step['envoyOf']['name']}'s mission"
        )
        expect(item.locator("[data-source]")).to_have_count(len(step["sources"]))
        expect_attribution(item.locator("[data-attribution]"), step["attribution"])

    # The periods, as the API computed them, each level in words.
    periods = page.locator("[data-representation-periods] > li")
    expect(periods).to_have_count(len(r["representationPeriods"]))
    assert [p.get_attribute("data-period") for p in periods.all()] == [
        p["level"] for p in r["representationPeriods"]
    ]
    for item, period in zip(periods.all(), r["representationPeriods"], strict=True):
        expect(item.locator("[data-level]")).to_have_text(RepresentationLevel[period["level"]].word)

    # The diplomatic steps say on whose word they rest too.
    history = page.locator("[data-history] > li")
    expect(history).to_have_count(len(r["history"]))
    for item, step in zip(history.all(), r["history"], strict=True):
        expect_attribution(item.locator("[data-attribution]"), step["attribution"])
    screenshot(page, artifacts, "relation-tr-il-representation")


def test_a_pair_without_representation_steps_says_not_on_record(page: Page, base_url: str):
    r = api(base_url, RELATION, a="MR", b="IL")["relation"]
    page.goto(base_url + "/relations/MR/IL")
    expect(page.locator("[data-level-now] [data-level]")).to_have_text(
        RepresentationLevel[r["representation"]].word
    )
    if not r["representationHistory"]:
        expect(page.locator("[data-representation-empty]")).to_contain_text("not on record")
        expect(page.locator("[data-representation-history]")).to_have_count(0)


def _below_ambassador(state: str, level: str) -> bool:
    shown = {
        RepresentationLevel.AMBASSADOR_WITHDRAWN.name,
        RepresentationLevel.CHARGE_D_AFFAIRES.name,
    }
    none = RepresentationLevel.NONE.name
    return level in shown or (level == none and state == RelationState.FULL.name)


def test_the_country_page_and_the_map_say_a_level_below_ambassadors(page: Page, base_url: str):
    rows = walk(base_url, LEVELS, ("relations",))
    other = {row["countries"][1]["code"]: row for row in rows}
    below = {
        code
        for code, row in other.items()
        if _below_ambassador(row["state"], row["representation"])
    }
    assert below, "some relation with Israel is below ambassadors today (Türkiye's, for one)"

    page.goto(base_url + "/countries/IL")
    expect(page.locator("[data-relations] > li").first).to_be_visible()
    for code, row in other.items():
        mark = page.locator(f"[data-relation={code}] > [data-level]")
        if code in below:
            expect(mark).to_have_text(RepresentationLevel[row["representation"]].word)
        else:
            expect(mark).to_have_count(0)

    page.goto(base_url + "/map?country=IL")
    expect(page.locator("[data-map-table] tbody tr")).to_have_count(len(rows))
    expect(page.locator("[data-legend=below-ambassador] [data-count]")).to_have_text(
        str(len(below))
    )
    for code in below:
        word = RepresentationLevel[other[code]["representation"]].word
        expect(page.locator(f'tr[data-country="{code}"] [data-representation]')).to_have_text(word)
        shape = page.locator(f'path[data-country="{code}"] title')
        if shape.count():
            expect(shape).to_contain_text(f"; {word}")
            expect(
                page.locator(f'[data-representation-marks] circle[data-country="{code}"]')
            ).to_have_count(1)
    dots = page.locator("[data-representation-marks] circle").evaluate_all(
        "cs => cs.map((c) => c.dataset.country)"
    )
    assert set(dots) <= below


def test_who_is_next_lists_the_candidates_newest_first_with_who_said_so(
    page: Page, base_url: str, artifacts
):
    a = api(base_url, CANDIDATES, slug="abraham-accords")["agreement"]
    candidates = a["candidates"]
    assert candidates, "the Abraham Accords have candidates on record"
    order = [c["country"]["code"] for c in candidates]

    def check(scope: Locator) -> None:
        items = scope.locator("[data-candidates] > [data-candidate]")
        expect(items).to_have_count(len(candidates))
        assert [i.get_attribute("data-candidate") for i in items.all()] == order
        for item, c in zip(items.all(), candidates, strict=True):
            expect(item.locator("[data-current] [data-status]")).to_have_text(
                Status[c["status"]].word
            )
            steps = item.locator("[data-step]")
            expect(steps).to_have_count(len(c["statusHistory"]))
            for step, known in zip(steps.all(), c["statusHistory"], strict=True):
                expect(step).to_have_attribute("data-step", known["status"])
                expect_attribution(step.locator("[data-attribution]"), known["attribution"])

    page.goto(base_url + "/agreements/abraham-accords")
    section = page.locator("[data-who-is-next]")
    expect(section.get_by_role("heading", level=2)).to_have_text("Who is next")
    check(section)

    # Its own page, reached from the section, with its embed code.
    section.locator("[data-candidates-link]").click()
    expect(page).to_have_url(re.compile(r"/agreements/abraham-accords/candidates$"))
    expect(page.locator("main h1")).to_have_text(f"Who is next: {a['name']}")
    expect(page).to_have_title(f"Who is next: {a['name']} · accordline")
    check(page.locator("[data-candidates-page]"))
    expect(page.locator("[data-take-away] [data-embed]")).to_have_count(1)
    csv_link = page.locator('[data-exports="candidates"] a').first
    expect(csv_link).to_have_attribute(
        "href", re.compile(r"/export/candidates\.csv\?agreement=abraham-accords$")
    )
    screenshot(page, artifacts, "candidates-abraham-accords")

    # The embeddable view: the same list in another site's frame.
    page.goto(base_url + "/embed/agreements/abraham-accords/candidates")
    expect(page.locator("main h1")).to_have_text(f"Who is next: {a['name']}")
    check(page.locator("[data-candidates-page]"))
    expect(page.locator("[data-take-away]")).to_have_count(0)
