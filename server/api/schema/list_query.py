"""``listQuery``: a list page's query string, read by the server's one parser.

The pages do not read their own addresses: they send the query string here (with the
first query they make anyway, so it costs no round trip of its own) and get back the
variables to ask the list with, the problems by parameter, in words for readers, and the
address as the list applies it. The exports read theirs with the same parser
(server/api/list_filters.py), so a page and its files always apply one filter.
"""

from __future__ import annotations

from enum import Enum
from urllib.parse import parse_qsl

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from server.api.errors import UserInputError
from server.api.list_filters import LISTS, Known
from server.api.schema.types import Country

# More fields than any list has parameters, repeats included: a longer query string is
# refused by name instead of being read pair by pair.
MAX_FIELDS = 100


@strawberry.enum(description="The lists whose pages take a query string.")
class ListKind(Enum):
    TIMELINE = strawberry.enum_value(
        "timeline",
        description="/timeline and /export/timeline.*: q, countries, match, subregion, agreement, "
        "kind, from, to, order.",
    )
    MEMBERS = strawberry.enum_value(
        "members",
        description="An agreement's members (/agreements/<slug>, "
        "/export/members.*): agreement, asOf, sort (date, name or status; the page's order).",
    )
    CANDIDATES = strawberry.enum_value(
        "candidates",
        description="An agreement's candidates, who may be next "
        "(/agreements/<slug>/candidates, /export/candidates.*): agreement, asOf.",
    )
    RELATIONS = strawberry.enum_value(
        "relations",
        description="A country's relations (/export/relations.*): country, group, asOf, states.",
    )
    MAP = strawberry.enum_value(
        "map", description="/map: as RELATIONS, the country Israel unless one is given."
    )
    COUNTRIES = strawberry.enum_value(
        "countries", description="/countries: q, region, subregion, group, sort, dir."
    )
    AGREEMENTS = strawberry.enum_value("agreements", description="/agreements: sort, dir.")


@strawberry.type(description="A query parameter that cannot be used, and why.")
class ParameterProblem:
    parameter: str = strawberry.field(description='The parameter\'s name, e.g. "from".')
    value: str | None = strawberry.field(
        description="The value given (shortened if long); null when the parameter is missing."
    )
    message: str = strawberry.field(
        description="What is wrong, in a sentence for the reader who typed it, e.g. "
        '"That date doesn\'t exist: there is no 30 February."'
    )


@strawberry.type(description="A list page's query string as the list reads it.")
class ListQuery:
    variables: JSON = strawberry.field(
        description="The variables to ask the list with, e.g. for TIMELINE "
        '{"filter": {"countries": ["KZ"], "from": "2020"}, "order": "ASC"}: the events '
        "field's filter and order. A parameter with a problem is left out."
    )
    query: str = strawberry.field(
        description="The query string as the list applies it (codes for names, the "
        'problems left out), e.g. "countries=KZ&from=2020": for links, files and embeds.'
    )
    problems: list[ParameterProblem] = strawberry.field(
        description="Every parameter that cannot be used, in the order given; empty when "
        "the whole query string applies."
    )
    countries: list[Country] = strawberry.field(
        description="The countries the query string names, in its order."
    )


async def list_query(info: Info, kind: ListKind, query: str) -> ListQuery:
    """Read ``query`` as the ``kind`` list's address."""
    try:
        pairs = parse_qsl(
            query.removeprefix("?"), keep_blank_values=True, max_num_fields=MAX_FIELDS
        )
    except ValueError:
        raise UserInputError(
            f"query: more than {MAX_FIELDS} parameters; no list takes so many", argument="query"
        ) from None
    db = info.context.db
    parsed = LISTS[kind.value].parse(pairs, await Known.of(db))
    countries = [info.context.loaders.country_object(code) for code in parsed.countries]
    return ListQuery(
        variables=parsed.variables,
        query=parsed.query,
        problems=[
            ParameterProblem(parameter=p.parameter, value=p.value, message=p.message)
            for p in parsed.problems
        ],
        countries=[country for country in countries if country is not None],
    )
