"""The API, asked in-process: an export is a client of /graphql like any other.

An export's rows come from POSTing a GraphQL query to the application itself (through
its middleware, the view, the response cache, the limits and the resolvers), so an
exported JSON file is the API's answer by construction and the API's input validation
is the export's. No socket is involved: the request is handed to the ASGI app directly.
"""

from __future__ import annotations

import asyncio

import orjson
from starlette.types import ASGIApp, Message

from ..api.http.errors import INTERNAL_SERVER_ERROR


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
    body = orjson.dumps({"query": query, "variables": variables})
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"content-type", b"application/json"),
            (b"accept", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": None,
        "server": None,
        # An export is admitted as a whole (exports/__init__.py); its pages are not
        # queued again behind other requests.
        "state": {"internal": True},
    }
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        # The view watches for a disconnect on long requests; this client never leaves.
        await asyncio.Future()
        raise AssertionError("unreachable")

    status = 0
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    try:
        answer = orjson.loads(b"".join(chunks))
    except orjson.JSONDecodeError:
        answer = {}
    if not isinstance(answer, dict) or (status != 200 and "errors" not in answer):
        raise ApiError({"message": f"the API answered HTTP {status}"})
    if answer.get("errors"):
        raise ApiError(answer["errors"][0])
    return answer["data"]
