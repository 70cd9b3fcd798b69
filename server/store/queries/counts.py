"""The count of record (#20): the states behind a count on a day, the periods it is
counted over, and what others have published."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from server.store.queries.sources import SOURCE_COLUMNS
from server.store.queries.sql import IN, held, keys

if TYPE_CHECKING:
    from server.store.db import Database

# The other country of a relation of ``?`` (the country counted from).
_OTHER = "CASE WHEN r.country_a = ? THEN r.country_b ELSE r.country_a END"


async def counted_relations(db: Database, country: str, day: str, states: Sequence[str]) -> list:
    """The other countries of ``country``'s relations in one of ``states`` on ``day``, by
    name: the states behind a count of record (a range lookup on the stored periods)."""
    period, params = held("rp", day)
    return await db.execute(
        "SELECT c.code FROM relations r"
        f" JOIN relation_periods rp ON rp.relation_id = r.id AND {period}"
        f" JOIN countries c ON c.code = {_OTHER}"
        f" WHERE (r.country_a = ? OR r.country_b = ?) AND rp.state {IN}"
        " ORDER BY c.sort_name, c.code",
        [*params, country, country, country, keys(states)],
    )


async def counted_spans(db: Database, country: str, states: Sequence[str]) -> list:
    """Every period in which one of ``country``'s relations was in one of ``states``: the
    other country's code and the period's first and last day (the count's history)."""
    return await db.execute(
        f"SELECT {_OTHER} AS code, rp.from_day, rp.to_day FROM relations r"
        " JOIN relation_periods rp ON rp.relation_id = r.id"
        f" WHERE (r.country_a = ? OR r.country_b = ?) AND rp.state {IN}"
        " ORDER BY code, rp.period",
        [country, country, country, keys(states)],
    )


async def published_counts(db: Database, country: str) -> list:
    """What others have published as ``country``'s count, oldest first."""
    return await db.execute(
        "SELECT id, slug, count, out_of, counts, claim, published, day, why"
        " FROM published_counts WHERE country = ? ORDER BY day, slug",
        [country],
    )


async def published_count_sources(db: Database, ids: Sequence[int]) -> list:
    """The sources of published counts, with the count's id."""
    return await db.execute(
        f"SELECT p.published_count_id AS owner, {SOURCE_COLUMNS} FROM published_count_sources p"
        f" JOIN sources s ON s.id = p.source_id WHERE p.published_count_id {IN}"
        " ORDER BY p.published_count_id, s.id",
        [keys(ids)],
    )


async def unplaced_members(db: Database, country: str, day: str) -> list:
    """The UN members and observer states (other than ``country``) whose relation with
    ``country`` the record cannot place on ``day``: no relation, or one reading UNKNOWN."""
    period, params = held("rp", day)
    return await db.execute(
        "SELECT u.code FROM un_members u JOIN countries c ON c.code = u.code"
        " WHERE u.code != ? AND NOT EXISTS (SELECT 1 FROM relations r"
        f" JOIN relation_periods rp ON rp.relation_id = r.id AND {period}"
        " WHERE ((r.country_a = ? AND r.country_b = u.code)"
        " OR (r.country_b = ? AND r.country_a = u.code)) AND rp.state != 'unknown')"
        " ORDER BY c.sort_name, c.code",
        [country, *params, country, country],
    )
