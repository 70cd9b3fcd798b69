"""The one reader of a list's query string: parameters → the API's variables and problems.

Every list page (``/timeline``, ``/agreements/<slug>?asOf=``, ``/map``, ``/countries``,
``/agreements``) and every export (``/export/…``) reads its address here: the pages through
the API's ``listQuery`` field (api/schema/list_query.py), the exports directly. A parse
gives the variables of the API's own filters (EventFilter, an agreement's participants on
a day, RelationFilter, CountryFilter), the problems by parameter, each a sentence for a
reader shown beside its field (a page) or after the parameter's name (an export's 400),
and the query string as the list applies it, the address to link to.

What the API cannot see is checked here: a parameter the list does not take (a typo such
as ``contries`` must not silently export everything), one given twice, a country given by
name (resolved as the API resolves it: server/model/countries.py), an unknown kind, state,
group or order, a date that does not exist, "to" before "from". A parameter with a problem
is left out of the variables (a repeated one keeps its first value), so a page can show
what still applies; an export refuses the first problem. Anything the API refuses later
is mapped back to its parameter by the error's ``extensions.argument`` (``parameter_for``).
"""

from __future__ import annotations

from dataclasses import replace

from server.api.list_reading import (
    FilterError,
    Known,
    ListFilter,
    Parse,
    Problem,
    Reading,
    short,
)
from server.api.vocabulary import EventKind, RelationState
from server.model.countries import LANGUAGES

__all__ = ["LISTS", "MAP_VIEWS", "FilterError", "Known", "ListFilter", "Parse", "Problem"]


def _timeline(r: Reading) -> dict:
    event_filter: dict = {}
    codes = [r.country("countries", text) for text in r.entries("countries")]
    if codes := [code for code in codes if code]:
        event_filter["countries"] = list(dict.fromkeys(codes))  # KZ and Kazakhstan: one
    if (match := r.one("match")) is not None and (
        match := r.choice("match", match, ("ALL", "ANY"), "a way to match the countries")
    ):
        event_filter["countriesMatch"] = match
    if (subregion := r.subregion("subregion")) is not None:
        event_filter["subregion"] = subregion
    if (agreement := r.slug("agreement")) is not None:
        event_filter["agreement"] = agreement
    kinds = [
        r.choice("kind", k, EventKind.__members__, "a kind of event") for k in r.entries("kind")
    ]
    if kinds := [kind for kind in kinds if kind]:
        event_filter["kinds"] = list(dict.fromkeys(kinds))
    start, end = r.date("from"), r.date("to")
    if start is not None and end is not None and start.start > end.end:
        r.refuse("to", r.one("to"), "“To” is before “From”, so no event could match: swap them?")
        end = None
    for name, value in (("from", start), ("to", end)):
        if value is not None:
            event_filter[name] = value.iso
    if (search := r.one("q")) is not None:
        event_filter["search"] = search
    order = r.choice("order", r.one("order") or "asc", ("ASC", "DESC"), "an order")
    return {"filter": event_filter, "order": order or "ASC"}


def _timeline_query(variables: dict) -> list:
    wanted = variables["filter"]
    pairs = [("q", wanted.get("search")), ("countries", ",".join(wanted.get("countries", [])))]
    # "All of" is the default: the address says "any" only (and only with countries).
    match = wanted.get("countriesMatch")
    pairs += [("match", "any" if match == "ANY" and "countries" in wanted else None)]
    pairs += [("subregion", wanted.get("subregion")), ("agreement", wanted.get("agreement"))]
    pairs += [("kind", kind) for kind in wanted.get("kinds", [])]
    pairs += [("from", wanted.get("from")), ("to", wanted.get("to"))]
    return pairs + [("order", "desc" if variables["order"] == "DESC" else None)]


# The orders an agreement's members are shown in (the page sorts its table and chart):
# by the day each joined (its first status), by name, or by where each stands now.
MEMBER_ORDERS = ("date", "name", "status")


def _members(r: Reading) -> dict:
    variables = {"slug": r.slug("agreement"), "asOf": r.day("asOf")}
    text = r.one("sort")
    if text is not None and text.strip().lower() in MEMBER_ORDERS:
        variables["sort"] = text.strip().lower()
    elif text is not None:
        r.refuse("sort", text, f"“{short(text)}” is not an order (one of: date, name, status).")
    return variables


def _members_query(variables: dict) -> list:
    sort = variables.get("sort", "date")  # joining order is the default
    pairs = [("agreement", variables["slug"]), ("asOf", variables["asOf"])]
    return pairs + [("sort", None if sort == "date" else sort)]


def _relations(r: Reading) -> dict:
    relation_filter: dict = {}
    if (text := r.one("country")) is not None and (code := r.country("country", text)):
        relation_filter["country"] = code
    if (group := r.group("group")) is not None:
        relation_filter["group"] = group
    if (subregion := r.subregion("subregion")) is not None:
        relation_filter["subregion"] = subregion
    states = [
        r.choice("states", s, RelationState.__members__, "a relation state")
        for s in r.entries("states")
    ]
    if states := [state for state in states if state]:
        relation_filter["states"] = list(dict.fromkeys(states))
    if (as_of := r.day("asOf")) is not None:
        relation_filter["asOf"] = as_of
    return {"filter": relation_filter}


def _relations_query(variables: dict) -> list:
    wanted = variables["filter"]
    pairs = [(name, wanted.get(name)) for name in ("country", "group", "subregion", "asOf")]
    return pairs + [("states", ",".join(wanted.get("states", [])))]


# The map's regional views (web/map-views.js draws each; tests/web/test_web_map_publish.py
# checks the two lists agree). WORLD is the default and stays out of the address.
MAP_VIEWS = ("WORLD", "MENA", "GULF", "CENTRAL_ASIA", "AFRICA", "EUROPE", "AMERICAS")


def _map(r: Reading) -> dict:
    """A country's relations (as RELATIONS), a second day to compare with and a view."""
    variables = _relations(r)
    if (compare := r.day("compare")) is not None:
        variables["compare"] = compare
    text = r.one("view")
    if text is not None and (view := r.choice("view", text, MAP_VIEWS, "a view of the map")):
        variables["view"] = view
    return variables


def _map_query(variables: dict) -> list:
    view = variables.get("view", "WORLD")
    pairs = [("compare", variables.get("compare"))]
    return (
        _relations_query(variables) + pairs + [("view", None if view == "WORLD" else view.lower())]
    )


def _sorted_by(columns: tuple[str, ...], default: str):
    """An index page's sort, ?sort=<column>&dir=asc|desc (its table sorts in the browser):
    how to read it, and how to write it back (left out when it is the default)."""

    def build(r: Reading) -> dict:
        key = r.one("sort")
        if key is not None and key not in columns:
            r.refuse("sort", key, f"“{short(key)}” is not a column (one of: {', '.join(columns)}).")
            key = None
        direction = r.one("dir")
        if direction is not None:
            direction = r.choice("dir", direction, ("ASC", "DESC"), "a direction")
        return {"sort": key or default, "dir": (direction or "ASC").lower()}

    def canonical(variables: dict) -> list:
        if variables["sort"] == default and variables["dir"] == "asc":
            return []
        return [("sort", variables["sort"]), ("dir", variables["dir"])]

    return build, canonical


_agreements_sort, _agreements_query = _sorted_by(("name", "kind", "date", "members"), "date")
_countries_sort, _sort_query = _sorted_by(("name", "code", "region", "groups", "relation"), "name")


def _countries(r: Reading) -> dict:
    wanted = {"search": r.one("q"), "region": r.one("region"), "group": r.group("group")}
    wanted["subregion"] = r.subregion("subregion")
    # The language the page shows the names in (Country.names), English unless asked.
    lang = r.one("lang")
    if lang is not None:
        lang = r.choice("lang", lang, [code.upper() for code in LANGUAGES], "a language")
    return {
        "filter": {k: v for k, v in wanted.items() if v is not None},
        **_countries_sort(r),
        "lang": (lang or "en").lower(),
    }


def _countries_query(variables: dict) -> list:
    wanted = variables["filter"]
    pairs = [("q", wanted.get("search")), ("region", wanted.get("region"))]
    pairs += [("subregion", wanted.get("subregion"))]
    lang = [("lang", variables["lang"] if variables["lang"] != "en" else None)]
    return pairs + [("group", wanted.get("group"))] + lang + _sort_query(variables)


TIMELINE = ListFilter(
    parameters=("q", "countries", "match", "subregion", "agreement", "kind", "from", "to", "order"),
    build=_timeline,
    canonical=_timeline_query,
    repeatable=frozenset({"kind", "countries"}),
    arguments={
        "filter.countries": "countries",
        "filter.agreement": "agreement",
        "filter.from": "from",
        "filter.to": "to",
        "filter.search": "q",
        "filter.subregion": "subregion",
    },
)
MEMBERS = ListFilter(
    parameters=("agreement", "asOf", "sort"),
    build=_members,
    canonical=_members_query,
    required=("agreement",),
    arguments={"slug": "agreement", "asOf": "asOf"},
)
RELATIONS = ListFilter(
    parameters=("country", "group", "subregion", "asOf", "states"),
    build=_relations,
    canonical=_relations_query,
    repeatable=frozenset({"states"}),
    required=("country",),
    arguments={
        "filter.country": "country",
        "filter.group": "group",
        "filter.subregion": "subregion",
        "filter.asOf": "asOf",
    },
)
LISTS: dict[str, ListFilter] = {
    "timeline": TIMELINE,
    "members": MEMBERS,
    "candidates": MEMBERS,  # who may be next: an agreement's candidates, as of a day
    "relations": RELATIONS,
    # The map is a country's relations; with no country given, Israel's.
    "map": replace(
        RELATIONS,
        parameters=(*RELATIONS.parameters, "compare", "view"),
        build=_map,
        canonical=_map_query,
        defaults={"country": "IL"},
    ),
    "countries": ListFilter(
        parameters=("q", "region", "subregion", "group", "lang", "sort", "dir"),
        build=_countries,
        canonical=_countries_query,
    ),
    "agreements": ListFilter(
        parameters=("sort", "dir"), build=_agreements_sort, canonical=_agreements_query
    ),
}
