"""Organisations and their members' histories (groups.toml)."""

from __future__ import annotations

import re
from pathlib import Path

from server.model.vocabulary import MembershipStepKind, values
from server.store.seed.reader import Record, read_document
from server.store.seed.records import Group, Member, MembershipStep, Source
from server.store.seed.sources import read_sources


def read_groups(seed_dir: Path, problems: list[str]) -> tuple[list[Group], list[Source]]:
    path = seed_dir / "groups.toml"
    document = read_document(path, ("group", "source"), problems)
    groups = []
    for index, table in enumerate(document["group"], start=1):
        record = Record(problems, f"{path}: group #{index}", table)
        code = record.text("code")
        if code:
            record.where = f'{path}: group "{code}"'
            if not re.fullmatch(r"[A-Z][A-Z_]*", code):
                record.fail(f'field "code": "{code}" must be capital letters and "_"')
        members = []
        for number, member_table in enumerate(record.tables("member"), start=1):
            entry = Record(problems, f"{record.where}: member #{number}", member_table)
            country = entry.text("country")
            if country:
                entry.where = f"{record.where}: member {country}"
            history = []
            for step_number, step_table in enumerate(entry.tables("history"), start=1):
                step = Record(problems, f"{entry.where}: history #{step_number}", step_table)
                history.append(
                    MembershipStep(
                        kind=step.choice("kind", values(MembershipStepKind)),
                        date=step.date("date"),
                        note=step.text("note", required=False),
                        caveat=step.text("caveat", required=False),
                        sources=step.strings("sources", at_least=1) or (),
                    )
                )
                step.check_unknown_fields()
            dated = [s for s in history if s.date is not None]
            for earlier, later in zip(dated, dated[1:], strict=False):
                if later.date.end < earlier.date.end:
                    entry.fail(f"history: {later.date} comes before {earlier.date}")
            members.append(
                Member(
                    country=country,
                    sources=entry.strings("sources", at_least=1) or (),
                    history=tuple(history),
                )
            )
            entry.check_unknown_fields()
        groups.append(
            Group(
                code=code,
                name=record.text("name"),
                summary=record.text("summary"),
                sources=record.strings("sources", at_least=1) or (),
                members=tuple(members),
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    return groups, read_sources(path, document["source"], problems)
