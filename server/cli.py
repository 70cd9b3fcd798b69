"""Command line: serve (the default), build-db, record-stats, export-schema, export-vocabulary,
export-styles, export-routes, corrections.

Failures print one sentence to stderr and exit non-zero; no tracebacks for expected
problems such as a bad seed file or a missing database.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path

from server.settings import Settings, SettingsError


def _build_db(settings: Settings) -> int:
    from server.store.build import build_store
    from server.store.seed import SeedError

    try:
        report = build_store(settings.seed, settings.db)
    except SeedError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(
            f"build-db: {len(error.problems)} problem(s) in {settings.seed}; "
            f"{settings.db} was left as it was",
            file=sys.stderr,
        )
        return 1
    print(
        f"built {report.path}: {report.countries} countries, {report.agreements} agreements, "
        f"{report.participations} participations, {report.relations} relations, "
        f"{report.events} events, {report.sources} sources (content {report.content_version})"
    )
    return 0


def _record_stats(settings: Settings) -> int:
    from server.store.record_stats import report
    from server.store.seed import SeedError

    try:
        print(report(settings.seed))
    except SeedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _check_store(settings: Settings) -> str | None:
    from server.store.db import Database, StoreUnavailable

    async def probe():
        database = Database(settings.db, readers=1)
        try:
            await database.open()
        finally:
            await database.close()

    try:
        asyncio.run(probe())
    except StoreUnavailable as error:
        return str(error)
    return None


PARSERS = ("h11", "httptools")


def _http_limits(settings: Settings) -> dict:
    """uvicorn's options for a socket that may face clients directly (deploy/README.md)."""
    limits = dict(
        http=settings.http_parser,
        limit_concurrency=settings.limit_concurrency or None,
        timeout_keep_alive=settings.timeout_keep_alive,
    )
    if settings.http_parser == "h11":
        # httptools has no such limit: a 50 MB header is read whole.
        limits["h11_max_incomplete_event_size"] = settings.max_header_bytes
    return limits


def _serve(settings: Settings) -> int:
    import uvicorn

    from server.app import create_app

    if settings.http_parser not in PARSERS:
        print(
            f"serve: ACCORDLINE_HTTP_PARSER={settings.http_parser!r} is not one of "
            f"{', '.join(PARSERS)}",
            file=sys.stderr,
        )
        return 2
    problem = _check_store(settings)
    if problem:
        print(f"serve: {problem}", file=sys.stderr)
        return 1
    print(f"accordline on http://{settings.host}:{settings.port}/ (GraphQL at /graphql)")
    # uvicorn finishes in-flight requests on SIGTERM/SIGINT, then re-raises the signal to
    # whatever handler was there before; make that handler a no-op so a graceful stop
    # exits 0 instead of dying by the signal (or with a KeyboardInterrupt traceback).
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, lambda *_: None)
    options = dict(
        host=settings.host,
        port=settings.port,
        log_level="info",
        access_log=settings.access_log,
        timeout_graceful_shutdown=10,
        **_http_limits(settings),
    )
    if settings.workers > 1:
        # Each worker process builds its own app from the environment: hand it the
        # settings this command was given. Workers share nothing but the immutable store.
        for name, value in (("DB", settings.db), ("WEB", settings.web)):
            os.environ[f"ACCORDLINE_{name}"] = str(value)
        uvicorn.run("server.app:create_app", factory=True, workers=settings.workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)
    return 0


def _export_schema(output: str | None) -> int:
    from server.api.schema.schema import schema

    text = schema.as_str() + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _export_vocabulary(output: str | None) -> int:
    from server.api.vocabulary import web_module

    return _write(web_module(), output)


def _export_styles(output: str | None) -> int:
    from server.api.vocabulary import web_styles

    return _write(web_styles(), output)


def _export_routes(output: str | None) -> int:
    from server.urls import web_module

    return _write(web_module(), output)


def _corrections(settings: Settings, form: str, since: str | None) -> int:
    from server.site.correction_file import render

    try:
        text = render(settings.corrections_path, form, since)
    except ValueError as error:
        print(f"corrections: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


def _write(text: str, output: str | None) -> int:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="serve the API and web UI (default)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--db", type=Path)
    serve.add_argument("--workers", type=int, help="worker processes (default 1)")
    build = commands.add_parser("build-db", help="build the SQLite store from seed/")
    build.add_argument("--seed", type=Path)
    build.add_argument("--db", type=Path)
    stats = commands.add_parser(
        "record-stats", help="count the record's facts and their sourcing (confidence)"
    )
    stats.add_argument("--seed", type=Path, default=None, help="seed directory (default seed/)")
    export = commands.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    export.add_argument("--output", "-o")
    words = commands.add_parser(
        "export-vocabulary", help="print the web UI's vocabulary module (web/vocabulary.js)"
    )
    words.add_argument("--output", "-o")
    styles = commands.add_parser(
        "export-styles", help="print the web UI's state colours (web/vocabulary.css)"
    )
    styles.add_argument("--output", "-o")
    routes = commands.add_parser(
        "export-routes", help="print the web UI's route table (web/routes.js)"
    )
    routes.add_argument("--output", "-o")
    reports = commands.add_parser(
        "corrections", help="list readers' reports of errors, newest first (--json, --csv)"
    )
    shape = reports.add_mutually_exclusive_group()
    shape.add_argument("--json", dest="form", action="store_const", const="json")
    shape.add_argument("--csv", dest="form", action="store_const", const="csv")
    reports.add_argument("--since", metavar="DAY", help="only reports received on or after DAY")
    reports.add_argument("--db", type=Path, help="the store, beside which the reports are kept")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    overrides = {
        k: v
        for k, v in vars(args).items()
        if k in {"host", "port", "db", "seed", "workers"} and v is not None
    }
    settings = replace(settings, **overrides)

    if args.command == "build-db":
        return _build_db(settings)
    if args.command == "export-schema":
        return _export_schema(args.output)
    if args.command == "export-vocabulary":
        return _export_vocabulary(args.output)
    if args.command == "export-styles":
        return _export_styles(args.output)
    if args.command == "export-routes":
        return _export_routes(args.output)
    if args.command == "record-stats":
        return _record_stats(settings)
    if args.command == "corrections":
        return _corrections(settings, args.form or "text", args.since)
    return _serve(settings)
