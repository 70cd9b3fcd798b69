"""The rows each kind of seed record becomes in the store, one writer per kind.

Each writer numbers its records, turns them into rows by column name (server/store/
writer.py) and writes its tables parents first, since foreign keys are checked as each
row goes in; it returns the ids later kinds refer to, or how many rows it wrote. The
build (server/store/build.py) calls them in order: countries, sources, agreements with their
participations, the timeline, relations with their steps, groups with their memberships.
"""

from __future__ import annotations

import sqlite3

from server.model.dates import PartialDate
from server.model.states import initial_state, replay
from server.model.vocabulary import MembershipStepKind, RelationStepKind
from server.store.seed import (
    Agreement,
    Attribution,
    Country,
    Event,
    Freshness,
    Group,
    Participant,
    PublishedCount,
    Relation,
    Source,
)
from server.store.seed.representation import levels_after
from server.store.writer import insert


def write_countries(db: sqlite3.Connection, countries: list[Country]) -> int:
    return insert(db, "countries", map(_country_row, countries))


def _country_row(country: Country) -> dict:
    return {
        "code": country.code,
        "alpha3": country.alpha3,
        "numeric_code": country.numeric_code,
        "name": country.name,
        "official_name": country.official_name,
        "region": country.region,
        "subregion": country.subregion,
        "historical": country.historical,
        "sort_name": country.sort_name,
    }


def write_sources(db: sqlite3.Connection, sources: list[Source]) -> dict[str, int]:
    """Sources numbered in seed order; returns each one's id by slug."""
    ids = {source.slug: number for number, source in enumerate(sources, start=1)}
    rows = (
        {
            "id": ids[source.slug],
            "slug": source.slug,
            "publisher": source.publisher,
            "title": source.title,
            "url": source.url,
            "published": source.published.iso if source.published else None,
            "kind": source.kind,
        }
        for source in sources
    )
    insert(db, "sources", rows)
    return ids


def write_agreements(
    db: sqlite3.Connection, agreements: list[Agreement], sources: dict[str, int]
) -> tuple[dict[str, int], int]:
    """Agreements numbered by their sort key (first possible day, slug), as events are,
    with their participations; returns the agreement ids by slug and how many
    participations were written."""
    ordered = sorted(agreements, key=lambda agreement: (agreement.date.start, agreement.slug))
    ids = {agreement.slug: number for number, agreement in enumerate(ordered, start=1)}
    rows, cited, participants = [], [], []
    for agreement in ordered:
        number = ids[agreement.slug]
        rows.append(
            {
                "id": number,
                "slug": agreement.slug,
                "name": agreement.name,
                "kind": agreement.kind,
                "date": agreement.date.iso,
                "date_start": agreement.date.start.isoformat(),
                "place": agreement.place,
                "summary": agreement.summary,
                **_days(agreement.freshness),
            }
        )
        cited += _citations({"agreement_id": number}, agreement.sources, sources)
        participants += [(number, participant) for participant in agreement.participants]
    insert(db, "agreements", rows)
    insert(db, "agreement_sources", cited)
    return ids, _write_participations(db, participants, sources)


def _write_participations(
    db: sqlite3.Connection, participants: list[tuple[int, Participant]], sources: dict[str, int]
) -> int:
    """Each (agreement id, participant): its participation, numbered in that order, the
    statuses it passed through and its terms."""
    rows, cited, statuses, status_cited, terms, term_cited = [], [], [], [], [], []
    for number, (agreement_id, participant) in enumerate(participants, start=1):
        rows.append(
            {
                "id": number,
                "agreement_id": agreement_id,
                "country_code": participant.country,
                "role": participant.role,
                "note": participant.note,
            }
        )
        cited += _citations({"participation_id": number}, participant.sources, sources)
        for seq, change in enumerate(participant.history, start=1):
            key = {"participation_id": number, "seq": seq}
            statuses.append(
                {
                    **key,
                    "status": change.status,
                    **_span(change.date),
                    "note": change.note,
                    "caveat": change.caveat,
                    **_attribution(change.attribution),
                }
            )
            status_cited += _citations(key, change.sources, sources)
        for seq, term in enumerate(participant.terms, start=1):
            key = {"participation_id": number, "seq": seq}
            terms.append(
                {
                    **key,
                    "kind": term.kind,
                    "text": term.text,
                    **_span(term.date),
                    **_attribution(term.attribution),
                }
            )
            term_cited += _citations(key, term.sources, sources)
    insert(db, "participations", rows)
    insert(db, "participation_sources", cited)
    insert(db, "participation_statuses", statuses)
    insert(db, "status_sources", status_cited)
    insert(db, "participation_terms", terms)
    insert(db, "term_sources", term_cited)
    return len(rows)


def write_events(
    db: sqlite3.Connection,
    events: list[Event],
    sources: dict[str, int],
    agreements: dict[str, int],
) -> dict[str, int]:
    """The timeline, numbered by its sort key (first possible day, slug): pages are read
    in id order along the indexes, and a cursor, which holds the sort key, finds its
    place again in any later build (see queries.Keyset). Returns the ids by slug."""
    timeline = sorted(events, key=lambda event: (event.date.start, event.slug))
    ids = {event.slug: number for number, event in enumerate(timeline, start=1)}
    rows, involved, linked, cited = [], [], [], []
    for event in timeline:
        number = ids[event.slug]
        rows.append(
            {
                "id": number,
                "slug": event.slug,
                **_span(event.date),
                "kind": event.kind,
                "title": event.title,
                "summary": event.summary,
                "caveat": event.caveat,
                **_days(event.freshness),
            }
        )
        involved += [{"event_id": number, "country_code": code} for code in event.countries]
        linked += [
            {"event_id": number, "agreement_id": agreements[slug]} for slug in event.agreements
        ]
        cited += _citations({"event_id": number}, event.sources, sources)
    insert(db, "events", rows)
    insert(db, "event_countries", involved)
    insert(db, "event_agreements", linked)
    insert(db, "event_sources", cited)
    return ids


def write_relations(
    db: sqlite3.Connection,
    relations: list[Relation],
    sources: dict[str, int],
    events: dict[str, int],
    step_events: dict[int, int],
) -> int:
    """Relations numbered by their country pair, each step with the state it brought
    about and its timeline entry (``step_events``: by id(step), for the steps not
    written in events.toml); returns how many steps were written."""
    rows, cited, steps, step_cited, tracked = [], [], [], [], []
    ordered = sorted(relations, key=lambda relation: relation.countries)
    for number, relation in enumerate(ordered, start=1):
        none_known = relation.none_known is not None
        established = next(
            (
                s.date
                for s in relation.steps
                if s.kind == RelationStepKind.RELATIONS_ESTABLISHED.value
            ),
            None,
        )
        rows.append(
            {
                "id": number,
                "country_a": relation.countries[0],
                "country_b": relation.countries[1],
                "summary": relation.summary,
                "none_known": relation.none_known,
                "initial_state": initial_state(none_known).value,
                "established": established.text if established else None,
                "established_start": established.start.isoformat() if established else None,
                **_days(relation.freshness),
            }
        )
        cited += _citations({"relation_id": number}, relation.sources, sources)
        states = replay(none_known, [RelationStepKind(s.kind) for s in relation.steps])
        for seq, (step, state) in enumerate(zip(relation.steps, states, strict=True), start=1):
            key = {"relation_id": number, "seq": seq}
            event_id = events[step.event] if step.event else step_events[id(step)]
            steps.append(
                {
                    **key,
                    "kind": step.kind,
                    **_span(step.date),
                    "note": step.note,
                    "caveat": step.caveat,
                    "state": state.value,
                    "event_id": event_id,
                    **_attribution(step.attribution),
                }
            )
            step_cited += _citations(key, step.sources, sources)
        tracked += _representation_rows(number, relation, sources, step_events)
    insert(db, "relations", rows)
    insert(db, "relation_sources", cited)
    insert(db, "relation_steps", steps)
    insert(db, "relation_step_sources", step_cited)
    insert(db, "representation_steps", (row for row, _ in tracked))
    insert(db, "representation_step_sources", (c for _, cites in tracked for c in cites))
    return len(steps)


def _representation_rows(
    number: int, relation: Relation, sources: dict[str, int], step_events: dict[int, int]
) -> list[tuple[dict, list[dict]]]:
    """A relation's representation steps, each with its side's level after it (replayed
    within its span of full relations), and their citations."""
    found = []
    for seq, (step, level) in enumerate(
        zip(relation.representation, levels_after(relation), strict=True), start=1
    ):
        key = {"relation_id": number, "seq": seq}
        row = {
            **key,
            "envoy_of": step.envoy_of,
            "kind": step.kind,
            **_span(step.date),
            "note": step.note,
            "caveat": step.caveat,
            "level": level.value,
            "event_id": step_events[id(step)],
            **_attribution(step.attribution),
        }
        found.append((row, _citations(key, step.sources, sources)))
    return found


def _attribution(attribution: Attribution) -> dict[str, str | None]:
    return {
        "stated_by": " ".join(attribution.stated_by) or None,
        "acknowledged": attribution.acknowledged,
        "attribution_note": attribution.note,
    }


def write_groups(db: sqlite3.Connection, groups: list[Group], sources: dict[str, int]) -> int:
    """Groups, their memberships and each membership's steps (sources at seq 0 are the
    membership's own); returns how many memberships were written."""
    rows, cited, members, steps, member_cited = [], [], [], [], []
    for group in groups:
        rows.append(
            {
                "code": group.code,
                "name": group.name,
                "summary": group.summary,
                **_days(group.freshness),
            }
        )
        cited += _citations({"group_code": group.code}, group.sources, sources)
        for member in group.members:
            key = {"group_code": group.code, "country_code": member.country}
            joined = next(
                (s.date for s in member.history if s.kind == MembershipStepKind.JOINED.value), None
            )
            members.append(
                {
                    **key,
                    "joined": joined.text if joined else None,
                    "joined_end": joined.end.isoformat() if joined else None,
                }
            )
            member_cited += _citations({**key, "seq": 0}, member.sources, sources)
            for seq, step in enumerate(member.history, start=1):
                steps.append(
                    {
                        **key,
                        "seq": seq,
                        "kind": step.kind,
                        **_span(step.date),
                        "note": step.note,
                        "caveat": step.caveat,
                        "status": _MEMBERSHIP_STATUS[step.kind],
                    }
                )
                member_cited += _citations({**key, "seq": seq}, step.sources, sources)
    insert(db, "groups", rows)
    insert(db, "group_sources", cited)
    insert(db, "memberships", members)
    insert(db, "membership_steps", steps)
    insert(db, "membership_sources", member_cited)
    return len(members)


def _citations(key: dict, slugs: tuple[str, ...], sources: dict[str, int]) -> list[dict]:
    """The rows of a *_sources table: the citing row's key and each source's id."""
    return [{**key, "source_id": sources[slug]} for slug in slugs]


def _span(when: PartialDate) -> dict[str, str]:
    """A partial date's three columns: its text and its first and last possible day."""
    return {
        "date": when.text,
        "date_start": when.start.isoformat(),
        "date_end": when.end.isoformat(),
    }


def _days(freshness: Freshness | None) -> dict[str, str | None]:
    if freshness is None:
        return {"added": None, "updated": None}
    return {"added": freshness.added.isoformat(), "updated": freshness.updated.isoformat()}


_MEMBERSHIP_STATUS = {
    "joined": "member",
    "reinstated": "member",
    "suspended": "suspended",
    "withdrew": "withdrawn",
}


def write_published_counts(
    db: sqlite3.Connection, counts: list[PublishedCount], sources: dict[str, int]
) -> int:
    """Published counts in publication order, each with the sources it was read from."""
    ordered = sorted(counts, key=lambda p: (p.day, p.slug))
    rows, cited = [], []
    for number, published in enumerate(ordered, start=1):
        rows.append(
            {
                "id": number,
                "slug": published.slug,
                "country": published.country,
                "count": published.count,
                "out_of": published.out_of,
                "counts": published.counts,
                "claim": published.claim,
                "published": published.published.iso,
                "day": published.day.isoformat(),
                "why": published.why,
            }
        )
        cited += _citations({"published_count_id": number}, published.sources, sources)
    insert(db, "published_counts", rows)
    insert(db, "published_count_sources", cited)
    return len(rows)
