"""The web UI's files, and its deep links.

The UI is a single page that routes with the History API, so the server answers its
paths (/countries/KZ, /agreements/…, /timeline, /relations/KZ/IL) with index.html.
Files that are not the UI's (npm's folder and manifests) are never served.
"""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

APP_ROUTES = re.compile(r"(countries|agreements|relations|timeline)(/[^.]*)?")
HIDDEN = re.compile(r"(node_modules(/.*)?|package(-lock)?\.json)")


class WebFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        if HIDDEN.fullmatch(path):
            raise HTTPException(status_code=404)
        if APP_ROUTES.fullmatch(path):
            path = "index.html"
        return await super().get_response(path, scope)
