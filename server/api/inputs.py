"""Input types and the checks that turn what a client sent into clean values.

Every check raises UserInputError naming the argument and the bad value."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from server.api.errors import UserInputError
from server.api.vocabulary import (
    SLUG,
    AgreementKind,
    CountriesMatch,
    EventKind,
    RelationState,
    Status,
)
from server.model.countries import looks_like_code
from server.model.dates import InvalidDate, PartialDate
from server.store import queries


@strawberry.input(description="Narrow the list of countries; all given conditions apply.")
class CountryFilter:
    search: str | None = strawberry.field(
        default=None,
        description="Words in the name or codes, or a name the search reads as the "
        "country's: an alias (Turkey, UAE), a name in another language or script "
        '("Казахстан") or a near misspelling ("Kazakstan").',
    )
    region: str | None = strawberry.field(default=None, description="UN M49 region, e.g. Asia.")
    subregion: str | None = strawberry.field(default=None, description="UN M49 sub-region.")
    agreement: str | None = strawberry.field(
        default=None, description="Only countries taking part in this agreement (its slug)."
    )
    status: Status | None = strawberry.field(
        default=None,
        description="Only countries whose current status (in `agreement`, if given) is this.",
    )
    group: str | None = strawberry.field(
        default=None,
        description="Only members of this group (OIC or ARAB_LEAGUE), now or on `asOf`.",
    )
    as_of: date | None = strawberry.field(
        default=None, description="With `group`: members on this day rather than now."
    )


@strawberry.input(description="Narrow the list of relations; all given conditions apply.")
class RelationFilter:
    country: str | None = strawberry.field(
        default=None,
        description="One side (ISO code or name): the list is then one relation per other country.",
    )
    group: str | None = strawberry.field(
        default=None,
        description="The other side's group (OIC or ARAB_LEAGUE), its members on `asOf`. "
        "With `country`, every member is listed, UNKNOWN where nothing is on record.",
    )
    subregion: str | None = strawberry.field(
        default=None,
        description="The other side's UN M49 sub-region (one of `subregions`, any case), e.g. "
        "Central Asia. With `country`, every state of it is listed, UNKNOWN where nothing "
        "is on record.",
    )
    states: list[RelationState] | None = strawberry.field(
        default=None, description="Only relations in one of these states on `asOf`."
    )
    as_of: date | None = strawberry.field(
        default=None,
        description="The day states (and group membership) are read on; default today.",
    )


@strawberry.input(description="Narrow the list of agreements.")
class AgreementFilter:
    kind: AgreementKind | None = strawberry.field(default=None, description="Only this kind.")
    country: str | None = strawberry.field(
        default=None, description="Only agreements this country (ISO code or name) takes part in."
    )


@strawberry.input(description="Narrow the timeline; all given conditions apply.")
class EventFilter:
    countries: list[str] | None = strawberry.field(
        default=None,
        description="Countries (ISO codes or names); only events involving all of them, or "
        "any of them with `countriesMatch: ANY`.",
    )
    countries_match: CountriesMatch = strawberry.field(
        default=CountriesMatch.ALL,
        description="Whether an event must involve all of `countries` (ALL) or one (ANY).",
    )
    subregion: str | None = strawberry.field(
        default=None,
        description="Only events involving a country of this UN M49 sub-region "
        "(one of `subregions`, any case), e.g. Central Asia.",
    )
    agreement: str | None = strawberry.field(
        default=None, description="Only events concerning this agreement (its slug)."
    )
    kinds: list[EventKind] | None = strawberry.field(
        default=None, description="Only events of these kinds."
    )
    from_: Annotated[
        str | None,
        strawberry.field(
            name="from",
            description='Only events on or after this date: "2020", "2020-09" or "2020-09-15". '
            "A partially dated event counts when its period overlaps.",
        ),
    ] = None
    to: str | None = strawberry.field(
        default=None, description='Only events on or before this date ("2020" means to 2020-12-31).'
    )
    search: str | None = strawberry.field(default=None, description="Words in title or summary.")


def country_code(info: Info, value: str, argument: str) -> str | None:
    """The alpha-2 code for a country as people name it (an ISO alpha-2 or alpha-3 code in
    any case, a name, an official name, a common alias: model/countries.py); None for a
    well-formed code no country has; BAD_USER_INPUT offering the nearest names otherwise."""
    db = info.context.db
    code = db.country_for(value)
    if code is None and not looks_like_code(value):
        raise UserInputError(f"{argument}: {db.country_names.unknown(value)}", argument=argument)
    return code


def known_country(info: Info, value: str, argument: str) -> str:
    code = country_code(info, value, argument)
    if code is None:
        message = info.context.db.country_names.unknown(value)
        raise UserInputError(f"{argument}: {message}", argument=argument)
    return code


async def group_code(info: Info, value: str, argument: str) -> str:
    """A known group's code (any case); BAD_USER_INPUT naming the known ones otherwise."""
    groups = {group["code"] for group in await info.context.db.groups()}
    code = value.strip().upper()
    if code not in groups:
        known = ", ".join(sorted(groups))
        raise UserInputError(
            f'{argument}: no group has the code "{value[:40]}" (known: {known})',
            argument=argument,
        )
    return code


async def known_subregions(db) -> list[str]:
    """The UN M49 sub-regions the record's countries are in, by name (read once per store)."""
    memo = db.memo
    if "subregions" not in memo:
        memo["subregions"] = await queries.all_subregions(db)
    return memo["subregions"]


async def subregion_name(info: Info, value: str, argument: str) -> str:
    """A sub-region as the record spells it (any case); BAD_USER_INPUT naming the known
    ones otherwise."""
    known = await known_subregions(info.context.db)
    name = {region.casefold(): region for region in known}.get(value.strip().casefold())
    if name is None:
        raise UserInputError(
            f'{argument}: no UN M49 sub-region is called "{value[:60]}" '
            f"(known: {', '.join(known)})",
            argument=argument,
        )
    return name


def slug(value: str, argument: str) -> str:
    if not SLUG.fullmatch(value):
        raise UserInputError(
            f'{argument}: "{value[:60]}" is not a slug (lowercase words joined by "-")',
            argument=argument,
        )
    return value


def partial_date(value: str, argument: str) -> PartialDate:
    try:
        return PartialDate.parse(value.strip(), bounds=False)
    except InvalidDate as error:
        raise UserInputError(f"{argument}: {error}", argument=argument) from None
