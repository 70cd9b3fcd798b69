"""The API, asked in-process: an export is a client of the executor like any other.

An export's rows come from the same entry the /graphql view uses (``GraphQLView.execute``:
preparation with its limits and codes, the fast path, Strawberry), so an exported JSON
file is the API's answer by construction and the API's input validation is the export's.
No HTTP is involved: no ASGI scope, no middleware, no JSON round trip. The export as a
whole was admitted already (exports/__init__.py), so its pages are not queued again.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp

from server.api.context import Context
from server.api.http.request import GraphQLParams
from server.http.errors import INTERNAL_SERVER_ERROR, RequestError
from server.store.db import request_deadline


class ApiError(Exception):
    """The API refused or failed a query: its first error, as the API worded it."""

    def __init__(self, error: dict):
        super().__init__(error.get("message", ""))
        self.message = error.get("message", "")
        extensions = error.get("extensions") or {}
        self.code = extensions.get("code", INTERNAL_SERVER_ERROR)
        self.argument = extensions.get("argument")


async def ask(app: ASGIApp, query: str, variables: dict) -> dict:
    """The ``data`` of the API's answer to ``query``; ApiError if it has errors."""
    view = app.state.graphql
    context = Context(request=None, db=app.state.db, settings=view.settings)
    token = request_deadline.set(time.monotonic() + view.settings.time_budget_ms / 1000)
    try:
        body = await view.execute(GraphQLParams(query, None, variables, None), context)
    except RequestError as error:
        raise ApiError(error.body["errors"][0]) from None
    finally:
        request_deadline.reset(token)
    if body.get("errors"):
        raise ApiError(body["errors"][0])
    return body["data"]
