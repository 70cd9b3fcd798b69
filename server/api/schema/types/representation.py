"""On whose word (who stated a step) and the representation track of a relation."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from server.api.execution import nested
from server.api.schema.batched import batched_field
from server.api.schema.types.common import PERIOD_FROM, PERIOD_TO, DateValue, Source
from server.api.schema.types.events import Event
from server.api.vocabulary import (
    Acknowledgement,
    Confidence,
    DateQualifier,
    RepresentationLevel,
    RepresentationStepKind,
)
from server.model.attribution import PRESS

if TYPE_CHECKING:
    from server.api.schema.types.countries import Country


@strawberry.type(
    description="On whose word a step rests: the governments that stated it on the record, "
    "whether the press reported it from officials it does not name, and whether the other "
    "side acknowledged it. Null fields where the record has not judged it."
)
class Attribution:
    codes: Private[tuple[str, ...]]
    press: bool = strawberry.field(
        description="Whether the press reported it citing officials it does not name."
    )
    acknowledged: Acknowledgement | None = strawberry.field(
        description="Both sides on record, one side, reported only, or denied."
    )
    note: str | None = strawberry.field(
        description="Why a government outside the step's parties is named, when one is."
    )
    stated_by: list[Annotated[Country, strawberry.lazy(".countries")]] = batched_field(
        nested.countries_of_attributions,
        description="The governments that stated it on the record, in the record's order.",
    )

    @classmethod
    def of(cls, stated_by: str | None, acknowledged: str | None, note: str | None):
        words = tuple((stated_by or "").split())
        return cls(
            codes=tuple(w for w in words if w != PRESS),
            press=PRESS in words,
            acknowledged=Acknowledgement(acknowledged) if acknowledged else None,
            note=note,
        )


@strawberry.type(
    description="One dated, cited step on a relation's representation track: it concerns "
    "one country's mission in the other (`envoyOf`, the sending country)."
)
class RepresentationStep:
    kind: RepresentationStepKind = strawberry.field(description="What happened.")
    date: DateValue = strawberry.field(description="When, at its known precision (or BY).")
    note: str | None = strawberry.field(description="What happened, in a sentence.")
    caveat: str | None = strawberry.field(
        description="What qualifies it: sources that disagree, a coarser date kept."
    )
    level: RepresentationLevel = strawberry.field(
        description="The level of `envoyOf`'s mission after this step."
    )
    stated: Private[tuple]  # (stated_by, acknowledged, note) as stored: see `attribution`
    envoy_code: Private[str]
    relation_id: Private[int]
    seq: Private[int]
    last_day: Private[str]
    event_id: Private[int]

    @strawberry.field(description="On whose word it rests.")
    def attribution(self) -> Attribution:
        return Attribution.of(*self.stated)

    @property
    def envoy_of(self) -> str:  # what the model's rule reads (model.periods)
        return self.envoy_code

    @property
    def bound(self) -> bool:
        return self.date.qualifier is DateQualifier.BY

    envoy: Annotated[Country, strawberry.lazy(".countries")] = batched_field(
        nested.envoys_of_representation_steps,
        name="envoyOf",
        description="The sending country: whose mission in the other this step concerns.",
    )
    sources: list[Source] = batched_field(
        nested.sources_of_representation_steps, description="Sources for this step."
    )
    confidence: Confidence = batched_field(
        nested.confidence_of_representation_steps,
        description="How well this step is sourced, by the rule in `Confidence`.",
    )
    event: Event = batched_field(
        nested.events_of_relation_steps, description="This step's entry on the timeline."
    )


@strawberry.type(
    description="A span of days on which a relation's representation held: a new one "
    "begins each day a diplomatic or representation step becomes known and changes it."
)
class RepresentationPeriod:
    start: date | None = strawberry.field(
        name="from", description=PERIOD_FROM + "; null: from before anything on record."
    )
    end: date | None = strawberry.field(name="to", description=PERIOD_TO)
    level: RepresentationLevel = strawberry.field(description="The level that held.")
    step: RepresentationStep | None = strawberry.field(
        description="The representation step that left it so (null when the diplomatic "
        "state decides it, or nothing on record does)."
    )
