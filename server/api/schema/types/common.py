"""What every record kind uses: dates at their real precision, and sources."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from enum import Enum

import strawberry
from strawberry import relay
from strawberry.types import Info

from server.api.vocabulary import DateQualifier, SourceKind
from server.model.dates import PartialDate


@strawberry.enum(description="How precisely a date is known.")
class DatePrecision(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@strawberry.type(
    name="PartialDate",
    description="A date known to the day, the month or the year; or only as a bound "
    '(qualifier BY: "by 14 Sep 2021", known to have held by then).',
)
class DateValue:
    iso: str = strawberry.field(
        description='ISO 8601 at its real precision: "1992-04-10", "1992-08" or "2021".'
    )
    precision: DatePrecision = strawberry.field(description="Day, month or year.")
    year: int = strawberry.field(description="The year.")
    month: int | None = strawberry.field(description="The month (1-12), when known.")
    day: int | None = strawberry.field(description="The day of the month, when known.")
    qualifier: DateQualifier = strawberry.field(
        description="ON: it happened then. BY: it is known only to have held by then "
        "(a source reported it as already true on that day)."
    )
    first_day: date = strawberry.field(
        description='The first calendar day it can mean: "1992-08" → 1992-08-01 (for BY, '
        "the bound's own)."
    )
    last_day: date = strawberry.field(
        description='The last calendar day it can mean: "1992-08" → 1992-08-31. A step '
        "dated so counts from this day: it is known to have happened by then."
    )

    @classmethod
    def from_iso(cls, text: str | None) -> DateValue | None:
        if text is None:
            return None
        return _date_value(cls, text)

    @classmethod
    def _build(cls, text: str) -> DateValue:
        value = PartialDate.parse(text)
        return cls(
            iso=value.iso,
            precision=DatePrecision(value.precision),
            year=value.year,
            month=value.month,
            day=value.day,
            qualifier=DateQualifier(value.qualifier),
            first_day=value.start,
            last_day=value.end,
        )


@functools.lru_cache(maxsize=1024)
def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    """A day as the model's rules take it (ISO text; None: now)."""
    return day.isoformat() if day is not None else None


@functools.lru_cache(maxsize=8192)
def _date_value(cls, text: str) -> DateValue:
    # A store holds few distinct dates and DateValues are never modified: share them.
    return cls._build(text)


PERIOD_FROM = "The first day it held (a step counts from its date's last possible day)"
PERIOD_TO = "The last day it held; null: it holds still."


@strawberry.type(description="A published source that backs a fact.")
class Source(relay.Node):
    slug: str = strawberry.field(description="Stable identifier of the source.")
    publisher: str = strawberry.field(description="Who published it.")
    title: str = strawberry.field(
        description='The piece\'s own headline; "untitled page, <publisher>" when it shows none.'
    )
    url: str = strawberry.field(description="Where to read it.")
    published: DateValue | None = strawberry.field(description="When it was published, if known.")
    kind: SourceKind = strawberry.field(
        description="Primary, news, reference work or a mirror of one: what `confidence` "
        "is derived from."
    )

    @classmethod
    def from_row(cls, row) -> Source:
        return cls(
            slug=row["slug"],
            publisher=row["publisher"],
            title=row["title"],
            url=row["url"],
            published=DateValue.from_iso(row["published"]),
            kind=SourceKind(row["kind"]),
        )

    @classmethod
    def resolve_id(cls, root: Source, *, info: Info) -> str:
        return root.slug

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False):
        return await info.context.loaders.source_by_slug.load_many(list(node_ids))
