"""Reading one query string against one list's parameters: the problems by parameter,
the API's variables, and the query string as the list applies it.

The lists themselves (which parameters each takes and how they become variables) are in
server/api/list_filters.py; this is the machinery they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from server.api.inputs import known_subregions
from server.api.vocabulary import SLUG
from server.model.countries import CountryIndex
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
        return f'The "{short(self.parameter)}" parameter: {self.message}'


class FilterError(ValueError):
    """A query parameter that cannot be used; ``parameter`` names it."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass(frozen=True)
class Known:
    """What a parse looks names up in: the countries and (when known) the groups and
    sub-regions."""

    countries: CountryIndex
    groups: Mapping[str, str] | None = None  # code → name; None: the API checks them
    subregions: tuple[str, ...] | None = None  # None: the API checks them

    @classmethod
    async def of(cls, db) -> Known:
        groups = {row["code"]: row["name"] for row in await db.groups()}
        return cls(db.country_names, groups, tuple(await known_subregions(db)))


@dataclass(frozen=True)
class Parse:
    variables: dict
    problems: tuple[Problem, ...]
    query: str  # the query string as the list applies it: problems left out, codes for names
    countries: tuple[str, ...]  # the alpha-2 codes the query names, in its order


class Reading:
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
            shown = short(text.strip())
            self.refuse(
                name,
                text,
                f"No country called “{shown}” — did you mean {either(nearest, 'or')}?"
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
        shown = either([n.lower() for n in names], "or") if len(names) < 4 else ", ".join(names)
        self.refuse(name, text, f"“{short(text)}” is not {what} (one of: {shown}).")
        return None

    def slug(self, name: str) -> str | None:
        text = self.one(name)
        if text is not None and not SLUG.fullmatch(text):
            self.refuse(
                name,
                text,
                f"“{short(text)}” is not an agreement's slug: use the last part of its page "
                "address, such as abraham-accords.",
            )
            return None
        return text  # the API says whether it is a known slug

    def subregion(self, name: str) -> str | None:
        """A UN M49 sub-region as the record spells it, whatever the case given."""
        text = self.one(name)
        known = self.known.subregions
        if text is None or known is None:
            return text
        spelled = {region.casefold(): region for region in known}.get(text.casefold())
        if spelled is None:
            self.refuse(
                name,
                text,
                f"“{short(text)}” is not a UN sub-region on record; they are {', '.join(known)}.",
            )
        return spelled

    def group(self, name: str) -> str | None:
        text = self.one(name)
        groups = self.known.groups
        if text is None or groups is None:
            return text
        if text.upper() in groups:
            return text.upper()
        known = either([f"{code} ({title})" for code, title in groups.items()], "and")
        self.refuse(
            name, text, f"“{short(text)}” is not a group accordline knows; the groups are {known}."
        )
        return None


@dataclass(frozen=True)
class ListFilter:
    """The parameters one list takes and how they become the API's variables."""

    parameters: tuple[str, ...]
    build: Callable[[Reading], dict]
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
                        name, short(value), f"Not a parameter of this list (it takes: {takes})."
                    )
                )
            elif len(value) > MAX_VALUE_CHARS:
                message = f"It is {len(value)} characters long; at most {MAX_VALUE_CHARS} are read."
                problems.append(Problem(name, short(value), message))
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
        reading = Reading(values, known)
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


def either(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
