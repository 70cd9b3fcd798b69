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
