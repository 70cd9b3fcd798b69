"""The browser tests' one way to ask the server the page talks to: what a page shows must
be what the API answers."""

from __future__ import annotations

import httpx


def api(base_url: str, query: str, **variables) -> dict:
    """The ``data`` of the API's answer; the test fails on any error."""
    response = httpx.post(
        base_url + "/graphql", json={"query": query, "variables": variables}, timeout=10
    )
    response.raise_for_status()
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def walk(base_url: str, query: str, path: tuple[str, ...], **variables) -> list:
    """Every node of a connection (``query`` takes ``$after``), page by page, in order."""
    found, after = [], None
    while True:
        data = api(base_url, query, after=after, **variables)
        for key in path:
            data = data[key]
        found += [edge["node"] for edge in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return found
        after = data["pageInfo"]["endCursor"]
