"""Participations: the lists of a country's agreements and an agreement's participants,
and what hangs off a participation."""

from __future__ import annotations

import dataclasses
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
from server.api.execution.pagination import (
    PARTICIPANTS,
    PARTICIPATIONS,
    SharedCount,
    connection,
    page_request,
)
from server.api.inputs import known_country
from server.api.vocabulary import Role, Status
from server.model.periods import participation_on
from server.store import queries

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


def _participation_key(row) -> tuple:
    return (row["k0"], row["k1"], row["k2"])


async def _participation_connections(info, spec, owners, rows, page, count, as_of):
    build = info.context.loaders.participation_from_row
    by_owner = grouped(rows)
    return [
        connection(
            spec,
            by_owner.get(owner, []),
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
        info,
        PARTICIPANTS,
        ids,
        paging,
        as_of=as_of,
        role=role,
        status=status,
        countries=wanted,
        taking_part=True,
    )


async def _participation_level(
    info, spec, owners, paging, *, as_of, role, status, countries=None, taking_part=False
):
    """One page of participations per owner (a country or an agreement), filtered."""
    page = page_request(spec, info.context.settings, **paging)
    where = queries.participation_filter(
        as_of=as_of.isoformat() if as_of else None,
        role=role.value if role else None,
        status=status.value if status else None,
        countries=countries,
        taking_part=taking_part,
    )
    db = info.context.db
    owner = "country" if spec is PARTICIPATIONS else "agreement"
    rows = await queries.participation_pages(db, owner, owners, where, page)
    count = SharedCount(lambda: queries.count_participations(db, owner, owners, where))
    return await _participation_connections(info, spec, owners, rows, page, count, as_of)


async def confidence_of_status_steps(info, steps):
    loader = info.context.loaders.participation_sources
    cited = await loader.load_many([s.participation_id for s in steps])
    results = []
    for step, sources in zip(steps, cited, strict=True):
        own = [source for seq, source in sources if seq == step.seq]
        # A step without sources of its own rests on the participation's.
        results.append(judged(own or [source for seq, source in sources if seq is None]))
    return results


async def sources_of_steps(info, steps):
    loader = info.context.loaders.participation_sources
    cited = await loader.load_many([s.participation_id for s in steps])
    return [
        [source for seq, source in sources if seq == step.seq]
        for step, sources in zip(steps, cited, strict=True)
    ]


def terms_of_participations(info, participations):
    """Each participation's terms, in the record's order."""
    return info.context.loaders.participation_terms.load_many([p.record_id for p in participations])


async def sources_of_terms(info, terms):
    cited = await info.context.loaders.term_sources.load_many([t.participation_id for t in terms])
    return [
        [source for seq, source in sources if seq == term.seq]
        for term, sources in zip(terms, cited, strict=True)
    ]


def countries_of_participations(info, participations):
    return info.context.loaders.country.load_many([p.country_code for p in participations])


def agreements_of_participations(info, participations):
    return info.context.loaders.agreement.load_many([p.agreement_id for p in participations])


async def sources_of_participations(info, participations):
    loader = info.context.loaders.participation_sources
    cited = await loader.load_many([p.record_id for p in participations])
    return [unique(source for _, source in sources) for sources in cited]


async def _taking_part(info, agreements) -> list[list]:
    """Each agreement's participations but its candidates' (who may be next, not who
    takes part: see Role.CANDIDATE)."""
    loaded = await info.context.loaders.participations_by_agreement.load_many(
        [a.record_id for a in agreements]
    )
    return [[r for r in records if r.role is not Role.CANDIDATE] for records in loaded]


async def member_counts(info, agreements, as_of: date | None = None):
    """How many countries take part in each agreement, in any role but candidate (as of
    ``as_of``)."""
    loaded = await _taking_part(info, agreements)
    return [len({p.country_code for p in started(records, as_of)}) for records in loaded]


async def candidates_of_agreements(
    info,
    agreements,
    as_of: Annotated[
        date | None,
        strawberry.argument(description="Only candidacies begun by this day, as of then."),
    ] = None,
):
    """Each agreement's candidates, the latest news first: by the last possible day of
    their latest status (as of ``as_of``), then by country name."""
    loaded = await info.context.loaders.participations_by_agreement.load_many(
        [a.record_id for a in agreements]
    )
    results = []
    for records in loaded:
        found = started([r for r in records if r.role is Role.CANDIDATE], as_of)
        if as_of is not None:
            found = [dataclasses.replace(r, as_of=as_of) for r in found]
        day = as_of.isoformat() if as_of else None
        newest = sorted(found, key=lambda r: r.country_code)
        newest.sort(
            key=lambda r: [s for s in r.history if day is None or s.last_day <= day][-1].last_day,
            reverse=True,
        )
        results.append(newest)
    return results


def started(records, as_of: date | None) -> list:
    """Participations begun by ``as_of`` (all when None), by the model's rule."""
    if as_of is None:
        return list(records)
    day = as_of.isoformat()
    return [record for record in records if participation_on(record.history, day) is not None]


async def latest_changes(info, agreements):
    """The participation whose status changed most recently, for each agreement."""
    loaded = await _taking_part(info, agreements)
    # The latest known day first; among equals, the later step in its own history.
    return [
        max(records, key=lambda r: (r.history[-1].last_day, len(r.history))) if records else None
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
    loaded = await _taking_part(info, agreements)
    results = []
    for records in loaded:
        if not records:
            results.append([])
            continue
        latest = max(r.history[-1].last_day for r in records)
        results.append([r for r in records if r.history[-1].last_day == latest])
    return results


confidence_of_participations = confidence_of(sources_of_participations)
