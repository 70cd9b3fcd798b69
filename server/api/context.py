"""The per-request context: the store, the settings, and fresh loaders (so batching
works within a request and no request sees another's cache)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from starlette.requests import Request

from server.api.execution.loaders import Loaders
from server.settings import Settings
from server.store.db import Database


@dataclass
class Context:
    request: Request | None
    db: Database
    settings: Settings
    loaders: Loaders = field(init=False)
    # The request as prepared by execution/prepare.py, for Strawberry's path to run as is.
    prepared: object | None = None

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.db)

    @staticmethod
    def today() -> date:
        """The day "now" means when a question gives no date (UTC)."""
        return datetime.now(UTC).date()
