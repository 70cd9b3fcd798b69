"""The store's tables and columns as a reader should know them: the descriptions the data
dictionary (server/files/data_dictionary.py) writes out, each vocabulary's values written
from the model (the words they share are in server/files/data_columns.py)."""

from __future__ import annotations

from server.files.data_columns import (
    ADDED,
    ATTRIBUTION,
    DATES,
    FIRST_DAY,
    FORMULA_CELLS,
    LAST_DAY,
    SOURCE_ID,
    UPDATED,
    Table,
    one_of,
)
from server.model import vocabulary as model
from server.urls import PAGES, paths

__all__ = ["BY_NAME", "DATES", "FORMULA_CELLS", "TABLES", "Table", "one_of"]

TABLES: tuple[Table, ...] = (
    Table(
        "meta",
        "About this file",
        "Facts about the build: content_version (a digest of the record, also in the file "
        "name), schema_version, record_updated (the record's latest change), read_through "
        "(the last day of news read for the record) and built_at.",
        {"key": "The fact's name.", "value": "Its value."},
    ),
    Table(
        "countries",
        "Countries",
        "Every ISO 3166-1 country, former ones (ISO 3166-3) and Kosovo (XK).",
        {
            "code": "ISO 3166-1 alpha-2 code (a former country's former code).",
            "alpha3": "ISO 3166-1 alpha-3 code.",
            "numeric_code": "ISO 3166-1 numeric code.",
            "name": "Common English name.",
            "official_name": "Official English name, if different.",
            "region": "UN M49 region.",
            "subregion": "UN M49 sub-region.",
            "historical": "ISO 3166-3 code when the country no longer exists.",
            "sort_name": "The name casefolded and without accents: the listing order.",
        },
    ),
    Table(
        "sources",
        "Sources",
        "Every published source a fact cites, with its real headline.",
        {
            "id": "Row id (joins).",
            "slug": "Stable identifier.",
            "publisher": "Who published it.",
            "title": 'The piece\'s own headline; "untitled page, <publisher>" when it shows none.',
            "url": "Where to read it.",
            "published": "When it was published, if known. " + DATES,
            "kind": f"{one_of(model.SourceKind)}: what confidence is derived from.",
        },
    ),
    Table(
        "agreements",
        "Agreements",
        "Agreements, treaties, initiatives and declarations.",
        {
            "id": "Row id (joins).",
            "slug": "Stable identifier, e.g. abraham-accords.",
            "name": "Its usual English name.",
            "kind": f"What sort of agreement it is: {one_of(model.AgreementKind)}.",
            "date": "When it was signed, endorsed or took effect. " + DATES,
            "date_start": FIRST_DAY,
            "place": "Where, when on record.",
            "summary": "What it is, in a few sentences.",
            "added": ADDED,
            "updated": UPDATED,
        },
    ),
    Table(
        "agreement_sources",
        "Agreement sources",
        "The sources cited for each agreement itself.",
        {"agreement_id": "The agreement (agreements.id).", "source_id": SOURCE_ID},
    ),
    Table(
        "participations",
        "Participations",
        "A country's part in an agreement (its statuses are in participation_statuses).",
        {
            "id": "Row id (joins).",
            "agreement_id": "The agreement (agreements.id).",
            "country_code": "The country (countries.code).",
            "role": f"{one_of(model.Role)}.",
            "note": "Context, e.g. what exactly was signed.",
        },
    ),
    Table(
        "participation_statuses",
        "Participation statuses",
        "Every status a participation passed through, in order; the last is the current one.",
        {
            "participation_id": "The participation (participations.id).",
            "seq": "Order within the participation, from 1.",
            "status": f"{one_of(model.Status)}.",
            "date": "When the status was reached. " + DATES,
            "date_start": FIRST_DAY,
            "date_end": LAST_DAY,
            "note": "Context for this step.",
            "caveat": "What qualifies it: sources that disagree, a coarser date kept.",
            **ATTRIBUTION,
        },
    ),
    Table(
        "participation_sources",
        "Participation sources",
        "Sources cited for a participation as a whole.",
        {"participation_id": "The participation (participations.id).", "source_id": SOURCE_ID},
    ),
    Table(
        "status_sources",
        "Status sources",
        "Sources cited for one status step of a participation.",
        {
            "participation_id": "The participation (participations.id).",
            "seq": "The step (participation_statuses.seq).",
            "source_id": SOURCE_ID,
        },
    ),
    Table(
        "participation_terms",
        "Participation terms",
        "Who signed, witnessed or brokered for a country, and what it received or gave, in "
        "the record's order.",
        {
            "participation_id": "The participation (participations.id).",
            "seq": "Order within the participation, from 1.",
            "kind": f"{one_of(model.TermKind)}.",
            "text": "The term in a sentence (the record's words).",
            "date": "When, at the precision the sources support. " + DATES,
            "date_start": FIRST_DAY,
            "date_end": LAST_DAY,
            **ATTRIBUTION,
        },
    ),
    Table(
        "term_sources",
        "Term sources",
        "Sources cited for one term of a participation (at least one each).",
        {
            "participation_id": "The participation (participations.id).",
            "seq": "The term (participation_terms.seq).",
            "source_id": SOURCE_ID,
        },
    ),
    Table(
        "relations",
        "Bilateral relations",
        "Two countries' relationship; its dated steps are in relation_steps.",
        {
            "id": "Row id (joins).",
            "country_a": "One country (countries.code); the alphabetically first code.",
            "country_b": "The other country (countries.code).",
            "summary": "The relationship in a few sentences.",
            "none_known": "A cited statement that the two never had formal relations.",
            "initial_state": "What held before the first step: "
            f"{one_of((model.RelationState.NONE_EVER, model.RelationState.UNKNOWN))}.",
            "established": "When relations were first established, if on record. " + DATES,
            "established_start": FIRST_DAY,
            "added": ADDED,
            "updated": UPDATED,
        },
    ),
    Table(
        "relation_sources",
        "Relation sources",
        "Sources of a relation's none_known statement.",
        {"relation_id": "The relation (relations.id).", "source_id": SOURCE_ID},
    ),
    Table(
        "relation_steps",
        "Relation steps",
        "Dated, cited steps in two countries' relations, each with the state after it.",
        {
            "relation_id": "The relation (relations.id).",
            "seq": "Order within the relation, from 1.",
            "kind": f"What happened: {one_of(model.RelationStepKind)}.",
            "date": "When. " + DATES,
            "date_start": FIRST_DAY,
            "date_end": LAST_DAY,
            "note": "What happened, in a sentence.",
            "caveat": "What qualifies it: sources that disagree, a coarser date kept.",
            "state": f"What held after this step: {one_of(model.RelationState)}.",
            "event_id": "This step's entry on the timeline (events.id).",
            **ATTRIBUTION,
        },
    ),
    Table(
        "representation_steps",
        "Representation steps",
        "Dated, cited steps on a relation's representation track (ambassadors and the level "
        "of each mission), beside its diplomatic state.",
        {
            "relation_id": "The relation (relations.id).",
            "seq": "Order within the relation's track, from 1.",
            "envoy_of": "The sending country, whose mission in the other the step concerns "
            "(countries.code).",
            "kind": f"What happened: {one_of(model.RepresentationStepKind)}.",
            "date": "When. " + DATES,
            "date_start": FIRST_DAY,
            "date_end": LAST_DAY,
            "note": "What happened, in a sentence.",
            "caveat": "What qualifies it: sources that disagree, a coarser date kept.",
            "level": "The level of envoy_of's mission after this step: "
            f"{one_of(model.RepresentationLevel)}.",
            "event_id": "This step's entry on the timeline (events.id).",
            **ATTRIBUTION,
        },
    ),
    Table(
        "representation_step_sources",
        "Representation step sources",
        "Sources cited for one representation step.",
        {
            "relation_id": "The relation (relations.id).",
            "seq": "The step (representation_steps.seq).",
            "source_id": SOURCE_ID,
        },
    ),
    Table(
        "relation_step_sources",
        "Relation step sources",
        "Sources cited for one relation step.",
        {
            "relation_id": "The relation (relations.id).",
            "seq": "The step (relation_steps.seq).",
            "source_id": SOURCE_ID,
        },
    ),
    Table(
        "events",
        "Timeline events",
        "Dated, cited events: the timeline (relation steps are events too).",
        {
            "id": "Row id, assigned in date order (joins).",
            "slug": f"Stable identifier; the event's page is {PAGES['event'].shown()}.",
            "date": "When it happened. " + DATES,
            "date_start": FIRST_DAY,
            "date_end": LAST_DAY,
            "kind": f"What sort of event it is: {one_of(model.EventKind)}.",
            "title": "A one-line headline.",
            "summary": "What happened, in a few sentences.",
            "caveat": "What qualifies it: sources that disagree, a coarser date kept.",
            "added": ADDED,
            "updated": UPDATED,
        },
    ),
    Table(
        "event_countries",
        "Event countries",
        "The countries each event involves.",
        {"event_id": "The event (events.id).", "country_code": "A country (countries.code)."},
    ),
    Table(
        "event_agreements",
        "Event agreements",
        "The agreements each event concerns.",
        {"event_id": "The event (events.id).", "agreement_id": "An agreement (agreements.id)."},
    ),
    Table(
        "event_sources",
        "Event sources",
        "The sources that report each event.",
        {"event_id": "The event (events.id).", "source_id": SOURCE_ID},
    ),
    Table(
        "groups",
        "Groups of states",
        "Organisations of states: the OIC and the Arab League.",
        {
            "code": "Its code: OIC or ARAB_LEAGUE.",
            "name": "Its English name.",
            "summary": "What it is, in a sentence or two.",
            "added": ADDED,
            "updated": UPDATED,
        },
    ),
    Table(
        "group_sources",
        "Group sources",
        "Sources for a group's list of members.",
        {"group_code": "The group (groups.code).", "source_id": SOURCE_ID},
    ),
    Table(
        "memberships",
        "Group memberships",
        "A country's membership of a group; its steps are in membership_steps.",
        {
            "group_code": "The group (groups.code).",
            "country_code": "The member (countries.code).",
            "joined": "When it joined, when a source gives it (empty: not on record). " + DATES,
            "joined_end": "The last calendar day the joining date can mean.",
        },
    ),
    Table(
        "membership_steps",
        "Membership steps",
        f"{one_of(model.MembershipStepKind).capitalize()}: each dated, with the standing after it.",
        {
            "group_code": "The group (groups.code).",
            "country_code": "The member (countries.code).",
            "seq": "Order within the membership, from 1.",
            "kind": f"{one_of(model.MembershipStepKind)}.",
            "date": "When. " + DATES,
            "date_start": FIRST_DAY,
            "date_end": LAST_DAY,
            "note": "Context, if any.",
            "caveat": "What qualifies it: sources that disagree, a coarser date kept.",
            "status": f"The standing after this step: {one_of(model.MembershipStatus)}.",
        },
    ),
    Table(
        "membership_sources",
        "Membership sources",
        "Sources for a membership (seq 0) or for one of its steps (seq ≥ 1).",
        {
            "group_code": "The group (groups.code).",
            "country_code": "The member (countries.code).",
            "seq": "0 for the membership itself, else the step (membership_steps.seq).",
            "source_id": SOURCE_ID,
        },
    ),
    Table(
        "changes",
        "Changes",
        f"Each record's addition and its latest update, as {paths.changes()} and "
        f"{paths.feed()} list them.",
        {
            "day": "The day of the change (YYYY-MM-DD).",
            "action": f"{one_of(model.ChangeAction)}.",
            "record_type": f"{one_of(model.RecordType)}.",
            "ref": 'The record\'s key: a slug, a group code or a pair such as "IL-MR".',
            "title": "The record's title or name.",
            "note": "What changed, for an update.",
            "path": "The record's page on the site.",
        },
    ),
    Table(
        "published_counts",
        "Published counts",
        f"Counts of a country's counterparts that others published, each beside the count of "
        f"record on its day ({PAGES['count'].shown()}).",
        {
            "id": "Row id, in the order of `day` (joins).",
            "slug": "Stable identifier.",
            "country": "Whose counterparts were counted (countries.code).",
            "count": "The number published.",
            "out_of": "The total it was counted against, when the publisher gave one.",
            "counts": f"What it says it counts: {one_of(model.PublishedMeasure)}.",
            "claim": "What was published, in our words.",
            "published": "When it was published. " + DATES,
            "day": "The day the count of record is read on to compare (YYYY-MM-DD): the day "
            "the count says it holds, else its publication date's last day.",
            "why": "Why it differs from the count of record, in our words.",
        },
    ),
    Table(
        "published_count_sources",
        "Published count sources",
        "Where a published count was read.",
        {
            "published_count_id": "The published count (published_counts.id).",
            "source_id": SOURCE_ID,
        },
    ),
    Table(
        "un_members",
        "UN member and observer states",
        "The member states of the United Nations and its two non-member observer states: "
        "every one has a relation with Israel in the record.",
        {
            "code": "The state (countries.code).",
            "observer": "1 for a non-member observer state (the Holy See, Palestine), else 0.",
        },
    ),
)
BY_NAME = {table.name: table for table in TABLES}
