"""Declare a nested field once: from the whole-level function that computes it.

``batched_field(participations_of_countries, description=…)`` makes the Strawberry field
whose GraphQL arguments are that function's keyword parameters (names, types, defaults
and descriptions, read from its signature) and whose per-object resolver is the batch
of one. The fast executor finds the same function on the resolver (``fast_batch``) and
calls it once per level. Adding a nested field is therefore one function and one line
in a type, and the two execution paths cannot disagree about its arguments.
"""

from __future__ import annotations

import inspect
import typing

import strawberry
from strawberry.types import Info


def batched_field(batch, *, description: str, name: str | None = None):
    parameters = list(inspect.signature(batch).parameters.values())
    if len(parameters) < 2:
        raise TypeError(f"{batch.__name__} must take (info, parents, **arguments)")
    hints = typing.get_type_hints(batch, include_extras=True)
    arguments = [
        inspect.Parameter(
            p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default, annotation=hints[p.name]
        )
        for p in parameters[2:]
    ]

    async def resolver(self, info: Info, **given):
        return (await batch(info, [self], **given))[0]

    resolver.__name__ = batch.__name__
    resolver.__qualname__ = batch.__qualname__
    resolver.__doc__ = batch.__doc__
    resolver.__signature__ = inspect.Signature(
        [
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info),
            *arguments,
        ]
    )
    resolver.fast_batch = batch
    return strawberry.field(resolver=resolver, description=description, name=name)
