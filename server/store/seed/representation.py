"""A relation's representation track ([[relation.representation]] tables): steps that
each concern one country's mission in the other, checked against the relation's
diplomatic state and against each other (server/model/representation.py)."""

from __future__ import annotations

from dataclasses import dataclass

from server.model.periods import relation_on
from server.model.representation import (
    STEP_TITLES,
    Contradiction,
    RepresentationStepKind,
    SideStep,
    replay_sides,
)
from server.model.states import Contradiction as StateContradiction
from server.model.states import replay
from server.model.vocabulary import EventKind, RelationState, RelationStepKind, values
from server.store.seed.reader import Record
from server.store.seed.records import Event, Relation, RepresentationStep, Seed


def read_representation(record: Record, pair, problems: list[str]) -> tuple:
    steps = []
    for number, table in enumerate(record.tables("representation"), start=1):
        entry = Record(problems, f"{record.where}: representation #{number}", table)
        envoy_of = entry.text("envoy_of")
        if envoy_of is not None and pair and envoy_of not in pair:
            entry.fail(f'field "envoy_of": "{envoy_of}" is not one of the pair {list(pair)}')
            envoy_of = None
        steps.append(
            RepresentationStep(
                envoy_of=envoy_of,
                kind=entry.choice("kind", values(RepresentationStepKind)),
                date=entry.date("date", precision_required=True),
                note=entry.text("note", required=False),
                caveat=entry.text("caveat", required=False),
                sources=entry.strings("sources", at_least=1) or (),
                attribution=entry.attribution(pair or ()),
            )
        )
        entry.check_unknown_fields()
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class _Stated:
    last_day: str
    state: RelationState
    bound: bool


def check_representation(relation: Relation, problems: list[str]) -> None:
    """Representation steps in date order, each on a day of full diplomatic relations
    (an ambassador where relations are severed contradicts the record), each following
    its side's level within its span of full relations."""
    steps = [s for s in relation.representation if None not in (s.envoy_of, s.kind, s.date)]
    if relation.countries is None or not steps:
        return
    where = f"{relation.file}: relation {relation.countries[0]}–{relation.countries[1]}"
    dated = [s for s in relation.steps if s.kind is not None and s.date is not None]
    try:
        states = replay(relation.none_known is not None, [RelationStepKind(s.kind) for s in dated])
    except StateContradiction:
        return  # reported by check_histories
    stated = [
        _Stated(s.date.end.isoformat(), state, s.date.qualifier == "by")
        for s, state in zip(dated, states, strict=True)
    ]
    spans: dict[str, list] = {}
    for earlier, later in zip(steps, steps[1:], strict=False):
        if later.date.end < earlier.date.end:
            problems.append(
                f"{where}: representation {later.kind} {later.date} comes before "
                f"{earlier.kind} {earlier.date}; list them in date order"
            )
    for step in steps:
        day = step.date.end.isoformat()
        held = relation_on(stated, day, relation.none_known is not None)
        if held.value is not RelationState.FULL:
            problems.append(
                f"{where}: representation {step.kind} {step.date} ({step.envoy_of}'s mission)"
                f" falls on a day the relation is {held.value.word}: representation steps"
                " need full diplomatic relations"
            )
            continue
        since = stated[held.step].last_day
        spans.setdefault(since, []).append(step)
    for span in spans.values():
        sides = [SideStep(s.envoy_of, RepresentationStepKind(s.kind), "") for s in span]
        try:
            replay_sides(sides, relation.countries)
        except Contradiction as error:
            problems.append(f"{where}: representation: {error} on {span[0].envoy_of}'s side")


def representation_events(seed: Seed) -> list[tuple[RepresentationStep, Event]]:
    """The timeline entry of every representation step."""
    names = {c.code: c.name for c in seed.countries}
    entries = []
    for relation in seed.relations:
        for step in relation.representation:
            host = next(c for c in relation.countries if c != step.envoy_of)
            title = STEP_TITLES[RepresentationStepKind(step.kind)].format(
                envoy=names[step.envoy_of], host=names[host]
            )
            if step.date.qualifier == "by":
                title += f" (known by {step.date.iso})"
            summary = (step.note or title).rstrip(".")
            bound = "by-" if step.date.qualifier == "by" else ""
            slug = f"{step.envoy_of}-{host}-{step.kind}-{bound}{step.date.iso}"
            entries.append(
                (
                    step,
                    Event(
                        slug=slug.lower().replace("_", "-"),
                        date=step.date,
                        kind=EventKind.REPRESENTATION.value,
                        title=title,
                        summary=summary[0].upper() + summary[1:] + ".",
                        countries=(step.envoy_of, host),
                        agreements=(),
                        sources=step.sources,
                        caveat=step.caveat,
                        freshness=relation.freshness,
                    ),
                )
            )
    return entries
