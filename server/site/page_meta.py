"""Each page's title, description and Open Graph/Twitter card tags, read from the record.

The web UI is one script-built page, but a shared link is previewed by crawlers that run
no script: the server therefore writes each page's metadata into index.html itself, and
answers a path that names no record (an unknown country, agreement, event or relation,
or no page at all) with 404 and the same page, whose script then says what was not found.

One thing has one address: a country named by a code in another case, its alpha-3 code or
its name (/countries/kazakhstan), and a relation with its countries in the other order
(/relations/IL/MR), are a ``Redirect`` (301) to the page's own address (/countries/KZ,
/relations/MR/IL: ``urls.relation_order``). A date in the address is read by the one parser
of typed dates: one the reader wrote another way ("6 Nov 2025") redirects to its ISO form,
and one that cannot be a date answers 400, the page saying what is wrong.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from server import urls
from server.api.execution.loaders import relation_from_row
from server.model.dates import InvalidDate
from server.model.typed_dates import NotADate, human_date, typed_date
from server.model.vocabulary import RelationState
from server.store import queries
from server.store.db import Database

SITE = "accordline"
DEFAULT_DESCRIPTION = (
    "A sourced record of diplomatic normalization: countries, agreements, relation "
    "histories and a dated, cited timeline."
)
_MARKED = re.compile(r"  <!-- page metadata:.*?<!-- end of page metadata -->\n", re.S)

# The pages that show no one record, by their route's name (server/urls.py).
STATIC = {
    "home": ("accordline", DEFAULT_DESCRIPTION),
    "timeline": (
        "Timeline",
        "Every dated, cited event on record, filterable by country, agreement, kind and date.",
    ),
    "countries": ("Countries", "Every country on record: memberships and relations with Israel."),
    "agreements": ("Agreements", "Every agreement on record, with its parties and their status."),
    "about": (
        "About the record",
        "What the record covers, how dates, statuses and states work, and how sources and "
        "confidence are judged.",
    ),
    "changes": ("Changes", "What changed in the record, newest first."),
}
# The states a map can show, in the model's words ("full relations, liaison office only, …").
_SHOWN = [state.word for state in RelationState if state is not RelationState.UNKNOWN]
MAP_STATES = ", ".join(_SHOWN[:-1]) + " or " + _SHOWN[-1]
# The date parameters each page reads from its address (as server/api/list_filters.py
# reads the same lists), and whether the date must be a day.
DATES: dict[str, dict[str, bool]] = {
    "map": {"asOf": True},
    "agreement": {"asOf": True},
    "candidates": {"asOf": True},
    "count": {"asOf": True},
    "timeline": {"from": False, "to": False},
}


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    kind: str = "website"  # og:type
    status: int = 200  # 400: the address asks for a date that cannot be one


@dataclass(frozen=True)
class Redirect:
    """The page's own address, when the one asked for names it another way (a 301):
    ``path`` as ``paths`` writes it, and ``query``, the query string to keep (None: the
    one asked for, as it was)."""

    path: str
    query: str | None = None


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


async def page_meta(
    db: Database, path: str, query: Mapping[str, str] | None = None
) -> PageMeta | Redirect | None:
    """The metadata of the UI page at ``path`` (decoded, with or without its leading
    "/"), a Redirect to its own address, or None: no such page. ``query`` is the
    address's query string, read by pages whose title names what it chooses (the map's
    country and day) and by those that take a date."""
    path = "/" + path.lstrip("/")
    found = urls.match(path)
    if found is None:
        return None
    route, parameters = found
    kind = route.name
    own = _own_path(db, kind, parameters)
    if own is None:
        return None  # names no country: the page says so
    dates = _dates(kind, query) if query and kind in DATES else None
    if isinstance(dates, PageMeta):
        return dates  # a date that cannot be one: 400
    if (own != path and own is not True) or dates is not None:
        return Redirect(path if own is True else own, dates)
    if kind == "map":
        return await _map_meta(db, query or {})
    if kind in STATIC:
        title, description = STATIC[kind]
        return PageMeta(title, description)
    key = parameters[0]
    if kind == "country":
        code = db.country_for(key)
        row = db.country_row(code) if code else None
        if row is None:
            return None
        where = ", ".join(filter(None, (row["subregion"], row["region"])))
        return PageMeta(
            row["name"],
            f"{row['name']}{f' ({where})' if where else ''}: its agreements, statuses, "
            "relations and timeline, with sources.",
        )
    if kind == "agreement":
        rows = await queries.agreements_by_slug(db, [key])
        if not rows:
            return None
        return PageMeta(rows[0]["name"], _short(rows[0]["summary"]), "article")
    if kind == "candidates":
        rows = await queries.agreements_by_slug(db, [key])
        if not rows:
            return None
        name = rows[0]["name"]
        return PageMeta(
            f"Who is next: {name}",
            f"The countries reported or saying they may join the {name}, the latest news "
            "first: each status dated, cited, and on whose word it rests.",
        )
    if kind == "event":
        rows = await queries.events_by_slug(db, [key])
        if not rows:
            return None
        row = rows[0]
        return PageMeta(
            f"{row['title']} — {human_date(row['date'])}", _short(row["summary"]), "article"
        )
    if kind == "relation":
        return await _relation_meta(db, *parameters)
    if kind == "count":
        code = db.country_for(key)
        if code is None:
            return None
        name = db.country_row(code)["name"]
        return PageMeta(
            f"How many states had relations with {name}",
            f"The count of record: how many states had diplomatic relations with {name} on "
            "any day since 1948, the states behind the number, and the counts others "
            "have published beside it.",
        )
    return None


async def _map_meta(db: Database, query: Mapping[str, str]) -> PageMeta:
    """The map titled by its choices, e.g. "Relations with Israel on 1 Jan 2010". A choice
    that names nothing leaves the generic title: the page itself says what is wrong."""
    key = (query.get("country") or "").strip()
    code = db.country_for(key)
    if code is None:
        return PageMeta(
            "Map of relations",
            "A world map of every country's diplomatic relations with a chosen country on a "
            "chosen day, each state dated and cited.",
        )
    name = db.country_row(code)["name"]
    group_key = (query.get("group") or "").strip().upper()
    group = next((row["name"] for row in await db.groups() if row["code"] == group_key), None)
    day = _day_words(query.get("asOf") or "")
    title = f"Relations with {name}" + (f" on {day}" if day else "")
    whose = f"the members of the {group}" if group else "every country"
    when = f"on {day}" if day else "today"
    return PageMeta(
        title,
        f"A world map of the diplomatic relations of {whose} with {name} {when}, each "
        f"state dated and cited: {MAP_STATES}.",
    )


def _own_path(db: Database, kind: str, parameters: tuple[str, ...]) -> str | bool | None:
    """The address of a page naming countries, written as ``paths`` writes it (codes in
    capitals, a relation's in its order); None when a key names no country; True for any
    other page (its address is its own)."""
    if kind not in ("country", "count", "relation"):
        return True
    codes = [db.country_for(key) for key in parameters]
    if None in codes:
        return None
    if kind == "relation":
        return urls.paths.relation(*codes) if codes[0] != codes[1] else None
    return urls.paths.page(kind, code=codes[0])


def _dates(kind: str, query: Mapping[str, str]) -> PageMeta | str | None:
    """The page's date parameters read by the one parser of typed dates: a 400 page for
    one that cannot be a date, the query string with each in its ISO form when one was
    written another way ("6 Nov 2025" → "2025-11-06"), None when all are ISO already."""
    pairs = list(query.multi_items()) if hasattr(query, "multi_items") else list(query.items())
    rewritten = []
    for name, value in pairs:
        day_only = DATES[kind].get(name)
        if day_only is not None and value.strip():
            try:
                value = typed_date(value, day_only=day_only).iso
            except NotADate as error:
                shown = " ".join(value.split())[:60]
                return replace(
                    BAD_DATE,
                    description=f"The address asks for the date “{shown}” ({name}). {error}",
                )
        rewritten.append((name, value))
    if rewritten == pairs:
        return None
    return urls.query_string(rewritten).removeprefix("?")


def _day_words(text: str) -> str | None:
    """A YYYY-MM-DD day as the pages write it ("1 Jan 2010"), or None for anything else."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return human_date(text.strip())
    except InvalidDate:
        return None


async def _relation_meta(db: Database, first: str, second: str) -> PageMeta | None:
    codes = []
    for key in (first, second):
        code = db.country_for(key)
        if code is None:
            return None
        codes.append(code)
    if codes[0] == codes[1]:
        return None
    names = [db.country_row(code)["name"] for code in codes]
    rows = await queries.relation_between(db, *codes)
    title = f"{names[0]} and {names[1]}"
    if not rows:
        return PageMeta(title, f"{title}: no relation on record.")
    # The state the relation page shows: the API's Relation, by the model's rule.
    state = relation_from_row(rows[0], (codes[0], codes[1])).state()
    established = rows[0]["established"]
    since = f" (first established {human_date(established)})" if established else ""
    return PageMeta(
        title,
        f"{title} — relations today: {state.word}{since}. Every step dated and cited.",
        "article",
    )


def render(
    page: str, meta: PageMeta, url: str, *, canonical: str | None = None, noindex: bool = False
) -> str:
    """``page`` (index.html or embed.html) with ``meta`` written between its page-metadata
    comments. An embed names its full page as ``canonical`` and asks not to be indexed, so
    search engines list the page, not its framed copy."""
    title = meta.title if meta.title == SITE else f"{meta.title} · {SITE}"
    values = {
        "title": title,
        "description": meta.description,
        "url": url,
        "kind": meta.kind,
        "canonical": canonical or url,
    }
    e = {name: html.escape(value, quote=True) for name, value in values.items()}
    tags = (
        f"  <title>{e['title']}</title>\n"
        f'  <meta name="description" content="{e["description"]}">\n'
        f'  <meta property="og:site_name" content="{SITE}">\n'
        f'  <meta property="og:type" content="{e["kind"]}">\n'
        f'  <meta property="og:title" content="{e["title"]}">\n'
        f'  <meta property="og:description" content="{e["description"]}">\n'
        f'  <meta property="og:url" content="{e["url"]}">\n'
        '  <meta name="twitter:card" content="summary">\n'
        f'  <meta name="twitter:title" content="{e["title"]}">\n'
        f'  <meta name="twitter:description" content="{e["description"]}">\n'
        + ('  <meta name="robots" content="noindex">\n' if noindex else "")
        + f'  <link rel="canonical" href="{e["canonical"]}">\n'
        '  <link rel="alternate" type="application/atom+xml" title="accordline changes"'
        f' href="{urls.FEED}">\n'
    )
    rendered, count = _MARKED.subn(lambda _: tags, page, count=1)
    if count != 1:
        raise RuntimeError("the page shell lost its page-metadata comments")
    return rendered


NOT_FOUND = PageMeta("Not found", "Nothing in the record is published at this address.")
BAD_DATE = PageMeta(
    "That date doesn't work", "The address asks for a date that cannot be one.", status=400
)
