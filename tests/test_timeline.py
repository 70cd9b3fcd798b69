import pytest

from .helpers import record

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

EVENTS = """query($first: Int, $after: String, $last: Int, $before: String, $filter: EventFilter,
               $order: SortOrder) {
  events(first: $first, after: $after, last: $last, before: $before, filter: $filter, order: $order) {
    totalCount
    edges { cursor node { slug date { iso precision year month day } kind title
                          countries { code } agreements { slug } sources { slug url } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


def slugs(data):
    return [e["node"]["slug"] for e in data["events"]["edges"]]


async def everything(api, **variables):
    """The whole (filtered) timeline as one connection-shaped dict, walked page by page."""
    edges, after = [], None
    while True:
        events = (await api.data(EVENTS, first=100, after=after, **variables))["events"]
        edges += events["edges"]
        if not events["pageInfo"]["hasNextPage"]:
            return {**events, "edges": edges}
        after = events["pageInfo"]["endCursor"]


async def test_timeline_is_chronological_with_honest_precision(api):
    events = await everything(api)
    _, timeline = record()
    assert events["totalCount"] == len(events["edges"]) == len(timeline) > 100
    # In order of each date's first possible day ("1973" starts on 1 Jan 1973).
    starts = [
        (d["year"], d["month"] or 1, d["day"] or 1)
        for d in (e["node"]["date"] for e in events["edges"])
    ]
    assert starts == sorted(starts)
    embassy = next(e["node"] for e in events["edges"] if e["node"]["date"]["iso"] == "1992-08")
    assert embassy["date"] == {
        "iso": "1992-08",
        "precision": "MONTH",
        "year": 1992,
        "month": 8,
        "day": None,
    }
    for edge in events["edges"]:
        assert edge["node"]["sources"], edge["node"]["slug"]


async def test_pagination_forwards_and_backwards(api):
    order = slugs({"events": await everything(api)})
    first = (await api.data(EVENTS, first=10))["events"]
    assert slugs({"events": first}) == order[:10]
    second = (await api.data(EVENTS, first=10, after=first["pageInfo"]["endCursor"]))["events"]
    third = (await api.data(EVENTS, first=10, after=second["pageInfo"]["endCursor"]))["events"]
    assert slugs({"events": second}) == order[10:20]
    assert slugs({"events": third}) == order[20:30]
    assert third["pageInfo"]["hasNextPage"] is True
    assert second["pageInfo"]["hasPreviousPage"] is True
    back = (await api.data(EVENTS, last=7, before=third["pageInfo"]["startCursor"]))["events"]
    assert slugs({"events": back}) == order[13:20]
    assert back["pageInfo"]["hasPreviousPage"] is True
    assert back["pageInfo"]["hasNextPage"] is True


async def test_newest_first(api):
    ascending = slugs({"events": await everything(api)})
    newest = (await api.data(EVENTS, first=5, order="DESC"))["events"]
    assert slugs({"events": newest}) == ascending[::-1][:5]
    more = await api.data(EVENTS, first=5, order="DESC", after=newest["pageInfo"]["endCursor"])
    assert slugs(more) == ascending[::-1][5:10]


async def test_filter_events_involving_all_countries(api):
    both = await everything(api, filter={"countries": ["KZ", "ISR"]})
    assert both["totalCount"] == 8
    for edge in both["edges"]:
        assert {"KZ", "IL"} <= {c["code"] for c in edge["node"]["countries"]}
    kz = await everything(api, filter={"countries": ["kz"]})
    assert kz["totalCount"] > both["totalCount"]


async def test_filter_by_dates_is_precision_aware(api):
    year = await everything(api, filter={"from": "2020", "to": "2020"})
    assert {e["node"]["date"]["year"] for e in year["edges"]} == {2020}
    _, timeline = record()
    assert year["totalCount"] == sum(1 for e in timeline if e.date.year == 2020) >= 6
    august_1992 = await everything(api, filter={"from": "1992-08-15", "to": "1992-08-20"})
    # A month-precise event overlaps any day of its month, a year-precise one any day of
    # its year; day-precise events outside the range do not.
    found = [e["node"]["date"]["iso"] for e in august_1992["edges"]]
    assert "1992-08" in found
    assert set(found) <= {"1992", "1992-08"}


async def test_filter_by_agreement_kind_and_text(api):
    accords = await everything(api, filter={"agreement": "abraham-accords"})
    for edge in accords["edges"]:
        assert "abraham-accords" in {a["slug"] for a in edge["node"]["agreements"]}
    signings = await everything(api, filter={"kinds": ["SIGNING"], "agreement": "abraham-accords"})
    assert signings["totalCount"] >= 1
    assert {e["node"]["kind"] for e in signings["edges"]} == {"SIGNING"}
    text = await everything(api, filter={"search": "astana netanyahu"})
    assert slugs({"events": text}) == ["netanyahu-visits-astana"]
    nothing = await everything(api, filter={"search": "zzzyx"})
    assert nothing["totalCount"] == 0


@pytest.mark.parametrize(
    ("variables", "argument", "fragment"),
    [
        ({"first": 101}, "first", "between 1 and 100 (got 101)"),
        ({"first": 0}, "first", "between 1 and 100 (got 0)"),
        ({"last": 500}, "last", "between 1 and 100 (got 500)"),
        ({"first": 5, "last": 5}, "first", "either first or last"),
        ({"after": "bogus"}, "after", "not a cursor"),
        ({"filter": {"from": "2020-02-30"}}, "filter.from", "day 30 is out of range"),
        ({"filter": {"to": "20200"}}, "filter.to", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"filter": {"from": "2021", "to": "2020"}}, "filter.from", "is after"),
        ({"filter": {"countries": ["XX1"]}}, "filter.countries", 'no country "XX1"'),
        ({"filter": {"countries": ["QQ"]}}, "filter.countries", 'no country has the code "QQ"'),
        ({"filter": {"agreement": "nope"}}, "filter.agreement", "no agreement"),
    ],
)
async def test_bad_arguments_are_named(api, variables, argument, fragment):
    error = await api.error(EVENTS, **variables)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
    assert fragment in error["message"]


async def test_cursor_from_another_list_is_rejected(api):
    countries = await api.data("{ countries(first: 1) { pageInfo { endCursor } } }")
    error = await api.error(EVENTS, after=countries["countries"]["pageInfo"]["endCursor"])
    assert error["extensions"]["argument"] == "after"
