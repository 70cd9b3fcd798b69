"""The web UI's files, its deep links, and its error pages.

The UI is a single page that routes with the History API, so the server answers its
paths (/countries/KZ, /events/…, /timeline, /relations/KZ/IL, …) with index.html, into
which it writes that page's title, description and Open Graph tags (server/site/page_meta.py).
A page path that names no record is a 404 with the same page: the UI then says what was
not found. The embeddable views (/embed/timeline, /embed/agreements/<slug>, /embed/map) are
the same pages in a smaller shell, web/embed.html, made to sit in another site's iframe
(server/http/headers.py lets them be framed); any other /embed/ path is a plain 404. Files that are not the UI's (npm's folder and manifests) are never served; a
missing file gets a small HTML page, as does a server fault (see server/outermost.py).

A rendered page is cacheable like the API's GET answers (``Cache-Control: public,
max-age=<http_max_age>``). Its ETag is a digest of the page as written, so it covers all
the page depends on: its shell, the record (the store's version), the site address in its
links and, where the words say "today" (a relation's state now), the day. If-None-Match
naming it gets a 304.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from server import urls
from server.http.etags import etag_matches
from server.site.page_meta import NOT_FOUND, Redirect, page_meta, render

# A UI page: any path without a file extension (files are app.js, app.css, pages/*.js…).
APP_PAGE = re.compile(r"[^.]*")
HIDDEN = re.compile(r"(node_modules(/.*)?|package(-lock)?\.json)")
EMBED = urls.EMBED.lstrip("/")  # "embed": the embeddable views are under it

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
        f'<p><a href="{urls.paths.home()}">Back to accordline</a></p></main></body></html>\n'
    )
    return HTMLResponse(page, status_code=status)


class WebFiles(StaticFiles):
    _shells: dict[str, tuple[float, str]] | None = None  # file name → its mtime and text

    def _shell(self, name: str) -> str:
        """index.html or embed.html, read again only when the file changes (never in production)."""
        path = Path(self.directory) / name
        mtime = path.stat().st_mtime
        if self._shells is None:
            self._shells = {}
        if name not in self._shells or self._shells[name][0] != mtime:
            self._shells[name] = (mtime, path.read_text(encoding="utf-8"))
        return self._shells[name][1]

    async def _page(self, path: str, scope: Scope, *, embed: bool = False) -> Response:
        request = Request(scope)
        full_page = path.removeprefix(EMBED) if embed else path
        meta = await page_meta(request.app.state.db, full_page, request.query_params)
        site = urls.Urls.of(request)
        if isinstance(meta, Redirect):
            # One address per thing (/countries/kz → /countries/KZ): the query kept.
            query = request.url.query if meta.query is None else meta.query
            target = (urls.EMBED if embed else "") + meta.path + (f"?{query}" if query else "")
            return RedirectResponse(site.absolute(target), status_code=301)
        # Written into the page's tags: percent-encoded as a URL, whatever was typed
        # (/countries/Ivory Coast names a country as the API does).
        address = quote(request.url.path)
        url = site.absolute(address)
        canonical = None
        if embed:
            # The embed's own address is not the one to index or share: its full page is.
            query = request.url.query
            full = address.removeprefix(urls.EMBED)
            canonical = site.absolute(f"{full}{'?' + query if query else ''}")
        page = render(
            self._shell("embed.html" if embed else "index.html"),
            meta or NOT_FOUND,
            url,
            canonical=canonical,
            noindex=embed,
        )
        if meta is None:
            return HTMLResponse(page, status_code=404)
        if meta.status != 200:  # a date that cannot be one: the page says what is wrong
            return HTMLResponse(page, status_code=meta.status)
        # Validators as for a file: a digest of exactly what is sent.
        etag = '"' + hashlib.sha256(page.encode()).hexdigest()[:20] + '"'
        max_age = request.app.state.settings.http_max_age
        headers = {"etag": etag, "cache-control": f"public, max-age={max_age}"}
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return HTMLResponse(page, headers=headers)

    async def get_response(self, path: str, scope: Scope) -> Response:
        if HIDDEN.fullmatch(path):
            return error_page(404)
        if scope["method"] not in ("GET", "HEAD"):
            # StaticFiles refuses other methods itself; the rendered pages must too.
            raise HTTPException(status_code=405, headers={"allow": "GET, HEAD"})
        if path == EMBED or path.startswith(EMBED + "/"):
            # Only the views web/embed.js shows: the routes marked embeddable.
            if urls.match("/" + path, embed=True):
                return await self._page(path, scope, embed=True)
            return error_page(404)
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
