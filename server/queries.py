"""Every SQL statement the server runs, as named async functions.

SQL text is constant or assembled only from the fixed fragments below; every value a
client sends travels as a bound parameter. Lists of keys are passed as one JSON array
and expanded with ``json_each`` so a statement's text (and SQLite's prepared-statement
cache) does not change with the number of keys.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import aiosqlite

    from .db import Database

_IN = "IN (SELECT value FROM json_each(?))"


def _keys(values: Sequence) -> str:
    return json.dumps(list(values))


@dataclass(frozen=True)
class Page:
    """A keyset page: rows strictly after/before a key, in display order.

    ``backwards`` fetches the rows nearest ``before`` (Relay's ``last``) by reading in
    the opposite direction; the rows are returned in display order either way.
    """

    limit: int
    after: tuple | None = None
    before: tuple | None = None
    backwards: bool = False
    descending: bool = False


@dataclass
class Where:
    """A conjunction of fixed SQL fragments and the parameters they bind."""

    clauses: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1"


@dataclass(frozen=True)
class Keyset:
    """How a list is ordered, and how a cursor's sort key becomes a bound on its rows.

    ``column`` is what the page query orders by: the sort key itself, e.g.
    "(c.sort_name, c.code)", or a row id assigned in sort-key order at build time, e.g.
    "e.id", which keeps every index that ends in the id usable. For the latter,
    ``table`` and ``natural`` name the sort key's columns, and a cursor's key is turned
    into an id by one indexed probe inside the same statement: a cursor stays valid
    across rebuilds that add or remove rows before it.
    """

    column: str
    table: str | None = None
    natural: tuple[str, ...] = ()

    def bound(self, key: tuple, greater: bool) -> tuple[str, list]:
        """SQL for "rows whose sort key is greater (or less) than ``key``"."""
        columns = self.natural or tuple(c.strip() for c in self.column.strip("()").split(","))
        marks = "(" + ", ".join(["?"] * len(columns)) + ")"
        if self.table is None:
            return f"{self.column} {'>' if greater else '<'} {marks}", list(key)
        natural = "(" + ", ".join(columns) + ")"
        if greater:
            order = ", ".join(f"{c} DESC" for c in columns)
            probe = f"SELECT id FROM {self.table} WHERE {natural} <= {marks} ORDER BY {order}"
            return f"{self.column} > coalesce(({probe} LIMIT 1), -1)", list(key)
        order = ", ".join(f"{c} ASC" for c in columns)
        probe = f"SELECT id FROM {self.table} WHERE {natural} >= {marks} ORDER BY {order}"
        return f"{self.column} < coalesce(({probe} LIMIT 1), {2**63 - 1})", list(key)


async def _paged(db: Database, select: str, where: Where, keyset: Keyset, page: Page) -> list:
    """Run ``select`` (which ends in FROM …) under ``where`` as one keyset page.

    One extra row is fetched so the caller can tell whether more exist.
    """
    clauses = Where(list(where.clauses), list(where.params))
    if page.after is not None:
        clauses.add(*_flat(keyset.bound(page.after, greater=not page.descending)))
    if page.before is not None:
        clauses.add(*_flat(keyset.bound(page.before, greater=page.descending)))
    columns = [column.strip() for column in keyset.column.strip("()").split(",")]
    ascending = page.descending == page.backwards
    order = ", ".join(f"{c} {'ASC' if ascending else 'DESC'}" for c in columns)
    sql = f"{select} WHERE {clauses.sql()} ORDER BY {order} LIMIT ?"
    return await db.execute(sql, [*clauses.params, page.limit + 1])


def _flat(bound: tuple[str, list]) -> list:
    clause, params = bound
    return [clause, *params]


async def _nested_pages(
    db: Database, base: str, params: list, keys: int, page: Page, columns: str, joins: str
) -> list:
    """One page per owner, for a whole level of owners, in one statement.

    ``base`` selects (id, owner, k0 … k{keys-1}) — an item, whose list it is on, and its
    sort key — already filtered; every owner's list is cut at the same cursor (the
    level's arguments are shared) and numbered with a window function, and only the
    first ``limit + 1`` of each are read in full through ``joins``.
    """
    names = [f"k{i}" for i in range(keys)]
    key = "(" + ", ".join(names) + ")"
    marks = "(" + ", ".join(["?"] * keys) + ")"
    where = Where()
    later, earlier = (">", "<") if not page.descending else ("<", ">")
    if page.after is not None:
        where.add(f"{key} {later} {marks}", *page.after)
    if page.before is not None:
        where.add(f"{key} {earlier} {marks}", *page.before)
    ascending = page.descending == page.backwards
    order = ", ".join(f"{k} {'ASC' if ascending else 'DESC'}" for k in names)
    sql = (
        f"WITH base AS ({base}), ranked AS (SELECT id, owner, {', '.join(names)},"
        f" row_number() OVER (PARTITION BY owner ORDER BY {order}) AS rn"
        f" FROM base WHERE {where.sql()})"
        f" SELECT ranked.owner AS owner, {', '.join(f'ranked.{k} AS {k}' for k in names)},"
        f" {columns} FROM ranked {joins}"
        " WHERE ranked.rn <= ? ORDER BY ranked.owner, ranked.rn"
    )
    return await db.execute(sql, [*params, *where.params, page.limit + 1])


async def _nested_counts(db: Database, base: str, params: list) -> dict:
    rows = await db.execute(f"SELECT owner, count(*) FROM ({base}) GROUP BY owner", params)
    return {row[0]: row[1] for row in rows}


async def _count(db: Database, table: str, where: Where) -> int:
    rows = await db.execute(f"SELECT count(*) FROM {table} WHERE {where.sql()}", where.params)
    return rows[0][0]


# Countries ---------------------------------------------------------------------------

COUNTRY_COLUMNS = (
    "c.code, c.alpha3, c.numeric_code, c.name, c.official_name, c.region, c.subregion,"
    " c.historical, c.sort_name"
)
COUNTRY_KEY = Keyset("(c.sort_name, c.code)")


async def reference_data(connection: aiosqlite.Connection) -> tuple[int, dict, list]:
    """What a server reads once per store: schema version, meta, every country."""
    version = (await connection.execute_fetchall("PRAGMA user_version"))[0][0]
    if version == 0:
        return version, {}, []
    meta = dict(await connection.execute_fetchall("SELECT key, value FROM meta"))
    countries = await connection.execute_fetchall(f"SELECT {COUNTRY_COLUMNS} FROM countries c")
    return version, meta, list(countries)


def country_filter(
    *,
    region: str | None = None,
    subregion: str | None = None,
    search: str | None = None,
    agreement_id: int | None = None,
    status: str | None = None,
) -> Where:
    where = Where()
    if region is not None:
        where.add("c.region = ? COLLATE NOCASE", region)
    if subregion is not None:
        where.add("c.subregion = ? COLLATE NOCASE", subregion)
    if search is not None:
        where.add(
            "c.code IN (SELECT ref FROM search_index WHERE search_index MATCH ?"
            " AND kind = 'country')",
            search,
        )
    if agreement_id is not None or status is not None:
        member = Where()
        if agreement_id is not None:
            member.add("p.agreement_id = ?", agreement_id)
        if status is not None:
            member.add(
                "? = (SELECT s.status FROM participation_statuses s"
                " WHERE s.participation_id = p.id ORDER BY s.seq DESC LIMIT 1)",
                status,
            )
        where.add(
            f"c.code IN (SELECT p.country_code FROM participations p WHERE {member.sql()})",
            *member.params,
        )
    return where


async def countries_page(db: Database, where: Where, page: Page) -> list:
    return await _paged(db, f"SELECT {COUNTRY_COLUMNS} FROM countries c", where, COUNTRY_KEY, page)


async def count_countries(db: Database, where: Where) -> int:
    return await _count(db, "countries c", where)


# Agreements --------------------------------------------------------------------------

AGREEMENT_COLUMNS = (
    "a.id, a.slug, a.name, a.kind, a.date, a.date_start, a.place, a.summary, a.added, a.updated"
)


async def agreements_by_id(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT {AGREEMENT_COLUMNS} FROM agreements a WHERE a.id {_IN}",
        [_keys(ids)],
    )


async def agreements_by_slug(db: Database, slugs: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {AGREEMENT_COLUMNS} FROM agreements a WHERE a.slug {_IN}",
        [_keys(slugs)],
    )


def agreement_filter(*, kind: str | None = None, country: str | None = None) -> Where:
    where = Where()
    if kind is not None:
        where.add("a.kind = ?", kind)
    if country is not None:
        where.add(
            "a.id IN (SELECT agreement_id FROM participations WHERE country_code = ?)", country
        )
    return where


# Agreement ids follow the sort key (date_start, slug), assigned so at build time.
AGREEMENT_KEY = Keyset("a.id", "agreements", ("date_start", "slug"))


async def agreements_page(db: Database, where: Where, page: Page) -> list:
    select = f"SELECT {AGREEMENT_COLUMNS} FROM agreements a"
    return await _paged(db, select, where, AGREEMENT_KEY, page)


async def count_agreements(db: Database, where: Where) -> int:
    return await _count(db, "agreements a", where)


async def shared_agreements(db: Database, pairs: Sequence[Sequence[str]]) -> list:
    """Agreements both countries of each pair take part in, oldest first: rows of
    (owner_id = the pair's position in ``pairs``, agreement columns…)."""
    return await db.execute(
        f"SELECT DISTINCT j.key AS owner_id, {AGREEMENT_COLUMNS} FROM json_each(?) j"
        " JOIN participations p ON p.country_code = json_extract(j.value, '$[0]')"
        " JOIN agreements a ON a.id = p.agreement_id"
        " WHERE EXISTS (SELECT 1 FROM participations q"
        " WHERE q.country_code = json_extract(j.value, '$[1]') AND q.agreement_id = a.id)"
        " ORDER BY j.key, a.id",
        [_keys(pairs)],
    )


# Participations ----------------------------------------------------------------------

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
        f" WHERE p.agreement_id {_IN} ORDER BY p.agreement_id, c.sort_name, p.role",
        [_keys(ids)],
    )


def participation_filter(
    *,
    as_of: str | None = None,
    role: str | None = None,
    status: str | None = None,
    countries: Sequence[str] | None = None,
) -> Where:
    """Participations begun by ``as_of`` (an ISO day; month- and year-precise steps count
    from their last possible day), in ``role``, whose status (then, or now) is ``status``,
    of ``countries``."""
    where = Where()
    if role is not None:
        where.add("p.role = ?", role)
    if countries is not None:
        where.add(f"p.country_code {_IN}", _keys(countries))
    if as_of is not None:
        where.add(
            "(SELECT s.date_end FROM participation_statuses s WHERE s.participation_id = p.id"
            " ORDER BY s.seq LIMIT 1) <= ?",
            as_of,
        )
    if status is not None:
        if as_of is None:
            where.add(
                "(SELECT s.status FROM participation_statuses s WHERE s.participation_id = p.id"
                " ORDER BY s.seq DESC LIMIT 1) = ?",
                status,
            )
        else:
            where.add(
                "(SELECT s.status FROM participation_statuses s WHERE s.participation_id = p.id"
                " AND s.date_end <= ? ORDER BY s.seq DESC LIMIT 1) = ?",
                as_of,
                status,
            )
    return where


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
        f" WHERE {column} {_IN} AND {where.sql()}"
    )
    return base, [_keys(owners), *where.params]


async def participation_pages(db: Database, owner: str, owners: Sequence, where: Where, page: Page):
    """A page of participations for each owner: each country's, by agreement date, slug
    and role (``owner="country"``); each agreement's, by country name, code and role."""
    base, params = _participation_list(owner, owners, where)
    return await _nested_pages(
        db,
        base,
        params,
        3,
        page,
        PARTICIPATION_COLUMNS,
        "JOIN participations p ON p.id = ranked.id JOIN agreements a ON a.id = p.agreement_id",
    )


async def count_participations(db: Database, owner: str, owners: Sequence, where: Where) -> dict:
    return await _nested_counts(db, *_participation_list(owner, owners, where))


# Sources -----------------------------------------------------------------------------

SOURCE_COLUMNS = "s.id, s.slug, s.publisher, s.title, s.url, s.published, s.kind"

# owner kind → the link table and its owner column; the only tables sources hang off.
_SOURCE_LINKS = {
    "agreement": ("agreement_sources", "agreement_id"),
    "event": ("event_sources", "event_id"),
    "relation": ("relation_sources", "relation_id"),
    "group": ("group_sources", "group_code"),
}


async def sources_for(db: Database, owner: str, ids: Sequence[int]) -> list:
    """Sources of agreements, events or relations: rows of (owner_id, source columns…)."""
    table, column = _SOURCE_LINKS[owner]
    return await db.execute(
        f"SELECT l.{column} AS owner_id, {SOURCE_COLUMNS} FROM {table} l"
        f" JOIN sources s ON s.id = l.source_id WHERE l.{column} {_IN}"
        f" ORDER BY l.{column}, s.id",
        [_keys(ids)],
    )


async def sources_for_participations(db: Database, ids: Sequence[int]) -> list:
    """Sources cited by participations (seq NULL) and by their status changes (seq set)."""
    return await db.execute(
        f"SELECT l.participation_id AS owner_id, NULL AS seq, {SOURCE_COLUMNS}"
        f" FROM participation_sources l JOIN sources s ON s.id = l.source_id"
        f" WHERE l.participation_id {_IN}"
        f" UNION ALL SELECT l.participation_id, l.seq, {SOURCE_COLUMNS}"
        f" FROM status_sources l JOIN sources s ON s.id = l.source_id"
        f" WHERE l.participation_id {_IN}"
        " ORDER BY owner_id, seq, id",
        [_keys(ids), _keys(ids)],
    )


async def sources_by_slug(db: Database, slugs: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.slug {_IN}",
        [_keys(slugs)],
    )


# Events ------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "e.id, e.slug, e.date, e.date_start, e.kind, e.title, e.summary, e.caveat, e.added, e.updated"
)


@dataclass
class EventQuery:
    """A timeline filter as SQL: the FROM clause, the conditions and the keyset column."""

    source: str
    where: Where
    key: Keyset


def event_filter(
    *,
    countries: Sequence[str] = (),
    agreement_id: int | None = None,
    kinds: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
    search: str | None = None,
) -> EventQuery:
    """Events involving all ``countries``, concerning ``agreement_id``, of any of ``kinds``,
    overlapping the calendar days [start, end], matching the FTS ``search`` expression.

    With countries, the page is read along the first country's (country, event) index
    and each other country is a primary-key probe, so a page costs about its own size
    however many events the countries have.
    """
    where = Where()
    # Event ids follow the sort key (date_start, slug), assigned so at build time.
    source, key = "events e", Keyset("e.id", "events", ("date_start", "slug"))
    if countries:
        source = "event_countries c0 JOIN events e ON e.id = c0.event_id"
        key = Keyset("c0.event_id", "events", ("date_start", "slug"))
        where.add("c0.country_code = ?", countries[0])
    for code in countries[1:]:
        where.add(
            "EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id"
            " AND c.country_code = ?)",
            code,
        )
    if agreement_id is not None:
        where.add(
            "e.id IN (SELECT event_id FROM event_agreements WHERE agreement_id = ?)", agreement_id
        )
    if kinds:
        where.add(f"e.kind {_IN}", _keys(kinds))
    if start is not None:
        where.add("e.date_end >= ?", start)
    if end is not None:
        where.add("e.date_start <= ?", end)
    if search is not None:
        where.add(
            "e.id IN (SELECT ref FROM search_index WHERE search_index MATCH ? AND kind = 'event')",
            search,
        )
    return EventQuery(source, where, key)


async def events_page(db: Database, query: EventQuery, page: Page) -> list:
    select = f"SELECT {EVENT_COLUMNS} FROM {query.source}"
    return await _paged(db, select, query.where, query.key, page)


async def count_events(db: Database, query: EventQuery) -> int:
    return await _count(db, query.source, query.where)


async def events_by_slug(db: Database, slugs: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.slug {_IN}",
        [_keys(slugs)],
    )


async def events_by_id(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id {_IN}",
        [_keys(ids)],
    )


async def countries_for_events(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        "SELECT l.event_id AS owner_id, c.code FROM event_countries l"
        f" JOIN countries c ON c.code = l.country_code WHERE l.event_id {_IN}"
        " ORDER BY l.event_id, c.sort_name",
        [_keys(ids)],
    )


async def agreements_for_events(db: Database, ids: Sequence[int]) -> list:
    return await db.execute(
        f"SELECT l.event_id AS owner_id, {AGREEMENT_COLUMNS} FROM event_agreements l"
        f" JOIN agreements a ON a.id = l.agreement_id WHERE l.event_id {_IN}"
        " ORDER BY l.event_id, a.id",
        [_keys(ids)],
    )


# Relations ---------------------------------------------------------------------------

# A relation with its whole history (a JSON array of [seq, kind, date, date_end, note,
# caveat, state, event_id]) in one row.
RELATION_COLUMNS = (
    "r.id, r.country_a, r.country_b, r.established, r.summary, r.none_known,"
    " r.initial_state, r.added, r.updated,"
    " (SELECT json_group_array(json_array(st.seq, st.kind, st.date, st.date_end, st.note,"
    " st.caveat, st.state, st.event_id)) FROM relation_steps st WHERE st.relation_id = r.id)"
    " AS history"
)

# The state of relation r on a day (the day bound twice): the state after the last step
# known by then, else the state before any step; "unknown" when there is no relation, or
# when the next step is known only by a later date ("by …": it may already have happened).
STATE_AS_OF = (
    "CASE WHEN (SELECT nx.date FROM relation_steps nx WHERE nx.relation_id = r.id"
    " AND nx.date_end > ? ORDER BY nx.seq LIMIT 1) LIKE 'by %' THEN 'unknown' ELSE"
    " coalesce((SELECT st.state FROM relation_steps st WHERE st.relation_id = r.id"
    " AND st.date_end <= ? ORDER BY st.seq DESC LIMIT 1), r.initial_state, 'unknown') END"
)

# Members of a group on a day (two bound parameters: the group code, the day). A member
# whose join date is unknown counts on any day; a withdrawn member does not.
MEMBERS_AS_OF = (
    "SELECT m.country_code FROM memberships m WHERE m.group_code = ?"
    " AND (m.joined_end IS NULL OR m.joined_end <= :day)"
    " AND coalesce((SELECT ms.status FROM membership_steps ms"
    " WHERE ms.group_code = m.group_code AND ms.country_code = m.country_code"
    " AND ms.date_end <= :day ORDER BY ms.seq DESC LIMIT 1), 'member') != 'withdrawn'"
)


async def relation_state_now(db: Database, relation_id: int) -> str:
    """The relation's state today (UTC)."""
    today = datetime.now(UTC).date().isoformat()
    rows = await db.execute(
        f"SELECT {STATE_AS_OF} AS state FROM relations r WHERE r.id = ?",
        [today, today, relation_id],
    )
    return rows[0]["state"]


def _members_as_of(group: str, day: str) -> tuple[str, list]:
    return MEMBERS_AS_OF.replace(":day", "?"), [group, day, day]


async def relation_between(db: Database, a: str, b: str) -> list:
    low, high = sorted((a, b))
    return await db.execute(
        f"SELECT {RELATION_COLUMNS} FROM relations r WHERE r.country_a = ? AND r.country_b = ?",
        [low, high],
    )


def _relations_of_countries(codes: Sequence[str], known_by: str | None) -> tuple[str, list]:
    keys = _keys(codes)
    # With a day: only relations with something on record by then (a step known by that
    # day, or a statement that there never were relations).
    begun = (
        " AND (r.none_known IS NOT NULL OR EXISTS (SELECT 1 FROM relation_steps st"
        " WHERE st.relation_id = r.id AND st.date_end <= ?))"
        if known_by is not None
        else ""
    )
    extra = [known_by] if known_by is not None else []
    base = (
        "SELECT r.id AS id, r.country_a AS owner, c.sort_name AS k0, c.code AS k1"
        f" FROM relations r JOIN countries c ON c.code = r.country_b WHERE r.country_a {_IN}"
        f"{begun}"
        " UNION ALL SELECT r.id, r.country_b, c.sort_name, c.code"
        f" FROM relations r JOIN countries c ON c.code = r.country_a WHERE r.country_b {_IN}"
        f"{begun}"
    )
    return base, [keys, *extra, keys, *extra]


async def relation_pages(
    db: Database, codes: Sequence[str], page: Page, known_by: str | None = None
) -> list:
    """A page of each country's relations, by the other country's name and code."""
    base, params = _relations_of_countries(codes, known_by)
    return await _nested_pages(
        db, base, params, 2, page, RELATION_COLUMNS, "JOIN relations r ON r.id = ranked.id"
    )


async def count_relations(db: Database, codes: Sequence[str], known_by: str | None = None) -> dict:
    return await _nested_counts(db, *_relations_of_countries(codes, known_by))


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
    states: Sequence[str] | None = None,
) -> RelationQuery:
    """Relations as of ``day``. With ``country``: one row per other country — every member
    of ``group`` on that day (with or without a relation on record: then "unknown"), or
    else every country with a relation on record — by that country's name. Without:
    every relation on record (with a country in ``group``), by the two codes."""
    where = Where()
    if country is not None:
        source = (
            "countries o LEFT JOIN relations r ON r.country_a = min(?, o.code)"
            " AND r.country_b = max(?, o.code)"
        )
        params = [country, country]
        where.add("o.code != ?", country)
        if group is not None:
            members, member_params = _members_as_of(group, day)
            where.add(f"o.code IN ({members})", *member_params)
        else:
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
            members, member_params = _members_as_of(group, day)
            where.add(
                f"(r.country_a IN ({members}) OR r.country_b IN ({members}))",
                *member_params,
                *member_params,
            )
        key = Keyset("(r.country_a, r.country_b)")
    if states is not None:
        where.add(f"{STATE_AS_OF} {_IN}", day, day, _keys(states))
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
    return await _paged(db, _relation_select(query), where, query.key, page)


async def count_relations_matching(db: Database, query: RelationQuery) -> int:
    rows = await db.execute(
        f"SELECT count(*) FROM {query.source} WHERE {query.where.sql()}",
        [*query.params, *query.where.params],
    )
    return rows[0][0]


async def relation_step_sources(db: Database, ids: Sequence[int]) -> list:
    """Sources of relation steps: rows of (owner_id = relation id, seq, source columns…)."""
    return await db.execute(
        f"SELECT l.relation_id AS owner_id, l.seq, {SOURCE_COLUMNS}"
        " FROM relation_step_sources l JOIN sources s ON s.id = l.source_id"
        f" WHERE l.relation_id {_IN} ORDER BY l.relation_id, l.seq, s.id",
        [_keys(ids)],
    )


# Groups ------------------------------------------------------------------------------

GROUP_COLUMNS = "g.code, g.name, g.summary, g.added, g.updated"

# A membership with its history (a JSON array of [seq, kind, date, date_end, note,
# caveat, status]).
MEMBERSHIP_COLUMNS = (
    "m.group_code, m.country_code, m.joined,"
    " (SELECT json_group_array(json_array(ms.seq, ms.kind, ms.date, ms.date_end, ms.note,"
    " ms.caveat, ms.status)) FROM membership_steps ms WHERE ms.group_code = m.group_code"
    " AND ms.country_code = m.country_code) AS history"
)


async def groups_by_code(db: Database, codes: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT {GROUP_COLUMNS} FROM groups g WHERE g.code {_IN} ORDER BY g.code",
        [_keys(codes)],
    )


async def all_groups(db: Database) -> list:
    return await db.execute(f"SELECT {GROUP_COLUMNS} FROM groups g ORDER BY g.name")


async def memberships_of_countries(db: Database, codes: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT m.country_code AS owner_id, {MEMBERSHIP_COLUMNS} FROM memberships m"
        f" JOIN groups g ON g.code = m.group_code WHERE m.country_code {_IN}"
        " ORDER BY m.country_code, g.name",
        [_keys(codes)],
    )


async def memberships_of_groups(db: Database, codes: Sequence[str]) -> list:
    return await db.execute(
        f"SELECT m.group_code AS owner_id, {MEMBERSHIP_COLUMNS} FROM memberships m"
        f" JOIN countries c ON c.code = m.country_code WHERE m.group_code {_IN}"
        " ORDER BY m.group_code, c.sort_name",
        [_keys(codes)],
    )


async def membership_sources(db: Database, pairs: Sequence[Sequence[str]]) -> list:
    """Sources of memberships (seq 0) and their steps: rows of (owner_id = the pair's
    position in ``pairs``, seq, source columns…)."""
    return await db.execute(
        f"SELECT j.key AS owner_id, l.seq, {SOURCE_COLUMNS} FROM json_each(?) j"
        " JOIN membership_sources l ON l.group_code = json_extract(j.value, '$[0]')"
        " AND l.country_code = json_extract(j.value, '$[1]')"
        " JOIN sources s ON s.id = l.source_id ORDER BY j.key, l.seq, s.id",
        [_keys(pairs)],
    )


def group_member_filter(group: str, day: str | None) -> Where:
    """Countries in ``group`` (on ``day`` when given, else now)."""
    where = Where()
    if day is None:
        where.add(
            "c.code IN (SELECT m.country_code FROM memberships m WHERE m.group_code = ?"
            " AND coalesce((SELECT ms.status FROM membership_steps ms"
            " WHERE ms.group_code = m.group_code AND ms.country_code = m.country_code"
            " ORDER BY ms.seq DESC LIMIT 1), 'member') != 'withdrawn')",
            group,
        )
    else:
        members, params = _members_as_of(group, day)
        where.add(f"c.code IN ({members})", *params)
    return where


# Changes -----------------------------------------------------------------------------

CHANGE_COLUMNS = "ch.day, ch.action, ch.record_type, ch.ref, ch.title, ch.note, ch.path"
# Newest first: read with Page(descending=True) along the primary key.
CHANGE_KEY = Keyset("(ch.day, ch.record_type, ch.ref, ch.action)")


def change_filter(since: str | None) -> Where:
    where = Where()
    if since is not None:
        where.add("ch.day >= ?", since)
    return where


async def changes_page(db: Database, where: Where, page: Page) -> list:
    return await _paged(db, f"SELECT {CHANGE_COLUMNS} FROM changes ch", where, CHANGE_KEY, page)


async def count_changes(db: Database, where: Where) -> int:
    return await _count(db, "changes ch", where)


# Search ------------------------------------------------------------------------------


async def search(db: Database, expression: str, titles_expression: str, limit: int) -> list:
    """Up to ``limit`` (kind, ref) matches: title matches first, then the rest, each in
    index order (see server/search.py). One statement when titles fill the page."""
    sql = "SELECT rowid, kind, ref FROM search_index WHERE search_index MATCH ? LIMIT ?"
    titles = await db.execute(sql, [titles_expression, limit])
    if len(titles) == limit:
        return titles
    seen = {row["rowid"] for row in titles}
    rest = await db.execute(sql, [expression, limit + len(titles)])
    return [*titles, *[row for row in rest if row["rowid"] not in seen]][:limit]


async def count_search(db: Database, expression: str) -> int:
    rows = await db.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH ?", [expression]
    )
    return rows[0][0]
