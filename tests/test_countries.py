import pytest

from .helpers import nodes

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

COUNTRY = (
    "query($code: String!) { country(code: $code) { code alpha3 name region subregion flag } }"
)


@pytest.mark.parametrize("code", ["KZ", "kz", "KAZ", "kaz", " Kz "])
async def test_country_by_alpha2_or_alpha3_in_any_case(api, code):
    data = await api.data(COUNTRY, code=code)
    assert data["country"] == {
        "code": "KZ",
        "alpha3": "KAZ",
        "name": "Kazakhstan",
        "region": "Asia",
        "subregion": "Central Asia",
        "flag": "\U0001f1f0\U0001f1ff",
    }


async def test_unknown_country_is_null(api):
    assert (await api.data(COUNTRY, code="QQ"))["country"] is None


@pytest.mark.parametrize("code", ["K", "KAZA", "12", "K1", "", "ÄÖ"])
async def test_malformed_country_code_is_bad_user_input(api, code):
    error = await api.error(COUNTRY, code=code)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "ISO 3166-1" in error["message"]
    assert error["path"] == ["country"]


async def test_every_iso_country_and_the_soviet_union_are_stored(api):
    data = await api.data(
        '{ countries { totalCount } su: country(code: "SU") { name historicalCode flag } }'
    )
    # 249 ISO, the Soviet Union, and two user-assigned codes: Kosovo (XK), Somaliland (XS).
    assert data["countries"]["totalCount"] == 252
    assert data["su"] == {"name": "Soviet Union", "historicalCode": "SUHH", "flag": None}
    flags = await api.data('{ xk: country(code: "XK") { flag } xs: country(code: "XS") { flag } }')
    assert flags == {"xk": {"flag": "🇽🇰"}, "xs": {"flag": None}}


PAGE = """query($first: Int, $after: String, $last: Int, $before: String, $filter: CountryFilter) {
  countries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    edges { cursor node { code } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


async def test_countries_page_forwards_then_backwards(api):
    everything = await api.data(PAGE, first=100, filter={"region": "Asia"})
    codes = [e["node"]["code"] for e in everything["countries"]["edges"]]
    assert len(codes) == everything["countries"]["totalCount"] == 51

    first = (await api.data(PAGE, first=20, filter={"region": "Asia"}))["countries"]
    assert [e["node"]["code"] for e in first["edges"]] == codes[:20]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False

    second = (
        await api.data(
            PAGE, first=20, after=first["pageInfo"]["endCursor"], filter={"region": "Asia"}
        )
    )["countries"]
    assert [e["node"]["code"] for e in second["edges"]] == codes[20:40]

    back = (
        await api.data(
            PAGE, last=20, before=second["pageInfo"]["startCursor"], filter={"region": "Asia"}
        )
    )["countries"]
    assert [e["node"]["code"] for e in back["edges"]] == codes[:20]
    assert back["pageInfo"]["hasPreviousPage"] is False
    assert back["pageInfo"]["hasNextPage"] is True

    tail = (await api.data(PAGE, last=5, filter={"region": "Asia"}))["countries"]
    assert [e["node"]["code"] for e in tail["edges"]] == codes[-5:]
    assert tail["pageInfo"]["hasPreviousPage"] is True


async def test_countries_are_in_name_order(api):
    edges = (await api.data(PAGE, first=3))["countries"]["edges"]
    assert [e["node"]["code"] for e in edges] == ["AF", "AX", "AL"]  # Åland sorts as Aland


async def test_filter_by_agreement_and_status(api):
    accords = await api.data(PAGE, first=50, filter={"agreement": "abraham-accords"})
    codes = {e["node"]["code"] for e in accords["countries"]["edges"]}
    assert codes == {"AE", "BH", "IL", "KZ", "MA", "SD", "US"}
    announced = await api.data(
        PAGE, first=50, filter={"agreement": "abraham-accords", "status": "ANNOUNCED"}
    )
    assert [e["node"]["code"] for e in announced["countries"]["edges"]] == ["KZ"]
    stalled = await api.data(PAGE, first=50, filter={"status": "STALLED"})
    assert [e["node"]["code"] for e in stalled["countries"]["edges"]] == ["SD"]


async def test_filter_by_search_folds_accents(api):
    found = await api.data(PAGE, first=5, filter={"search": "turkiye"})
    assert [e["node"]["code"] for e in found["countries"]["edges"]] == ["TR"]
    nothing = await api.data(PAGE, first=5, filter={"search": "!!"})
    assert nothing["countries"]["totalCount"] == 0


async def test_unknown_agreement_in_filter_is_named(api):
    error = await api.error(PAGE, filter={"agreement": "no-such-thing"})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert '"no-such-thing"' in error["message"]


async def test_country_participations_and_relations(api):
    data = await api.data("""{ country(code: "KZ") {
        participations { totalCount edges { node {
          agreement { slug } role status statusDate { iso } since { iso precision } sources { slug }
        } } }
        relations { totalCount edges { node {
          established { iso precision } countries { code } sources { publisher }
        } } }
    } }""")
    participations = data["country"]["participations"]
    assert participations["totalCount"] == 3
    by_slug = {p["agreement"]["slug"]: p for p in nodes(participations)}
    # By agreement date: 2016, 2020 (the accords), then the 2025 memorandum.
    assert list(by_slug) == [
        "kazakhstan-israel-agreements-2016",
        "abraham-accords",
        "us-kazakhstan-critical-minerals-mou",
    ]
    accords = by_slug["abraham-accords"]
    assert (accords["role"], accords["status"], accords["statusDate"]["iso"]) == (
        "PARTY",
        "ANNOUNCED",
        "2025-11-06",
    )
    assert accords["sources"]
    assert data["country"]["relations"]["totalCount"] == 1
    [relation] = nodes(data["country"]["relations"])
    assert relation["established"] == {"iso": "1992-04-10", "precision": "DAY"}
    assert [c["code"] for c in relation["countries"]] == ["KZ", "IL"]
    assert relation["sources"]


PARTICIPATIONS = """query($first: Int, $after: String, $last: Int, $before: String) {
  country(code: "IL") {
    participations(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { agreement { slug date { iso } } role } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}"""

# Israel's participations by agreement date, as seed/agreements.toml has them.
ISRAEL = [
    "egypt-israel-peace-treaty",  # 1979-03-26
    "israel-jordan-peace-treaty",  # 1994-10-26
    "kazakhstan-israel-agreements-2016",  # 2016-12-14
    "abraham-accords",  # 2020-09-15
    "israel-uae-cepa",  # 2022-05-31
    "gaza-ceasefire-2025",  # 2025-10-10
]


async def test_paging_through_participations_one_at_a_time_visits_each_once(api):
    everything = (await api.data(PARTICIPATIONS, first=100))["country"]["participations"]
    assert [p["agreement"]["slug"] for p in nodes(everything)] == ISRAEL
    assert everything["totalCount"] == len(ISRAEL)
    dates = [p["agreement"]["date"]["iso"] for p in nodes(everything)]
    assert dates == sorted(dates)

    seen, after = [], None
    while True:
        page = (await api.data(PARTICIPATIONS, first=1, after=after))["country"]["participations"]
        assert page["totalCount"] == len(ISRAEL)
        [edge] = page["edges"]
        assert page["pageInfo"]["endCursor"] == edge["cursor"]
        seen.append(edge["node"]["agreement"]["slug"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ISRAEL

    # `after` is now the next-to-last one's cursor: the two before it.
    back = (await api.data(PARTICIPATIONS, last=2, before=after))["country"]["participations"]
    assert [p["agreement"]["slug"] for p in nodes(back)] == ISRAEL[-4:-2]
    assert back["pageInfo"]["hasPreviousPage"] is True
