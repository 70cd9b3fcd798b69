"""Search order: all the words in a name or title first, then the rest; within each,
countries, agreements, then events newest first."""

import pytest

from server.store.search import fts_expression

from .helpers import nodes

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

SEARCH = """query($q: String!, $first: Int) { search(query: $q, first: $first) {
  totalCount
  edges { node {
    __typename ... on Country { code } ... on Agreement { slug } ... on Event { slug date { iso } }
  } }
} }"""


def test_user_text_is_words_never_syntax():
    assert fts_expression('kaz" OR *') == '"kaz"* "OR"*'
    assert fts_expression("israel bahrain", titles_only=True) == 'title : ("israel"* "bahrain"*)'
    assert fts_expression("((  ") is None


TITLED = """query($q: String!, $first: Int) { search(query: $q, first: $first) {
  totalCount
  edges { node {
    __typename ... on Country { code name } ... on Agreement { slug name }
    ... on Event { slug title date { year month day } }
  } }
} }"""


def _title(result: dict) -> str:
    return result.get("name") or result.get("title")


def _newest_first(events: list) -> bool:
    starts = [(e["date"]["year"], e["date"]["month"] or 1, e["date"]["day"] or 1) for e in events]
    return starts == sorted(starts, reverse=True)


async def test_title_matches_come_first_then_kind_then_newest(api):
    search = (await api.data(TITLED, q="bahrain", first=50))["search"]
    results = nodes(search)
    assert search["totalCount"] == len(results) >= 4
    titled = [r for r in results if "bahrain" in _title(r).lower()]
    rest = [r for r in results if "bahrain" not in _title(r).lower()]
    # Every result with the word in its name or title comes before every other one.
    assert results == titled + rest
    assert titled[0] == {"__typename": "Country", "code": "BH", "name": "Bahrain"}
    slugs = {r.get("slug") for r in titled}
    assert {
        "israel-bahrain-normalization-announced",
        "bh-il-relations-established-2020-10-18",
    } <= slugs
    # Within each part: countries, agreements, then events newest first.
    for part in (titled, rest):
        kinds = [r["__typename"] for r in part]
        order = {"Country": 0, "Agreement": 1, "Event": 2}
        assert kinds == sorted(kinds, key=order.get)
        assert _newest_first([r for r in part if r["__typename"] == "Event"])
    assert {"__typename": "Agreement", "slug": "abraham-accords", "name": "Abraham Accords"} in rest


async def test_events_with_the_word_in_their_title_are_newest_first(api):
    search = (await api.data(SEARCH, q="kazakhstan", first=50))["search"]
    results = nodes(search)
    assert len(results) == min(search["totalCount"], 50)
    assert results[0] == {"__typename": "Country", "code": "KZ"}
    events = [r for r in results if r["__typename"] == "Event"]
    dates = [e["date"]["iso"] for e in events]
    assert len(events) >= 8
    assert dates[: len(dates) // 2] == sorted(dates[: len(dates) // 2], reverse=True)


# #21: the words a reader types for a country, in any script, misspelt or not.
FORGIVEN = [
    ("Turkey", "TR"),
    ("UAE", "AE"),
    ("KSA", "SA"),
    ("Ivory Coast", "CI"),
    ("Kazakstan", "KZ"),
    ("Kazahstan", "KZ"),
    ("Marocco", "MA"),
    ("Казахстан", "KZ"),
    ("كازاخستان", "KZ"),
    ("קזחסטן", "KZ"),
    ("Қазақстан", "KZ"),
    ("marruecos", "MA"),
    ("TÜRKİYE", "TR"),
    ("ivory c", "CI"),
]


@pytest.mark.parametrize(("typed", "code"), FORGIVEN)
async def test_the_country_a_reader_means_comes_first(api, typed, code):
    search = (await api.data(SEARCH, q=typed, first=10))["search"]
    results = nodes(search)
    assert results[0] == {"__typename": "Country", "code": code}
    assert search["totalCount"] >= 1


async def test_no_country_is_forced_on_words_that_name_none(api):
    for words in ("embassy", "treaty", "peace"):
        results = nodes((await api.data(SEARCH, q=words, first=50))["search"])
        assert results, words
        assert all(r["__typename"] != "Country" for r in results), (words, results)


PAGED = """query($q: String!, $first: Int, $after: String) { search(query: $q, first: $first,
  after: $after) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { __typename ... on Country { code } ... on Agreement { slug } ... on Event { slug } } } } }"""


@pytest.mark.parametrize("words", ["turkey", "Kazakstan", "kaz", "Казахстан", "guinea"])
async def test_pages_walk_the_same_ranking_each_result_once_and_the_count_is_theirs(api, words):
    whole = (await api.data(PAGED, q=words, first=50))["search"]
    walked, after = [], None
    while True:
        page = (await api.data(PAGED, q=words, first=3, after=after))["search"]
        assert page["totalCount"] == whole["totalCount"]
        walked += nodes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert walked == nodes(whole)[: len(walked)]
    keys = [tuple(r.values()) for r in walked]
    assert len(keys) == len(set(keys))  # a country the index named is not listed again
    if whole["totalCount"] <= 50:
        assert len(walked) == whole["totalCount"] == len(nodes(whole))


def test_the_country_index_keeps_few_short_answers():
    from server.model import countries

    index = countries.CountryIndex([("KZ", "KAZ", ["Kazakhstan"]), ("MA", "MAR", ["Morocco"])])
    assert index.search("Kazakstan") == ["KZ"] == index.search("Kazakstan")  # memo, same answer
    assert index.search("x" * 100_000) == []
    assert all(len(text) <= countries._LONGEST for text, _ in index._searched)
    for n in range(countries._SEARCHES_KEPT + 50):
        index.search(f"word{n}")
    assert len(index._searched) == countries._SEARCHES_KEPT
    assert ("word0", 5) not in index._searched  # the oldest went first
