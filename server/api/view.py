"""The HTTP face of the schema: context per request, one error shape, GraphiQL offline."""

from __future__ import annotations

import json
import logging
import time
import uuid

import orjson
from cross_web import HTTPException
from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from ..db import sql_deadline
from ..settings import Settings
from .cache import ResponseCache, cache_key
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
        self.cache = ResponseCache(settings.response_cache) if settings.response_cache else None
        self.fast = schema.fast_executor if settings.fast_path else None

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
        operation = self._operation(request, body)
        key = None
        if operation is not None:
            db = request.app.state.db
            await db.refresh_if_due()
            version = db.content_version
            if self.cache is not None:
                key = cache_key(*operation, version)
                cached = await self._from_cache(request, key, version)
                if cached is not None:
                    await cached(scope, receive, send)
                    return
        deadline = time.monotonic() + self.settings.sql_budget_ms / 1000
        token = sql_deadline.set(deadline)
        try:
            response = None
            if operation is not None and self.fast is not None:
                response = await self._fast_answer(request, operation)
            if response is None:
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
        if key is not None and response.status_code == 200:
            self._to_cache(request, response, key, version)
        await response(scope, receive, send)

    async def _fast_answer(self, request: Request, operation: tuple) -> Response | None:
        query, name, variables = operation
        context = Context(request=request, db=request.app.state.db, settings=self.settings)
        body = await self.fast.answer(query, name, variables, context)
        if body is None:
            return None
        request.scope["state"]["cacheable"] = True
        return Response(self.encode_json(body), media_type="application/json")

    def _operation(self, request: Request, body: bytes) -> tuple | None:
        """(query, operation name, variables) of a GraphQL request, else None (the
        GraphiQL page, or a body Strawberry will refuse with a proper error)."""
        if request.method == "GET":
            if "text/html" in request.headers.get("accept", ""):
                return None  # the GraphiQL page
            params = request.query_params
            try:
                variables = json.loads(params.get("variables") or "null")
            except ValueError:
                return None
            query, name = params.get("query"), params.get("operationName")
        else:
            try:
                payload = json.loads(body)
            except ValueError:
                return None
            if not isinstance(payload, dict):
                return None
            query, name, variables = (
                payload.get("query"),
                payload.get("operationName"),
                payload.get("variables"),
            )
        if not isinstance(query, str) or not isinstance(variables, dict | None):
            return None
        return query, name, variables

    async def _from_cache(self, request: Request, key: str, version: str) -> Response | None:
        etag = f'"{key}"'
        headers = {"etag": etag, "cache-control": "no-cache"}
        # The key is a digest of everything the answer depends on, so a matching ETag
        # is fresh even when the answer itself has left the cache.
        if request.method == "GET" and etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        body = self.cache.get(key, version)
        if body is None:
            return None
        return Response(body, media_type="application/json", headers={**headers, "x-cache": "hit"})

    def _to_cache(self, request: Request, response: Response, key: str, version: str) -> None:
        state = request.scope["state"]
        if not state.get("cacheable") or request.app.state.db.content_version != version:
            return
        self.cache.put(key, version, response.body)
        response.headers["etag"] = f'"{key}"'
        response.headers["cache-control"] = "no-cache"
        response.headers["x-cache"] = "miss"

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

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> dict:
        body: dict = {"data": result.data}
        request.scope["state"]["cacheable"] = not result.errors
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
