"""The number of SQL statements depends on the query's shape, not on the rows."""

import dataclasses
import shutil

import httpx
import pytest
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.store.build import build_store

from .conftest import SEED, Api
from .helpers import nodes, record

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """The real seed plus 120 generated events, each with countries, an agreement, a source."""
    seed = tmp_path_factory.mktemp("seed")
    shutil.copytree(SEED, seed, dirs_exist_ok=True)
    extra = []
    for n in range(120):
        extra.append(
            f'[[event]]\nslug = "generated-{n}"\ndate = "1901-01-{1 + n % 28:02d}"\n'
            'added = "2026-11-29"\nupdated = "2026-11-29"\n'
            f'kind = "statement"\ntitle = "Generated {n}"\nsummary = "Test event {n}."\n'
            f'countries = ["KZ", "IL", "US"]\nagreements = ["abraham-accords"]\n'
            f'sources = ["wikipedia-abraham-accords", "tass-trump-kazakhstan-accession"]\n'
        )
    with (seed / "events.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(extra))
    path = tmp_path_factory.mktemp("big") / "store.sqlite"
    build_store(seed, path)
    return path


@pytest.fixture(params=[True, False], ids=["fast path", "strawberry"])
async def big_api(settings, big_store, request):
    # Both execution paths must batch: the fast path, and Strawberry's (which answers
    # whatever the fast path declines).
    app = create_app(
        dataclasses.replace(settings, db=big_store, fast_path=request.param, response_cache=0)
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield Api(client, app)


TIMELINE = """query($first: Int!) { events(first: $first) {
  totalCount
  edges { node { title date { iso }
    countries { code name } agreements { slug name } sources { publisher url } } }
} }"""


async def statements(api, query, **variables):
    before = api.db.statements
    data = await api.data(query, **variables)
    return api.db.statements - before, data


@pytest.mark.parametrize("first", [5, 50, 100])
async def test_timeline_page_with_nested_lists_in_five_statements(big_api, first):
    count, data = await statements(big_api, TIMELINE, first=first)
    edges = data["events"]["edges"]
    assert len(edges) == first
    assert all(e["node"]["countries"] and e["node"]["sources"] for e in edges)
    # page + countries + agreements + sources + totalCount
    assert count == 5


MEMBERS = """query($first: Int) { agreement(slug: "arab-peace-initiative") {
  participants(first: $first) { edges { node {
    country { name region } status statusHistory { date { iso } sources { slug } }
    sources { slug } } } }
} }"""

MEMBERS_COUNTED = MEMBERS.replace(
    "participants(first: $first) {", "participants(first: $first) { totalCount"
)


@pytest.mark.parametrize("first", [1, 20, 100])
async def test_agreement_members_with_history_and_sources_is_constant(big_api, first):
    count, data = await statements(big_api, MEMBERS, first=first)
    assert len(nodes(data["agreement"]["participants"])) == min(first, 23)
    # agreement + a page of participations (with agreement and history) + participation
    # sources; countries come from memory
    assert count == 3
    count, data = await statements(big_api, MEMBERS_COUNTED, first=first)
    assert data["agreement"]["participants"]["totalCount"] == 23
    # one more to count them, unless the whole list fitted in the page (then it is known)
    assert count == (4 if first < 23 else 3)


PARTICIPATIONS = """{ country(code: "KZ") { name
  participations { edges { node { status statusHistory { status date { iso } }
                   agreement { slug name date { iso } } } } } } }"""


async def test_country_with_participations_and_agreements_in_one_statement(big_api):
    count, data = await statements(big_api, PARTICIPATIONS)
    assert len(nodes(data["country"]["participations"])) == 3
    assert count == 1  # the country is in memory; a page of participations comes with both
    counted = PARTICIPATIONS.replace("participations {", "participations { totalCount")
    count, data = await statements(big_api, counted)
    assert data["country"]["participations"]["totalCount"] == 3
    assert count == 1  # all three fitted in the page: the count is known without SQL
    count, data = await statements(
        big_api, counted.replace("participations {", "participations(first: 2) {")
    )
    assert data["country"]["participations"]["totalCount"] == 3
    assert count == 2  # a full page: one statement counts the rest


SEARCH = """query($first: Int) { search(query: "generated", first: $first) {
  edges { node { ... on Event { title } } } } }"""


async def test_search_reads_only_a_page_of_matches(big_api):
    # 120 generated events all match "generated": the newest come first, and the
    # search stops at the page.
    count, data = await statements(big_api, SEARCH, first=5)
    # Generated event n is dated 1901-01-(1 + n % 28); same-day events are in slug order.
    newest = sorted(range(120), key=lambda n: (1 + n % 28, f"generated-{n}"))[-5:]
    assert [r["title"] for r in nodes(data["search"])] == [
        f"Generated {n}" for n in reversed(newest)
    ]
    assert count == 2  # the title matches (a full page), then the five events by id
    counted = SEARCH.replace("first: $first) {", "first: $first) { totalCount")
    count, data = await statements(big_api, counted, first=5)
    assert data["search"]["totalCount"] == 120
    assert count == 3  # and one to count the matches


RELATIONS = """{ country(code: "IL") {
  relations(first: 100) { edges { node { countries { code } sharedAgreements { slug } } } } } }"""


async def test_relations_with_shared_agreements_do_not_query_per_relation(big_api):
    count, data = await statements(big_api, RELATIONS)
    relations = nodes(data["country"]["relations"])
    seed, _ = record()
    expected = sum(1 for r in seed.relations if "IL" in r.countries)
    assert len(relations) == min(expected, 100) > 50
    shared = {
        r["countries"][1]["code"]: [a["slug"] for a in r["sharedAgreements"]] for r in relations
    }
    # Egypt mediated the 2025 Gaza ceasefire, to which Israel is a party.
    assert shared["EG"] == ["egypt-israel-peace-treaty", "gaza-ceasefire-2025"]
    # a page of relations + the shared agreements of every pair
    assert count == 2
    counted = RELATIONS.replace("relations(first: 100) {", "relations(first: 100) { totalCount")
    count, data = await statements(big_api, counted)
    assert data["country"]["relations"]["totalCount"] == expected
    # All fitted in the page: the count is known without SQL; else one statement counts.
    assert count == (2 if expected <= 100 else 3)
    kazakhstan = await big_api.data('{ relation(a: "IL", b: "KZ") { sharedAgreements { slug } } }')
    assert [a["slug"] for a in kazakhstan["relation"]["sharedAgreements"]] == [
        "kazakhstan-israel-agreements-2016",
        "abraham-accords",
    ]


async def test_shared_agreements_read_only_what_is_shared(big_api, monkeypatch):
    # Loading both countries' whole participations (with their histories) to intersect
    # them once cost W6 2x at x100 and 7x at x1000: the pairs' agreements come from one
    # statement that never builds a participation.
    from server.api.execution import loaders

    def refuse(self, rows):
        raise AssertionError("sharedAgreements built participations")

    monkeypatch.setattr(loaders.Loaders, "_with_history", refuse)
    data = await big_api.data('{ relation(a: "IL", b: "MA") { sharedAgreements { slug } } }')
    assert [a["slug"] for a in data["relation"]["sharedAgreements"]] == ["abraham-accords"]
