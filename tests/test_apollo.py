"""Apollo Client 3 against a live server, as an app would use it: automatic persisted
queries over GET, and the timeline walked page by page with relayStylePagination."""

import httpx

from .live import live_server, run_node

ALL_EVENTS = """query($after: String) { events(first: 100, after: $after) {
  totalCount edges { node { slug } } pageInfo { hasNextPage endCursor } } }"""


def every_event(url: str) -> tuple[list[str], int]:
    """The whole timeline's slugs, walked directly, and its totalCount."""
    slugs, after = [], None
    while True:
        page = httpx.post(url, json={"query": ALL_EVENTS, "variables": {"after": after}})
        events = page.json()["data"]["events"]
        slugs += [edge["node"]["slug"] for edge in events["edges"]]
        if not events["pageInfo"]["hasNextPage"]:
            return slugs, events["totalCount"]
        after = events["pageInfo"]["endCursor"]


def test_persisted_queries_and_relay_pagination(seed_store):
    with live_server(seed_store) as server:
        first, second = run_node("apollo.mjs", server.url + "/graphql")["runs"]
        expected, total = every_event(server.url + "/graphql")
    assert len(expected) == total > 100

    for run in (first, second):
        # Every event exactly once, in timeline order, and the walk knows it has ended.
        assert run["slugs"] == expected
        assert not run["hasNextPage"]
        assert run["pages"] == -(-len(expected) // 5)

    # First client: the hash alone is unknown, so Apollo's link resends with the text...
    miss, register, *pages = first["requests"]
    assert miss["method"] == "GET" and miss["sentHash"] and not miss["sentQuery"]
    assert miss["status"] == 200
    assert miss["errorMessages"] == ["PersistedQueryNotFound"]
    assert miss["errorCodes"] == ["PERSISTED_QUERY_NOT_FOUND"]
    assert miss["cacheControl"] == "no-store"  # a miss must never be cached on the way
    assert register["sentQuery"] and register["sentHash"] and register["errorCodes"] == []
    # ... and every later page goes by hash over GET, cacheable by any cache.
    assert len(pages) == first["pages"] - 1
    for request in pages:
        assert request["method"] == "GET" and not request["sentQuery"]
        assert request["errorCodes"] == []
        assert request["cacheControl"] == "public, max-age=60"

    # Second client: the server already knows the hash; the text is never sent.
    assert len(second["requests"]) == second["pages"]
    for request in second["requests"]:
        assert request["method"] == "GET" and request["sentHash"] and not request["sentQuery"]
        assert request["status"] == 200 and request["errorCodes"] == []
