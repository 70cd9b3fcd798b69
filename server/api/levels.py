"""Nested fields in their whole-level form, shared by both execution paths.

Each function takes the request's ``info`` and a list of parent objects (a whole level
of the answer) and returns one result per parent, loading through the per-request batch
loaders. The fast executor (fastpath.py) calls them once per level; the per-object
resolvers in types.py call them with a list of one (see ``batched``), so the two paths
share one body.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..vocabulary import Role, Status
from .inputs import known_country

if TYPE_CHECKING:
    from .types import Participation


def batched(batch):
    """Give a field resolver its whole-level form, for the fast path (fastpath.py).

    ``batch(info, sources, **arguments)`` returns an awaitable of one result per source;
    the resolver itself is written as the batch of one, so both paths share one body.
    """

    def mark(resolver):
        resolver.fast_batch = batch
        return resolver

    return mark


async def for_one(batch, info, source, **arguments):
    return (await batch(info, [source], **arguments))[0]


async def participations_of_countries(info, countries, as_of=None, role=None, status=None):
    loaded = await info.context.loaders.participations_by_country.load_many(
        [c.code for c in countries]
    )
    return [select_participations(r, as_of=as_of, role=role, status=status) for r in loaded]


def relations_of_countries(info, countries):
    return info.context.loaders.relations_by_country.load_many([c.code for c in countries])


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


async def participants_of_agreements(
    info, agreements, as_of=None, role=None, status=None, countries=None
):
    wanted = None
    if countries is not None:
        wanted = {known_country(info, code, "countries") for code in countries}
    loaded = await info.context.loaders.participations_by_agreement.load_many(
        [a.record_id for a in agreements]
    )
    return [
        select_participations(
            [r for r in records if wanted is None or r.country_code in wanted],
            as_of=as_of,
            role=role,
            status=status,
        )
        for records in loaded
    ]


def sources_of_agreements(info, agreements):
    return info.context.loaders.agreement_sources.load_many([a.record_id for a in agreements])


def countries_of_events(info, events):
    return info.context.loaders.event_countries.load_many([e.record_id for e in events])


def agreements_of_events(info, events):
    return info.context.loaders.event_agreements.load_many([e.record_id for e in events])


def sources_of_events(info, events):
    return info.context.loaders.event_sources.load_many([e.record_id for e in events])


async def shared_agreements_of_relations(info, relations):
    """For each pair, the agreements both countries take part in, oldest first."""
    loaders = info.context.loaders
    codes = list(dict.fromkeys(code for relation in relations for code in relation.codes))
    records = await loaders.participations_by_country.load_many(codes)
    agreement_ids = {
        code: {record.agreement_id for record in found}
        for code, found in zip(codes, records, strict=True)
    }
    shared = [sorted(set.intersection(*(agreement_ids[c] for c in r.codes))) for r in relations]
    # The participations brought their agreements along: these loads need no SQL.
    agreements = await loaders.agreement.load_many(sorted({i for ids in shared for i in ids}))
    by_id = {agreement.record_id: agreement for agreement in agreements}
    return [[by_id[i] for i in ids] for ids in shared]


def select_participations(
    records: Iterable[Participation],
    *,
    as_of: date | None,
    role: Role | None,
    status: Status | None,
) -> list[Participation]:
    """Participations as they stood on ``as_of`` (all, now, when None), filtered.

    A participation has begun by a day when its first status is known to have happened
    by then: a month- or year-precise date counts from its last possible day.
    """
    chosen = []
    for record in records:
        if role is not None and record.role != role:
            continue
        if as_of is not None:
            if record.history[0].date_end > as_of.isoformat():
                continue
            record = dataclasses.replace(record, as_of=as_of)
        if status is not None and record.status() != status:
            continue
        chosen.append(record)
    return chosen
