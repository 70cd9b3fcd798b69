"""The record as a whole: its changes, its version, and what a search finds."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from server.api.schema.types.agreements import Agreement
from server.api.schema.types.common import _day
from server.api.schema.types.countries import Country
from server.api.schema.types.events import Event
from server.api.vocabulary import ChangeAction, RecordType


@strawberry.type(description="A record added to the record, or its last update.")
class Change:
    date: date = strawberry.field(description="The day of the change.")
    action: ChangeAction = strawberry.field(description="Added or updated.")
    record_type: RecordType = strawberry.field(description="What kind of record.")
    ref: str = strawberry.field(
        description='The record\'s key: a slug, a group code or a pair such as "IL-MR".'
    )
    title: str = strawberry.field(description="The record's title or name.")
    note: str | None = strawberry.field(description="What changed, for an update.")
    path: str = strawberry.field(description="The record's page in the web UI.")

    @classmethod
    def from_row(cls, row) -> Change:
        return cls(
            date=_day(row["day"]),
            action=ChangeAction(row["action"]),
            record_type=RecordType(row["record_type"]),
            ref=row["ref"],
            title=row["title"],
            note=row["note"],
            path=row["path"],
        )


@strawberry.type(description="The record as a whole: its version and freshness.")
class RecordInfo:
    updated: date = strawberry.field(description="The day of the record's latest change.")
    built_at: str = strawberry.field(description="When the served store was built (ISO 8601, UTC).")
    content_version: str = strawberry.field(
        description="A digest of the record's content: it changes with any change to it."
    )
    read_through: date = strawberry.field(
        description="How far the record's reading of the news reaches: the last day of news "
        "read for it. Nothing later is on record, whatever happened since."
    )


SearchResult = Annotated[
    Country | Agreement | Event,
    strawberry.union("SearchResult", description="A country, agreement or event."),
]
