"""Security headers on every response.

The UI gets a Content-Security-Policy with no inline script or style at all. GraphiQL's
page (Strawberry's HTML) boots from inline scripts, so that one page, and only it, may run
inline code; its external scripts are still limited to this origin and pinned by SRI.

Nothing may be framed by another site (`X-Frame-Options: DENY`, `frame-ancestors 'none'`)
except the embeddable views' HTML under /embed/, which any site may put in an iframe: they
only show the record, offer no form that acts, and their links leave the frame.

Every 503 the app sends says when to try again (``Retry-After``, RETRY_AFTER seconds
unless the answer set its own): a 503 here means "busy or too slow now", and a client or
proxy told when to retry does not hammer (uvicorn's own limit_concurrency 503 is sent
before the app runs, so it has none).

CORS is Starlette's (``Cors``), except that a preflight it refuses is answered in the
app's one JSON error shape, naming what was refused, instead of plain text.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.http.errors import BAD_REQUEST, error_body, error_response
from server.urls import EMBED

UI_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
EMBED_POLICY = UI_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")
GRAPHIQL_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
}
EMBED_PREFIX = EMBED + "/"
RETRY_AFTER = "5"  # seconds; as the export's own timeout answer says


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        is_graphql = path == "/graphql"
        # A prefix test, as cheap as the comparison above: this runs on every request.
        is_embed = path.startswith(EMBED_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in COMMON.items():
                    headers.setdefault(name, value)
                html = headers.get("content-type", "").startswith("text/html")
                # Not by content type: a 304 revalidating an embed has none, and its
                # headers replace the cached ones, so it must allow framing too.
                if is_embed:
                    policy = EMBED_POLICY
                else:
                    policy = GRAPHIQL_POLICY if is_graphql and html else UI_POLICY
                    headers.setdefault("x-frame-options", "DENY")
                headers.setdefault("content-security-policy", policy)
                if message["status"] == 503:
                    headers.setdefault("retry-after", RETRY_AFTER)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Cors(CORSMiddleware):
    """Starlette's CORS, its refused preflights in the app's JSON error shape."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        # Starlette decided; this only says why, in words and in the app's shape.
        refused = []
        origin = request_headers["origin"]
        if not self.is_allowed_origin(origin=origin):
            refused.append(f"the origin {origin}")
        method = request_headers["access-control-request-method"]
        if method not in self.allow_methods:
            refused.append(f"the method {method} (allowed: {', '.join(self.allow_methods)})")
        asked = (request_headers.get("access-control-request-headers") or "").lower().split(",")
        headers = [h.strip() for h in asked if h.strip() and h.strip() not in self.allow_headers]
        if headers and not self.allow_all_headers:
            refused.append(
                f"the header{'s' if len(headers) > 1 else ''} {', '.join(headers)} "
                f"(allowed: {', '.join(sorted(set(self.allow_headers)))})"
            )
        private = "access-control-request-private-network" in request_headers
        if private and not self.allow_private_network:
            refused.append("access to a private network")
        message = "This cross-origin request is not allowed: " + "; ".join(refused) + "."
        kept = {
            name: value
            for name, value in response.headers.items()
            if name not in ("content-type", "content-length")
        }
        return error_response(400, error_body(message, BAD_REQUEST), kept)
