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
    # The timeline entries of relation steps (see RELATION_STEP_EVENTS).
    RECOGNITION = "recognition"
    RELATIONS_SUSPENDED = "relations_suspended"
    RELATIONS_SEVERED = "relations_severed"
    RELATIONS_RESTORED = "relations_restored"
    OFFICE_OPENING = "office_opening"
    OFFICE_CLOSING = "office_closing"


@strawberry.enum(
    description="A dated step in two countries' relations. An office is an interest "
    "section, liaison or trade office (not an embassy)."
)
class RelationStepKind(Enum):
    RECOGNIZED = "recognized"
    RELATIONS_ESTABLISHED = "relations_established"
    RELATIONS_SUSPENDED = "relations_suspended"
    RELATIONS_SEVERED = "relations_severed"
    RELATIONS_RESTORED = "relations_restored"
    OFFICE_OPENED = "office_opened"
    OFFICE_CLOSED = "office_closed"
    NORMALIZATION_ANNOUNCED = "normalization_announced"
    AGREEMENT_SIGNED = "agreement_signed"


@strawberry.enum(
    description="What held between two countries on a day: full diplomatic relations, "
    "relations suspended (frozen), severed (broken off after relations had existed), a "
    "liaison/trade/interest office only, recognition only, no relations (the offices were "
    "closed and diplomatic relations had never been on record), none ever (a cited "
    "statement that there never were any), or unknown (nothing on record for that day: "
    "never read it as none)."
)
class RelationState(Enum):
    FULL = "full"
    SUSPENDED = "suspended"
    SEVERED = "severed"
    LIAISON_OFFICE = "liaison_office"
    RECOGNITION_ONLY = "recognition_only"
    NO_RELATIONS = "no_relations"
    NONE_EVER = "none_ever"
    UNKNOWN = "unknown"


# The event kind under which each relation step appears on the timeline.
RELATION_STEP_EVENTS = {
    RelationStepKind.RECOGNIZED: EventKind.RECOGNITION,
    RelationStepKind.RELATIONS_ESTABLISHED: EventKind.DIPLOMATIC_RELATIONS,
    RelationStepKind.RELATIONS_SUSPENDED: EventKind.RELATIONS_SUSPENDED,
    RelationStepKind.RELATIONS_SEVERED: EventKind.RELATIONS_SEVERED,
    RelationStepKind.RELATIONS_RESTORED: EventKind.RELATIONS_RESTORED,
    RelationStepKind.OFFICE_OPENED: EventKind.OFFICE_OPENING,
    RelationStepKind.OFFICE_CLOSED: EventKind.OFFICE_CLOSING,
    RelationStepKind.NORMALIZATION_ANNOUNCED: EventKind.ANNOUNCEMENT,
    RelationStepKind.AGREEMENT_SIGNED: EventKind.SIGNING,
}


@strawberry.enum(
    description="What sort of source this is: PRIMARY (a government, treaty text or "
    "official statement), NEWS (a news organisation's report), REFERENCE (an "
    "encyclopedia or reference work), MIRROR (a copy of a reference work elsewhere)."
)
class SourceKind(Enum):
    PRIMARY = "primary"
    NEWS = "news"
    REFERENCE = "reference"
    MIRROR = "mirror"


@strawberry.enum(
    description="How well a fact is sourced, derived from its sources' kinds (never set by "
    "hand): HIGH with at least one primary or news source, MEDIUM with at best a "
    "reference work, LOW with only mirrors of reference works."
)
class Confidence(Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@strawberry.enum(description="A step in a country's membership of a group.")
class MembershipStepKind(Enum):
    JOINED = "joined"
    SUSPENDED = "suspended"
    REINSTATED = "reinstated"
    WITHDREW = "withdrew"


@strawberry.enum(description="A country's standing in a group on a day.")
class MembershipStatus(Enum):
    MEMBER = "member"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


@strawberry.enum(
    description="ON: the date is when it happened. BY: it is known only to have held by "
    'that date (a source reported it as already true), e.g. "stalled by 14 Sep 2021".'
)
class DateQualifier(Enum):
    ON = "on"
    BY = "by"


def values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


@strawberry.enum(description="What a change did to a record.")
class ChangeAction(Enum):
    ADDED = "added"
    UPDATED = "updated"


@strawberry.enum(description="The kind of record a change concerns.")
class RecordType(Enum):
    EVENT = "event"
    AGREEMENT = "agreement"
    RELATION = "relation"
    GROUP = "group"
