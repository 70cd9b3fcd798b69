"""Participations: a country's part in an agreement, with its status history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from server.model.vocabulary import CANDIDATE_STATUSES, Role, Status
from server.store.queries.agreements import AGREEMENT_COLUMNS
from server.store.queries.sources import SOURCE_COLUMNS
from server.store.queries.sql import IN, Page, Where, held, keys, nested_counts, nested_pages

if TYPE_CHECKING:
    from server.store.db import Database

# A participation with its agreement and its whole status history (a JSON array of
# [seq, status, date, date_end, note]) in one row: one statement for the lot.
PARTICIPATION_COLUMNS = (
    "p.id, p.agreement_id, p.country_code, p.role, p.note, "
    f"{AGREEMENT_COLUMNS.replace('a.id, ', '')}, "
    "(SELECT json_group_array(json_array(s.seq, s.status, s.date, s.date_end, s.note, s.caveat))"
    " FROM participation_statuses s WHERE s.participation_id = p.id) AS history"
)


async def participations_by_agreement(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT {PARTICIPATION_COLUMNS} FROM participations p"
        " JOIN agreements a ON a.id = p.agreement_id"
        " JOIN countries c ON c.code = p.country_code"
        f" WHERE p.agreement_id {IN} ORDER BY p.agreement_id, c.sort_name, p.role",
        [keys(ids)],
    )


def participation_filter(
    *,
    as_of: str | None = None,
    role: str | None = None,
    status: str | None = None,
    countries: Sequence[str] | None = None,
    taking_part: bool = False,
) -> Where:
    """Participations begun by ``as_of`` (an ISO day), in ``role``, whose status (then, or
    now) is ``status``, of ``countries``. ``taking_part``: leave out candidacies unless
    the role or status asked for is a candidate's (see ``taking_part``)."""
    where = Where()
    if role is not None:
        where.add("p.role = ?", role)
    elif taking_part and not asks_for_candidates(status):
        where.add("p.role <> ?", Role.CANDIDATE.value)
    if countries is not None:
        where.add(f"p.country_code {IN}", keys(countries))
    if as_of is not None or status is not None:
        where.add(*participation_held(as_of, status))
    return where


async def status_attributions(db: Database, ids: Sequence[int]) -> list:
    """Who stated each status step of the participations ``ids`` (read only when asked)."""
    return await db.execute(
        "SELECT participation_id AS owner_id, seq, stated_by, acknowledged, attribution_note"
        f" FROM participation_statuses WHERE participation_id {IN}"
        " ORDER BY participation_id, seq",
        [keys(ids)],
    )


async def participation_terms(db: Database, ids: Sequence[int]) -> list:
    """The terms of the participations ``ids``, in the seed's order (read only when asked)."""
    return await db.execute(
        "SELECT participation_id AS owner_id, seq, kind, text, date, stated_by, acknowledged,"
        f" attribution_note FROM participation_terms WHERE participation_id {IN}"
        " ORDER BY participation_id, seq",
        [keys(ids)],
    )


async def term_sources(db: Database, ids: Sequence[int]) -> list:
    """The sources each term of the participations ``ids`` cites: (owner_id, seq, source)."""
    return await db.execute(
        f"SELECT l.participation_id AS owner_id, l.seq, {SOURCE_COLUMNS} FROM term_sources l"
        f" JOIN sources s ON s.id = l.source_id WHERE l.participation_id {IN}"
        " ORDER BY l.participation_id, l.seq, s.id",
        [keys(ids)],
    )


def asks_for_candidates(status: str | None) -> bool:
    """Whether a status filter names a candidate's status (then candidacies are wanted)."""
    return status is not None and Status(status) in CANDIDATE_STATUSES


def participation_held(day: str | None, status: str | None = None) -> list:
    """A condition on participation ``p`` and its parameters: begun by ``day`` (None:
    now), with ``status`` then when given. A range lookup on the periods the build wrote:
    a participation has none before it began."""
    period, params = held("pp", day)
    if status is not None:
        period += " AND pp.status = ?"
        params.append(status)
    return [
        "EXISTS (SELECT 1 FROM participation_periods pp WHERE pp.participation_id = p.id"
        f" AND {period})",
        *params,
    ]


# The two lists of participations, by whose list they are on: the owner column, the
# sort key (k0, k1, k2) and the join that provides it.
_PARTICIPATION_LISTS = {
    "country": (
        "p.country_code",
        "a.date_start AS k0, a.slug AS k1, p.role AS k2",
        "JOIN agreements a ON a.id = p.agreement_id",
    ),
    "agreement": (
        "p.agreement_id",
        "c.sort_name AS k0, c.code AS k1, p.role AS k2",
        "JOIN countries c ON c.code = p.country_code",
    ),
}


def _participation_list(owner: str, owners: Sequence, where: Where) -> tuple[str, list]:
    column, key, join = _PARTICIPATION_LISTS[owner]
    base = (
        f"SELECT p.id AS id, {column} AS owner, {key} FROM participations p {join}"
        f" WHERE {column} {IN} AND {where.sql()}"
    )
    return base, [keys(owners), *where.params]


async def participation_pages(db: Database, owner: str, owners: Sequence, where: Where, page: Page):
    """A page of participations for each owner: each country's, by agreement date, slug
    and role (``owner="country"``); each agreement's, by country name, code and role."""
    base, params = _participation_list(owner, owners, where)
    return await nested_pages(
        db,
        base,
        params,
        3,
        page,
        PARTICIPATION_COLUMNS,
        "JOIN participations p ON p.id = ranked.id JOIN agreements a ON a.id = p.agreement_id",
    )


async def count_participations(db: Database, owner: str, owners: Sequence, where: Where) -> dict:
    return await nested_counts(db, *_participation_list(owner, owners, where))
