"""The HTTP face of the schema: /graphql as a small view inside pure ASGI middleware."""

from __future__ import annotations

from starlette.types import ASGIApp

from server.api.http.graphql_view import GraphQLView
from server.api.http.middleware import BodyLimit, HttpCaching, RequestId, StoreRefresh
from server.settings import Settings

__all__ = ["BodyLimit", "GraphQLView", "RequestId", "graphql_endpoint"]


def graphql_endpoint(view: GraphQLView, settings: Settings) -> ASGIApp:
    """The /graphql ASGI app around ``view``. Body limit and request id wrap the whole
    application."""
    return StoreRefresh(HttpCaching(view, max_age=settings.http_max_age))
