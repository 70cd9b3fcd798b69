"""Search order: all the words in a name or title first, then the rest; within each,
countries, agreements, then events newest first."""

import pytest

from server.search import fts_expression

from .helpers import nodes

pytestmark = pytest.mark.anyio

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


async def test_title_matches_come_first_then_kind_then_newest(api):
    search = (await api.data(SEARCH, q="bahrain", first=5))["search"]
    results = nodes(search)
    assert search["totalCount"] == len(results) == 4
    assert results[:2] == [
        {"__typename": "Country", "code": "BH"},
        {
            "__typename": "Event",
            "slug": "israel-bahrain-normalization-announced",
            "date": {"iso": "2020-09-11"},
        },
    ]
    # The rest name Bahrain in their summaries only: the agreement, then the event.
    assert results[2:] == [
        {"__typename": "Agreement", "slug": "abraham-accords"},
        {
            "__typename": "Event",
            "slug": "abraham-accords-signed-white-house",
            "date": {"iso": "2020-09-15"},
        },
    ]


async def test_events_with_the_word_in_their_title_are_newest_first(api):
    search = (await api.data(SEARCH, q="kazakhstan", first=50))["search"]
    results = nodes(search)
    assert len(results) == min(search["totalCount"], 50)
    assert results[0] == {"__typename": "Country", "code": "KZ"}
    events = [r for r in results if r["__typename"] == "Event"]
    dates = [e["date"]["iso"] for e in events]
    assert len(events) >= 8
    assert dates[: len(dates) // 2] == sorted(dates[: len(dates) // 2], reverse=True)
