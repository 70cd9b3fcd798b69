"""One filter parser: a list page's query string → the GraphQL variables of that list.

The pages (``/timeline``, ``/agreements/<slug>?asOf=``, ``/countries/<code>``, ``/map``)
and their exports (``/export/…``) take the same parameters; this module turns them into
the variables of the API's own filters (EventFilter, an agreement's participants as of a
day, RelationFilter), so the export runs the same validation as the API. What the API
cannot see is checked here: a parameter it does not take (a typo such as ``contries``
must not silently export everything), a parameter given twice, a country given by name
(resolved as the API resolves it, by the store's CountryIndex: server/model/countries.py),
an unknown kind, state or order. Anything the API refuses later is mapped back to the
parameter by ``ListFilter.parameter_for``.

Every refusal is a FilterError: a sentence naming the parameter and the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .api.errors import UserInputError
from .api.inputs import partial_date
from .model.countries import CountryIndex
from .vocabulary import EventKind, RelationState

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Bounds on what one address may ask: no page needs more, and an export must not turn a
# long URL into a long request (the API itself refuses a body over 100 KB).
MAX_VALUE_CHARS = 500
MAX_ENTRIES = 50


class FilterError(ValueError):
    """A query parameter that cannot be used; ``parameter`` names it."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


Values = dict[str, list[str]]


@dataclass(frozen=True)
class ListFilter:
    """The parameters one list takes and how they become the API's variables."""

    parameters: tuple[str, ...]
    build: Callable[[Values, CountryIndex], dict]
    repeatable: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    # The API's argument paths (extensions.argument) → the parameter a reader typed.
    arguments: Mapping[str, str] = field(default_factory=dict)

    def variables(self, query: Iterable[tuple[str, str]], countries: CountryIndex) -> dict:
        """The GraphQL variables for a query string's (name, value) pairs."""
        values: Values = {}
        for name, value in query:
            if name not in self.parameters:
                known = ", ".join(self.parameters)
                raise FilterError(
                    f'"{_short(name)}" is not a parameter of this list (it takes: {known}).', name
                )
            if len(value) > MAX_VALUE_CHARS:
                raise FilterError(
                    f'The "{name}" parameter is {len(value)} characters long; at most '
                    f"{MAX_VALUE_CHARS} are read.",
                    name,
                )
            if value.strip():  # an empty field of a submitted form means "any"
                values.setdefault(name, []).append(value.strip())
        for name, given in values.items():
            if len(given) > 1 and name not in self.repeatable:
                raise FilterError(
                    f'The "{name}" parameter is given {len(given)} times; give it once.', name
                )
        for name in self.required:
            if name not in values:
                raise FilterError(f'The "{name}" parameter is required for this list.', name)
        return self.build(values, countries)

    def parameter_for(self, argument: str | None) -> str | None:
        """The parameter behind an API argument the API refused, if it is one of ours."""
        return self.arguments.get(argument or "")


def _one(values: Values, name: str) -> str | None:
    return values[name][0] if name in values else None


def _split(values: Values, name: str) -> list[str]:
    """A parameter that may repeat and may hold comma-separated entries (each once)."""
    entries = list(
        dict.fromkeys(
            part.strip()
            for value in values.get(name, [])
            for part in value.split(",")
            if part.strip()
        )
    )
    if len(entries) > MAX_ENTRIES:
        raise FilterError(
            f'The "{name}" parameter lists {len(entries)} entries; at most {MAX_ENTRIES} are read.',
            name,
        )
    return entries


def _country(text: str, countries: CountryIndex, parameter: str) -> str:
    code = countries.resolve(text)
    if code is None:
        nearest = countries.nearest(text)
        guess = f" Did you mean {' or '.join(nearest)}?" if nearest else ""
        raise FilterError(
            f'The "{parameter}" parameter names no country accordline knows: "{_short(text)}".'
            f"{guess} Use a name such as Kazakhstan or an ISO code such as KZ or KAZ.",
            parameter,
        )
    return code


def _day(text: str, parameter: str) -> str:
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise FilterError(
        f'The "{parameter}" parameter "{_short(text)}" is not a day: give one as YYYY-MM-DD, '
        "such as 2010-01-01.",
        parameter,
    )


def _enum(text: str, names: Iterable[str], parameter: str, what: str) -> str:
    wanted = text.strip().upper()
    names = list(names)
    if wanted not in names:
        raise FilterError(
            f'The "{parameter}" parameter "{_short(text)}" is not {what} '
            f"(one of: {', '.join(names)}).",
            parameter,
        )
    return wanted


def _timeline(values: Values, countries: CountryIndex) -> dict:
    event_filter: dict = {}
    named = _split(values, "countries")
    if named:
        codes = [_country(text, countries, "countries") for text in named]
        event_filter["countries"] = list(dict.fromkeys(codes))  # KZ and Kazakhstan: one
    if (agreement := _one(values, "agreement")) is not None:
        event_filter["agreement"] = agreement  # the API says whether it is a known slug
    kinds = [
        _enum(k, EventKind.__members__, "kind", "a kind of event") for k in _split(values, "kind")
    ]
    if kinds:
        event_filter["kinds"] = list(dict.fromkeys(kinds))
    for name in ("from", "to"):
        if (text := _one(values, name)) is not None:
            try:
                event_filter[name] = partial_date(text, name).iso  # the API's own check
            except UserInputError as error:
                raise FilterError(
                    f'The "{name}" parameter "{_short(text)}" is not a date: give a year, a '
                    "month or a day, such as 2020, 2020-09 or 2020-09-15.",
                    name,
                ) from error
    if (search := _one(values, "q")) is not None:
        event_filter["search"] = search
    order = _enum(_one(values, "order") or "asc", ("ASC", "DESC"), "order", "an order")
    return {"filter": event_filter, "order": order}


def _members(values: Values, countries: CountryIndex) -> dict:
    as_of = _one(values, "asOf")
    return {"slug": _one(values, "agreement"), "asOf": _day(as_of, "asOf") if as_of else None}


def _relations(values: Values, countries: CountryIndex) -> dict:
    relation_filter: dict = {"country": _country(_one(values, "country"), countries, "country")}
    if (group := _one(values, "group")) is not None:
        relation_filter["group"] = group  # the API knows the groups and names them if wrong
    states = [
        _enum(s, RelationState.__members__, "states", "a relation state")
        for s in _split(values, "states")
    ]
    if states:
        relation_filter["states"] = list(dict.fromkeys(states))
    if (as_of := _one(values, "asOf")) is not None:
        relation_filter["asOf"] = _day(as_of, "asOf")
    return {"filter": relation_filter}


TIMELINE = ListFilter(
    parameters=("q", "countries", "agreement", "kind", "from", "to", "order"),
    build=_timeline,
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
    required=("agreement",),
    arguments={"slug": "agreement", "asOf": "asOf"},
)
RELATIONS = ListFilter(
    parameters=("country", "group", "asOf", "states"),
    build=_relations,
    repeatable=frozenset({"states"}),
    required=("country",),
    arguments={"filter.country": "country", "filter.group": "group", "filter.asOf": "asOf"},
)
LISTS: dict[str, ListFilter] = {"timeline": TIMELINE, "members": MEMBERS, "relations": RELATIONS}


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
