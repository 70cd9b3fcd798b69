"""The GraphQL object types, by record kind. Thin: built from a row, scalar fields are
plain attributes, nested fields go through the per-request loaders in ``info.context``,
and every "on day D" answer comes from the model's rules (server/model/periods.py)."""

from server.api.execution.timeline import SortOrder
from server.api.schema.types.agreements import (
    Agreement,
    Participation,
    ParticipationPeriod,
    ParticipationTerm,
    StatusChange,
)
from server.api.schema.types.common import DatePrecision, DateValue, Source, _day
from server.api.schema.types.countries import Country
from server.api.schema.types.events import Event
from server.api.schema.types.groups import Group, Membership, MembershipPeriod, MembershipStep
from server.api.schema.types.records import Change, RecordInfo, SearchResult
from server.api.schema.types.relations import Relation, RelationPeriod, RelationStep
from server.api.schema.types.representation import (
    Attribution,
    RepresentationPeriod,
    RepresentationStep,
)

__all__ = [
    "Agreement",
    "Attribution",
    "Change",
    "Country",
    "DatePrecision",
    "DateValue",
    "Event",
    "Group",
    "Membership",
    "MembershipPeriod",
    "MembershipStep",
    "Participation",
    "ParticipationPeriod",
    "ParticipationTerm",
    "RecordInfo",
    "Relation",
    "RelationPeriod",
    "RelationStep",
    "RepresentationPeriod",
    "RepresentationStep",
    "SearchResult",
    "SortOrder",  # part of the schema's types, declared with the timeline
    "Source",
    "StatusChange",
    "_day",
]
