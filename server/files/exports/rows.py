"""Flat rows for the tabular formats: one row per API node, its columns declared once.

Every row carries the record's version and date (so any CSV reader sees them, and the
row count is the list's count), its date with precision and qualifier and as the site
prints it ("Aug 1992", "by 13 Oct 2023": the model's rule, server/model/typed_dates.py),
its sources (URLs, titles, publishers and publication dates separated by " ; ") and a
permalink on the site.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from server.api.context import Context
from server.files.exports.lists import ListExport
from server.model.typed_dates import human_date
from server.urls import Urls

SEPARATOR = " ; "


@dataclass(frozen=True)
class RowContext:
    site: str  # the site's address, for permalinks
    page: str  # the address of the page the list is shown on (with its filter)
    export: ListExport

    @cached_property
    def urls(self) -> Urls:
        """Addresses on the site, for permalinks."""
        return Urls(self.site)

    @property
    def as_of(self) -> str:
        """The day a dated list was read on: the one asked for, else today (as the API)."""
        variables = self.export.variables
        asked = variables.get("asOf") or (variables.get("filter") or {}).get("asOf")
        return asked or Context.today().isoformat()


Column = tuple[str, Callable[[dict, RowContext], object]]


@functools.lru_cache(maxsize=4096)
def _printed(iso: str, qualifier: str) -> str:
    return human_date(f"by {iso}" if qualifier == "BY" else iso)


def printed(when: dict | None) -> str:
    """An API date as the site prints it: "14 Sep 2021", "Aug 1992", "2021", "by 13 Oct
    2023"; "" for none."""
    return _printed(when["iso"], when["qualifier"]) if when else ""


def _date(key: str) -> list[Column]:
    """date, printed, precision and qualifier (BY for a date known only as a bound, else
    empty)."""
    prefix = "" if key in ("date", "statusDate", "stateSince") else f"{_snake(key)}_"
    return [
        (f"{prefix}date", lambda node, _: (node[key] or {}).get("iso", "")),
        (f"{prefix}date_printed", lambda node, _: printed(node[key])),
        (f"{prefix}precision", lambda node, _: (node[key] or {}).get("precision", "")),
        (
            f"{prefix}qualifier",
            lambda node, _: "BY" if (node[key] or {}).get("qualifier") == "BY" else "",
        ),
    ]


def _sources(get: Callable[[dict], list]) -> list[Column]:
    return [
        ("sources", lambda node, _: SEPARATOR.join(s["url"] for s in get(node))),
        ("source_titles", lambda node, _: SEPARATOR.join(s["title"] for s in get(node))),
        ("source_publishers", lambda node, _: SEPARATOR.join(s["publisher"] for s in get(node))),
        (
            "source_published",
            lambda node, _: SEPARATOR.join(
                (s["published"] or {}).get("iso", "") for s in get(node)
            ),
        ),
        (
            "source_published_printed",
            lambda node, _: SEPARATOR.join(printed(s["published"]) for s in get(node)),
        ),
    ]


def _snake(name: str) -> str:
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name)


def _own_sources(node: dict) -> list:
    return node["sources"]


RECORD: list[Column] = [
    ("record_version", lambda _, ctx: ctx.export.record["contentVersion"]),
    ("record_updated", lambda _, ctx: ctx.export.record["updated"]),
    ("news_read_through", lambda _, ctx: ctx.export.record["readThrough"]),
]

EVENT_COLUMNS: list[Column] = [
    *RECORD,
    *_date("date"),
    ("kind", lambda e, _: e["kind"]),
    ("title", lambda e, _: e["title"]),
    ("summary", lambda e, _: e["summary"]),
    ("caveat", lambda e, _: e["caveat"] or ""),
    ("countries", lambda e, _: SEPARATOR.join(c["name"] for c in e["countries"])),
    ("country_codes", lambda e, _: SEPARATOR.join(c["code"] for c in e["countries"])),
    ("agreements", lambda e, _: SEPARATOR.join(a["slug"] for a in e["agreements"])),
    ("confidence", lambda e, _: e["confidence"]),
    ("permalink", lambda e, ctx: ctx.urls.event(e["slug"])),
    *_sources(_own_sources),
    ("slug", lambda e, _: e["slug"]),
    ("added", lambda e, _: e["added"]),
    ("updated", lambda e, _: e["updated"]),
]

MEMBER_COLUMNS: list[Column] = [
    *RECORD,
    ("agreement", lambda _, ctx: ctx.export.owner["slug"]),
    ("agreement_name", lambda _, ctx: ctx.export.owner["name"]),
    ("as_of", lambda _, ctx: ctx.export.variables.get("asOf") or ""),
    ("country_code", lambda m, _: m["country"]["code"]),
    ("country", lambda m, _: m["country"]["name"]),
    ("role", lambda m, _: m["role"]),
    ("status", lambda m, _: m["status"]),
    *_date("statusDate"),
    *_date("since"),
    ("note", lambda m, _: m["note"] or ""),
    ("confidence", lambda m, _: m["confidence"]),
    ("stated_by", lambda m, _: _stated_by((m["statusHistory"] or [None])[-1])),
    ("acknowledged", lambda m, _: _acknowledged((m["statusHistory"] or [None])[-1])),
    ("permalink", lambda m, ctx: ctx.urls.country(m["country"]["code"])),
    *_sources(_own_sources),
]


def _stated_by(step: dict | None) -> str:
    """Who stated a step, in words: the governments' names, then "press (unnamed
    officials)" where the press reported it."""
    if not step:
        return ""
    said = step["attribution"]
    names = [c["name"] for c in said["statedBy"]] + (
        ["press (unnamed officials)"] if said["press"] else []
    )
    return SEPARATOR.join(names)


def _acknowledged(step: dict | None) -> str:
    return ((step or {}).get("attribution") or {}).get("acknowledged") or ""


def _represented_since(relation: dict, part: str) -> str:
    """The date of the representation step that left the level so, as _date writes one."""
    when = (relation["representationStep"] or {}).get("date") or {}
    if part == "date":
        return when.get("iso", "")
    if part == "date_printed":
        return printed(when)
    if part == "precision":
        return when.get("precision", "")
    return "BY" if when.get("qualifier") == "BY" else ""


def _relation_sources(relation: dict) -> list:
    """The sources the row's state rests on: its step's, or the "none ever" statement's."""
    if relation["stateStep"] is not None:
        return relation["stateStep"]["sources"]
    return relation["sources"] if relation["state"] == "NONE_EVER" else []


def _step(relation: dict, key: str) -> str:
    return (relation["stateStep"] or {}).get(key) or ""


RELATION_COLUMNS: list[Column] = [
    *RECORD,
    ("as_of", lambda _, ctx: ctx.as_of),
    ("country_code", lambda r, _: r["countries"][0]["code"]),
    ("country", lambda r, _: r["countries"][0]["name"]),
    ("other_code", lambda r, _: r["countries"][1]["code"]),
    ("other", lambda r, _: r["countries"][1]["name"]),
    ("state", lambda r, _: r["state"]),
    *_date("stateSince"),
    ("step", lambda r, _: _step(r, "kind")),
    ("note", lambda r, _: _step(r, "note") or (r["noneKnown"] or "")),
    ("caveat", lambda r, _: _step(r, "caveat")),
    *_date("established"),
    ("confidence", lambda r, _: _step(r, "confidence") or (r["noneKnownConfidence"] or "")),
    ("stated_by", lambda r, _: _stated_by(r["stateStep"])),
    ("acknowledged", lambda r, _: _acknowledged(r["stateStep"])),
    ("representation", lambda r, _: r["representation"]),
    *(
        (f"representation_since_{name}", lambda r, _, name=name: _represented_since(r, name))
        for name in ("date", "date_printed", "precision", "qualifier")
    ),
    ("representation_step", lambda r, _: (r["representationStep"] or {}).get("kind") or ""),
    ("representation_note", lambda r, _: (r["representationStep"] or {}).get("note") or ""),
    (
        "permalink",
        lambda r, ctx: ctx.urls.relation(r["countries"][0]["code"], r["countries"][1]["code"]),
    ),
    *_sources(_relation_sources),
]

COLUMNS: dict[str, list[Column]] = {
    "timeline": EVENT_COLUMNS,
    "members": MEMBER_COLUMNS,
    "candidates": MEMBER_COLUMNS,
    "relations": RELATION_COLUMNS,
}


# The sources each list's row rests on (the sources columns; the .xlsx's Sources sheet).
SOURCES_OF: dict[str, Callable[[dict], list]] = {
    "timeline": _own_sources,
    "members": _own_sources,
    "candidates": _own_sources,
    "relations": _relation_sources,
}


def header(list_name: str) -> list[str]:
    return [name for name, _ in COLUMNS[list_name]]


def rows(context: RowContext) -> list[list[object]]:
    columns = COLUMNS[context.export.spec.name]
    return [[value(node, context) for _, value in columns] for node in context.export.nodes]
