"""Sources: those of sources.toml, and those written beside the relations and groups
that cite them."""

from __future__ import annotations

from pathlib import Path

from server.model.vocabulary import SLUG, SourceKind, values
from server.store.seed.reader import Record
from server.store.seed.records import Source


def _source(record: Record) -> Source:
    slug = record.text("id", pattern=SLUG)
    if slug:
        record.where = f'{record.where.rsplit(":", 1)[0]}: source "{slug}"'
    source = Source(
        slug=slug,
        publisher=record.text("publisher"),
        title=record.text("title"),
        url=record.text("url"),
        published=record.date("published", required=False, bounds=False),
        kind=record.choice("kind", values(SourceKind)),
    )
    if source.url and not source.url.startswith(("https://", "http://")):
        record.fail(f'field "url": "{source.url}" must start with https:// or http://')
    record.check_unknown_fields()
    return source


def read_sources(path: Path, tables: list, problems: list[str]) -> list[Source]:
    return [
        _source(Record(problems, f"{path}: source #{index}", table))
        for index, table in enumerate(tables, start=1)
    ]
