"""Two countries' relations: their dated, cited steps, and the state on a day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from server.api.execution import nested
from server.api.schema.batched import batched_field
from server.api.schema.connection import Connection
from server.api.schema.types.agreements import Agreement
from server.api.schema.types.common import PERIOD_FROM, PERIOD_TO, DateValue, Source, _day, _iso
from server.api.schema.types.events import Event
from server.api.schema.types.representation import (
    Attribution,
    RepresentationPeriod,
    RepresentationStep,
)
from server.api.vocabulary import (
    Confidence,
    DateQualifier,
    RelationState,
    RelationStepKind,
    RepresentationLevel,
)
from server.model.periods import (
    Held,
    known_steps,
    periods,
    relation_on,
    representation_on,
    representation_periods,
)
from server.urls import PAGES, paths

if TYPE_CHECKING:
    from server.api.schema.types.countries import Country


@strawberry.type(description="One dated, cited step in two countries' relations.")
class RelationStep:
    kind: RelationStepKind = strawberry.field(description="What happened.")
    date: DateValue = strawberry.field(description="When, at its known precision (or BY).")
    note: str | None = strawberry.field(description="What happened, in a sentence.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    state: RelationState = strawberry.field(description="What held after this step.")
    relation_id: Private[int]
    seq: Private[int]
    last_day: Private[str]
    event_id: Private[int]

    attribution: Attribution = batched_field(
        nested.attributions_of_relation_steps, description="On whose word it rests."
    )

    @property
    def bound(self) -> bool:
        """Dated "by": known only to have happened by then (see model.periods)."""
        return self.date.qualifier is DateQualifier.BY

    sources: list[Source] = batched_field(
        nested.sources_of_relation_steps, description="Sources for this step."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_relation_steps,
        description="How well this step is sourced, by the rule in `Confidence`.",
    )
    event: Event = batched_field(
        nested.events_of_relation_steps, description="This step's entry on the timeline."
    )


@strawberry.type(
    description="A span of days on which a relation's state held, as the record knows it: "
    "a new one begins each day a step becomes known and changes what `state` answers."
)
class RelationPeriod:
    start: date | None = strawberry.field(
        name="from", description=PERIOD_FROM + "; null: from before anything on record."
    )
    end: date | None = strawberry.field(name="to", description=PERIOD_TO)
    state: RelationState = strawberry.field(description="The state that held, as `state`.")
    step: RelationStep | None = strawberry.field(
        description="The step that brought it about, as `stateStep` (null for NONE_EVER "
        "and UNKNOWN)."
    )


@strawberry.type(description="Two countries' bilateral relationship and its history.")
class Relation:
    codes: Private[tuple[str, str]]
    record_id: Private[int | None]
    steps: Private[tuple[RelationStep, ...]]
    representation_steps: Private[tuple[RepresentationStep, ...]]
    as_of: Private[date | None]
    established: DateValue | None = strawberry.field(
        description="When diplomatic relations were first established, if on record."
    )
    summary: str | None = strawberry.field(description="The relationship in a few sentences.")
    none_known: str | None = strawberry.field(
        description="A cited statement that the two never had formal relations (its "
        "sources are `sources`), when there is one."
    )
    added: date | None = strawberry.field(
        description="When it was added to the record (null: nothing on record)."
    )
    updated: date | None = strawberry.field(description="When its record last changed.")

    @strawberry.field(
        description=f"The relation's page in the web UI ({PAGES['relation'].shown()}): its "
        "countries' codes, the other country first and Israel second (any other pair in "
        "code order), whatever order was asked for."
    )
    def path(self) -> str:
        return paths.relation(*self.codes)

    @strawberry.field(
        description="Why the record cannot place this relation on any day, for a relation "
        "on record with no step and no `noneKnown` statement (its summary: what was "
        "searched); null otherwise."
    )
    def nothing_on_record(self) -> str | None:
        placed = self.steps or self.none_known is not None or self.record_id is None
        return None if placed else self.summary

    def _held(self, as_of: date | None) -> Held:
        """What held on ``as_of`` (default: the list's `asOf`, else now), by the model;
        found once per relation and day (state, stateSince and stateStep all ask)."""
        day = _iso(as_of or self.as_of)
        found = self.__dict__.setdefault("_held_on", {})
        if day not in found:
            found[day] = relation_on(self.steps, day, self.none_known is not None)
        return found[day]

    def _step(self, as_of: date | None) -> RelationStep | None:
        held = self._held(as_of)
        return self.steps[held.step] if held.step is not None else None

    @strawberry.field(
        description="Every step, oldest first (up to the list's `asOf` when it was given)."
    )
    def history(self) -> list[RelationStep]:
        return known_steps(self.steps, _iso(self.as_of))

    @strawberry.field(
        description="What held on `asOf` (default: the list's `asOf`, else now): the state "
        "after the last step known by then (a month- or year-precise step counts from its "
        "last possible day). NONE_EVER rests on the cited statement in `noneKnown`; "
        "UNKNOWN means nothing is on record for that day, or that the next step is known "
        'only "by" a later date (it may already have happened).'
    )
    def state(self, as_of: date | None = None) -> RelationState:
        return self._held(as_of).value

    @strawberry.field(
        description="Since when `state` has held on `asOf`: the date of `stateStep` (e.g. "
        "full relations since 1992 through later announcements). Null for NONE_EVER and "
        "UNKNOWN."
    )
    def state_since(self, as_of: date | None = None) -> DateValue | None:
        step = self._step(as_of)
        return step.date if step else None

    @strawberry.field(
        description="The step that brought about `state` on `asOf`, with its sources: the "
        "first of the unbroken run of steps that left it so. Null for NONE_EVER (its "
        "sources are the `noneKnown` statement's) and UNKNOWN."
    )
    def state_step(self, as_of: date | None = None) -> RelationStep | None:
        return self._step(as_of)

    @strawberry.field(
        description="The spans of days each state held, oldest first, the first from "
        "before anything on record: `state` on any day is that of the period holding it. "
        "The whole record, whatever `asOf`."
    )
    def periods(self) -> list[RelationPeriod]:
        return [
            RelationPeriod(
                start=_day(period.start),
                end=_day(period.end),
                state=period.value,
                step=self.steps[period.step] if period.step is not None else None,
            )
            for period in periods(relation_on, self.steps, self.none_known is not None)
        ]

    def _represented(self, as_of: date | None) -> Held:
        day = _iso(as_of or self.as_of)
        found = self.__dict__.setdefault("_represented_on", {})
        if day not in found:
            found[day] = representation_on(
                self.steps,
                self.representation_steps,
                day,
                self.none_known is not None,
                self.codes,
            )
        return found[day]

    @strawberry.field(
        description="How the relation was represented on `asOf` (default: the list's `asOf`, "
        "else now), beside `state`: ambassadors, an ambassador withdrawn (recalled or "
        "expelled), chargé d'affaires, no embassy (relations not full, or a mission closed), "
        "or UNKNOWN (nothing on record). The lower of the two missions' levels; each starts "
        "unknown when full relations begin."
    )
    def representation(self, as_of: date | None = None) -> RepresentationLevel:
        return self._represented(as_of).value

    @strawberry.field(
        description="The representation step that left `representation` so on `asOf` (null "
        "when the diplomatic state decides it, or nothing on record does)."
    )
    def representation_step(self, as_of: date | None = None) -> RepresentationStep | None:
        held = self._represented(as_of)
        return self.representation_steps[held.step] if held.step is not None else None

    @strawberry.field(
        description="Every representation step, oldest first (up to the list's `asOf` when "
        "it was given): ambassadors accredited, recalled, expelled, returned; missions "
        "downgraded, raised, closed."
    )
    def representation_history(self) -> list[RepresentationStep]:
        return known_steps(self.representation_steps, _iso(self.as_of))

    @strawberry.field(
        description="The spans of days each representation level held, oldest first: "
        "`representation` on any day is that of the period holding it. The whole record."
    )
    def representation_periods(self) -> list[RepresentationPeriod]:
        steps = self.representation_steps
        return [
            RepresentationPeriod(
                start=_day(period.start),
                end=_day(period.end),
                level=period.value,
                step=steps[period.step] if period.step is not None else None,
            )
            for period in representation_periods(
                self.steps, steps, self.none_known is not None, self.codes
            )
        ]

    countries: list[Annotated[Country, strawberry.lazy(".countries")]] = batched_field(
        nested.countries_of_relations, description="The two countries, in the order asked for."
    )
    sources: list[Source] = batched_field(
        nested.sources_of_relations,
        description="Every source cited for the relation: for `noneKnown`, then for its "
        "steps (each step also lists its own).",
    )
    none_known_confidence: Confidence | None = batched_field(
        nested.none_known_confidences,
        description="How well the `noneKnown` statement is sourced (null without one).",
    )
    shared_agreements: list[Agreement] = batched_field(
        nested.shared_agreements_of_relations,
        description="Agreements both countries take part in, oldest first.",
    )
    events: Connection[Event] = batched_field(
        nested.events_of_relations,
        description="Events involving both countries, oldest first by default.",
    )
