"""Groups and memberships: who belonged, on a day or now, and their sources."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

import strawberry

from server.api.execution.nested.common import confidence_of, unique
from server.model.periods import belongs, membership_on

GroupAsOf = Annotated[
    date | None,
    strawberry.argument(description="Only memberships held on this day, seen as of then."),
]


async def memberships_of_countries(info, countries, as_of: GroupAsOf = None):
    """The groups each country belongs to (on ``as_of``), by group name."""
    loaded = await info.context.loaders.memberships_of_country.load_many(
        [country.code for country in countries]
    )
    return [_memberships_on(memberships, as_of) for memberships in loaded]


async def members_of_groups(info, groups, as_of: GroupAsOf = None):
    """Each group's members (on ``as_of``), by country name."""
    loaded = await info.context.loaders.memberships_of_group.load_many(
        [group.code for group in groups]
    )
    return [_memberships_on(memberships, as_of) for memberships in loaded]


def _memberships_on(memberships, as_of):
    """The memberships that counted as belonging on ``as_of`` (else now), seen as of then."""
    day = as_of.isoformat() if as_of is not None else None
    if as_of is not None:
        memberships = [dataclasses.replace(m, as_of=as_of) for m in memberships]
    return [m for m in memberships if belongs(membership_on(m.steps, day))]


def groups_of_memberships(info, memberships):
    return info.context.loaders.group.load_many([m.group_code for m in memberships])


def countries_of_memberships(info, memberships):
    return info.context.loaders.country.load_many([m.country_code for m in memberships])


async def sources_of_memberships(info, memberships):
    cited = await info.context.loaders.membership_sources.load_many(
        [(m.group_code, m.country_code) for m in memberships]
    )
    return [unique(source for _, source in sources) for sources in cited]


def sources_of_groups(info, groups):
    return info.context.loaders.group_sources.load_many([g.code for g in groups])


confidence_of_memberships = confidence_of(sources_of_memberships)
