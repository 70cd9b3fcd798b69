"""The closed vocabularies of the data model, shared by the seed reader and the API
(where they are GraphQL enums)."""

import re
from enum import Enum

import strawberry

# Stable identifiers (agreement, event and source slugs): lowercase words joined by "-".
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@strawberry.enum(description="What sort of agreement this is.")
class AgreementKind(Enum):
    NORMALIZATION_FRAMEWORK = "normalization_framework"
    PEACE_INITIATIVE = "peace_initiative"
    PEACE_TREATY = "peace_treaty"
    BILATERAL_AGREEMENTS = "bilateral_agreements"
    MEMORANDUM = "memorandum"
    CEASEFIRE = "ceasefire"


@strawberry.enum(description="The part a country plays in an agreement.")
class Role(Enum):
    PARTY = "party"
    BROKER = "broker"
    ENDORSER = "endorser"
    PROPOSER = "proposer"


@strawberry.enum(
    description="Where a country stands in an agreement: announced (intent declared), proposed, endorsed, signed, ratified, in force, stalled (signed, never completed), withdrawn."
)
class Status(Enum):
    ANNOUNCED = "announced"
    PROPOSED = "proposed"
    ENDORSED = "endorsed"
    SIGNED = "signed"
    RATIFIED = "ratified"
    IN_FORCE = "in_force"
    STALLED = "stalled"
    WITHDRAWN = "withdrawn"


@strawberry.enum(description="What sort of event this is.")
class EventKind(Enum):
    ANNOUNCEMENT = "announcement"
    SIGNING = "signing"
    DIPLOMATIC_RELATIONS = "diplomatic_relations"
    EMBASSY_OPENING = "embassy_opening"
    VISIT = "visit"
    SUMMIT = "summit"
    STATEMENT = "statement"
    INDEPENDENCE = "independence"
    CONFLICT = "conflict"
    CEASEFIRE = "ceasefire"
    ENDORSEMENT = "endorsement"


def values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)
