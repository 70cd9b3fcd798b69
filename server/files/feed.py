"""/feed.atom: the record's changes (the API's `changes`) as an Atom feed, newest first.

Cacheable like the exports: ``Cache-Control: public, max-age=<http_max_age>`` and an ETag
made of what the feed is written from, the store's content version and the site address
its links use (it never depends on the day it is read), so a revalidation is answered
with a 304 before any row is read.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator
from starlette.requests import Request
from starlette.responses import Response

from server.http.etags import etag_matches
from server.store import queries
from server.store.db import Database
from server.store.queries import Page
from server.urls import Urls

ENTRIES = 50  # a reader polls; it needs the latest, not the whole history


def _moment(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(), tzinfo=UTC)


async def atom_feed(request: Request) -> Response:
    db: Database = request.app.state.db
    await db.refresh_if_due()
    site = Urls.of(request)
    # Read before the rows: should a rebuild land meanwhile, the tag is the older one and
    # the next revalidation fetches the feed again (never the reverse).
    digest = hashlib.sha256(f"feed {db.content_version} {site.site}".encode()).hexdigest()
    etag = f'"{digest[:24]}"'
    headers = {
        "etag": etag,
        "cache-control": f"public, max-age={request.app.state.settings.http_max_age}",
    }
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    rows = await queries.changes_page(
        db, queries.change_filter(None), Page(limit=ENTRIES, descending=True)
    )
    feed = FeedGenerator()
    feed.id(site.changes())
    feed.title("accordline: changes to the record")
    feed.subtitle("Records added to accordline's record of diplomatic normalization, and updates.")
    feed.author({"name": "accordline"})
    feed.link(href=site.feed(), rel="self", type="application/atom+xml")
    feed.link(href=site.changes(), rel="alternate", type="text/html")
    feed.language("en")
    feed.updated(_moment(db.meta["record_updated"]))
    for row in rows[:ENTRIES]:
        entry = feed.add_entry(order="append")
        # Stable across rebuilds: the change itself, not where it sits in the list.
        entry.id(f"{site.changes()}#{row['day']}/{row['action']}/{row['record_type']}/{row['ref']}")
        entry.title(f"{row['action'].capitalize()}: {row['title']}")
        entry.link(href=site.absolute(row["path"]), rel="alternate", type="text/html")
        entry.updated(_moment(row["day"]))
        entry.summary(row["note"] or f"{row['title']} was added to the record.")
        entry.category(term=row["record_type"])
    body = feed.atom_str(pretty=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8", headers=headers)
