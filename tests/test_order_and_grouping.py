"""Order and grouping a story needs (#21 item 5), in the API and the one parser: the
timeline's countries "any of" or "all of", UN M49 sub-regions as a filter (the timeline,
the countries list) with the API listing them, and an agreement's members' order carried
in its address (the page sorts: tests/js/unit/member-order.test.mjs, tests/web)."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

EVENTS = """query($after: String, $filter: EventFilter) {
  events(first: 100, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { slug countries { code subregion } } }
  }
}"""
LIST_QUERY = """query($list: ListKind!, $address: String!) {
  listQuery(list: $list, query: $address) { variables query problems { parameter value message } }
}"""
SUBREGION = """query($name: String) { subregions
  countries(first: 100, filter: {subregion: $name}) { totalCount edges { node { code } } } }"""


async def events(api, **event_filter) -> list[dict]:
    """Every event the filter keeps, page by page."""
    nodes, after = [], None
    while True:
        page = (await api.data(EVENTS, after=after, filter=event_filter))["events"]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(nodes)
            return nodes
        after = page["pageInfo"]["endCursor"]


def slugs(nodes: list[dict]) -> set[str]:
    return {node["slug"] for node in nodes}


async def test_countries_match_any_is_the_union_and_all_stays_the_default(api):
    kz, az = slugs(await events(api, countries=["KZ"])), slugs(await events(api, countries=["AZ"]))
    both = await events(api, countries=["KZ", "AZ"])
    assert slugs(both) == kz & az
    assert slugs(await events(api, countries=["KZ", "AZ"], countriesMatch="ALL")) == kz & az
    either = await events(api, countries=["kaz", "Azerbaijan"], countriesMatch="ANY")
    assert slugs(either) == kz | az and len(either) > max(len(kz), len(az))
    assert all({"KZ", "AZ"} & {c["code"] for c in node["countries"]} for node in either)
    # "Any of" one country is that country's events; with another condition, both apply.
    assert slugs(await events(api, countries=["KZ"], countriesMatch="ANY")) == kz
    recent = await events(api, countries=["KZ", "AZ"], countriesMatch="ANY", **{"from": "2020"})
    assert slugs(recent) < kz | az and recent


async def test_subregions_are_listed_and_filter_the_timeline(api):
    data = await api.data(SUBREGION, name="central asia")
    listed = data["subregions"]
    assert listed == sorted(listed) and len(listed) == len(set(listed))
    assert {"Central Asia", "Western Asia", "Northern Africa"} <= set(listed)
    central = [edge["node"]["code"] for edge in data["countries"]["edges"]]
    assert "KZ" in central and "UZ" in central and "IL" not in central
    found = await events(api, subregion="CENTRAL ASIA")
    assert found and all(
        any(c["subregion"] == "Central Asia" for c in node["countries"]) for node in found
    )
    # The same events as "any of" the sub-region's countries.
    assert slugs(found) == slugs(await events(api, countries=central, countriesMatch="ANY"))
    with_il = await events(api, subregion="Central Asia", countries=["IL"])
    assert slugs(with_il) == slugs(found) & slugs(await events(api, countries=["IL"]))


async def test_an_unknown_subregion_is_named_with_the_known_ones(api):
    error = await api.error(EVENTS, filter={"subregion": "Middle Earth"})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter.subregion"}
    assert '"Middle Earth"' in error["message"] and "Central Asia" in error["message"]


async def read(api, kind: str, address: str) -> dict:
    return (await api.data(LIST_QUERY, list=kind, address=address))["listQuery"]


async def test_the_parser_reads_match_subregion_and_the_members_order(api):
    parsed = await read(api, "TIMELINE", "countries=KZ,Azerbaijan&match=ANY&subregion=central+asia")
    assert parsed["variables"]["filter"] == {
        "countries": ["KZ", "AZ"],
        "countriesMatch": "ANY",
        "subregion": "Central Asia",
    }
    assert parsed["query"] == "countries=KZ%2CAZ&match=any&subregion=Central+Asia"
    assert parsed["problems"] == []
    # "All" is the default and stays out of the address.
    assert (await read(api, "TIMELINE", "countries=KZ&match=all"))["query"] == "countries=KZ"
    wrong = await read(api, "TIMELINE", "match=some&subregion=Atlantis")
    assert [(p["parameter"], p["value"]) for p in wrong["problems"]] == [
        ("match", "some"),
        ("subregion", "Atlantis"),
    ]
    assert "any" in wrong["problems"][0]["message"]
    assert "Central Asia" in wrong["problems"][1]["message"]
    assert wrong["variables"]["filter"] == {}

    countries = await read(api, "COUNTRIES", "subregion=western+asia&region=Asia")
    assert countries["variables"]["filter"] == {"region": "Asia", "subregion": "Western Asia"}
    assert countries["query"] == "region=Asia&subregion=Western+Asia"

    members = await read(api, "MEMBERS", "agreement=abraham-accords&sort=name")
    assert members["variables"] == {"slug": "abraham-accords", "asOf": None, "sort": "name"}
    assert members["query"] == "agreement=abraham-accords&sort=name"
    default = await read(api, "MEMBERS", "agreement=abraham-accords&sort=date")
    assert default["query"] == "agreement=abraham-accords" and default["problems"] == []
    bad = await read(api, "MEMBERS", "agreement=abraham-accords&sort=height")
    assert [p["parameter"] for p in bad["problems"]] == ["sort"]
    assert "date, name, status" in bad["problems"][0]["message"]


async def test_the_timeline_export_reads_match_and_subregion(api):
    def rows(response) -> set[str]:
        assert response.status_code == 200, response.text
        return {row["slug"] for row in csv.DictReader(io.StringIO(response.text, newline=""))}

    either = rows(await api.client.get("/export/timeline.csv?countries=KZ,AZ&match=any"))
    assert either == slugs(await events(api, countries=["KZ", "AZ"], countriesMatch="ANY"))
    both = rows(await api.client.get("/export/timeline.csv?countries=KZ,AZ"))
    assert both < either
    central = rows(await api.client.get("/export/timeline.csv?subregion=Central%20Asia"))
    assert central == slugs(await events(api, subregion="Central Asia"))
    refused = await api.client.get("/export/timeline.csv?subregion=Atlantis")
    assert refused.status_code == 400 and "subregion" in refused.text

    # The members export takes the page's order (its address may carry it) and still answers.
    def members(query: str) -> list[dict]:
        return list(csv.DictReader(io.StringIO(query, newline="")))

    by_name = await api.client.get("/export/members.csv?agreement=abraham-accords&sort=name")
    assert by_name.status_code == 200 and "United Arab Emirates" in by_name.text
    names = [row["country"] for row in members(by_name.text)]
    assert names == sorted(names, key=str.casefold)
    by_date = members((await api.client.get("/export/members.csv?agreement=abraham-accords")).text)
    joined = [row["since_date"] for row in by_date]
    assert joined == sorted(joined) and sorted(names) == sorted(r["country"] for r in by_date)


async def test_a_countrys_relations_narrow_to_a_subregion_and_its_export_follows(api):
    query = """query($filter: RelationFilter) { relations(first: 100, filter: $filter) {
      totalCount edges { node { countries { code } state } } } }"""
    central = (await api.data(query, filter={"country": "IL", "subregion": "central asia"}))[
        "relations"
    ]
    codes = {edge["node"]["countries"][1]["code"] for edge in central["edges"]}
    listed = await api.data(
        '{ countries(first: 100, filter: {subregion: "Central Asia"}) { edges { node { code } } } }'
    )
    regions = {edge["node"]["code"] for edge in listed["countries"]["edges"]}
    assert codes == regions == {"KZ", "KG", "TJ", "TM", "UZ"}
    pairs = (await api.data(query, filter={"subregion": "Central Asia"}))["relations"]
    assert {c["code"] for e in pairs["edges"] for c in e["node"]["countries"]} >= regions
    error = await api.error(query, filter={"country": "IL", "subregion": "Atlantis"})
    assert error["extensions"]["argument"] == "filter.subregion"
    rows = await api.client.get("/export/relations.csv?country=IL&subregion=Central%20Asia")
    listed = {row["other_code"] for row in csv.DictReader(io.StringIO(rows.text, newline=""))}
    assert rows.status_code == 200 and listed == codes
