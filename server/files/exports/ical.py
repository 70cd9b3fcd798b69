"""iCalendar (RFC 5545, written with the icalendar library): a VEVENT per event.

Precision policy: nothing is dated more precisely than the record knows it.
- Day precision: an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day).
- Month precision: an all-day event spanning the whole month; year precision: one
  spanning the whole year. The SUMMARY ends with the date as known ("(Aug 1992)",
  "(1950)") and the DESCRIPTION opens with "Date known to the month/year", so a span is
  never read as a duration. They are TRANSP:TRANSPARENT: they do not mark anyone busy.
- A date known only as a bound ("by 14 Sep 2021"): an all-day event on that day (or
  span, at its precision), the SUMMARY saying "(by 14 Sep 2021)".
Every event is kept, so the calendar holds as many events as the CSV has rows.

``UID`` is the event's slug at accordline (stable across builds); ``DTSTAMP`` is when the
served store was built, never "now", so the same record gives the same file. The
calendar carries the record's version and date as X-ACCORDLINE-VERSION and
X-ACCORDLINE-UPDATED. The library TEXT-escapes (``\\`` ``,`` ``;`` newline) only the
properties it knows; an X- property is written as given unless it is a ``vText``, so every
X- property here is one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vText

from server.files.exports.rows import RowContext
from server.model.typed_dates import human_date
from server.urls import Urls

MEDIA_TYPE = "text/calendar; charset=utf-8"
X_PRECISION = "X-ACCORDLINE-DATE-PRECISION"


def _span(when: dict) -> tuple[date, date]:
    """The first day the date can mean, and the day after the last (DTEND is exclusive)."""
    year, month, day = when["year"], when["month"], when["day"]
    if day is not None:
        start = date(year, month, day)
        return start, start + timedelta(days=1)
    if month is not None:
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


def _shown(when: dict) -> str:
    return human_date(f"by {when['iso']}" if when["qualifier"] == "BY" else when["iso"])


def _description(event: dict, permalink: str) -> str:
    when = event["date"]
    lines = []
    if when["qualifier"] == "BY":
        lines.append(f"Known only to have happened by {_shown(when)[3:]}.")
    elif when["precision"] != "DAY":
        lines.append(f"Date known to the {when['precision'].lower()}: {_shown(when)}.")
    lines.append(event["summary"])
    if event["caveat"]:
        lines.append(f"Caveat: {event['caveat']}")
    if event["sources"]:
        lines.append("Sources:")
        lines += [f"- {s['publisher']}: {s['title']} <{s['url']}>" for s in event["sources"]]
    lines.append(f"On accordline: {permalink}")
    return "\n".join(lines)


def vevent(event: dict, site: Urls, stamp: datetime) -> Event:
    when = event["date"]
    start, end = _span(when)
    permalink = site.event(event["slug"])
    item = Event()
    item.add("uid", f"{event['slug']}@accordline")
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("dtend", end)
    exact = when["precision"] == "DAY" and when["qualifier"] != "BY"
    item.add("summary", event["title"] if exact else f"{event['title']} ({_shown(when)})")
    item.add("description", _description(event, permalink))
    item.add("url", permalink)
    item.add("categories", [event["kind"]])
    item.add("transp", "TRANSPARENT")
    item.add(
        "last-modified",
        datetime.combine(date.fromisoformat(event["updated"]), datetime.min.time(), UTC),
    )
    item.add(X_PRECISION, vText(f"{when['precision']} {when['qualifier']}"))
    return item


def render(context: RowContext) -> bytes:
    export = context.export
    record = export.record
    stamp = datetime.fromisoformat(record["builtAt"].replace("Z", "+00:00")).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//accordline//timeline export//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText("accordline timeline"))
    calendar.add(
        "x-wr-caldesc",
        vText(
            f"Events from accordline ({context.page}). Record version "
            f"{record['contentVersion']}, updated {record['updated']}, news read through "
            f"{record['readThrough']}. Month- and year-precise "
            "events span their month or year; the summary says so."
        ),
    )
    calendar.add("x-accordline-version", vText(record["contentVersion"]))
    calendar.add("x-accordline-updated", vText(record["updated"]))
    calendar.add("x-accordline-read-through", vText(record["readThrough"]))
    for event in export.nodes:
        calendar.add_component(vevent(event, context.urls, stamp))
    return calendar.to_ical()
