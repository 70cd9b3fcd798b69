"""Nested fields in their whole-level form: the one declaration of each.

Each function takes the request's ``info``, a list of parent objects (a whole level of
the answer) and the field's arguments, and returns one result per parent. Its signature
*is* the field's declaration: ``schema.batched.batched_field`` derives the GraphQL
arguments and the per-object resolver (a batch of one) from it, and the fast executor
calls it once per level. Nothing here builds GraphQL objects from rows itself: the
per-request loaders do (so this module needs no import of the types).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from datetime import date
from typing import Annotated

import strawberry

from ... import queries
from ...history import confidence
from ...vocabulary import MembershipStatus, Role, Status
from ..inputs import known_country
from .pagination import (
    PARTICIPANTS,
    PARTICIPATIONS,
    RELATIONS,
    SharedCount,
    connection,
    page_request,
)
from .timeline import SortOrder, resolve_events

# The paging arguments, the same on every connection.
First = Annotated[
    int | None,
    strawberry.argument(description="Page size from the start (1 to 100; default 20)."),
]
After = Annotated[
    str | None, strawberry.argument(description="Continue after this cursor (an endCursor).")
]
Last = Annotated[int | None, strawberry.argument(description="Page size from the end.")]
Before = Annotated[
    str | None, strawberry.argument(description="Continue before this cursor (a startCursor).")
]
AsOf = Annotated[
    date | None,
    strawberry.argument(
        description="Replay the record on this day: only participations begun by then, "
        "each with the status it had then."
    ),
]
StatusFilter = Annotated[
    Status | None,
    strawberry.argument(description="Only those with this status (as of `asOf` if given)."),
]
Order = Annotated[
    SortOrder | None, strawberry.argument(description="ASC (oldest first, the default) or DESC.")
]


def _grouped(rows, key: str = "owner") -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _participation_key(row) -> tuple:
    return (row["k0"], row["k1"], row["k2"])


async def _participation_connections(info, spec, owners, rows, page, count, as_of):
    build = info.context.loaders.participation_from_row
    grouped = _grouped(rows)
    return [
        connection(
            spec,
            grouped.get(owner, []),
            page,
            key=_participation_key,
            node=lambda row: build(row, as_of),
            counter=count.for_owner(owner),
        )
        for owner in owners
    ]


async def participations_of_countries(
    info,
    countries,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
    as_of: AsOf = None,
    role: Role | None = None,
    status: StatusFilter = None,
):
    """The agreements each country takes part in, by agreement date, with status."""
    codes = [country.code for country in countries]
    paging = {"first": first, "after": after, "last": last, "before": before}
    return await _participation_level(
        info, PARTICIPATIONS, codes, paging, as_of=as_of, role=role, status=status
    )


async def participants_of_agreements(
    info,
    agreements,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
    as_of: Annotated[
        date | None,
        strawberry.argument(
            description="Replay membership on this day: only those in by then, with the "
            "status they had then."
        ),
    ] = None,
    role: Role | None = None,
    status: Status | None = None,
    countries: Annotated[
        list[str] | None,
        strawberry.argument(description="Only these countries (ISO codes or names)."),
    ] = None,
):
    """Each agreement's participants, by country name."""
    wanted = None
    if countries is not None:
        wanted = sorted({known_country(info, code, "countries") for code in countries})
    ids = [agreement.record_id for agreement in agreements]
    paging = {"first": first, "after": after, "last": last, "before": before}
    return await _participation_level(
        info, PARTICIPANTS, ids, paging, as_of=as_of, role=role, status=status, countries=wanted
    )


async def _participation_level(info, spec, owners, paging, *, as_of, role, status, countries=None):
    """One page of participations per owner (a country or an agreement), filtered."""
    page = page_request(spec, info.context.settings, **paging)
    where = queries.participation_filter(
        as_of=as_of.isoformat() if as_of else None,
        role=role.value if role else None,
        status=status.value if status else None,
        countries=countries,
    )
    db = info.context.db
    owner = "country" if spec is PARTICIPATIONS else "agreement"
    rows = await queries.participation_pages(db, owner, owners, where, page)
    count = SharedCount(lambda: queries.count_participations(db, owner, owners, where))
    return await _participation_connections(info, spec, owners, rows, page, count, as_of)


async def relations_of_countries(
    info,
    countries,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
    as_of: Annotated[
        date | None,
        strawberry.argument(
            description="Replay the record on this day: only relations with something on "
            "record by then, each with its state and history as of then."
        ),
    ] = None,
):
    """Each country's bilateral relations on record, by the other country's name."""
    page = page_request(
        RELATIONS, info.context.settings, first=first, after=after, last=last, before=before
    )
    db = info.context.db
    codes = [country.code for country in countries]
    day = as_of.isoformat() if as_of else None
    rows = await queries.relation_pages(db, codes, page, day)
    count = SharedCount(lambda: queries.count_relations(db, codes, day))
    build = info.context.loaders.relation_from_row
    grouped = _grouped(rows)
    return [
        connection(
            RELATIONS,
            grouped.get(code, []),
            page,
            key=lambda row: (row["k0"], row["k1"]),
            node=lambda row, code=code: build(row, (code, row["k1"]), as_of),
            counter=count.for_owner(code),
        )
        for code in codes
    ]


GroupAsOf = Annotated[
    date | None,
    strawberry.argument(description="Only memberships held on this day, seen as of then."),
]


async def memberships_of_countries(info, countries, as_of: GroupAsOf = None):
    """The groups each country belongs to (on ``as_of``), by group name."""
    loaded = await info.context.loaders.memberships_of_country.load_many(
        [country.code for country in countries]
    )
    return [_memberships_on(memberships, as_of) for memberships in loaded]


async def members_of_groups(info, groups, as_of: GroupAsOf = None):
    """Each group's members (on ``as_of``), by country name."""
    loaded = await info.context.loaders.memberships_of_group.load_many(
        [group.code for group in groups]
    )
    return [_memberships_on(memberships, as_of) for memberships in loaded]


def _memberships_on(memberships, as_of):
    if as_of is None:
        return [m for m in memberships if m.status() is not MembershipStatus.WITHDRAWN]
    seen = [dataclasses.replace(m, as_of=as_of) for m in memberships]
    return [m for m in seen if m.status() not in (None, MembershipStatus.WITHDRAWN)]


def groups_of_memberships(info, memberships):
    return info.context.loaders.group.load_many([m.group_code for m in memberships])


def countries_of_memberships(info, memberships):
    return info.context.loaders.country.load_many([m.country_code for m in memberships])


async def sources_of_memberships(info, memberships):
    cited = await info.context.loaders.membership_sources.load_many(
        [(m.group_code, m.country_code) for m in memberships]
    )
    return [_unique(source for _, source in sources) for sources in cited]


def sources_of_groups(info, groups):
    return info.context.loaders.group_sources.load_many([g.code for g in groups])


async def sources_of_relation_steps(info, steps):
    cited = await info.context.loaders.relation_step_sources.load_many(
        [step.relation_id for step in steps]
    )
    return [
        [source for seq, source in sources if seq == step.seq]
        for step, sources in zip(steps, cited, strict=True)
    ]


def events_of_relation_steps(info, steps):
    return info.context.loaders.event_by_id.load_many([step.event_id for step in steps])


async def confidence_of_status_steps(info, steps):
    loader = info.context.loaders.participation_sources
    cited = await loader.load_many([s.participation_id for s in steps])
    results = []
    for step, sources in zip(steps, cited, strict=True):
        own = [source for seq, source in sources if seq == step.seq]
        # A step without sources of its own rests on the participation's.
        results.append(_confidence(own or [source for seq, source in sources if seq is None]))
    return results


async def none_known_confidences(info, relations):
    """How well each relation's "none known" statement is sourced (null without one)."""
    stated = [r for r in relations if r.none_known is not None]
    cited = await info.context.loaders.relation_sources.load_many([r.record_id for r in stated])
    found = {id(r): _confidence(s) for r, s in zip(stated, cited, strict=True)}
    return [found.get(id(r)) for r in relations]


def _confidence(sources):
    # Every fact cites at least one source (the seed checks refuse one that does not).
    return confidence(source.kind for source in sources)


def _events_of(owner_filter):
    """The timeline of each parent, one keyset page each."""

    async def events(
        info,
        parents,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        order: Order = None,
    ):
        pages = [
            resolve_events(
                info,
                first=first,
                after=after,
                last=last,
                before=before,
                order=order,
                **owner_filter(parent),
            )
            for parent in parents
        ]
        return list(await asyncio.gather(*pages))

    return events


events_of_countries = _events_of(lambda country: {"countries": (country.code,)})
events_of_agreements = _events_of(lambda agreement: {"agreement_id": agreement.record_id})
events_of_relations = _events_of(lambda relation: {"countries": relation.codes})


async def sources_of_steps(info, steps):
    loader = info.context.loaders.participation_sources
    cited = await loader.load_many([s.participation_id for s in steps])
    return [
        [source for seq, source in sources if seq == step.seq]
        for step, sources in zip(steps, cited, strict=True)
    ]


def countries_of_participations(info, participations):
    return info.context.loaders.country.load_many([p.country_code for p in participations])


def agreements_of_participations(info, participations):
    return info.context.loaders.agreement.load_many([p.agreement_id for p in participations])


async def sources_of_participations(info, participations):
    loader = info.context.loaders.participation_sources
    cited = await loader.load_many([p.record_id for p in participations])
    return [_unique(source for _, source in sources) for sources in cited]


def _unique(sources) -> list:
    """Sources in first-cited order, each once."""
    seen = {}
    for source in sources:
        seen.setdefault(source.slug, source)
    return list(seen.values())


def sources_of_agreements(info, agreements):
    return info.context.loaders.agreement_sources.load_many([a.record_id for a in agreements])


def countries_of_events(info, events):
    return info.context.loaders.event_countries.load_many([e.record_id for e in events])


def agreements_of_events(info, events):
    return info.context.loaders.event_agreements.load_many([e.record_id for e in events])


def sources_of_events(info, events):
    return info.context.loaders.event_sources.load_many([e.record_id for e in events])


async def countries_of_relations(info, relations):
    flat = await info.context.loaders.country.load_many([c for r in relations for c in r.codes])
    return [flat[2 * i : 2 * i + 2] for i in range(len(relations))]


async def sources_of_relations(info, relations):
    """Every source cited for each relation: its none-known statement's, then its steps'."""
    ids = [r.record_id for r in relations if r.record_id is not None]
    loaders = info.context.loaders
    statements, steps = await asyncio.gather(
        loaders.relation_sources.load_many(ids), loaders.relation_step_sources.load_many(ids)
    )
    found = {
        relation_id: _unique([*own, *(source for _, source in cited)])
        for relation_id, own, cited in zip(ids, statements, steps, strict=True)
    }
    return [found.get(r.record_id, []) for r in relations]


async def member_counts(info, agreements, as_of: date | None = None):
    """How many countries take part in each agreement, in any role (as of ``as_of``)."""
    loaded = await info.context.loaders.participations_by_agreement.load_many(
        [a.record_id for a in agreements]
    )
    return [len({p.country_code for p in started(records, as_of)}) for records in loaded]


def started(records, as_of: date | None) -> list:
    """Participations begun by ``as_of`` (all when None). A month- or year-precise first
    step counts from its last possible day."""
    if as_of is None:
        return list(records)
    day = as_of.isoformat()
    return [record for record in records if record.history[0].date_end <= day]


async def latest_changes(info, agreements):
    """The participation whose status changed most recently, for each agreement."""
    loaded = await info.context.loaders.participations_by_agreement.load_many(
        [a.record_id for a in agreements]
    )
    # The latest known day first; among equals, the later step in its own history.
    return [
        max(records, key=lambda r: (r.history[-1].date_end, len(r.history))) if records else None
        for records in loaded
    ]


async def latest_change_dates(info, agreements):
    """The date of each agreement's latest dated status step."""
    return [
        changes[0].history[-1].date if changes else None
        for changes in await latest_change_lists(info, agreements)
    ]


async def latest_change_lists(info, agreements):
    """Every participation of each agreement whose latest step is its latest dated one."""
    loaded = await info.context.loaders.participations_by_agreement.load_many(
        [a.record_id for a in agreements]
    )
    results = []
    for records in loaded:
        if not records:
            results.append([])
            continue
        latest = max(r.history[-1].date_end for r in records)
        results.append([r for r in records if r.history[-1].date_end == latest])
    return results


def shared_agreements_of_relations(info, relations):
    """For each pair, the agreements both countries take part in, oldest first."""
    # One statement for every pair that reads only the shared agreements: loading both
    # countries' participations (each with its status history) to intersect them made
    # W6 2× slower at x100 and 7× at x1000 (45c8288).
    pairs = [tuple(sorted(relation.codes)) for relation in relations]
    return info.context.loaders.shared_agreements.load_many(pairs)


def _confidence_of(sources_of):
    """The level function of a `confidence` field: each parent's sources, judged by the
    one rule (server.history.confidence)."""

    async def confidence_of(info, parents):
        return [_confidence(sources) for sources in await sources_of(info, parents)]

    return confidence_of


confidence_of_events = _confidence_of(sources_of_events)
confidence_of_agreements = _confidence_of(sources_of_agreements)
confidence_of_participations = _confidence_of(sources_of_participations)
confidence_of_relation_steps = _confidence_of(sources_of_relation_steps)
confidence_of_memberships = _confidence_of(sources_of_memberships)
