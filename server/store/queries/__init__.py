"""Every SQL statement the server runs, as named async functions, by record kind.

SQL text is constant or assembled only from the fixed fragments in these modules; every
value a client sends travels as a bound parameter (see sql.py). No statement restates an
"on day D" rule: it asks which of the periods the build wrote holds the day.
"""

from server.store.queries.agreements import (
    AGREEMENT_COLUMNS,
    agreement_filter,
    agreements_by_id,
    agreements_by_slug,
    agreements_page,
    count_agreements,
    shared_agreements,
)
from server.store.queries.changes import change_filter, changes_page, count_changes
from server.store.queries.countries import (
    COUNTRY_COLUMNS,
    count_countries,
    countries_page,
    country_filter,
    reference_data,
)
from server.store.queries.counts import (
    counted_relations,
    counted_spans,
    published_count_sources,
    published_counts,
    unplaced_members,
)
from server.store.queries.events import (
    EVENT_COLUMNS,
    EventQuery,
    agreements_for_events,
    count_events,
    countries_for_events,
    event_filter,
    events_by_id,
    events_by_slug,
    events_page,
)
from server.store.queries.groups import (
    all_groups,
    group_member_filter,
    groups_by_code,
    members_on,
    membership_sources,
    memberships_of_countries,
    memberships_of_groups,
)
from server.store.queries.participations import (
    PARTICIPATION_COLUMNS,
    count_participations,
    participation_filter,
    participation_pages,
    participations_by_agreement,
    status_attributions,
)
from server.store.queries.relations import (
    RELATION_COLUMNS,
    RelationQuery,
    count_relations,
    count_relations_matching,
    relation_between,
    relation_filter,
    relation_pages,
    relation_step_sources,
    relations_page,
    representation_step_sources,
    step_attributions,
)
from server.store.queries.search import count_search, search
from server.store.queries.sources import (
    SOURCE_COLUMNS,
    sources_by_slug,
    sources_for,
    sources_for_participations,
)
from server.store.queries.sql import Keyset, Page, Where

__all__ = [
    "AGREEMENT_COLUMNS",
    "COUNTRY_COLUMNS",
    "EVENT_COLUMNS",
    "PARTICIPATION_COLUMNS",
    "RELATION_COLUMNS",
    "SOURCE_COLUMNS",
    "EventQuery",
    "Keyset",
    "Page",
    "RelationQuery",
    "Where",
    "agreement_filter",
    "agreements_by_id",
    "agreements_by_slug",
    "agreements_for_events",
    "agreements_page",
    "all_groups",
    "change_filter",
    "changes_page",
    "count_agreements",
    "count_changes",
    "count_countries",
    "count_events",
    "count_participations",
    "count_relations",
    "count_relations_matching",
    "count_search",
    "countries_for_events",
    "countries_page",
    "country_filter",
    "event_filter",
    "events_by_id",
    "events_by_slug",
    "events_page",
    "group_member_filter",
    "groups_by_code",
    "members_on",
    "membership_sources",
    "memberships_of_countries",
    "memberships_of_groups",
    "participation_filter",
    "participation_pages",
    "participations_by_agreement",
    "reference_data",
    "relation_between",
    "relation_filter",
    "relation_pages",
    "counted_relations",
    "counted_spans",
    "published_count_sources",
    "published_counts",
    "unplaced_members",
    "relation_step_sources",
    "step_attributions",
    "status_attributions",
    "representation_step_sources",
    "relations_page",
    "search",
    "shared_agreements",
    "sources_by_slug",
    "sources_for",
    "sources_for_participations",
]
