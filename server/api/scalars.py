"""Scalars whose parsing is stricter than Strawberry's defaults.

Strawberry's ``Date`` parses with ``datetime.date.fromisoformat``, which in Python 3.11
takes every ISO 8601 form ("2020-W01", "20200101", "2020-001") and other scripts' digits.
The API documents one form, so ``Date`` takes exactly that: "YYYY-MM-DD" in ASCII digits.
"""

from __future__ import annotations

import re
from datetime import date

import strawberry
from graphql import GraphQLError

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(value: object) -> date:
    """A ``Date`` input value as a date; a GraphQLError naming the value otherwise.

    Errors in variables are coded BAD_USER_INPUT by the phase that coerces them (see
    execution/prepare.py); in a literal, by validation."""
    if not isinstance(value, str):
        raise GraphQLError(f'Date must be a string "YYYY-MM-DD" (got {_shown(value)})')
    if not _DAY.fullmatch(value):
        raise GraphQLError(
            f'"{value[:40]}" is not a Date: expected YYYY-MM-DD in ASCII digits, e.g. "2020-09-15"'
        )
    try:
        return date.fromisoformat(value)
    except ValueError as error:  # e.g. month 13 or February 30
        raise GraphQLError(f'"{value}" is not a Date: {error}') from None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


# Register with StrawberryConfig(scalar_map={date: Date}) in create_schema.
Date = strawberry.scalar(
    name="Date",
    description='A calendar day, "YYYY-MM-DD" (ISO 8601, ASCII digits).',
    serialize=date.isoformat,
    parse_value=parse_day,
)
