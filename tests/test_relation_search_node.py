import base64

import pytest

from .helpers import nodes

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

RELATION = """query($a: String!, $b: String!) { relation(a: $a, b: $b) {
  established { iso precision } summary
  countries { code } sharedAgreements { slug } sources { slug }
  events(first: 3) { totalCount edges { node { slug } } pageInfo { hasNextPage } }
} }"""


async def test_kazakhstan_israel_relation(api):
    relation = (await api.data(RELATION, a="KZ", b="ISR"))["relation"]
    assert relation["established"] == {"iso": "1992-04-10", "precision": "DAY"}
    assert [c["code"] for c in relation["countries"]] == ["KZ", "IL"]
    assert [a["slug"] for a in relation["sharedAgreements"]] == [
        "kazakhstan-israel-agreements-2016",
        "abraham-accords",
    ]
    assert relation["sources"]
    # Israel's recognition (Dec 1991), relations, two embassies, Netanyahu in Astana, the two
    # accession announcements of 6 Nov 2025 and Sa'ar in Astana (Jan 2026).
    assert relation["events"]["totalCount"] == 8
    assert relation["events"]["edges"][0]["node"]["slug"] == "il-kz-recognized-1991-12"
    assert relation["events"]["pageInfo"]["hasNextPage"] is True


async def test_month_precision_relation_and_order_of_countries(api):
    # Sources put the start of normal relations on 25 or 26 January 1980: the month is kept.
    relation = (await api.data(RELATION, a="IL", b="EG"))["relation"]
    assert relation["established"] == {"iso": "1980-01", "precision": "MONTH"}
    assert [c["code"] for c in relation["countries"]] == ["IL", "EG"]


async def test_pair_without_relation_on_record(api):
    relation = (await api.data(RELATION, a="KZ", b="SA"))["relation"]
    assert relation["established"] is None
    assert relation["summary"] is None
    assert relation["sources"] == []


async def test_relation_inputs(api):
    assert (await api.data(RELATION, a="KZ", b="QQ"))["relation"] is None
    error = await api.error(RELATION, a="KZ", b="KAZ")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "b"}
    error = await api.error(RELATION, a="K-Z", b="IL")
    assert error["extensions"]["argument"] == "a"


SEARCH = """query($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) {
    totalCount
    edges { cursor node {
      __typename ... on Country { code } ... on Agreement { slug } ... on Event { slug }
    } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""


async def test_search_ranks_the_country_first_for_a_prefix(api):
    search = (await api.data(SEARCH, q="kaz"))["search"]
    results = nodes(search)
    assert results[0] == {"__typename": "Country", "code": "KZ"}
    assert len(results) == 10  # the default page
    assert search["totalCount"] > 10
    assert search["pageInfo"]["hasNextPage"] is True
    assert len({tuple(sorted(r.items())) for r in results}) == 10  # no duplicates
    assert {r["__typename"] for r in results[1:]} <= {"Event", "Agreement"}


async def test_search_pages_through_every_match_once(api):
    everything = (await api.data(SEARCH, q="kaz", first=50))["search"]
    assert everything["pageInfo"]["hasNextPage"] is False
    expected = nodes(everything)
    assert len(expected) == everything["totalCount"]
    seen, after = [], None
    while True:
        page = (await api.data(SEARCH, q="kaz", first=4, after=after))["search"]
        assert page["totalCount"] == everything["totalCount"]
        seen += nodes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected


async def test_search_finds_agreements(api):
    search = (await api.data(SEARCH, q="abraham accords", first=20))["search"]
    assert {"__typename": "Agreement", "slug": "abraham-accords"} in nodes(search)


@pytest.mark.parametrize("text", ['"', "*", "AND", "NEAR(", "((", "a\x00b", "", "   ", "כזחסטן 🕊"])
async def test_search_treats_fts_syntax_as_text(api, text):
    body = await api(SEARCH, q=text)
    assert "errors" not in body
    search = body["data"]["search"]
    assert isinstance(search["edges"], list)
    assert len(search["edges"]) == min(search["totalCount"], 10)


async def test_search_limit(api):
    error = await api.error(SEARCH, q="kaz", first=51)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    error = await api.error(SEARCH, q="kaz", first=0)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert len(nodes((await api.data(SEARCH, q="kaz", first=50))["search"])) > 10


def global_id(type_name, key):
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


NODE = """query($id: ID!) { node(id: $id) { id __typename
  ... on Country { code } ... on Agreement { slug } ... on Event { slug } ... on Source { slug }
} }"""


@pytest.mark.parametrize(
    ("type_name", "key", "field"),
    [
        ("Country", "KZ", "code"),
        ("Agreement", "abraham-accords", "slug"),
        ("Event", "netanyahu-visits-astana", "slug"),
        ("Source", "wikipedia-abraham-accords", "slug"),
    ],
)
async def test_node_round_trip(api, type_name, key, field):
    node = (await api.data(NODE, id=global_id(type_name, key)))["node"]
    assert node == {"id": global_id(type_name, key), "__typename": type_name, field: key}


async def test_node_unknown_and_malformed(api):
    assert (await api.data(NODE, id=global_id("Country", "QQ")))["node"] is None
    for bad in ["garbage", global_id("Widget", "1"), global_id("Country", "")]:
        error = await api.error(NODE, id=bad)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "id"}
