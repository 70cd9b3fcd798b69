"""Published counts of a country's counterparts (seed/published_counts.toml): what others
have said, each with its source and date and why it differs from the count of record on
that day (issue #20)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from server.model.dates import InvalidDate, PartialDate
from server.model.vocabulary import SLUG, PublishedMeasure, values
from server.store.seed.reader import Record, read_document
from server.store.seed.records import Source
from server.store.seed.sources import read_sources

FILE = "published_counts.toml"


@dataclass(frozen=True)
class PublishedCount:
    slug: str | None
    country: str | None
    count: int | None
    out_of: int | None
    counts: str | None  # PublishedMeasure's value
    claim: str | None
    published: PartialDate | None
    as_of: PartialDate | None  # when the count says it holds; None: when it was published
    sources: tuple[str, ...]
    why: str | None

    @property
    def day(self) -> date | None:
        """The day the record's count is read on to compare: the last day the count can
        mean (a count said to hold in December 2020 is read on 2020-12-31)."""
        when = self.as_of or self.published
        return when.end if when is not None else None


def read_published(
    seed_dir: Path, problems: list[str]
) -> tuple[list[PublishedCount], list[Source]]:
    path = seed_dir / FILE
    if not path.exists():
        return [], []
    document = read_document(path, ("published", "source"), problems)
    counts = []
    for index, table in enumerate(document["published"], start=1):
        record = Record(problems, f"{path}: published count #{index}", table)
        slug = record.text("id", pattern=SLUG)
        if slug:
            record.where = f'{path}: published count "{slug}"'
        counts.append(
            PublishedCount(
                slug=slug,
                country=record.text("country"),
                count=_number(record, "count", required=True),
                out_of=_number(record, "out_of", required=False),
                counts=record.choice("counts", values(PublishedMeasure)),
                claim=record.text("claim"),
                published=record.date("published", precision_required=True),
                as_of=_as_of(record),
                sources=record.strings("sources", at_least=1) or (),
                why=record.text("why"),
            )
        )
        record.check_unknown_fields()
    return counts, read_sources(path, document["source"], problems)


def _number(record: Record, name: str, *, required: bool) -> int | None:
    value = record.get(name, required)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000:
        record.fail(f'field "{name}" must be a whole number from 0 to 1000 (got {value!r})')
        return None
    return value


def _as_of(record: Record) -> PartialDate | None:
    """When the count says it holds, at its own precision (``precision`` is the
    publication date's)."""
    text = record.text("as_of", required=False)
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except InvalidDate as error:
        record.fail(f"as_of {error}")
        return None
