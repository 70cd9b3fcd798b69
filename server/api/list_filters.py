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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from server.api.vocabulary import SLUG, EventKind, RelationState
from server.model.countries import LANGUAGES, CountryIndex
from server.model.dates import PartialDate
from server.model.typed_dates import NotADate, typed_date

# Bounds on what one address may ask: no page needs more, and an export must not turn a
# long URL into a long request (the API itself refuses a body over 100 KB).
MAX_VALUE_CHARS = 500
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Problem:
    """A parameter that cannot be used: its name, the value given (None when it is
    missing) and a sentence saying what is wrong, for a reader, beside the field."""

    parameter: str
    value: str | None
    message: str

    @property
    def sentence(self) -> str:
        """The problem on its own, naming the parameter (an export's 400)."""
        return f'The "{_short(self.parameter)}" parameter: {self.message}'


class FilterError(ValueError):
    """A query parameter that cannot be used; ``parameter`` names it."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass(frozen=True)
class Known:
    """What a parse looks names up in: the countries and (when known) the groups."""

    countries: CountryIndex
    groups: Mapping[str, str] | None = None  # code → name; None: the API checks them

    @classmethod
    async def of(cls, db) -> Known:
        groups = {row["code"]: row["name"] for row in await db.groups()}
        return cls(db.country_names, groups)


@dataclass(frozen=True)
class Parse:
    variables: dict
    problems: tuple[Problem, ...]
    query: str  # the query string as the list applies it: problems left out, codes for names
    countries: tuple[str, ...]  # the alpha-2 codes the query names, in its order


class _Reading:
    """One query string being read: its values by name, and the problems found so far."""

    def __init__(self, values: dict[str, list[str]], known: Known):
        self.values = values
        self.known = known
        self.problems: list[Problem] = []
        self.countries: list[str] = []

    def refuse(self, name: str, value: str | None, message: str) -> None:
        self.problems.append(Problem(name, value, message))

    def one(self, name: str) -> str | None:
        return self.values[name][0] if name in self.values else None

    def entries(self, name: str) -> list[str]:
        """A parameter that may repeat and may hold comma-separated entries (each once)."""
        given = self.values.get(name, [])
        entries = list(dict.fromkeys(part.strip() for value in given for part in value.split(",")))
        entries = [entry for entry in entries if entry]
        if len(entries) > MAX_ENTRIES:
            self.refuse(
                name,
                ",".join(given),
                f"It lists {len(entries)} entries; at most {MAX_ENTRIES} are read.",
            )
            return []
        return entries

    def country(self, name: str, text: str) -> str | None:
        code = self.known.countries.resolve(text)
        if code is None:
            nearest = self.known.countries.nearest(text)
            shown = _short(text.strip())
            self.refuse(
                name,
                text,
                f"No country called “{shown}” — did you mean {_either(nearest, 'or')}?"
                if nearest
                else f"No country called “{shown}”. Type a name, like Kazakhstan, or a code, "
                "like KZ.",
            )
            return None
        self.countries.append(code)
        return code

    def date(self, name: str, *, day_only: bool = False) -> PartialDate | None:
        text = self.one(name)
        if text is None:
            return None
        try:
            return typed_date(text, day_only=day_only)
        except NotADate as error:
            self.refuse(name, text, str(error))
            return None

    def day(self, name: str) -> str | None:
        value = self.date(name, day_only=True)
        return value.iso if value is not None else None

    def choice(self, name: str, text: str, names: Iterable[str], what: str) -> str | None:
        names = list(names)
        wanted = text.strip().upper()
        if wanted in names:
            return wanted
        shown = _either([n.lower() for n in names], "or") if len(names) < 4 else ", ".join(names)
        self.refuse(name, text, f"“{_short(text)}” is not {what} (one of: {shown}).")
        return None

    def slug(self, name: str) -> str | None:
        text = self.one(name)
        if text is not None and not SLUG.fullmatch(text):
            self.refuse(
                name,
                text,
                f"“{_short(text)}” is not an agreement's slug: use the last part of its page "
                "address, such as abraham-accords.",
            )
            return None
        return text  # the API says whether it is a known slug

    def group(self, name: str) -> str | None:
        text = self.one(name)
        groups = self.known.groups
        if text is None or groups is None:
            return text
        if text.upper() in groups:
            return text.upper()
        known = _either([f"{code} ({title})" for code, title in groups.items()], "and")
        self.refuse(
            name, text, f"“{_short(text)}” is not a group accordline knows; the groups are {known}."
        )
        return None


@dataclass(frozen=True)
class ListFilter:
    """The parameters one list takes and how they become the API's variables."""

    parameters: tuple[str, ...]
    build: Callable[[_Reading], dict]
    # The query string as the list applies it, from its variables (the inverse of build).
    canonical: Callable[[dict], list[tuple[str, str | None]]]
    repeatable: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)
    # The API's argument paths (extensions.argument) → the parameter a reader typed.
    arguments: Mapping[str, str] = field(default_factory=dict)

    def parse(self, query: Iterable[tuple[str, str]], known: Known | CountryIndex) -> Parse:
        """Read a query string's (name, value) pairs: every problem, and what applies."""
        if isinstance(known, CountryIndex):
            known = Known(known)
        values: dict[str, list[str]] = {}
        problems: list[Problem] = []
        takes = ", ".join(self.parameters)
        for name, value in query:
            if name not in self.parameters:
                problems.append(
                    Problem(
                        name, _short(value), f"Not a parameter of this list (it takes: {takes})."
                    )
                )
            elif len(value) > MAX_VALUE_CHARS:
                message = f"It is {len(value)} characters long; at most {MAX_VALUE_CHARS} are read."
                problems.append(Problem(name, _short(value), message))
            elif value.strip():  # an empty field of a submitted form means "any"
                values.setdefault(name, []).append(value.strip())
        for name, given in values.items():
            if len(given) > 1 and name not in self.repeatable:
                problems.append(Problem(name, given[0], f"Given {len(given)} times; give it once."))
                del given[1:]
        for name, value in self.defaults.items():
            values.setdefault(name, [value])
        for name in self.required:
            if name not in values:
                problems.append(Problem(name, None, "Required for this list."))
        reading = _Reading(values, known)
        variables = self.build(reading)
        pairs = [(name, value) for name, value in self.canonical(variables) if value]
        return Parse(
            variables,
            tuple(problems + reading.problems),
            urlencode(pairs),
            tuple(dict.fromkeys(reading.countries)),
        )

    def variables(self, query: Iterable[tuple[str, str]], known: Known | CountryIndex) -> dict:
        """The GraphQL variables for a query string; FilterError for its first problem."""
        parsed = self.parse(query, known)
        if parsed.problems:
            problem = parsed.problems[0]
            raise FilterError(problem.sentence, problem.parameter)
        return parsed.variables

    def parameter_for(self, argument: str | None) -> str | None:
        """The parameter behind an API argument the API refused, if it is one of ours."""
        return self.arguments.get(argument or "")


def _timeline(r: _Reading) -> dict:
    event_filter: dict = {}
    codes = [r.country("countries", text) for text in r.entries("countries")]
    if codes := [code for code in codes if code]:
        event_filter["countries"] = list(dict.fromkeys(codes))  # KZ and Kazakhstan: one
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
    pairs += [("agreement", wanted.get("agreement"))]
    pairs += [("kind", kind) for kind in wanted.get("kinds", [])]
    pairs += [("from", wanted.get("from")), ("to", wanted.get("to"))]
    return pairs + [("order", "desc" if variables["order"] == "DESC" else None)]


def _members(r: _Reading) -> dict:
    return {"slug": r.slug("agreement"), "asOf": r.day("asOf")}


def _relations(r: _Reading) -> dict:
    relation_filter: dict = {}
    if (text := r.one("country")) is not None and (code := r.country("country", text)):
        relation_filter["country"] = code
    if (group := r.group("group")) is not None:
        relation_filter["group"] = group
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
    pairs = [(name, wanted.get(name)) for name in ("country", "group", "asOf")]
    return pairs + [("states", ",".join(wanted.get("states", [])))]


# The map's regional views (web/map-views.js draws each; tests/web/test_web_map_publish.py
# checks the two lists agree). WORLD is the default and stays out of the address.
MAP_VIEWS = ("WORLD", "MENA", "GULF", "CENTRAL_ASIA", "AFRICA", "EUROPE", "AMERICAS")


def _map(r: _Reading) -> dict:
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

    def build(r: _Reading) -> dict:
        key = r.one("sort")
        if key is not None and key not in columns:
            r.refuse(
                "sort", key, f"“{_short(key)}” is not a column (one of: {', '.join(columns)})."
            )
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


def _countries(r: _Reading) -> dict:
    wanted = {"search": r.one("q"), "region": r.one("region"), "group": r.group("group")}
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
    lang = [("lang", variables["lang"] if variables["lang"] != "en" else None)]
    return pairs + [("group", wanted.get("group"))] + lang + _sort_query(variables)


TIMELINE = ListFilter(
    parameters=("q", "countries", "agreement", "kind", "from", "to", "order"),
    build=_timeline,
    canonical=_timeline_query,
    repeatable=frozenset({"kind", "countries"}),
    arguments={
        "filter.countries": "countries",
        "filter.agreement": "agreement",
        "filter.from": "from",
        "filter.to": "to",
        "filter.search": "q",
    },
)
MEMBERS = ListFilter(
    parameters=("agreement", "asOf"),
    build=_members,
    canonical=lambda variables: [("agreement", variables["slug"]), ("asOf", variables["asOf"])],
    required=("agreement",),
    arguments={"slug": "agreement", "asOf": "asOf"},
)
RELATIONS = ListFilter(
    parameters=("country", "group", "asOf", "states"),
    build=_relations,
    canonical=_relations_query,
    repeatable=frozenset({"states"}),
    required=("country",),
    arguments={"filter.country": "country", "filter.group": "group", "filter.asOf": "asOf"},
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
        parameters=("q", "region", "group", "lang", "sort", "dir"),
        build=_countries,
        canonical=_countries_query,
    ),
    "agreements": ListFilter(
        parameters=("sort", "dir"), build=_agreements_sort, canonical=_agreements_query
    ),
}


def _either(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
