"""The HTTP face of the schema: context per request, one error shape, GraphiQL offline."""

from __future__ import annotations

import json
import logging
import uuid

from cross_web import HTTPException
from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from ..settings import Settings
from .context import Context
from .errors import classify

logger = logging.getLogger("accordline.graphql")

MASKED_MESSAGE = "Internal server error"


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
        request = Request(scope, receive)
        scope.setdefault("state", {})["request_id"] = uuid.uuid4().hex[:16]
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
        await response(scope, receive, send)

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
