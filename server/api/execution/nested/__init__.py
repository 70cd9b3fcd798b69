"""Nested fields in their whole-level form: the one declaration of each, by record kind.

Each function takes the request's ``info``, a list of parent objects (a whole level of
the answer) and the field's arguments, and returns one result per parent. Its signature
*is* the field's declaration: ``schema.batched.batched_field`` derives the GraphQL
arguments and the per-object resolver (a batch of one) from it, and the fast executor
calls it once per level. Nothing here builds GraphQL objects from rows itself: the
per-request loaders do (so this package needs no import of the types), and what held on
a day is the model's (server/model/periods.py).
"""

from server.api.execution.nested.groups import (
    confidence_of_memberships,
    countries_of_memberships,
    groups_of_memberships,
    members_of_groups,
    memberships_of_countries,
    sources_of_groups,
    sources_of_memberships,
)
from server.api.execution.nested.participations import (
    agreements_of_participations,
    candidates_of_agreements,
    confidence_of_participations,
    confidence_of_status_steps,
    countries_of_participations,
    latest_change_dates,
    latest_change_lists,
    latest_changes,
    member_counts,
    participants_of_agreements,
    participations_of_countries,
    sources_of_participations,
    sources_of_steps,
    sources_of_terms,
    started,
    terms_of_participations,
)
from server.api.execution.nested.records import (
    agreements_of_events,
    confidence_of_agreements,
    confidence_of_events,
    countries_of_events,
    events_of_agreements,
    events_of_countries,
    events_of_relations,
    sources_of_agreements,
    sources_of_events,
)
from server.api.execution.nested.relations import (
    attributions_of_relation_steps,
    attributions_of_status_steps,
    confidence_of_relation_steps,
    confidence_of_representation_steps,
    countries_of_attributions,
    countries_of_relations,
    envoys_of_representation_steps,
    events_of_relation_steps,
    none_known_confidences,
    relations_of_countries,
    shared_agreements_of_relations,
    sources_of_relation_steps,
    sources_of_relations,
    sources_of_representation_steps,
)

__all__ = [
    "sources_of_terms",
    "terms_of_participations",
    "attributions_of_relation_steps",
    "attributions_of_status_steps",
    "candidates_of_agreements",
    "confidence_of_representation_steps",
    "countries_of_attributions",
    "envoys_of_representation_steps",
    "sources_of_representation_steps",
    "agreements_of_events",
    "agreements_of_participations",
    "confidence_of_agreements",
    "confidence_of_events",
    "confidence_of_memberships",
    "confidence_of_participations",
    "confidence_of_relation_steps",
    "confidence_of_status_steps",
    "countries_of_events",
    "countries_of_memberships",
    "countries_of_participations",
    "countries_of_relations",
    "events_of_agreements",
    "events_of_countries",
    "events_of_relation_steps",
    "events_of_relations",
    "groups_of_memberships",
    "latest_change_dates",
    "latest_change_lists",
    "latest_changes",
    "member_counts",
    "members_of_groups",
    "memberships_of_countries",
    "none_known_confidences",
    "participants_of_agreements",
    "participations_of_countries",
    "relations_of_countries",
    "shared_agreements_of_relations",
    "sources_of_agreements",
    "sources_of_events",
    "sources_of_groups",
    "sources_of_memberships",
    "sources_of_participations",
    "sources_of_relation_steps",
    "sources_of_relations",
    "sources_of_steps",
    "started",
]
