"""Relations: each country's list of them, and what hangs off a relation and its steps."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

import strawberry

from server.api.execution.nested.common import (
    After,
    Before,
    First,
    Last,
    confidence_of,
    grouped,
    judged,
    unique,
)
from server.api.execution.pagination import RELATIONS, SharedCount, connection, page_request
from server.store import queries


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
    by_owner = grouped(rows)
    return [
        connection(
            RELATIONS,
            by_owner.get(code, []),
            page,
            key=lambda row: (row["k0"], row["k1"]),
            node=lambda row, code=code: build(row, (code, row["k1"]), as_of),
            counter=count.for_owner(code),
        )
        for code in codes
    ]


def _sources_of_steps(loader: str):
    """Each step's own sources, from the loader of its relation's steps' sources."""

    async def sources_of_steps(info, steps):
        cited = await getattr(info.context.loaders, loader).load_many(
            [step.relation_id for step in steps]
        )
        return [
            [source for seq, source in sources if seq == step.seq]
            for step, sources in zip(steps, cited, strict=True)
        ]

    return sources_of_steps


sources_of_relation_steps = _sources_of_steps("relation_step_sources")
sources_of_representation_steps = _sources_of_steps("representation_step_sources")


def events_of_relation_steps(info, steps):
    return info.context.loaders.event_by_id.load_many([step.event_id for step in steps])


async def none_known_confidences(info, relations):
    """How well each relation's "none known" statement is sourced (null without one)."""
    stated = [r for r in relations if r.none_known is not None]
    cited = await info.context.loaders.relation_sources.load_many([r.record_id for r in stated])
    found = {id(r): judged(s) for r, s in zip(stated, cited, strict=True)}
    return [found.get(id(r)) for r in relations]


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
        relation_id: unique([*own, *(source for _, source in cited)])
        for relation_id, own, cited in zip(ids, statements, steps, strict=True)
    }
    return [found.get(r.record_id, []) for r in relations]


def shared_agreements_of_relations(info, relations):
    """For each pair, the agreements both countries take part in, oldest first."""
    # One statement for every pair that reads only the shared agreements: loading both
    # countries' participations (each with its status history) to intersect them made
    # W6 2× slower at x100 and 7× at x1000 (45c8288).
    pairs = [tuple(sorted(relation.codes)) for relation in relations]
    return info.context.loaders.shared_agreements.load_many(pairs)


confidence_of_relation_steps = confidence_of(sources_of_relation_steps)


async def countries_of_attributions(info, attributions):
    """The governments each attribution names, as countries."""
    flat = await info.context.loaders.country.load_many([c for a in attributions for c in a.codes])
    found, start = [], 0
    for attribution in attributions:
        found.append(flat[start : start + len(attribution.codes)])
        start += len(attribution.codes)
    return found


def envoys_of_representation_steps(info, steps):
    return info.context.loaders.country.load_many([step.envoy_code for step in steps])


confidence_of_representation_steps = confidence_of(sources_of_representation_steps)


def _attributions_of(loader: str, owner: str):
    """Each step's attribution, read for its owner's steps only when a query asks."""

    async def attributions_of(info, steps):
        # The type module imports this package: resolved once it is loaded.
        from server.api.schema.types.representation import Attribution

        found = await getattr(info.context.loaders, loader).load_many(
            [getattr(step, owner) for step in steps]
        )
        return [
            Attribution.of(*by_seq.get(step.seq, (None, None, None)))
            for step, by_seq in zip(steps, found, strict=True)
        ]

    return attributions_of


attributions_of_relation_steps = _attributions_of("step_attributions", "relation_id")
attributions_of_status_steps = _attributions_of("status_attributions", "participation_id")
