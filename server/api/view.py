"""The HTTP face of the schema: context per request, one error shape, GraphiQL offline."""

from __future__ import annotations

import json
import logging
import time
import uuid

from cross_web import HTTPException
from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from ..db import sql_deadline
from ..settings import Settings
from .context import Context
from .errors import classify

logger = logging.getLogger("accordline.graphql")

MASKED_MESSAGE = "Internal server error"


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it grows past ``limit`` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def error_body(message: str, code: str, **extensions) -> dict:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


class GraphQLView(GraphQL):
    def __init__(self, schema, settings: Settings):
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
        )
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no subscriptions: nothing here is live
            return
        scope.setdefault("state", {})["request_id"] = uuid.uuid4().hex[:16]
        limit = self.settings.max_body_bytes
        body = await _read_body(receive, limit)
        if body is None:
            response = JSONResponse(
                error_body(f"request body is larger than {limit} bytes", "PAYLOAD_TOO_LARGE"),
                status_code=413,
            )
            await response(scope, receive, send)
            return
        request = Request(scope, _replay(body))
        deadline = time.monotonic() + self.settings.sql_budget_ms / 1000
        token = sql_deadline.set(deadline)
        try:
            response = await self.run(request)
        except HTTPException as error:
            # Strawberry answers transport problems in plain text; keep one JSON shape.
            response = JSONResponse(
                error_body(
                    error.reason,
                    "BAD_REQUEST" if error.status_code < 500 else "INTERNAL_SERVER_ERROR",
                ),
                status_code=error.status_code,
            )
        except Exception:
            # Never a plain-text 500: the same masked JSON shape as any unexpected error.
            request_id = scope["state"]["request_id"]
            logger.exception("request %s: unexpected error outside execution", request_id)
            response = JSONResponse(
                error_body(MASKED_MESSAGE, "INTERNAL_SERVER_ERROR", requestId=request_id),
                status_code=500,
            )
        finally:
            sql_deadline.reset(token)
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> object:
        try:
            parsed = self.decode_json(data)
        except ValueError:  # JSONDecodeError, and UnicodeDecodeError for non-UTF-8 bytes
            raise HTTPException(400, "Unable to parse request body as JSON") from None
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, "request body must be a JSON object with a `query` string")
        return parsed

    async def get_context(self, request: Request, response: Response) -> Context:
        db = request.app.state.db
        await db.refresh_if_due()
        return Context(request=request, db=db, settings=self.settings)

    async def render_graphql_ide(self, request: Request) -> Response:
        # Strawberry's page loads GraphiQL from a CDN; serve the same pinned files locally
        # (their integrity hashes still match, see server/vendor.py).
        return HTMLResponse(self.graphql_ide_html.replace("https://unpkg.com/", "/vendor/"))

    def encode_json(self, data: object) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    async def process_result(self, request: Request, result: ExecutionResult) -> dict:
        body: dict = {"data": result.data}
        if result.errors:
            request_id = request.scope["state"]["request_id"]
            body["errors"] = [self._format_error(error, request_id) for error in result.errors]
        if result.extensions:
            body["extensions"] = result.extensions
        return body

    def _format_error(self, error, request_id: str) -> dict:
        code, unexpected = classify(error)
        formatted = error.formatted
        if unexpected:
            logger.error(
                "request %s: unexpected error at %s",
                request_id,
                error.path,
                exc_info=error.original_error,
            )
            formatted["message"] = MASKED_MESSAGE
        formatted["extensions"] = {**formatted.get("extensions", {}), "code": code}
        if unexpected:
            formatted["extensions"]["requestId"] = request_id
        return formatted
