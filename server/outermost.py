"""The outermost handler: a fault anywhere in the app is answered in the app's own shape.

Starlette's own last resort (ServerErrorMiddleware) sits outside every middleware, so its
plain-text 500 would miss the security headers. This one sits just inside SecurityHeaders:
a fault is logged with its traceback and answered with the masked JSON error for the API,
or the UI's HTML error page for anything else. If the answer had already started, nothing
truthful can be sent any more: the connection is closed.
"""

from __future__ import annotations

import logging
import uuid

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.http.errors import INTERNAL_SERVER_ERROR, MASKED_MESSAGE, error_body, error_response
from server.site.web_files import error_page
from server.urls import CORRECTIONS, DOWNLOAD, EXPORT

logger = logging.getLogger("accordline.server")

API_PATHS = frozenset({"/graphql", "/healthz", CORRECTIONS})
# Files a program fetches (exports, downloads): their faults are JSON too, like the API's.
API_PREFIXES = (EXPORT + "/", DOWNLOAD + "/")


class ServerErrors:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except Exception:
            # RequestId (inside this) may not have run: then the fault gets its own id.
            state = scope.setdefault("state", {})
            request_id = state.get("request_id") or uuid.uuid4().hex[:16]
            logger.exception(
                "request %s: unexpected error in %s %r", request_id, scope["method"], scope["path"]
            )
            if started:
                return  # the status line is out: returning unfinished makes the server close
            await answer(scope, request_id)(scope, receive, send)


def answer(scope: Scope, request_id: str) -> Response:
    """The 500 for a request to ``scope``'s path: JSON for the API, HTML for the UI."""
    if scope["path"] in API_PATHS or scope["path"].startswith(API_PREFIXES):
        body = error_body(MASKED_MESSAGE, INTERNAL_SERVER_ERROR, requestId=request_id)
        return error_response(500, body)
    return error_page(500, request_id)
