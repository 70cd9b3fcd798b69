"""Relations: two countries' histories, and their state on a day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from server.model.periods import NOTHING_ON_RECORD
from server.store.queries.groups import members_on
from server.store.queries.sources import SOURCE_COLUMNS
from server.store.queries.sql import (
    IN,
    Keyset,
    Page,
    Where,
    held,
    keys,
    nested_counts,
    nested_pages,
    paged,
)

if TYPE_CHECKING:
    from server.store.db import Database

# A relation with its whole history (a JSON array of [seq, kind, date, date_end, note,
# caveat, state, event_id]; who stated each step is read only when asked, by
# step_attributions) and its representation track ([seq, envoy_of, kind, date, date_end, note, caveat, level,
# event_id, stated_by, acknowledged, attribution_note]) in one row.
RELATION_COLUMNS = (
    "r.id, r.country_a, r.country_b, r.established, r.summary, r.none_known,"
    " r.added, r.updated,"
    " (SELECT json_group_array(json_array(st.seq, st.kind, st.date, st.date_end, st.note,"
    " st.caveat, st.state, st.event_id)) FROM relation_steps st WHERE st.relation_id = r.id)"
    " AS history,"
    " (SELECT json_group_array(json_array(t.seq, t.envoy_of, t.kind, t.date, t.date_end,"
    " t.note, t.caveat, t.level, t.event_id, t.stated_by, t.acknowledged,"
    " t.attribution_note)) FROM representation_steps t WHERE t.relation_id = r.id)"
    " AS representation"
)


def _state_on(day: str) -> tuple[str, list]:
    """The state of relation ``r`` on ``day``: the state of the period that holds it; for
    a pair with no relation on record, what the model says of an empty history."""
    period, params = held("rp", day)
    return (
        "coalesce((SELECT rp.state FROM relation_periods rp WHERE rp.relation_id = r.id"
        f" AND {period}), ?)",
        [*params, NOTHING_ON_RECORD.value],
    )


async def relation_between(db: Database, a: str, b: str) -> list:
    low, high = sorted((a, b))
    return await db.execute(
        f"SELECT {RELATION_COLUMNS} FROM relations r WHERE r.country_a = ? AND r.country_b = ?",
        [low, high],
    )


def _relations_of_countries(codes: Sequence[str], known_by: str | None) -> tuple[str, list]:
    owners = keys(codes)
    # With a day: only relations with something on record by then.
    begun, extra = "", []
    if known_by is not None:
        period, extra = held("rp", known_by)
        begun = (
            " AND EXISTS (SELECT 1 FROM relation_periods rp WHERE rp.relation_id = r.id"
            f" AND rp.on_record = 1 AND {period})"
        )
    base = (
        "SELECT r.id AS id, r.country_a AS owner, c.sort_name AS k0, c.code AS k1"
        f" FROM relations r JOIN countries c ON c.code = r.country_b WHERE r.country_a {IN}"
        f"{begun}"
        " UNION ALL SELECT r.id, r.country_b, c.sort_name, c.code"
        f" FROM relations r JOIN countries c ON c.code = r.country_a WHERE r.country_b {IN}"
        f"{begun}"
    )
    return base, [owners, *extra, owners, *extra]


async def relation_pages(
    db: Database, codes: Sequence[str], page: Page, known_by: str | None = None
) -> list:
    """A page of each country's relations, by the other country's name and code."""
    base, params = _relations_of_countries(codes, known_by)
    return await nested_pages(
        db, base, params, 2, page, RELATION_COLUMNS, "JOIN relations r ON r.id = ranked.id"
    )


async def count_relations(db: Database, codes: Sequence[str], known_by: str | None = None) -> dict:
    return await nested_counts(db, *_relations_of_countries(codes, known_by))


@dataclass
class RelationQuery:
    """The root list of relations as SQL: the FROM clause, conditions and keyset."""

    source: str
    where: Where
    key: Keyset
    params: list = field(default_factory=list)  # bound in the FROM clause


def relation_filter(
    *,
    day: str,
    country: str | None = None,
    group: str | None = None,
    subregion: str | None = None,
    states: Sequence[str] | None = None,
) -> RelationQuery:
    """Relations as of ``day``. With ``country``: one row per other country — every member
    of ``group`` on that day and every current state of ``subregion`` (with or without a
    relation on record: then "unknown"), or else every country with a relation on record —
    by that country's name. Without: every relation on record (with a country in ``group``
    and in ``subregion``), by the two codes."""
    where = Where()
    if country is not None:
        source = (
            "countries o LEFT JOIN relations r ON r.country_a = min(?, o.code)"
            " AND r.country_b = max(?, o.code)"
        )
        params = [country, country]
        where.add("o.code != ?", country)
        if group is not None:
            members, member_params = members_on(group, day)
            where.add(f"o.code IN ({members})", *member_params)
        if subregion is not None:
            where.add("o.subregion = ? AND o.historical IS NULL", subregion)
        if group is None and subregion is None:
            where.add(
                "o.code IN (SELECT country_b FROM relations WHERE country_a = ?"
                " UNION ALL SELECT country_a FROM relations WHERE country_b = ?)",
                country,
                country,
            )
        key = Keyset("(o.sort_name, o.code)")
    else:
        source, params = "relations r", []
        if group is not None:
            members, member_params = members_on(group, day)
            where.add(
                f"(r.country_a IN ({members}) OR r.country_b IN ({members}))",
                *member_params,
                *member_params,
            )
        if subregion is not None:
            region = "SELECT code FROM countries WHERE subregion = ?"
            where.add(
                f"(r.country_a IN ({region}) OR r.country_b IN ({region}))", subregion, subregion
            )
        key = Keyset("(r.country_a, r.country_b)")
    if states is not None:
        state, state_params = _state_on(day)
        where.add(f"{state} {IN}", *state_params, keys(states))
    return RelationQuery(source, where, key, params)


def _relation_select(query: RelationQuery) -> str:
    other = (
        "o.code AS other, o.sort_name AS other_sort"
        if "countries o" in query.source
        else ("NULL AS other, NULL AS other_sort")
    )
    return (
        f"SELECT {other}, r.id AS relation_id, {RELATION_COLUMNS.replace('r.id, ', '')},"
        f" r.id AS id FROM {query.source}"
    )


async def relations_page(db: Database, query: RelationQuery, page: Page) -> list:
    where = Where(list(query.where.clauses), list(query.where.params))
    # The FROM clause's parameters come first in the statement.
    where.params[:0] = query.params
    return await paged(db, _relation_select(query), where, query.key, page)


async def count_relations_matching(db: Database, query: RelationQuery) -> int:
    rows = await db.execute(
        f"SELECT count(*) FROM {query.source} WHERE {query.where.sql()}",
        [*query.params, *query.where.params],
    )
    return rows[0][0]


def _step_sources(table: str):
    """The reader of the sources of one kind of relation step (``table`` is one of two
    constants, never input): rows of (owner_id = relation id, seq, source columns…)."""
    statement = (
        f"SELECT l.relation_id AS owner_id, l.seq, {SOURCE_COLUMNS}"
        f" FROM {table} l JOIN sources s ON s.id = l.source_id"
        f" WHERE l.relation_id {IN} ORDER BY l.relation_id, l.seq, s.id"
    )

    async def step_sources(db: Database, ids: Sequence[int]) -> list:
        return await db.execute(statement, [keys(ids)])

    return step_sources


relation_step_sources = _step_sources("relation_step_sources")


async def step_attributions(db: Database, ids: Sequence[int]) -> list:
    """Who stated each step of the relations ``ids`` (read only when asked)."""
    return await db.execute(
        "SELECT relation_id AS owner_id, seq, stated_by, acknowledged, attribution_note"
        f" FROM relation_steps WHERE relation_id {IN} ORDER BY relation_id, seq",
        [keys(ids)],
    )


representation_step_sources = _step_sources("representation_step_sources")
