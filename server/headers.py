"""Security headers on every response.

The UI gets a Content-Security-Policy with no inline script or style at all. GraphiQL's
page (Strawberry's HTML) boots from inline scripts, so that one page, and only it, may run
inline code; its external scripts are still limited to this origin and pinned by SRI.

Nothing may be framed by another site (`X-Frame-Options: DENY`, `frame-ancestors 'none'`)
except the embeddable views' HTML under /embed/, which any site may put in an iframe: they
only show the record, offer no form that acts, and their links leave the frame.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
EMBED_PREFIX = "/embed/"


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
            await send(message)

        await self.app(scope, receive, send_with_headers)
