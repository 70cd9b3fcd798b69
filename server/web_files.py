"""The web UI's files, its deep links, and its error pages.

The UI is a single page that routes with the History API, so the server answers its
paths (/countries/KZ, /agreements/…, /timeline, /relations/KZ/IL) with index.html.
Files that are not the UI's (npm's folder and manifests) are never served. A path that
names nothing gets a small HTML page, as does a server fault (see server/outermost.py).
"""

from __future__ import annotations

import html
import re

from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

APP_ROUTES = re.compile(r"(countries|agreements|relations|timeline)(/[^.]*)?")
HIDDEN = re.compile(r"(node_modules(/.*)?|package(-lock)?\.json)")

_PAGES = {
    404: ("Not found", "Nothing is published at this address."),
    500: ("Something went wrong", "The server could not answer this request."),
}


def error_page(status: int, request_id: str | None = None) -> HTMLResponse:
    """A plain page for a 404 or 500: no script, no style, a way back to the UI."""
    title, text = _PAGES[status]
    logged = (
        f" <p>It has been logged as <code>{html.escape(request_id)}</code>.</p>"
        if request_id
        else ""
    )
    page = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} · accordline</title></head>\n"
        f"<body><main><h1>{title}</h1><p>{text}</p>{logged}"
        '<p><a href="/">Back to accordline</a></p></main></body></html>\n'
    )
    return HTMLResponse(page, status_code=status)


class WebFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        if HIDDEN.fullmatch(path):
            return error_page(404)
        if APP_ROUTES.fullmatch(path):
            path = "index.html"
        try:
            # Starlette answers a NUL, an over-long name and `If-None-Match: *` itself
            # (404, 404, 304); tests/test_hostile_input.py pins that.
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code == 404:
                return error_page(404)
            raise
