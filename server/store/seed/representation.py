"""A relation's representation track ([[relation.representation]] tables): steps that
each concern one country's mission in the other, checked against the relation's
diplomatic state and against each other (server/model/representation.py)."""

from __future__ import annotations

from dataclasses import dataclass

from server.model.periods import relation_on
from server.model.representation import (
    STEP_TITLES,
    Contradiction,
    RepresentationLevel,
    RepresentationStepKind,
    next_level,
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


def spans(relation: Relation) -> list[tuple[str | None, RelationState]]:
    """For each representation step, the relation's state on its day and the first day of
    the span of full diplomatic relations it falls in (the key of its sides' replay: each
    span starts both missions unknown; None when the relation is not full that day)."""
    dated = [s for s in relation.steps if s.kind is not None and s.date is not None]
    try:
        states = replay(relation.none_known is not None, [RelationStepKind(s.kind) for s in dated])
    except StateContradiction:
        unknown = (None, RelationState.UNKNOWN)
        return [unknown] * len(relation.representation)  # reported by check_histories
    stated = [
        _Stated(s.date.end.isoformat(), state, s.date.qualifier == "by")
        for s, state in zip(dated, states, strict=True)
    ]
    found = []
    for step in relation.representation:
        held = relation_on(stated, step.date.end.isoformat(), relation.none_known is not None)
        full = held.value is RelationState.FULL
        found.append((stated[held.step].last_day if full else None, held.value))
    return found


def levels_after(relation: Relation) -> list:
    """Each representation step's side level after it, replayed within its span of full
    relations; Contradiction at the first step that cannot follow its side's level (the
    seed checks report it before the build writes anything)."""
    levels: dict[tuple, object] = {}
    after = []
    for step, (since, _) in zip(relation.representation, spans(relation), strict=True):
        key = (since, step.envoy_of)
        level = next_level(
            levels.get(key, RepresentationLevel.UNKNOWN), RepresentationStepKind(step.kind)
        )
        levels[key] = level
        after.append(level)
    return after


def check_representation(relation: Relation, problems: list[str]) -> None:
    """Representation steps in date order, each on a day of full diplomatic relations
    (an ambassador where relations are severed contradicts the record), each following
    its side's level within its span of full relations."""
    steps = [s for s in relation.representation if None not in (s.envoy_of, s.kind, s.date)]
    if relation.countries is None or not steps or len(steps) != len(relation.representation):
        return  # a step's own problems are reported where it is read
    where = f"{relation.file}: relation {relation.countries[0]}–{relation.countries[1]}"
    for earlier, later in zip(steps, steps[1:], strict=False):
        if later.date.end < earlier.date.end:
            problems.append(
                f"{where}: representation {later.kind} {later.date} comes before "
                f"{earlier.kind} {earlier.date}; list them in date order"
            )
    levels: dict[tuple, object] = {}
    for step, (since, state) in zip(steps, spans(relation), strict=True):
        if since is None:
            problems.append(
                f"{where}: representation {step.kind} {step.date} ({step.envoy_of}'s mission)"
                f" falls on a day the relation is {state.word}: representation steps need "
                "full diplomatic relations"
            )
            continue
        key = (since, step.envoy_of)
        try:
            levels[key] = next_level(
                levels.get(key, RepresentationLevel.UNKNOWN), RepresentationStepKind(step.kind)
            )
        except Contradiction as error:
            problems.append(
                f"{where}: representation {step.kind} {step.date} ({step.envoy_of}'s mission):"
                f" {error}"
            )


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
