"""The HTTP face of the schema: /graphql as a small view inside pure ASGI middleware."""

from __future__ import annotations

from starlette.types import ASGIApp

from ...settings import Settings
from .graphql_view import GraphQLView
from .middleware import BodyLimit, HttpCaching, RequestId, StoreRefresh

__all__ = ["BodyLimit", "GraphQLView", "RequestId", "graphql_endpoint"]


def graphql_endpoint(view: GraphQLView, settings: Settings) -> ASGIApp:
    """The /graphql ASGI app around ``view``. Body limit and request id wrap the whole
    application."""
    return StoreRefresh(HttpCaching(view, max_age=settings.http_max_age))
