"""The countries: ISO 3166-1 from pycountry with UN M49 regions, former countries
(ISO 3166-3) and the user-assigned codes the record needs."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pycountry

from server.store.seed.reader import Record, read_toml
from server.store.seed.records import Country

# Codes ISO 3166-1 leaves to users; of those, only the ones the record needs are allowed
# (Kosovo's XK, as the EU and the IMF use it).
USER_ASSIGNED = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ")


def load_countries(seed_dir: Path, problems: list[str]) -> list[Country]:
    """Every current ISO 3166-1 country from pycountry, with M49 regions from the CSV,
    plus the historical countries listed in historical_countries.toml."""
    regions_path = seed_dir / "country_regions.csv"
    regions: dict[str, tuple[str | None, str | None]] = {}
    try:
        with regions_path.open(newline="", encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                code = (row.get("alpha2") or "").strip()
                if pycountry.countries.get(alpha_2=code) is None:
                    problems.append(
                        f'{regions_path}: line {line}: alpha2 "{code}" is not ISO 3166-1'
                    )
                    continue
                regions[code] = (row.get("region") or None, row.get("subregion") or None)
    except FileNotFoundError:
        problems.append(f"{regions_path}: file is missing")

    countries = []
    for entry in pycountry.countries:
        region, subregion = regions.get(entry.alpha_2, (None, None))
        name = getattr(entry, "common_name", None) or entry.name
        official = getattr(entry, "official_name", None)
        countries.append(
            Country(entry.alpha_2, entry.alpha_3, entry.numeric, name, official, region, subregion)
        )

    path = seed_dir / "historical_countries.toml"
    for index, table in enumerate(read_toml(path, "country", problems), start=1):
        record = Record(problems, f"{path}: country #{index}", table)
        code = record.text("iso3166_3")
        name = record.text("name")
        record.check_unknown_fields()
        if code is None or name is None:
            continue
        entry = pycountry.historic_countries.get(alpha_4=code)
        if entry is None:
            record.fail(f'iso3166_3 "{code}" is not an ISO 3166-3 code')
            continue
        official = getattr(entry, "name", None)
        countries.append(
            Country(
                entry.alpha_2,
                entry.alpha_3,
                getattr(entry, "numeric", None),
                name,
                official,
                None,
                None,
                historical=code,
            )
        )

    path = seed_dir / "user_assigned_countries.toml"
    for index, table in enumerate(read_toml(path, "country", problems), start=1):
        record = Record(problems, f"{path}: country #{index}", table)
        code = record.text("code")
        alpha3 = record.text("alpha3")
        name = record.text("name")
        region = record.text("region")
        subregion = record.text("subregion")
        record.text("why")  # the reason a user-assigned code is in the record: required
        record.check_unknown_fields()
        if code is None or alpha3 is None or name is None:
            continue
        if not USER_ASSIGNED.fullmatch(code) or not re.fullmatch(r"[A-Z]{3}", alpha3):
            record.fail(f'code "{code}" is not in the ranges ISO 3166-1 leaves to users')
            continue
        countries.append(Country(code, alpha3, None, name, None, region, subregion))
    return countries
