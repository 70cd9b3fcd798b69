"""The floor's answers: each workload's data from hand-written SQL, shaped like GraphQL's.

One coroutine per workload (W5 is W2 with an ``after`` cursor), each taking the floor's
connection pool (bench/floor.py) and the workload's GraphQL variables and returning
what the API's ``data`` holds, so the runner can check both agree. The SQL follows the
server's query plans and search semantics; lists named in ``workloads.CONNECTIONS``
are answered as Relay connections.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING

from server.store import search

from .workloads import CONNECTIONS, LIST_PAGE, encode_cursor

if TYPE_CHECKING:
    from .floor import Pool

IN = "IN (SELECT value FROM json_each(?))"


def _date(text: str, precision: bool = False) -> dict:
    # A date known only as a bound is stored "by 2021-09-14"; its ISO form is the day.
    iso = text.removeprefix("by ")
    if not precision:
        return {"iso": iso}
    return {"iso": iso, "precision": ("YEAR", "MONTH", "DAY")[(len(iso) - 4) // 3]}


def _limit(field: str) -> int:
    """SQL LIMIT for a list: the first page once ``field`` is a connection, else all."""
    return LIST_PAGE if field in CONNECTIONS else -1


async def _listed(db: Pool, field: str, items: list, count_sql: str, params=()):
    """``items`` as the workload asks for ``field``: a plain list, or the first page of
    a connection with its totalCount (counted in SQL only when the page is full)."""
    if field not in CONNECTIONS:
        return items
    total = len(items)
    if total == LIST_PAGE:
        total = (await db.rows(count_sql, params))[0][0]
    return {"totalCount": total, "edges": [{"node": item} for item in items]}


def _grouped(rows, make) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(row[0], []).append(make(row))
    return out


async def _history(db: Pool, ids: list[int]) -> dict:
    rows = await db.rows(
        "SELECT participation_id, status, date FROM participation_statuses"
        f" WHERE participation_id {IN} ORDER BY participation_id, seq",
        (json.dumps(ids),),
    )
    return _grouped(rows, lambda r: (r[1].upper(), r[2]))


async def w1(db: Pool, v: dict) -> dict:
    code = v["code"].upper()
    country = await db.rows(
        "SELECT code, name, region FROM countries WHERE code = ? OR alpha3 = ?", (code, code)
    )
    if not country:
        return {"country": None}
    code, name, region = country[0]
    rows = await db.rows(
        "SELECT p.id, p.role, a.slug, a.name, a.kind, a.date FROM participations p"
        " JOIN agreements a ON a.id = p.agreement_id WHERE p.country_code = ?"
        " ORDER BY a.date_start, a.slug, p.role LIMIT ?",
        (code, _limit("Country.participations")),
    )
    history = await _history(db, [r[0] for r in rows])
    participations = []
    for pid, role, slug, aname, kind, adate in rows:
        steps = history[pid]
        participations.append(
            {
                "role": role.upper(),
                "status": steps[-1][0],
                "statusDate": _date(steps[-1][1]),
                "since": _date(steps[0][1]),
                "agreement": {
                    "slug": slug,
                    "name": aname,
                    "kind": kind.upper(),
                    "date": _date(adate),
                },
            }
        )
    participations = await _listed(
        db,
        "Country.participations",
        participations,
        "SELECT count(*) FROM participations WHERE country_code = ?",
        (code,),
    )
    return {
        "country": {"code": code, "name": name, "region": region, "participations": participations}
    }


async def _event_page(
    db: Pool,
    where: str,
    params: list,
    first: int,
    after: int | None,
    full: bool,
    source: str = "events e",
    key: str = "e.id",
):
    if after is not None:
        # The cursor holds the sort key (date_start, slug); ids follow it, so the page
        # starts after the last id at or before that key (one probe, as the server does).
        where = (
            f"{where} AND {key} > coalesce((SELECT id FROM events WHERE (date_start, slug)"
            " <= (?, ?) ORDER BY date_start DESC, slug DESC LIMIT 1), -1)"
        )
        params = [*params, *after]
    rows = await db.rows(
        f"SELECT e.id, e.slug, e.date, e.kind, e.title, e.date_start FROM {source} WHERE {where}"
        f" ORDER BY {key} LIMIT ?",
        (*params, first + 1),
    )
    more, rows = len(rows) > first, rows[:first]
    ids = json.dumps([r[0] for r in rows])
    countries = _grouped(
        await db.rows(
            "SELECT l.event_id, c.code, c.name FROM event_countries l"
            f" JOIN countries c ON c.code = l.country_code WHERE l.event_id {IN}"
            " ORDER BY l.event_id, c.sort_name",
            (ids,),
        ),
        (lambda r: {"code": r[1], "name": r[2]}) if full else (lambda r: {"code": r[1]}),
    )
    if full:
        agreements = _grouped(
            await db.rows(
                "SELECT l.event_id, a.slug, a.name FROM event_agreements l"
                f" JOIN agreements a ON a.id = l.agreement_id WHERE l.event_id {IN}"
                " ORDER BY l.event_id, a.id",
                (ids,),
            ),
            lambda r: {"slug": r[1], "name": r[2]},
        )
        sources = _grouped(
            await db.rows(
                "SELECT l.event_id, s.publisher, s.url FROM event_sources l"
                f" JOIN sources s ON s.id = l.source_id WHERE l.event_id {IN}"
                " ORDER BY l.event_id, s.id",
                (ids,),
            ),
            lambda r: {"publisher": r[1], "url": r[2]},
        )
    edges = []
    for eid, slug, date, kind, title, start in rows:
        if full:
            node = {
                "slug": slug,
                "date": _date(date, precision=True),
                "kind": kind.upper(),
                "title": title,
                "countries": countries.get(eid, []),
                "agreements": agreements.get(eid, []),
                "sources": sources.get(eid, []),
            }
        else:
            node = {
                "slug": slug,
                "date": _date(date),
                "title": title,
                "countries": countries.get(eid, []),
            }
        edges.append({"cursor": encode_cursor("event", start, slug), "node": node})
    return {
        "edges": edges,
        "pageInfo": {"endCursor": edges[-1]["cursor"] if edges else None, "hasNextPage": more},
    }


def _after(cursor: str | None) -> tuple | None:
    """The sort key (date_start, slug) inside an event cursor."""
    if cursor is None:
        return None
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    return tuple(payload[2:])


async def w2(db: Pool, v: dict) -> dict:
    return {"events": await _event_page(db, "1", [], v["first"], _after(v.get("after")), True)}


async def w3(db: Pool, v: dict) -> dict:
    found = await db.rows(
        "SELECT id, slug, name, kind, date, summary FROM agreements WHERE slug = ?", (v["slug"],)
    )
    if not found:
        return {"agreement": None}
    aid, slug, name, kind, date, summary = found[0]
    rows = await db.rows(
        "SELECT p.id, p.role, c.code, c.name FROM participations p"
        " JOIN countries c ON c.code = p.country_code WHERE p.agreement_id = ?"
        " ORDER BY c.sort_name, c.code, p.role LIMIT ?",
        (aid, _limit("Agreement.participants")),
    )
    history = await _history(db, [r[0] for r in rows])
    participants = []
    for pid, role, code, cname in rows:
        steps = history[pid]
        participants.append(
            {
                "role": role.upper(),
                "status": steps[-1][0],
                "statusDate": _date(steps[-1][1]),
                "country": {"code": code, "name": cname},
                "statusHistory": [{"status": s, "date": _date(d)} for s, d in steps],
            }
        )
    return {
        "agreement": {
            "slug": slug,
            "name": name,
            "kind": kind.upper(),
            "date": _date(date),
            "summary": summary,
            "participants": await _listed(
                db,
                "Agreement.participants",
                participants,
                "SELECT count(*) FROM participations WHERE agreement_id = ?",
                (aid,),
            ),
        }
    }


async def w4(db: Pool, v: dict) -> dict:
    expression = search.fts_expression(v["q"])
    if expression is None:
        return {"search": _search_page([])}
    # The server's semantics (server/store/search.py): title matches first, then the rest,
    # each in index order.
    first = v.get("first", 10)
    sql = "SELECT rowid, kind, ref FROM search_index WHERE search_index MATCH ? LIMIT ?"
    titles = await db.rows(sql, (search.fts_expression(v["q"], titles_only=True), first))
    rest = [] if len(titles) == first else await db.rows(sql, (expression, first + len(titles)))
    seen = {row[0] for row in titles}
    hits = [(k, r) for _, k, r in [*titles, *[x for x in rest if x[0] not in seen]][:first]]
    wanted: dict[str, list] = {"country": [], "agreement": [], "event": []}
    for kind, ref in hits:
        wanted[kind].append(ref if kind == "country" else int(ref))
    found = {}
    if wanted["country"]:
        for code, name in await db.rows(
            f"SELECT code, name FROM countries WHERE code {IN}", (json.dumps(wanted["country"]),)
        ):
            found["country", code] = {"__typename": "Country", "code": code, "name": name}
    if wanted["agreement"]:
        for aid, slug, name in await db.rows(
            f"SELECT id, slug, name FROM agreements WHERE id {IN}",
            (json.dumps(wanted["agreement"]),),
        ):
            found["agreement", aid] = {"__typename": "Agreement", "slug": slug, "name": name}
    if wanted["event"]:
        for eid, slug, title, date in await db.rows(
            f"SELECT id, slug, title, date FROM events WHERE id {IN}",
            (json.dumps(wanted["event"]),),
        ):
            found["event", eid] = {
                "__typename": "Event",
                "slug": slug,
                "title": title,
                "date": _date(date),
            }
    results = []
    for kind, ref in hits:
        item = found.get((kind, ref if kind == "country" else int(ref)))
        if item is not None:
            results.append(item)
    return {"search": _search_page(results)}


def _search_page(results: list):
    # W4 asks a search connection for its edges only (see workloads.SEARCH_FIELDS).
    return {"edges": [{"node": r} for r in results]} if "search" in CONNECTIONS else results


async def w6(db: Pool, v: dict) -> dict:
    a, b = v["a"].upper(), v["b"].upper()
    known = await db.rows(
        f"SELECT code, name, alpha3 FROM countries WHERE code {IN} OR alpha3 {IN}",
        (json.dumps([a, b]), json.dumps([a, b])),
    )
    by_code = {}
    for code, name, alpha3 in known:
        by_code[code] = by_code[alpha3] = (code, name)
    if a not in by_code or b not in by_code:
        return {"relation": None}
    (a, a_name), (b, b_name) = by_code[a], by_code[b]
    low, high = sorted((a, b))
    relation = await db.rows(
        "SELECT established, summary FROM relations WHERE country_a = ? AND country_b = ?",
        (low, high),
    )
    established, summary = relation[0] if relation else (None, None)
    shared = await db.rows(
        "SELECT slug, name FROM agreements"
        " WHERE id IN (SELECT agreement_id FROM participations WHERE country_code = ?)"
        " AND id IN (SELECT agreement_id FROM participations WHERE country_code = ?)"
        " ORDER BY id",
        (a, b),
    )
    # Read along a's (country, event) index, probing b by primary key: the best plan
    # for a page of a busy pair (the server uses the same one).
    events = await _event_page(
        db,
        "c0.country_code = ? AND EXISTS (SELECT 1 FROM event_countries c"
        " WHERE c.event_id = e.id AND c.country_code = ?)",
        [a, b],
        v["first"],
        None,
        False,
        source="event_countries c0 JOIN events e ON e.id = c0.event_id",
        key="c0.event_id",
    )
    return {
        "relation": {
            "established": _date(established) if established else None,
            "summary": summary,
            "countries": [{"code": a, "name": a_name}, {"code": b, "name": b_name}],
            "sharedAgreements": [{"slug": s, "name": n} for s, n in shared],
            "events": events,
        }
    }


HANDLERS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w2, "W6": w6}
