"""Settings: the only place the environment is read."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    """Every knob, with its default. Environment variables are ACCORDLINE_<NAME>."""

    db: Path = ROOT / ".data" / "accordline.sqlite"
    seed: Path = ROOT / "seed"
    web: Path = ROOT / "web"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1  # uvicorn worker processes, each with its own connections
    readers: int = 2  # read-only SQLite connections per worker (about one per core)
    graphiql: bool = True
    access_log: bool = True
    # The site's address as readers see it (e.g. https://accordline.example), for the
    # links the server writes into pages and the feed (og:url, canonical, Atom ids). Empty:
    # the request's own scheme and Host, which is fine on 127.0.0.1 but lets a client's
    # Host header choose the links in a page a shared cache may keep; set it in production.
    public_url: str = ""
    # uvicorn's own limits, for a socket facing clients directly (deploy/README.md).
    # h11 refuses a header block over max_header_bytes with 400; httptools is faster but
    # has no header-size limit at all, so use it only behind nginx.
    http_parser: str = "h11"  # h11 or httptools
    max_header_bytes: int = 65_536  # h11_max_incomplete_event_size
    limit_concurrency: int = 200  # connections + requests per process; beyond, 503 (0: none)
    timeout_keep_alive: int = 5  # seconds an idle keep-alive connection stays open
    fast_path: bool = True  # server/api/fastpath.py; off runs every query through Strawberry
    response_cache: int = 2048  # answers kept in memory (0 turns the cache off)
    http_max_age: int = 60  # seconds any cache may keep a successful GET answer
    persisted_queries: int = 1000  # Apollo persisted queries remembered per process
    # Query limits: close to graphql-armor's defaults, with room for Relay nesting.
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_spreads: int = 1000  # fragment spreads once expanded (chains of fragments multiply)
    # Validation in linear time (execution/limits.Overlap): field selections once fragments
    # are expanded, and the pairs of same-place fields that validation compares.
    max_fields: int = 2_000
    max_overlap: int = 5_000
    max_nodes: int = 50_000  # the sum over connections of the product of nested page sizes
    # What the token limit allows: 2,000 tokens at a generous 12 bytes each with their
    # spacing is 24 KB, and 8 KB more carries the variables and extensions.
    max_body_bytes: int = 32_768
    time_budget_ms: int = 2_000  # time one request may use (SQL and execution): QUERY_TIMEOUT
    max_response_bytes: int = 5_000_000  # a larger answer is refused: RESPONSE_TOO_LARGE
    # Admission control (server/http/admission.py): costly work runs a bounded amount at once;
    # the rest waits at most *_wait_ms in a queue of at most *_queue, else 503/429 with
    # Retry-After. GraphQL requests are weighed by cost (requestedNodes + fieldSelections):
    # the capacity is one worst-case query (max_nodes), so heavy ones run one at a time;
    # requests lighter than admission_free_below are never queued.
    admission_capacity: int = 50_000
    admission_free_below: int = 1_000
    admission_queue: int = 64
    admission_wait_ms: int = 1_000
    admission_per_client: int = 24  # costly requests one client may have running or waiting
    export_capacity: int = 2  # exports rendering at once per process (each weighs 1)
    export_queue: int = 16
    export_wait_ms: int = 2_000
    export_per_client: int = 4
    max_page_size: int = 100
    default_page_size: int = 20
    # Readers' reports of errors (server/site/corrections.py): an append-only SQLite file
    # kept apart from the record, beside the store unless corrections_db names another.
    corrections: bool = True  # off: POST /corrections answers 404 and the pages say so
    corrections_db: Path = Path()  # empty: corrections.sqlite in the store's folder
    corrections_max_bytes: int = 10_000_000  # past it, reports are refused (507)
    corrections_per_client: int = 5  # reports one client may send per window
    corrections_window_s: int = 600

    @property
    def corrections_path(self) -> Path:
        """Where readers' reports are kept: never the record's store."""
        if self.corrections_db == Path():
            return self.db.parent / "corrections.sqlite"
        return self.corrections_db

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        changes = {}
        for spec in fields(cls):
            key = f"ACCORDLINE_{spec.name.upper()}"
            if key not in environ:
                continue
            raw = environ[key]
            kind = type(getattr(cls, spec.name))
            try:
                if kind is bool:
                    if raw.lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                        raise ValueError
                    changes[spec.name] = raw.lower() in {"1", "true", "yes", "on"}
                elif kind is int:
                    changes[spec.name] = int(raw)
                elif issubclass(kind, Path):
                    changes[spec.name] = Path(raw)
                else:
                    changes[spec.name] = raw
            except ValueError:
                raise SettingsError(f"{key}={raw!r} is not a valid {kind.__name__}") from None
        settings = replace(cls(), **changes)
        if settings.public_url and not _PUBLIC_URL.fullmatch(settings.public_url):
            raise SettingsError(
                f"ACCORDLINE_PUBLIC_URL={settings.public_url!r} is not a site address such as "
                "https://accordline.example (a scheme and a host, optionally a port, no path)"
            )
        if settings.corrections_path.resolve() == settings.db.resolve():
            raise SettingsError(
                f"ACCORDLINE_CORRECTIONS_DB={str(settings.corrections_db)!r} names the record's "
                "store: readers' reports must be kept in a file of their own"
            )
        return settings


_PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
