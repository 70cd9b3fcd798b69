"""One query-string parser (#18 item 5): the API's ``listQuery`` reads a list page's address
with server/api/list_filters.py, the exports read theirs with the same parser, errors name
their argument in ``extensions.argument``, and no web module parses a list query itself."""

from __future__ import annotations

import re

import pytest

from server.model.typed_dates import NotADate, typed_date
from server.settings import ROOT

pytestmark = pytest.mark.anyio

LIST_QUERY = """query($list: ListKind!, $address: String!) {
  listQuery(list: $list, query: $address) {
    variables query problems { parameter value message } countries { code name }
  }
}"""


async def read(api, list_kind: str, query: str) -> dict:
    return (await api.data(LIST_QUERY, list=list_kind, address=query))["listQuery"]


@pytest.mark.parametrize(
    ("list_kind", "query", "variables", "applied", "countries"),
    [
        (
            "TIMELINE",
            "countries=Kazakhstan,il&countries=KAZ&from=2020-9&kind=signing&order=DESC&q=+embassy+",
            {
                "filter": {
                    "countries": ["KZ", "IL"],
                    "kinds": ["SIGNING"],
                    "from": "2020-09",
                    "search": "embassy",
                },
                "order": "DESC",
            },
            "q=embassy&countries=KZ%2CIL&kind=SIGNING&from=2020-09&order=desc",
            ["Kazakhstan", "Israel"],
        ),
        ("TIMELINE", "", {"filter": {}, "order": "ASC"}, "", []),
        ("TIMELINE", "?to=2020&from=", {"filter": {"to": "2020"}, "order": "ASC"}, "to=2020", []),
        (
            "MEMBERS",
            "agreement=abraham-accords&asOf=2020-12-31",
            {"slug": "abraham-accords", "asOf": "2020-12-31"},
            "agreement=abraham-accords&asOf=2020-12-31",
            [],
        ),
        (
            "RELATIONS",
            "country=Turkey&group=oic&asOf=2010-1-1&states=full,severed",
            {
                "filter": {
                    "country": "TR",
                    "group": "OIC",
                    "asOf": "2010-01-01",
                    "states": ["FULL", "SEVERED"],
                }
            },
            "country=TR&group=OIC&asOf=2010-01-01&states=FULL%2CSEVERED",
            ["Türkiye"],
        ),
        ("MAP", "", {"filter": {"country": "IL"}}, "country=IL", ["Israel"]),
        (
            "COUNTRIES",
            "q=kaz&region=Asia&group=arab_league&sort=region&dir=desc",
            {
                "filter": {"search": "kaz", "region": "Asia", "group": "ARAB_LEAGUE"},
                "sort": "region",
                "dir": "desc",
                "lang": "en",
            },
            "q=kaz&region=Asia&group=ARAB_LEAGUE&sort=region&dir=desc",
            [],
        ),
        ("AGREEMENTS", "sort=date&dir=asc", {"sort": "date", "dir": "asc"}, "", []),
    ],
)
async def test_a_good_query_string(api, list_kind, query, variables, applied, countries):
    parsed = await read(api, list_kind, query)
    assert parsed["problems"] == []
    assert parsed["variables"] == variables
    assert parsed["query"] == applied
    assert [country["name"] for country in parsed["countries"]] == countries


@pytest.mark.parametrize(
    ("list_kind", "query", "parameter", "value", "message"),
    [
        (
            "TIMELINE",
            "contries=KZ",
            "contries",
            "KZ",
            "Not a parameter of this list (it takes: q, countries, match, subregion, agreement, "
            "kind, from, to, order).",
        ),
        ("TIMELINE", "from=2020&from=2021", "from", "2020", "Given 2 times; give it once."),
        (
            "TIMELINE",
            "q=" + "x" * 501,
            "q",
            "x" * 59 + "…",
            "It is 501 characters long; at most 500 are read.",
        ),
        (
            "TIMELINE",
            "countries=" + ",".join(f"c{n}" for n in range(51)),
            "countries",
            ",".join(f"c{n}" for n in range(51)),
            "It lists 51 entries; at most 50 are read.",
        ),
        (
            "TIMELINE",
            "countries=Kazakstan",
            "countries",
            "Kazakstan",
            "No country called “Kazakstan” — did you mean Kazakhstan?",
        ),
        (
            "TIMELINE",
            "countries=Atlantis",
            "countries",
            "Atlantis",
            "No country called “Atlantis”. Type a name, like Kazakhstan, or a code, like KZ.",
        ),
        (
            "TIMELINE",
            "from=yesterday",
            "from",
            "yesterday",
            "Write a year, a month or a day, like 2020, 2020-09 or 2020-09-15.",
        ),
        (
            "TIMELINE",
            "to=2020-13",
            "to",
            "2020-13",
            "That date doesn't exist: there is no month 13; months run from 1 to 12.",
        ),
        (
            "TIMELINE",
            "from=2021-02-29",
            "from",
            "2021-02-29",
            "That date doesn't exist: there is no 29 February in 2021.",
        ),
        (
            "TIMELINE",
            "from=2021-03&to=2021-02-28",
            "to",
            "2021-02-28",
            "“To” is before “From”, so no event could match: swap them?",
        ),
        (
            "TIMELINE",
            "order=sideways",
            "order",
            "sideways",
            "“sideways” is not an order (one of: asc or desc).",
        ),
        (
            "TIMELINE",
            "agreement=Not a Slug",
            "agreement",
            "Not a Slug",
            "“Not a Slug” is not an agreement's slug: use the last part of its page address, "
            "such as abraham-accords.",
        ),
        ("MEMBERS", "asOf=2020-12-31", "agreement", None, "Required for this list."),
        (
            "MEMBERS",
            "agreement=abraham-accords&asOf=2020-12",
            "asOf",
            "2020-12",
            "Write the date as year-month-day, like 2020-12-31.",
        ),
        (
            "MAP",
            "group=NATO",
            "group",
            "NATO",
            "“NATO” is not a group accordline knows; the groups are ARAB_LEAGUE (League of Arab "
            "States) and OIC (Organisation of Islamic Cooperation).",
        ),
        (
            "COUNTRIES",
            "sort=flag",
            "sort",
            "flag",
            "“flag” is not a column (one of: name, code, region, groups, relation).",
        ),
        ("AGREEMENTS", "dir=up", "dir", "up", "“up” is not a direction (one of: asc or desc)."),
    ],
)
async def test_each_kind_of_bad_parameter(api, list_kind, query, parameter, value, message):
    parsed = await read(api, list_kind, query)
    assert parsed["problems"] == [{"parameter": parameter, "value": value, "message": message}]


async def test_a_problem_leaves_the_rest_of_the_filter(api):
    parsed = await read(api, "TIMELINE", "countries=KZ,Atlantis&kind=party&kind=visit&utm=x")
    assert parsed["variables"] == {
        "filter": {"countries": ["KZ"], "kinds": ["VISIT"]},
        "order": "ASC",
    }
    assert parsed["query"] == "countries=KZ&kind=VISIT"
    assert [p["parameter"] for p in parsed["problems"]] == ["utm", "countries", "kind"]


async def test_the_exports_refuse_what_the_pages_are_told(api):
    """One parser: an export's 400 is the first problem listQuery reports, by parameter."""
    for query in ("countries=Kazakstan", "from=2021&to=2020", "contries=KZ", "kind=party"):
        [problem, *_] = (await read(api, "TIMELINE", query))["problems"]
        response = await api.client.get(f"/export/timeline.csv?{query}")
        [error] = response.json()["errors"]
        assert response.status_code == 400
        assert error["extensions"]["parameter"] == problem["parameter"]
        assert error["message"] == f'The "{problem["parameter"]}" parameter: {problem["message"]}'


async def test_an_export_applies_what_the_page_applies(api):
    query = "countries=Kazakhstan&countries=il&from=2020"
    parsed = await read(api, "TIMELINE", query)
    exported = (await api.client.get(f"/export/timeline.json?{query}")).json()
    assert exported["filter"] == parsed["variables"]
    # The file links back to the page of that filter, as the page writes its address.
    title = (await api.client.get(f"/export/timeline.timelinejs.json?{query}")).json()["title"]
    assert f"/timeline?{parsed['query']}".replace("&", "&amp;") in title["text"]["text"]


async def test_an_unknown_list_is_refused_by_name(api):
    error = await api.error(LIST_QUERY, list="NOPE", address="")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "list"}
    literal = await api.error('{ listQuery(list: NOPE, query: "") { query } }')
    assert literal["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_a_query_string_with_too_many_fields(api):
    error = await api.error(LIST_QUERY, list="TIMELINE", address="&".join(["q=a"] * 101))
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "query"}


# extensions.argument: every refusal of an argument's value names it.


@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        # A variable's value, refused before execution: the variable is named.
        (
            'query($day: Date) { agreement(slug: "abraham-accords") { memberCount(asOf: $day) } }',
            {"day": "2020-13-45"},
            "day",
        ),
        ("query($n: Int!) { events(first: $n) { totalCount } }", {}, "n"),
        (
            "query($f: EventFilter) { events(first: 1, filter: $f) { totalCount } }",
            {"f": {"kinds": ["PARTY"]}},
            "f",
        ),
        # A resolver's refusal: the argument's path.
        ('{ events(first: 1, filter: { from: "2020-13" }) { totalCount } }', {}, "filter.from"),
        ('{ agreement(slug: "Not A Slug") { name } }', {}, "slug"),
        ("{ events(first: 101) { totalCount } }", {}, "first"),
    ],
)
async def test_a_refused_argument_is_named_in_its_extensions(api, query, variables, argument):
    error = await api.error(query, **variables)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == argument


async def test_the_agreement_page_error_maps_by_argument_not_words(api, monkeypatch):
    """graphql-core rewording its messages must not lose the argument."""
    from graphql import GraphQLError

    from server.api import errors

    original = errors.variable_error

    def reworded(error: GraphQLError) -> GraphQLError:
        error.message = "something else entirely"
        return original(error)

    monkeypatch.setattr(errors, "variable_error", reworded)
    query = 'query($asOf: Date) { agreement(slug: "abraham-accords") { memberCount(asOf: $asOf) } }'
    body = await api.client.post("/graphql", json={"query": query, "variables": {"asOf": "x"}})
    [error] = body.json()["errors"]
    assert error["extensions"]["argument"] == "asOf"


# No web module reads a list page's address itself any more.

LIST_PAGES = ["timeline", "agreement", "agreements", "countries", "map"]


def test_no_web_module_parses_a_list_query():
    web = ROOT / "web"
    sources = {
        path: path.read_text(encoding="utf-8")
        for path in web.rglob("*.js")
        if "node_modules" not in path.parts and "vendor" not in path.parts
    }
    # format.js still defines dateProblem (its node unit test pins it); no page calls it.
    removed = re.compile(r"\b(filterFrom|filterQuery|sortFrom|apiProblems|readAsOf\(query)\b")
    for path, text in sources.items():
        assert not removed.search(text), f"{path.name} still parses a list query"
        # An error is mapped to a field by extensions.argument, never by a pattern over
        # its words (graphql.js read "Variable '$asOf' …" with /^Variable '\$(\w+)'/).
        assert not re.search(r"/\^?Variable '", text), path.name
    for name in LIST_PAGES:
        text = sources[web / "pages" / f"{name}.js"]
        assert "dateProblem" not in text and "findCountry" not in text, name
        assert not re.search(r"\b(query|params|searchParams)\.(get|getAll|has)\(", text), name
        assert "listQuery" in text or "readListQuery" in text, name


# A date as a reader types it: the words the pages showed before the server read them.


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020", "2020"),
        ("2020-9", "2020-09"),
        (" 2020-09-15 ", "2020-09-15"),
        ("2000-02-29", "2000-02-29"),
    ],
)
def test_a_typed_date_is_a_year_a_month_or_a_day(text, iso):
    assert typed_date(text).iso == iso


@pytest.mark.parametrize(
    ("text", "day_only", "words"),
    [
        ("Smarch 2020", False, "Write a year, a month or a day, like 2020, 2020-09 or 2020-09-15."),
        ("2020/09-15", False, "Write a year, a month or a day, like 2020, 2020-09 or 2020-09-15."),
        ("٢٠٢٠", False, "Write a year, a month or a day, like 2020, 2020-09 or 2020-09-15."),
        ("2020-09", True, "Write the date as year-month-day, like 2020-12-31."),
        (
            "2020-00-10",
            False,
            "That date doesn't exist: there is no month 0; months run from 1 to 12.",
        ),
        ("2020-09-00", False, "That date doesn't exist: days start at 1."),
        ("2020-04-31", False, "That date doesn't exist: there is no 31 April."),
        ("1900-02-29", True, "That date doesn't exist: there is no 29 February in 1900."),
        ("0000", False, "That date doesn't exist: there is no year 0."),
    ],
)
def test_an_impossible_date_is_named(text, day_only, words):
    with pytest.raises(NotADate) as raised:
        typed_date(text, day_only=day_only)
    assert str(raised.value) == words
