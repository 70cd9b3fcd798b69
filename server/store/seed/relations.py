"""Bilateral relations (seed/relations/*.toml): each a history of dated, cited steps
that must follow from one another, and the timeline entries of the steps not written
in events.toml."""

from __future__ import annotations

from pathlib import Path

from server.model.states import STEP_TITLES, Contradiction, replay
from server.model.vocabulary import RELATION_STEP_EVENTS, SLUG, RelationStepKind, values
from server.store.seed.reader import Record
from server.store.seed.records import Event, Relation, RelationStep, Seed
from server.store.seed.representation import check_representation, read_representation


def read_relations(path: Path, tables: list, problems: list[str]) -> list[Relation]:
    relations = []
    for index, table in enumerate(tables, start=1):
        record = Record(problems, f"{path}: relation #{index}", table)
        pair = record.strings("countries")
        if pair is not None and len(pair) != 2:
            record.fail(f'field "countries" must name exactly two countries (got {list(pair)})')
            pair = None
        if pair:
            record.where = f"{path}: relation {pair[0]}–{pair[1]}"
        none_known, none_sources = None, ()
        statement = record.get("none_known", False)
        if statement is not None:
            entry = Record(problems, f"{record.where}: none_known", statement)
            none_known = entry.text("note")
            none_sources = entry.strings("sources", at_least=1) or ()
            entry.check_unknown_fields()
        steps = []
        for number, step_table in enumerate(record.tables("step"), start=1):
            entry = Record(problems, f"{record.where}: step #{number}", step_table)
            steps.append(
                RelationStep(
                    kind=entry.choice("kind", values(RelationStepKind)),
                    # The reviewed histories state each step's precision: required here,
                    # so a day cannot be added to a month-precise step unnoticed.
                    date=entry.date("date", precision_required=True),
                    note=entry.text("note", required=False),
                    caveat=entry.text("caveat", required=False),
                    sources=entry.strings("sources", at_least=1) or (),
                    event=entry.text("event", required=False, pattern=SLUG),
                    title=entry.text("title", required=False),
                    attribution=entry.attribution(pair or ()),
                )
            )
            entry.check_unknown_fields()
        representation = read_representation(record, pair, problems)
        if not steps and none_known is None and "summary" not in record.table:
            record.fail(
                'needs steps ([[relation.step]]), a cited "none_known" statement, or a '
                '"summary" saying why nothing is on record'
            )
        relations.append(
            Relation(
                countries=tuple(sorted(pair)) if pair else None,
                summary=record.text("summary", required=False),
                none_known=none_known,
                sources=none_sources,
                steps=tuple(steps),
                file=str(path),
                freshness=record.freshness(),
                representation=representation,
            )
        )
        record.check_unknown_fields()
    check_histories(relations, problems)
    for relation in relations:
        check_representation(relation, problems)
    return relations


def check_histories(relations: list[Relation], problems: list[str]) -> None:
    """Each relation's steps in date order, none twice, each following from the last."""
    for relation in relations:
        if relation.countries is None:
            continue
        where = f"{relation.file}: relation {relation.countries[0]}–{relation.countries[1]}"
        steps = [s for s in relation.steps if s.kind is not None and s.date is not None]
        seen = set()
        for step in steps:
            key = (step.kind, step.date.text)
            if key in seen:
                problems.append(f"{where}: step {step.kind} {step.date} is listed twice")
            seen.add(key)
        for earlier, later in zip(steps, steps[1:], strict=False):
            if later.date.end < earlier.date.end:
                problems.append(
                    f"{where}: step {later.kind} {later.date} comes before {earlier.kind} "
                    f"{earlier.date}; list steps in date order (by their last possible day)"
                )
        try:
            replay(relation.none_known is not None, [RelationStepKind(s.kind) for s in steps])
        except Contradiction as error:
            step = steps[error.index]
            problems.append(f"{where}: step {step.kind} {step.date}: {error}")


def step_event_slug(relation: Relation, step: RelationStep) -> str:
    """The slug of a step's own timeline entry, e.g. il-mr-relations-severed-2010-03-20."""
    a, b = relation.countries
    bound = "by-" if step.date.qualifier == "by" else ""
    return f"{a}-{b}-{step.kind}-{bound}{step.date.iso}".lower().replace("_", "-")


def relation_events(seed: Seed) -> list[tuple[Relation, RelationStep, Event]]:
    """The timeline entry of every relation step not already written in events.toml:
    one source of truth for each step, shown in both places."""
    names = {c.code: c.name for c in seed.countries}
    entries = []
    for relation in seed.relations:
        a, b = relation.countries
        if "IL" in relation.countries:  # name the other country first: it is the story
            a, b = "IL", b if a == "IL" else a
        for step in relation.steps:
            if step.event is not None:
                continue
            title = step.title or STEP_TITLES[RelationStepKind(step.kind)].format(
                a=names[a], b=names[b]
            )
            if step.date.qualifier == "by":
                title += f" (known by {step.date.iso})"
            summary = (step.note or title).rstrip(".")
            summary = summary[0].upper() + summary[1:] + "."
            event = Event(
                slug=step_event_slug(relation, step),
                date=step.date,
                kind=RELATION_STEP_EVENTS[RelationStepKind(step.kind)].value,
                title=title,
                summary=summary,
                countries=(b, a),
                agreements=(),
                sources=step.sources,
                caveat=step.caveat,
                freshness=relation.freshness,
            )
            entries.append((relation, step, event))
    return entries
