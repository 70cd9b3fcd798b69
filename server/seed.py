"""Reads the curated files in seed/ and validates them into plain records.

Every problem is reported with the file, the record and the field, e.g.
``seed/events.toml: event "kz-il-relations": date "1992-13-01" is not a valid date
(expected YYYY, YYYY-MM or YYYY-MM-DD)``. All problems are collected before failing, so
one run of ``build-db`` shows everything that needs fixing.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .dates import InvalidDate, PartialDate
from .vocabulary import SLUG, AgreementKind, EventKind, Role, Status, values


class SeedError(Exception):
    """The seed directory has problems; ``problems`` lists each one as a sentence."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


@dataclass(frozen=True)
class Country:
    code: str
    alpha3: str
    numeric_code: str | None
    name: str
    official_name: str | None
    region: str | None
    subregion: str | None
    historical: str | None = None

    @property
    def sort_name(self) -> str:
        folded = unicodedata.normalize("NFKD", self.name)
        return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Source:
    slug: str
    publisher: str
    title: str
    url: str
    published: PartialDate | None


@dataclass(frozen=True)
class StatusChange:
    status: str
    date: PartialDate
    note: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Participant:
    country: str
    role: str
    note: str | None
    sources: tuple[str, ...]
    history: tuple[StatusChange, ...]


@dataclass(frozen=True)
class Agreement:
    slug: str
    name: str
    kind: str
    date: PartialDate
    place: str | None
    summary: str
    sources: tuple[str, ...]
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class Relation:
    countries: tuple[str, str]  # sorted
    established: PartialDate | None
    summary: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    slug: str
    date: PartialDate
    kind: str
    title: str
    summary: str
    countries: tuple[str, ...]
    agreements: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass
class Seed:
    countries: list[Country] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class _Record:
    """One table of a seed file, read field by field; problems go to a shared list."""

    def __init__(self, problems: list[str], where: str, table: object):
        self.problems = problems
        self.where = where
        self.table = table if isinstance(table, dict) else {}
        self.seen: set[str] = set()
        if not isinstance(table, dict):
            self.fail(f"is not a table (got {type(table).__name__})")

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.where}: {message}")

    def _get(self, name: str, required: bool):
        self.seen.add(name)
        if name not in self.table:
            if required:
                self.fail(f'field "{name}" is missing')
            return None
        return self.table[name]

    def text(self, name: str, *, required: bool = True, pattern: re.Pattern | None = None):
        value = self._get(name, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f'field "{name}" must be a non-empty string (got {value!r})')
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(f'field "{name}": "{value}" must be lowercase words joined by "-"')
            return None
        return value.strip()

    def choice(self, name: str, allowed: tuple[str, ...]):
        value = self.text(name)
        if value is not None and value not in allowed:
            self.fail(f'field "{name}": "{value}" is not one of {", ".join(allowed)}')
            return None
        return value

    def date(self, name: str, *, required: bool = True):
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            return PartialDate.parse(value)
        except InvalidDate as error:
            self.fail(f"{name} {error}")
            return None

    def strings(self, name: str, *, required: bool = True, at_least: int = 0):
        value = self._get(name, required)
        if value is None:
            return () if not required else None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f'field "{name}" must be a list of strings (got {value!r})')
            return None
        if len(value) < at_least:
            self.fail(
                f'field "{name}" needs at least {at_least} entr{"y" if at_least == 1 else "ies"}'
            )
            return None
        if len(set(value)) != len(value):
            self.fail(f'field "{name}" lists the same value twice')
            return None
        return tuple(value)

    def tables(self, name: str):
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f'field "{name}" must be a list of tables')
            return []
        return value

    def check_unknown_fields(self) -> None:
        for name in sorted(set(self.table) - self.seen):
            self.fail(f'field "{name}" is not a known field (a typo?)')


def _read_toml(path: Path, key: str, problems: list[str]) -> list:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        problems.append(f"{path}: file is missing")
        return []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path}: not valid TOML ({error})")
        return []
    extra = sorted(set(document) - {key})
    if extra:
        problems.append(f'{path}: unexpected top-level key "{extra[0]}" (expected [[{key}]])')
    records = document.get(key, [])
    if not isinstance(records, list):
        problems.append(f"{path}: {key} must be written as [[{key}]] tables")
        return []
    return records


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
    for index, table in enumerate(_read_toml(path, "country", problems), start=1):
        record = _Record(problems, f"{path}: country #{index}", table)
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
    return countries


def _sources(seed_dir: Path, problems: list[str]) -> list[Source]:
    path = seed_dir / "sources.toml"
    sources = []
    for index, table in enumerate(_read_toml(path, "source", problems), start=1):
        record = _Record(problems, f"{path}: source #{index}", table)
        slug = record.text("id", pattern=SLUG)
        if slug:
            record.where = f'{path}: source "{slug}"'
        source = Source(
            slug=slug,
            publisher=record.text("publisher"),
            title=record.text("title"),
            url=record.text("url"),
            published=record.date("published", required=False),
        )
        if source.url and not source.url.startswith(("https://", "http://")):
            record.fail(f'field "url": "{source.url}" must start with https:// or http://')
        record.check_unknown_fields()
        sources.append(source)
    return sources


def _history(record: _Record, problems: list[str]) -> tuple[StatusChange, ...]:
    changes = []
    for index, table in enumerate(record.tables("history"), start=1):
        entry = _Record(problems, f"{record.where}: history #{index}", table)
        changes.append(
            StatusChange(
                status=entry.choice("status", values(Status)),
                date=entry.date("date"),
                note=entry.text("note", required=False),
                sources=entry.strings("sources", required=False),
            )
        )
        entry.check_unknown_fields()
    if not changes:
        record.fail('field "history" needs at least one status')
    dated = [c.date for c in changes if c.date is not None]
    for earlier, later in zip(dated, dated[1:], strict=False):
        if later.start < earlier.start:
            record.fail(
                f'field "history": {later.iso} comes before {earlier.iso}; list in date order'
            )
    return tuple(changes)


def _agreements(seed_dir: Path, problems: list[str]) -> list[Agreement]:
    path = seed_dir / "agreements.toml"
    agreements = []
    for index, table in enumerate(_read_toml(path, "agreement", problems), start=1):
        record = _Record(problems, f"{path}: agreement #{index}", table)
        slug = record.text("slug", pattern=SLUG)
        if slug:
            record.where = f'{path}: agreement "{slug}"'
        participants = []
        for number, part_table in enumerate(record.tables("participant"), start=1):
            part = _Record(problems, f"{record.where}: participant #{number}", part_table)
            country = part.text("country")
            if country:
                part.where = f"{record.where}: participant {country}"
            participant = Participant(
                country=country,
                role=part.choice("role", values(Role)),
                note=part.text("note", required=False),
                sources=part.strings("sources", required=False),
                history=_history(part, problems),
            )
            cited = bool(participant.sources) or any(c.sources for c in participant.history)
            if not cited:
                part.fail("cites no source (give sources = [...] on the participant or a status)")
            part.check_unknown_fields()
            participants.append(participant)
        agreements.append(
            Agreement(
                slug=slug,
                name=record.text("name"),
                kind=record.choice("kind", values(AgreementKind)),
                date=record.date("date"),
                place=record.text("place", required=False),
                summary=record.text("summary"),
                sources=record.strings("sources", at_least=1),
                participants=tuple(participants),
            )
        )
        record.check_unknown_fields()
    return agreements


def _relations(seed_dir: Path, problems: list[str]) -> list[Relation]:
    path = seed_dir / "relations.toml"
    relations = []
    for index, table in enumerate(_read_toml(path, "relation", problems), start=1):
        record = _Record(problems, f"{path}: relation #{index}", table)
        pair = record.strings("countries")
        if pair is not None and len(pair) != 2:
            record.fail(f'field "countries" must name exactly two countries (got {list(pair)})')
            pair = None
        if pair:
            record.where = f"{path}: relation {pair[0]}–{pair[1]}"
        relations.append(
            Relation(
                countries=tuple(sorted(pair)) if pair else None,
                established=record.date("established", required=False),
                summary=record.text("summary"),
                sources=record.strings("sources", at_least=1),
            )
        )
        record.check_unknown_fields()
    return relations


def _events(seed_dir: Path, problems: list[str]) -> list[Event]:
    path = seed_dir / "events.toml"
    events = []
    for index, table in enumerate(_read_toml(path, "event", problems), start=1):
        record = _Record(problems, f"{path}: event #{index}", table)
        slug = record.text("slug", pattern=SLUG)
        if slug:
            record.where = f'{path}: event "{slug}"'
        events.append(
            Event(
                slug=slug,
                date=record.date("date"),
                kind=record.choice("kind", values(EventKind)),
                title=record.text("title"),
                summary=record.text("summary"),
                countries=record.strings("countries", at_least=1),
                agreements=record.strings("agreements", required=False),
                sources=record.strings("sources", at_least=1),
            )
        )
        record.check_unknown_fields()
    return events


def _check_references(seed: Seed, seed_dir: Path, problems: list[str]) -> None:
    """Cross-file checks: every code, slug and source id refers to something that exists."""
    country_codes = {c.code for c in seed.countries}
    source_ids = {s.slug for s in seed.sources if s.slug}
    agreement_slugs = {a.slug for a in seed.agreements if a.slug}

    def unique(items, label, file):
        seen = set()
        for item in items:
            if item and item in seen:
                problems.append(f'{seed_dir / file}: {label} "{item}" is defined twice')
            seen.add(item)

    unique([s.slug for s in seed.sources], "source", "sources.toml")
    unique([a.slug for a in seed.agreements], "agreement", "agreements.toml")
    unique([e.slug for e in seed.events], "event", "events.toml")
    unique([r.countries for r in seed.relations if r.countries], "relation", "relations.toml")

    def check(where, sources=(), countries=(), agreements=()):
        for source in sources or ():
            if source not in source_ids:
                problems.append(f'{where}: source "{source}" is not in sources.toml')
        for code in countries or ():
            if code not in country_codes:
                problems.append(f'{where}: country "{code}" is not an ISO 3166-1 alpha-2 code')
        for slug in agreements or ():
            if slug not in agreement_slugs:
                problems.append(f'{where}: agreement "{slug}" is not in agreements.toml')

    for agreement in seed.agreements:
        where = f'{seed_dir / "agreements.toml"}: agreement "{agreement.slug}"'
        check(where, sources=agreement.sources)
        seen_roles = set()
        for participant in agreement.participants:
            key = (participant.country, participant.role)
            if key in seen_roles:
                problems.append(f"{where}: participant {key[0]} appears twice as {key[1]}")
            seen_roles.add(key)
            part_where = f"{where}: participant {participant.country}"
            check(part_where, sources=participant.sources, countries=[participant.country])
            for change in participant.history:
                check(part_where, sources=change.sources)
    for relation in seed.relations:
        if relation.countries:
            a, b = relation.countries
            where = f"{seed_dir / 'relations.toml'}: relation {a}–{b}"
            if a == b:
                problems.append(f"{where}: a relation needs two different countries")
            check(where, sources=relation.sources, countries=relation.countries)
    for event in seed.events:
        where = f'{seed_dir / "events.toml"}: event "{event.slug}"'
        check(where, event.sources, event.countries, event.agreements)


def load_seed(seed_dir: Path) -> Seed:
    """Read and validate every seed file; raise SeedError listing all problems found."""
    problems: list[str] = []
    if not seed_dir.is_dir():
        raise SeedError([f"{seed_dir}: seed directory does not exist"])
    seed = Seed(
        countries=load_countries(seed_dir, problems),
        sources=_sources(seed_dir, problems),
        agreements=_agreements(seed_dir, problems),
        relations=_relations(seed_dir, problems),
        events=_events(seed_dir, problems),
    )
    if not problems:
        _check_references(seed, seed_dir, problems)
    if problems:
        raise SeedError(problems)
    return seed
