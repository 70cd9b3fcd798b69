"""The timeline's events as written in events.toml."""

from __future__ import annotations

from pathlib import Path

from server.model.vocabulary import SLUG, EventKind, values
from server.store.seed.reader import Record, read_toml
from server.store.seed.records import Event


def read_events(seed_dir: Path, problems: list[str]) -> list[Event]:
    path = seed_dir / "events.toml"
    events = []
    for index, table in enumerate(read_toml(path, "event", problems), start=1):
        record = Record(problems, f"{path}: event #{index}", table)
        slug = record.text("slug", pattern=SLUG)
        if slug:
            record.where = f'{path}: event "{slug}"'
        events.append(
            Event(
                slug=slug,
                date=record.date("date"),
                kind=record.choice("kind", values(EventKind)),
                title=record.text("title"),
                summary=record.text("summary"),
                countries=record.strings("countries", at_least=1),
                agreements=record.strings("agreements", required=False),
                sources=record.strings("sources", at_least=1),
                caveat=record.text("caveat", required=False),
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    return events
