"""Serves the pinned third-party browser assets installed from npm into web/node_modules.

GraphiQL's page asks for ``/vendor/<package>@<version>/<file>`` (the CDN path with the
host swapped); the map and the flags ask the same way. Only the files the pages load are
served: an allowlist of ``<package>@<version>/<file>`` names, each a package of
web/package.json at the version pinned there and installed, made once when the app is
built from two sources: PAGE_FILES below (what web/map-geometry.js and web/flags.js load;
the flags by a pattern, since a page builds their names from country codes) and the
``/vendor/`` addresses in GraphiQL's page (server/site/graphiql_page.py), which Strawberry's
version decides. Anything else is a JSON 404 (the app's one error shape), whatever the
file system holds: a package's package.json, its nested node_modules (``.bin/…``), a
version not pinned, names no file system could hold (a NUL, a name over the length
limit); a request is one dictionary lookup and never walks a path it was given.

Why at startup, not as a file written by ``make install``: the list depends on the code
that loads the files (web/*.js, Strawberry's page), which changes without a new
``npm ci``; a file made at install would go stale exactly then, and it would be one more
generated file to keep. Made when the app is built, it always matches the code served,
for the cost of one directory listing. tests/test_hardening_low.py loads every /vendor/
address that web/ and GraphiQL's page name, so a page that starts loading a new file
fails a test until the file is listed here.

Files are immutable at their versioned path, so a revalidation (If-None-Match: the ETag,
or ``*``) is a 304.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse

from server.http.errors import error_body, error_response
from server.http.etags import etag_matches
from server.site.graphiql_page import graphiql_html

# "name@version/path" or "@scope/name@version/path"
_SPEC = re.compile(r"((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/(.+)")
_PAGE_URL = re.compile(r"/vendor/((?:@[\w.-]+/)?[\w.-]+@[\w.-]+/[^\s\"'<>)]+)")
IMMUTABLE = "public, max-age=31536000, immutable"
NOT_FOUND = "NOT_FOUND"

# What the site's own pages load from /vendor/, as "<package>/<file or glob>", at the
# version web/package.json pins (the pages' code names the same versions: tests check).
PAGE_FILES = (
    # web/map-geometry.js: the map's projection and shapes
    "d3-array/dist/d3-array.min.js",
    "d3-geo/dist/d3-geo.min.js",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-110m.json",
    "world-atlas/countries-50m.json",  # a regional view's small states (Bahrain, the Maldives)
    # web/flags.js: a country's flag, named by its code
    "flag-icons/flags/4x3/*.svg",
)


@functools.cache
def allowlist(web_dir: Path) -> Mapping[str, Path]:
    """Every file served, by its address under /vendor/ ("name@version/file"); made once
    per process (the app is built once; tests build many apps over one install)."""
    root = (web_dir / "node_modules").resolve()
    manifest = json.loads((web_dir / "package.json").read_text(encoding="utf-8"))
    pinned: dict[str, str] = manifest["dependencies"]
    wanted = [(name, pattern) for name, _, pattern in (e.partition("/") for e in PAGE_FILES)]
    for spec in _PAGE_URL.findall(graphiql_html()):
        match = _SPEC.fullmatch(spec)
        if match is not None and pinned.get(match[1]) == match[2]:
            wanted.append((match[1], match[3]))
    served: dict[str, Path] = {}
    for name, pattern in wanted:
        package = _installed(root, name, pinned.get(name))
        if package is None:
            continue
        for target in sorted(package.glob(pattern)):
            resolved = target.resolve()
            if resolved.is_file() and resolved.is_relative_to(package):
                served[f"{name}@{pinned[name]}/{target.relative_to(package).as_posix()}"] = resolved
    return MappingProxyType(served)


def _installed(root: Path, name: str, version: str | None) -> Path | None:
    """The package's folder if it is pinned and installed at the pinned version."""
    if version is None:
        return None
    package = (root / name).resolve()
    try:
        installed = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return package if installed.get("version") == version else None


class VendorAssets:
    def __init__(self, web_dir: Path):
        self.served = allowlist(web_dir.resolve())

    def locate(self, spec: str) -> Path | None:
        """The file for "graphiql@3.8.3/graphiql.min.js", or None if it is not served."""
        return self.served.get(spec)

    async def endpoint(self, request: Request) -> Response:
        target = self.locate(request.path_params["spec"])
        try:
            stat = os.stat(target) if target is not None else None
        except OSError:  # removed since the app started (a reinstall): not served
            stat = None
        if target is None or stat is None:
            message = (
                "Nothing is served at this address: /vendor/ holds only the pinned files "
                "accordline's pages load"
            )
            return error_response(404, error_body(message, NOT_FOUND))
        response = FileResponse(target, stat_result=stat, headers={"Cache-Control": IMMUTABLE})
        if etag_matches(request.headers.get("if-none-match"), response.headers["etag"]):
            return NotModifiedResponse(response.headers)
        return response
