"""The GraphQL object types, by record kind. Thin: built from a row, scalar fields are
plain attributes, nested fields go through the per-request loaders in ``info.context``,
and every "on day D" answer comes from the model's rules (server/model/periods.py)."""

from ...execution.timeline import SortOrder
from .agreements import Agreement, Participation, ParticipationPeriod, StatusChange
from .common import DatePrecision, DateValue, Source, _day
from .countries import Country
from .events import Event
from .groups import Group, Membership, MembershipPeriod, MembershipStep
from .records import Change, RecordInfo, SearchResult
from .relations import Relation, RelationPeriod, RelationStep

__all__ = [
    "Agreement",
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
    "RecordInfo",
    "Relation",
    "RelationPeriod",
    "RelationStep",
    "SearchResult",
    "SortOrder",  # part of the schema's types, declared with the timeline
    "Source",
    "StatusChange",
    "_day",
]
