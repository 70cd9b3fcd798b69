"""Agreements with their participants' status histories (agreements.toml)."""

from __future__ import annotations

from pathlib import Path

from server.model.terms import TermKind
from server.model.vocabulary import CANDIDATE_STATUSES, SLUG, AgreementKind, Role, Status, values
from server.store.seed.reader import Record, read_toml
from server.store.seed.records import Agreement, Participant, StatusChange, Term


def _history(
    record: Record, problems: list[str], parties: tuple[str, ...]
) -> tuple[StatusChange, ...]:
    changes = []
    for index, table in enumerate(record.tables("history"), start=1):
        entry = Record(problems, f"{record.where}: history #{index}", table)
        changes.append(
            StatusChange(
                status=entry.choice("status", values(Status)),
                date=entry.date("date"),
                note=entry.text("note", required=False),
                caveat=entry.text("caveat", required=False),
                sources=entry.strings("sources", required=False),
                attribution=entry.attribution(parties),
            )
        )
        entry.check_unknown_fields()
    if not changes:
        record.fail('field "history" needs at least one status')
    dated = [c.date for c in changes if c.date is not None]
    for earlier, later in zip(dated, dated[1:], strict=False):
        if later.start < earlier.start:
            record.fail(
                f'field "history": {later.iso} comes before {earlier.iso}; list in date order'
            )
    return tuple(changes)


def _terms(record: Record, problems: list[str], parties: tuple[str, ...]) -> tuple[Term, ...]:
    """A participation's terms (server/model/terms.py): each of a known kind, in the
    writer's words, dated at its precision, citing at least one source."""
    terms = []
    for index, table in enumerate(record.tables("terms"), start=1):
        if not isinstance(table, dict):
            record.fail(f'field "terms" #{index} must be a table')
            continue
        entry = Record(problems, f"{record.where}: term #{index}", table)
        terms.append(
            Term(
                kind=entry.choice("kind", values(TermKind)),
                text=entry.text("text"),
                date=entry.date("date", precision_required=True),
                sources=entry.strings("sources", at_least=1) or (),
                attribution=entry.attribution(parties),
            )
        )
        if not (terms[-1].attribution.stated_by and terms[-1].attribution.acknowledged):
            entry.fail('a term must say on whose word it rests ("stated_by" and "acknowledged")')
        entry.check_unknown_fields()
    return tuple(terms)


def _check_candidacy(part: Record, participant: Participant) -> None:
    """A candidate's statuses are candidate statuses, and only a candidate's are: a
    candidate that joins gets a participation as a party, beside its candidacy."""
    candidate = participant.role == Role.CANDIDATE.value
    for change in participant.history:
        if change.status is None:
            continue
        if (Status(change.status) in CANDIDATE_STATUSES) != candidate:
            kind = "a candidate's" if candidate else f"a {participant.role}'s"
            part.fail(f'status "{change.status}" {change.date} cannot be {kind} status')


def read_agreements(seed_dir: Path, problems: list[str]) -> list[Agreement]:
    path = seed_dir / "agreements.toml"
    agreements = []
    for index, table in enumerate(read_toml(path, "agreement", problems), start=1):
        record = Record(problems, f"{path}: agreement #{index}", table)
        slug = record.text("slug", pattern=SLUG)
        if slug:
            record.where = f'{path}: agreement "{slug}"'
        participants = []
        # A step may be stated by any country taking part (the parties, the brokers).
        taking_part = tuple(
            t["country"] for t in record.table.get("participant", []) if isinstance(t, dict)
        )
        for number, part_table in enumerate(record.tables("participant"), start=1):
            part = Record(problems, f"{record.where}: participant #{number}", part_table)
            country = part.text("country")
            if country:
                part.where = f"{record.where}: participant {country}"
            participant = Participant(
                country=country,
                role=part.choice("role", values(Role)),
                note=part.text("note", required=False),
                sources=part.strings("sources", required=False),
                history=_history(part, problems, taking_part),
                terms=_terms(part, problems, taking_part),
            )
            _check_candidacy(part, participant)
            cited = bool(participant.sources) or all(c.sources for c in participant.history)
            if not cited:
                part.fail(
                    "a status cites no source and the participant none either (give sources"
                    " = [...] on the participant or on every status)"
                )
            part.check_unknown_fields()
            participants.append(participant)
        agreements.append(
            Agreement(
                slug=slug,
                name=record.text("name"),
                kind=record.choice("kind", values(AgreementKind)),
                date=record.date("date"),
                place=record.text("place", required=False),
                summary=record.text("summary"),
                sources=record.strings("sources", at_least=1),
                participants=tuple(participants),
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    return agreements
