"""TimelineJS JSON (https://timeline.knightlab.com/docs/json-format.html), for newsrooms.

A slide per event. Its ``start_date`` gives only what is known: a year-precise event has
a year and nothing else, a month-precise one a year and a month. A date known only as a
bound ("by 14 Sep 2021") says so in ``display_date``. Everything from the record is
HTML-escaped (the format takes HTML in ``text``), sources become escaped links, and the
title slide carries the record's version and date. ``group`` is the event's kind.
"""

from __future__ import annotations

import html

import orjson

from server.files.exports.rows import RowContext
from server.model.typed_dates import human_date
from server.urls import Urls

MEDIA_TYPE = "application/json"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _link(url: str, text: str) -> str:
    return f'<a href="{_escape(url)}">{_escape(text)}</a>'


def start_date(date: dict) -> dict:
    """A TimelineJS date object with only the parts the record knows."""
    found: dict = {"year": date["year"]}
    if date["month"] is not None:
        found["month"] = date["month"]
    if date["day"] is not None:
        found["day"] = date["day"]
    if date["qualifier"] == "BY":
        found["display_date"] = human_date(f"by {date['iso']}")
    return found


def _precision_note(date: dict) -> str:
    if date["qualifier"] == "BY":
        return "Known only to have happened by this date."
    return {"MONTH": "Date known to the month.", "YEAR": "Date known to the year."}.get(
        date["precision"], ""
    )


def slide(event: dict, site: Urls) -> dict:
    parts = [f"<p>{_escape(event['summary'])}</p>"]
    if event["caveat"]:
        parts.append(f"<p><em>{_escape(event['caveat'])}</em></p>")
    if event["sources"]:
        links = ", ".join(
            _link(s["url"], f"{s['publisher']}: {s['title']}") for s in event["sources"]
        )
        parts.append(f"<p>Sources: {links}</p>")
    note = _precision_note(event["date"])
    permalink = _link(site.event(event["slug"]), "On accordline")
    parts.append(f"<p>{permalink}{' · ' + _escape(note) if note else ''}</p>")
    return {
        "unique_id": event["slug"],
        "start_date": start_date(event["date"]),
        "text": {"headline": _escape(event["title"]), "text": "".join(parts)},
        "group": event["kind"].replace("_", " ").capitalize(),
    }


def render(context: RowContext) -> bytes:
    export = context.export
    record = export.record
    about = (
        f"Events from accordline, a sourced record of diplomatic normalization. Record "
        f"version {record['contentVersion']}, updated {human_date(record['updated'])}, news read "
        f"through {human_date(record['readThrough'])}."
    )
    timeline = {
        "title": {
            "text": {
                "headline": "accordline timeline",
                "text": f"<p>{_escape(about)}</p><p>{_link(context.page, 'The list on accordline')}</p>",
            }
        },
        "events": [slide(event, context.urls) for event in export.nodes],
    }
    return orjson.dumps(timeline, option=orjson.OPT_INDENT_2)
