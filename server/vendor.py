"""Serves the pinned third-party browser assets installed from npm into web/node_modules.

GraphiQL's page asks for ``/vendor/<package>@<version>/<file>`` (the CDN path with the
host swapped). Only the packages listed in web/package.json are served, only at the
version installed, and only files inside the package: anything else is a 404, including
names no file system could hold (a NUL, a name over the length limit). Files are
immutable at their versioned path, so a revalidation (If-None-Match: the ETag, or ``*``)
is a 304.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import NotModifiedResponse

from .etags import etag_matches

# "name@version/path" or "@scope/name@version/path"
_SPEC = re.compile(r"((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/(.+)")
IMMUTABLE = "public, max-age=31536000, immutable"


class VendorAssets:
    def __init__(self, web_dir: Path):
        self.root = (web_dir / "node_modules").resolve()
        manifest = json.loads((web_dir / "package.json").read_text(encoding="utf-8"))
        self.pinned: dict[str, str] = manifest["dependencies"]

    def locate(self, spec: str) -> Path | None:
        """The file for "graphiql@3.8.3/graphiql.min.js", or None if it is not served."""
        match = _SPEC.fullmatch(spec)
        if match is None or "\x00" in spec:
            return None
        try:
            return self._locate(*match.groups())
        except (OSError, ValueError):  # e.g. ENAMETOOLONG: no such file can exist
            return None

    def _locate(self, name: str, version: str, relative: str) -> Path | None:
        if self.pinned.get(name) != version:
            return None
        package = (self.root / name).resolve()
        try:
            installed = json.loads((package / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        target = (package / relative).resolve()
        if installed.get("version") != version or not target.is_relative_to(package):
            return None
        return target if target.is_file() else None

    async def endpoint(self, request: Request) -> Response:
        target = self.locate(request.path_params["spec"])
        if target is None:
            return PlainTextResponse("Not found: not a pinned asset", status_code=404)
        response = FileResponse(
            target, stat_result=os.stat(target), headers={"Cache-Control": IMMUTABLE}
        )
        if etag_matches(request.headers.get("if-none-match"), response.headers["etag"]):
            return NotModifiedResponse(response.headers)
        return response
