"""GraphiQL's page: Strawberry's, with the CDN swapped for our pinned local copies."""

from __future__ import annotations

from strawberry.http.ides import get_graphql_ide_html


def graphiql_html() -> str:
    # Strawberry's page loads GraphiQL from a CDN; serve the same pinned files locally
    # (their integrity hashes still match, see server/vendor.py).
    return get_graphql_ide_html("graphiql").replace("https://unpkg.com/", "/vendor/")
