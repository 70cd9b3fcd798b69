"""Countries, and the lists that hang off one: its agreements, relations, groups, events."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from server.api.errors import UserInputError
from server.api.execution import nested
from server.api.schema.batched import batched_field
from server.api.schema.connection import Connection
from server.api.schema.types.agreements import Participation
from server.api.schema.types.events import Event
from server.api.schema.types.groups import Membership
from server.api.schema.types.relations import Relation
from server.model.countries import LANGUAGES, RIGHT_TO_LEFT, has_flag, local_name
from server.urls import PAGES, paths


@strawberry.type(description="A country's name in one language.")
class CountryName:
    lang: str = strawberry.field(
        description="The language, a BCP 47 code: en, ar, he, ru, kk, fr or es."
    )
    name: str = strawberry.field(
        description="The name as CLDR writes it in that language (English: the record's common name)."
    )
    dir: str = strawberry.field(
        description='The direction the language is written in, as HTML\'s dir attribute takes it: "rtl" (Arabic, Hebrew) or "ltr".'
    )


def _languages(lang: list[str] | None) -> tuple[str, ...]:
    if lang is None:
        return LANGUAGES
    for code in lang:
        if code not in LANGUAGES:
            shown = code if len(code) <= 20 else code[:19] + "…"
            raise UserInputError(
                f'lang: no names in "{shown}"; give one or more of {", ".join(LANGUAGES)}',
                argument="lang",
            )
    return tuple(dict.fromkeys(lang))


@strawberry.type(
    description="A country: every current ISO 3166-1 country, and former ones "
    "such as the Soviet Union."
)
class Country(relay.Node):
    code: str = strawberry.field(
        description="ISO 3166-1 alpha-2 code (for a former country, its former alpha-2 code)."
    )
    alpha3: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    numeric_code: str | None = strawberry.field(
        description='ISO 3166-1 numeric code, three digits with leading zeros ("376", "004"), '
        "as world maps such as world-atlas name their shapes (for a former country, its former "
        "code). Null for a code ISO 3166-1 does not assign, such as Kosovo's XK."
    )
    name: str = strawberry.field(description="Common English name.")
    official_name: str | None = strawberry.field(description="Official English name, if different.")
    region: str | None = strawberry.field(description="UN M49 region, e.g. Asia.")
    subregion: str | None = strawberry.field(description="UN M49 sub-region, e.g. Central Asia.")
    historical_code: str | None = strawberry.field(
        description="ISO 3166-3 code when the country no longer exists (e.g. SUHH)."
    )

    @strawberry.field(
        description="Flag emoji (none for former countries, nor for user-assigned codes "
        "other than Kosovo's XK)."
    )
    def flag(self) -> str | None:
        if not has_flag(self.code, self.historical_code):
            return None
        return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in self.code)

    @strawberry.field(
        description="The country's name in each of `lang` (default all: en, ar, he, ru, kk, "
        "fr, es), from CLDR; a language CLDR has no name in for it (a former country) is "
        "left out. Search finds the country by any of them."
    )
    def names(self, lang: list[str] | None = None) -> list[CountryName]:
        found = []
        for code in _languages(lang):
            name = self.name if code == "en" else local_name(self.code, code)
            if name:
                found.append(
                    CountryName(lang=code, name=name, dir="rtl" if code in RIGHT_TO_LEFT else "ltr")
                )
        return found

    @strawberry.field(description=f"The country's page in the web UI ({PAGES['country'].shown()}).")
    def path(self) -> str:
        return paths.country(self.code)

    @classmethod
    def from_row(cls, row) -> Country:
        return cls(
            code=row["code"],
            alpha3=row["alpha3"],
            numeric_code=row["numeric_code"],
            name=row["name"],
            official_name=row["official_name"],
            region=row["region"],
            subregion=row["subregion"],
            historical_code=row["historical"],
        )

    @classmethod
    def resolve_id(cls, root: Country, *, info: Info) -> str:
        return root.code

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False):
        return await info.context.loaders.country.load_many(list(node_ids))

    participations: Connection[Participation] = batched_field(
        nested.participations_of_countries,
        description="The agreements this country takes part in, with status, by agreement "
        "date (a connection).",
    )
    relations: Connection[Relation] = batched_field(
        nested.relations_of_countries,
        description="Bilateral relations on record, by the other country's name; with "
        "`asOf`, those with something on record by then, each seen on that day.",
    )
    groups: list[Membership] = batched_field(
        nested.memberships_of_countries,
        description="The groups (OIC, Arab League) this country belongs to, by group name; "
        "with `asOf`, those it belonged to on that day.",
    )
    events: Connection[Event] = batched_field(
        nested.events_of_countries,
        description="Events involving this country, oldest first by default.",
    )
