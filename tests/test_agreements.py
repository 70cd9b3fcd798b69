import pytest

from .helpers import nodes, record

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

PARTICIPANTS = """query($asOf: Date, $role: Role, $status: Status) {
  agreement(slug: "abraham-accords") {
    name kind date { iso }
    participants(first: 100, asOf: $asOf, role: $role, status: $status) {
      totalCount
      edges { node {
        country { code } role status statusDate { iso }
        statusHistory { status date { iso precision } note sources { slug } }
      } }
    }
  }
}"""


def table(data):
    participants = data["agreement"]["participants"]
    rows = {
        p["country"]["code"]: (p["role"], p["status"], p["statusDate"]["iso"])
        for p in nodes(participants)
    }
    assert participants["totalCount"] == len(participants["edges"]) == len(rows)
    return rows


async def test_abraham_accords_as_of_end_of_2020(api):
    data = await api.data(PARTICIPANTS, asOf="2020-12-31")
    assert table(data) == {
        "IL": ("PARTY", "SIGNED", "2020-09-15"),
        "AE": ("PARTY", "SIGNED", "2020-09-15"),
        "BH": ("PARTY", "SIGNED", "2020-09-15"),
        "SD": ("PARTY", "ANNOUNCED", "2020-10-23"),
        "MA": ("PARTY", "SIGNED", "2020-12-22"),
        "US": ("BROKER", "SIGNED", "2020-09-15"),
    }
    sudan = next(
        p for p in nodes(data["agreement"]["participants"]) if p["country"]["code"] == "SD"
    )
    # History is replayed up to the day asked for: nothing from 2021 shows.
    assert [s["status"] for s in sudan["statusHistory"]] == ["ANNOUNCED"]


async def test_abraham_accords_as_of_2025_11_07_includes_kazakhstan(api):
    data = await api.data(PARTICIPANTS, asOf="2025-11-07")
    rows = table(data)
    assert rows["KZ"] == ("PARTY", "ANNOUNCED", "2025-11-06")
    assert rows["SD"] == ("PARTY", "STALLED", "2021-09-14")
    assert len(rows) == 7


async def test_before_announcement_day_kazakhstan_is_out(api):
    assert "KZ" not in table(await api.data(PARTICIPANTS, asOf="2025-11-05"))
    assert table(await api.data(PARTICIPANTS, asOf="2020-08-12")) == {}
    uae_day = table(await api.data(PARTICIPANTS, asOf="2020-08-13"))
    assert uae_day == {"AE": ("PARTY", "ANNOUNCED", "2020-08-13")}


async def test_current_status_and_full_history(api):
    data = await api.data(PARTICIPANTS)
    assert data["agreement"]["kind"] == "NORMALIZATION_FRAMEWORK"
    assert data["agreement"]["date"]["iso"] == "2020-09-15"
    # By country name: Bahrain … United Arab Emirates, United States.
    codes = [p["country"]["code"] for p in nodes(data["agreement"]["participants"])]
    assert codes == ["BH", "IL", "KZ", "MA", "SD", "AE", "US"]
    sudan = next(
        p for p in nodes(data["agreement"]["participants"]) if p["country"]["code"] == "SD"
    )
    assert [(s["status"], s["date"]["iso"]) for s in sudan["statusHistory"]] == [
        ("ANNOUNCED", "2020-10-23"),
        ("SIGNED", "2021-01-06"),
        ("STALLED", "2021-09-14"),
    ]
    assert sudan["status"] == "STALLED"
    stalled = sudan["statusHistory"][2]
    assert [s["slug"] for s in stalled["sources"]] == ["medialine-accords-first-anniversary"]
    assert stalled["note"]


async def test_role_and_status_filters(api):
    brokers = table(await api.data(PARTICIPANTS, role="BROKER"))
    assert brokers == {"US": ("BROKER", "SIGNED", "2020-09-15")}
    signed_2020 = table(await api.data(PARTICIPANTS, asOf="2020-12-31", status="SIGNED"))
    assert set(signed_2020) == {"IL", "AE", "BH", "MA", "US"}


async def test_invalid_as_of_date_is_bad_user_input(api):
    error = await api.error(PARTICIPANTS, asOf="2020-02-30")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "2020-02-30" in error["message"]


async def test_arab_peace_initiative_endorsers(api):
    data = await api.data("""{ agreement(slug: "arab-peace-initiative") {
        date { iso }
        endorsers: participants(first: 100, role: ENDORSER) {
          totalCount edges { node { country { code } status } } }
        proposer: participants(role: PROPOSER) {
          totalCount edges { node { country { code } status } } }
    } }""")
    agreement = data["agreement"]
    assert agreement["date"]["iso"] == "2002-03-28"
    endorsers = nodes(agreement["endorsers"])
    assert len(endorsers) == agreement["endorsers"]["totalCount"] == 22
    assert {p["status"] for p in endorsers} == {"ENDORSED"}
    assert [p["country"]["code"] for p in nodes(agreement["proposer"])] == ["SA"]
    assert agreement["proposer"]["totalCount"] == 1


AGREEMENTS = """query($first: Int, $after: String, $last: Int, $before: String, $filter: AgreementFilter) {
  agreements(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount edges { node { slug date { iso } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


async def test_agreements_are_oldest_first_and_paginate_both_ways(api):
    everything = (await api.data(AGREEMENTS, first=100))["agreements"]
    slugs = [e["node"]["slug"] for e in everything["edges"]]
    seed, _ = record()
    assert everything["totalCount"] == len(seed.agreements) >= 8
    assert slugs[0] == "egypt-israel-peace-treaty"
    dates = [e["node"]["date"]["iso"] for e in everything["edges"]]
    assert dates == sorted(dates)
    page = (await api.data(AGREEMENTS, first=3))["agreements"]
    nxt = (await api.data(AGREEMENTS, first=3, after=page["pageInfo"]["endCursor"]))["agreements"]
    assert [e["node"]["slug"] for e in nxt["edges"]] == slugs[3:6]
    prev = (await api.data(AGREEMENTS, last=2, before=nxt["pageInfo"]["startCursor"]))["agreements"]
    assert [e["node"]["slug"] for e in prev["edges"]] == slugs[1:3]
    assert prev["pageInfo"]["hasPreviousPage"] is True


async def test_agreements_filtered_by_country_and_kind(api):
    kz = (await api.data(AGREEMENTS, first=20, filter={"country": "KAZ"}))["agreements"]
    assert {e["node"]["slug"] for e in kz["edges"]} == {
        "abraham-accords",
        "kazakhstan-israel-agreements-2016",
        "us-kazakhstan-critical-minerals-mou",
    }
    treaties = (await api.data(AGREEMENTS, filter={"kind": "PEACE_TREATY"}))["agreements"]
    assert [e["node"]["slug"] for e in treaties["edges"]] == [
        "egypt-israel-peace-treaty",
        "israel-jordan-peace-treaty",
    ]


async def test_unknown_agreement_is_null_and_bad_slug_is_an_error(api):
    assert (await api.data('{ agreement(slug: "nope") { name } }'))["agreement"] is None
    error = await api.error('{ agreement(slug: "Not A Slug") { name } }')
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "slug"}


async def test_member_count_and_latest_change(api):
    data = await api.data("""{ agreement(slug: "abraham-accords") {
        memberCount before: memberCount(asOf: "2020-12-31")
        latestChange { country { code } status statusDate { iso } } } }""")
    agreement = data["agreement"]
    assert (agreement["memberCount"], agreement["before"]) == (7, 6)
    assert agreement["latestChange"] == {
        "country": {"code": "KZ"},
        "status": "ANNOUNCED",
        "statusDate": {"iso": "2025-11-06"},
    }


async def test_participants_of_given_countries(api):
    data = await api.data("""{ agreement(slug: "abraham-accords") {
        participants(countries: ["kaz", "IL", "JO"]) {
          totalCount edges { node { country { code } status } } } } }""")
    assert data["agreement"]["participants"]["totalCount"] == 2
    assert nodes(data["agreement"]["participants"]) == [
        {"country": {"code": "IL"}, "status": "SIGNED"},
        {"country": {"code": "KZ"}, "status": "ANNOUNCED"},
    ]
    error = await api.error(
        '{ agreement(slug: "abraham-accords") { participants(countries: ["Q1"]) {'
        " edges { node { status } } } } }"
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "countries"}


PAGE_OF_PARTICIPANTS = """query($first: Int, $after: String, $last: Int, $before: String) {
  agreement(slug: "arab-peace-initiative") {
    participants(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { country { code } role } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}"""

# The Arab Peace Initiative's participants by country name, code, then role (Saudi
# Arabia both endorsed and proposed it), as seed/agreements.toml has them.
API_PARTICIPANTS = [
    *[
        (code, "ENDORSER")
        for code in ["DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA"]
    ],
    ("OM", "ENDORSER"),
    ("PS", "ENDORSER"),  # Palestine, State of
    ("QA", "ENDORSER"),
    ("SA", "ENDORSER"),
    ("SA", "PROPOSER"),
    *[(code, "ENDORSER") for code in ["SO", "SD", "SY", "TN", "AE", "YE"]],
]


def participant_keys(connection):
    return [(p["country"]["code"], p["role"]) for p in nodes(connection)]


async def participants_page(api, **arguments):
    return (await api.data(PAGE_OF_PARTICIPANTS, **arguments))["agreement"]["participants"]


async def test_participants_are_in_country_name_order(api):
    everything = await participants_page(api, first=100)
    assert everything["totalCount"] == len(API_PARTICIPANTS) == 23
    assert participant_keys(everything) == API_PARTICIPANTS
    assert everything["pageInfo"]["hasNextPage"] is False
    assert everything["pageInfo"]["hasPreviousPage"] is False
    first = await participants_page(api)  # the default page is 20
    assert participant_keys(first) == API_PARTICIPANTS[:20]
    assert first["pageInfo"]["hasNextPage"] is True


async def test_paging_forwards_through_participants_visits_each_once(api):
    seen, after, pages = [], None, 0
    while True:
        page = await participants_page(api, first=5, after=after)
        pages += 1
        assert page["totalCount"] == 23
        assert 1 <= len(page["edges"]) <= 5
        assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        seen += participant_keys(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert len(page["edges"]) == 5
        after = page["pageInfo"]["endCursor"]
    assert pages == 5
    assert seen == API_PARTICIPANTS
    assert len(set(seen)) == 23


async def test_paging_backwards_through_participants_visits_each_once(api):
    tail = await participants_page(api, last=5)
    assert participant_keys(tail) == API_PARTICIPANTS[-5:]
    assert tail["pageInfo"]["hasPreviousPage"] is True
    seen, page, pages = participant_keys(tail), tail, 1
    while page["pageInfo"]["hasPreviousPage"]:
        page = await participants_page(api, last=5, before=page["pageInfo"]["startCursor"])
        pages += 1
        assert page["totalCount"] == 23
        assert 1 <= len(page["edges"]) <= 5
        seen = participant_keys(page) + seen
    assert pages == 5
    assert participant_keys(page) == API_PARTICIPANTS[:3]
    assert seen == API_PARTICIPANTS

    # Back from the middle of a forward walk: the items just before the cursor.
    forwards = await participants_page(api, first=12)
    back = await participants_page(api, last=4, before=forwards["pageInfo"]["endCursor"])
    assert participant_keys(back) == API_PARTICIPANTS[7:11]
    assert back["pageInfo"]["hasPreviousPage"] is True
