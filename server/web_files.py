"""The web UI's files, its deep links, and its error pages.

The UI is a single page that routes with the History API, so the server answers its
paths (/countries/KZ, /events/…, /timeline, /relations/KZ/IL, …) with index.html, into
which it writes that page's title, description and Open Graph tags (server/page_meta.py).
A page path that names no record is a 404 with the same page: the UI then says what was
not found. Files that are not the UI's (npm's folder and manifests) are never served; a
missing file gets a small HTML page, as does a server fault (see server/outermost.py).
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from .page_meta import NOT_FOUND, page_meta, render, site_url

# A UI page: any path without a file extension (files are app.js, app.css, pages/*.js…).
APP_PAGE = re.compile(r"[^.]*")
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
    _shell: tuple[float, str] | None = None  # index.html's mtime and text

    def _index_html(self) -> str:
        # Read again only when the file changes (it does not in production).
        path = Path(self.directory) / "index.html"
        mtime = path.stat().st_mtime
        if self._shell is None or self._shell[0] != mtime:
            self._shell = (mtime, path.read_text(encoding="utf-8"))
        return self._shell[1]

    async def _page(self, path: str, scope: Scope) -> Response:
        request = Request(scope)
        meta = await page_meta(request.app.state.db, path)
        url = site_url(request) + request.url.path
        page = render(self._index_html(), meta or NOT_FOUND, url)
        if meta is None:
            return HTMLResponse(page, status_code=404)
        # Validators as for a file: the page changes only with the store or index.html.
        etag = '"' + hashlib.sha256(page.encode()).hexdigest()[:20] + '"'
        wanted = request.headers.get("if-none-match", "")
        if wanted.strip() == "*" or etag in {
            tag.strip().removeprefix("W/") for tag in wanted.split(",")
        }:
            return Response(status_code=304, headers={"etag": etag})
        return HTMLResponse(page, headers={"etag": etag})

    async def get_response(self, path: str, scope: Scope) -> Response:
        if HIDDEN.fullmatch(path):
            return error_page(404)
        if scope["method"] not in ("GET", "HEAD"):
            # StaticFiles refuses other methods itself; the rendered pages must too.
            raise HTTPException(status_code=405)
        if path in ("", ".", "index.html") or APP_PAGE.fullmatch(path):
            return await self._page("" if path in (".", "index.html") else path, scope)
        try:
            # Starlette answers a NUL, an over-long name and `If-None-Match: *` itself
            # (404, 404, 304); tests/test_hostile_input.py pins that.
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code == 404:
                return error_page(404)
            raise
