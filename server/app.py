"""create_app(settings) → the Starlette application: /graphql, /healthz, the web UI."""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from server.api.http import BodyLimit, GraphQLView, RequestId, graphql_endpoint
from server.api.schema.schema import create_schema
from server.files.downloads import Downloads
from server.files.exports import Exports
from server.files.feed import atom_feed
from server.http.errors import BAD_REQUEST, METHOD_NOT_ALLOWED, error_body, error_response
from server.http.headers import Cors, SecurityHeaders
from server.outermost import ServerErrors
from server.settings import Settings
from server.site.corrections import Corrections
from server.site.graphiql_page import graphiql_html
from server.site.vendor import VendorAssets
from server.site.web_files import WebFiles
from server.store.db import Database
from server.urls import CORRECTIONS, DOWNLOAD, EXPORT, FEED, GRAPHQL


async def healthz(request: Request) -> JSONResponse:
    db: Database = request.app.state.db
    await db.refresh_if_due()  # a load balancer polling this sees a rebuilt store too
    return JSONResponse({"status": "ok", "contentVersion": db.content_version})


async def refusal(request: Request, exc: HTTPException) -> Response:
    """Starlette's own refusals (a method a route does not take) in the one JSON error
    shape instead of plain text, a 405 keeping its Allow header."""
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    message, code = exc.detail, BAD_REQUEST
    if exc.status_code == 405:
        allowed = Headers(exc.headers).get("allow", "").replace(", ", " or ")
        use = f": use {allowed}" if allowed else ""
        message = f"{request.method} is not supported at this address{use}"
        code = METHOD_NOT_ALLOWED
    return error_response(exc.status_code, error_body(message, code), exc.headers)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        database = Database(settings.db, readers=settings.readers)
        await database.open()
        app.state.db = database
        try:
            yield
        finally:
            await database.close()

    schema = create_schema(settings)
    # The one entry to the executors: the /graphql view, and exports (exports/api_client.py).
    # A browser's bare GET /graphql gets GraphiQL's page, which the site layer builds.
    view = GraphQLView(schema, settings, graphiql_html() if settings.graphiql else None)
    routes = [
        # Route, not Mount: Mount("/graphql") would not match "/graphql" itself. No
        # `methods`: the view answers other methods itself, with a JSON 405.
        Route(GRAPHQL, graphql_endpoint(view, settings)),
        Route("/healthz", healthz),
        Route(FEED, atom_feed, methods=["GET", "HEAD"]),
        # What a list page shows, as a file; the whole record as files (exports/, downloads.py).
        Route(EXPORT + "/{name}", Exports(settings)),
        Route(DOWNLOAD + "/{name}", Downloads(settings.db, max_age=settings.http_max_age)),
        # Readers' reports of errors, kept apart from the record (site/corrections.py).
        # An ASGI app, so every method reaches it: it answers those it does not take itself.
        Route(CORRECTIONS, Corrections(settings)),
        Route("/vendor/{spec:path}", VendorAssets(settings.web).endpoint),
        Mount("/", WebFiles(directory=settings.web, html=True)),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: refusal},
        middleware=[
            Middleware(SecurityHeaders),
            # Inside SecurityHeaders, so a fault's 500 has them too (see outermost.py).
            Middleware(ServerErrors),
            # A public, read-only API: any origin may read it, never with credentials.
            Middleware(
                Cors,  # Starlette's, with its refusals in the app's JSON error shape
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=[
                    "accept",
                    "content-type",
                    "if-none-match",
                    "apollographql-client-name",
                    "apollographql-client-version",
                ],
                expose_headers=["etag", "retry-after"],
                max_age=86400,
            ),
            Middleware(RequestId),
            Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
        ],
    )
    app.state.schema = schema
    app.state.graphql = view
    app.state.settings = settings
    return app
