"""Small helpers shared by the tests."""

from __future__ import annotations

import functools


def nodes(connection: dict) -> list:
    """The nodes of one page of a connection, in order."""
    return [edge["node"] for edge in connection["edges"]]


async def walk(api, query: str, path: tuple[str, ...], **variables) -> list:
    """Every node of a connection, page by page (first: 100), in order."""
    found, after = [], None
    while True:
        data = await api.data(query, first=100, after=after, **variables)
        for key in path:
            data = data[key]
        found += nodes(data)
        if not data["pageInfo"]["hasNextPage"]:
            return found
        after = data["pageInfo"]["endCursor"]


@functools.cache
def record():
    """The seed as the build reads it, with the timeline it makes: the tests' expectations
    come from the data files, never from copies of them."""
    from server.seed import load_seed, relation_events
    from server.settings import ROOT

    seed = load_seed(ROOT / "seed")
    timeline = list(seed.events) + [event for _, _, event in relation_events(seed)]
    return seed, timeline
