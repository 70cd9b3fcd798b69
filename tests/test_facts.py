"""The API tells the record in ../shared/domain/facts.md: every timeline row, with its
precision and countries, and every event and participation with a source."""

import pytest

from .helpers import nodes, walk

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

ARAB_LEAGUE = {
    "DZ",
    "BH",
    "KM",
    "DJ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "MA",
    "OM",
    "PS",
    "QA",
    "SA",
    "SO",
    "SD",
    "SY",
    "TN",
    "AE",
    "YE",
}

# (date at its precision, countries) for each row of the fact sheet's timeline table.
TIMELINE = [
    ("1979-03-26", {"EG", "IL", "US"}),
    ("1991-12-16", {"KZ"}),
    ("1992-04-10", {"KZ", "IL"}),
    ("1992-08", {"IL", "KZ"}),
    ("1994-10-26", {"IL", "JO"}),
    ("1996-05", {"KZ", "IL"}),
    ("2002-03-28", ARAB_LEAGUE),
    ("2016-12-14", {"IL", "KZ"}),
    ("2020-08-13", {"IL", "AE", "US"}),
    ("2020-09-11", {"IL", "BH", "US"}),
    ("2020-09-15", {"IL", "AE", "BH", "US"}),
    ("2020-10-23", {"IL", "SD", "US"}),
    ("2020-12-10", {"IL", "MA", "US"}),
    ("2020-12-22", {"IL", "MA", "US"}),
    ("2021-01-06", {"SD", "US"}),
    ("2023-10-07", {"IL", "PS"}),
    ("2025-10-10", {"IL", "PS", "US", "EG", "QA", "TR"}),
    ("2025-10-13", {"US", "EG", "QA", "TR"}),
    ("2025-11-06", {"US"}),
    ("2025-11-06", {"KZ", "IL", "US"}),
    ("2025-11-06", {"US", "KZ", "KG", "TJ", "TM", "UZ"}),
    ("2025-11-06", {"US", "KZ"}),
    ("2025-11-06", {"US", "KZ", "IL"}),
    ("2025-11-07", {"KZ"}),
]


EVENTS = """query($after: String, $filter: EventFilter) {
  events(first: 100, after: $after, filter: $filter) {
  edges { node { slug title date { iso } countries { code } sources { url } } }
  pageInfo { hasNextPage endCursor } } }"""


async def test_every_timeline_row_is_served(api):
    events = await walk(api, EVENTS, ("events",))
    served = [(e["date"]["iso"], {c["code"] for c in e["countries"]}) for e in events]
    remaining = list(served)
    for row in TIMELINE:
        assert row in remaining, row
        remaining.remove(row)
    # The 2007 Riyadh re-endorsement, at month precision, without Libya (it boycotted).
    assert ("2007-03", ARAB_LEAGUE - {"LY"}) in remaining
    for event in events:
        assert event["sources"], event["slug"]
        assert all(s["url"].startswith(("https://", "http://")) for s in event["sources"])


async def test_the_c5_plus_1_summit_is_the_second_leaders_summit(api):
    event = (await api.data('{ event(slug: "c5-plus-1-summit-white-house") { title summary } }'))[
        "event"
    ]
    text = event["title"] + " " + event["summary"]
    assert "10th C5+1 summit" not in text and "tenth C5+1 summit" not in text.lower()
    assert "second" in text.lower() and "White House" in text


async def test_israel_and_hamas_signing_at_sharm_el_sheikh_is_recorded(api):
    events = await walk(api, EVENTS, ("events",), filter={"from": "2025-10-09", "to": "2025-10-09"})
    assert any({"IL", "PS"} <= {c["code"] for c in e["countries"]} for e in events), events
    agreement = (await api.data('{ agreement(slug: "gaza-ceasefire-2025") { summary } }'))[
        "agreement"
    ]
    assert "no Israeli or Palestinian signature" not in agreement["summary"]


async def test_every_participation_cites_a_source(api):
    data = await api.data("""{ agreements(first: 20) { edges { node { slug
        sources { slug }
        participants(first: 100) { totalCount edges { node { country { code } sources { slug } } } }
    } } } }""")
    for edge in data["agreements"]["edges"]:
        assert edge["node"]["sources"], edge["node"]["slug"]
        participants = edge["node"]["participants"]
        assert len(participants["edges"]) == participants["totalCount"], edge["node"]["slug"]
        for participant in nodes(participants):
            assert participant["sources"], (edge["node"]["slug"], participant["country"])


async def test_kazakhstan_israel_bilateral_facts(api):
    data = await api.data("""{
      relation(a: "KZ", b: "IL") { established { iso } }
      events(first: 100, filter: {countries: ["KZ", "IL"], kinds: [EMBASSY_OPENING]}) {
        edges { node { date { iso precision } title } } }
    }""")
    assert data["relation"]["established"]["iso"] == "1992-04-10"
    dates = [
        (e["node"]["date"]["iso"], e["node"]["date"]["precision"]) for e in data["events"]["edges"]
    ]
    assert dates == [("1992-08", "MONTH"), ("1996-05", "MONTH")]


async def test_saudi_arabia_is_a_candidate_not_a_party_of_the_accords(api):
    data = await api.data("""{ country(code: "SA") {
        participations { totalCount edges { node { agreement { slug } role status } } } } }""")
    participations = data["country"]["participations"]
    roles = [(p["agreement"]["slug"], p["role"]) for p in nodes(participations)]
    # Agreements by date (the 2020 Accords after the 2002 initiative); same agreement by role.
    assert roles == [
        ("arab-peace-initiative", "ENDORSER"),
        ("arab-peace-initiative", "PROPOSER"),
        ("abraham-accords", "CANDIDATE"),
    ]
    candidacy = nodes(participations)[-1]
    assert candidacy["status"] in {"REPORTED_CANDIDATE", "CONDITIONAL_INTEREST", "IN_TALKS"}
    accords = await api.data("""{ agreement(slug: "abraham-accords") {
        participants(first: 50) { edges { node { country { code } } } } memberCount } }""")
    codes = {p["country"]["code"] for p in nodes(accords["agreement"]["participants"])}
    assert "SA" not in codes and len(codes) == accords["agreement"]["memberCount"]
