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
from datetime import UTC, date, datetime
from pathlib import Path

import pycountry

from .dates import PRECISIONS, InvalidDate, PartialDate
from .history import Contradiction, replay
from .vocabulary import (
    RELATION_STEP_EVENTS,
    SLUG,
    AgreementKind,
    EventKind,
    MembershipStepKind,
    RelationStepKind,
    Role,
    SourceKind,
    Status,
    values,
)

# Codes ISO 3166-1 leaves to users; of those, only the ones the record needs are allowed
# (Kosovo's XK, as the EU and the IMF use it).
USER_ASSIGNED = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ")


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
class Freshness:
    """When a record was added to the record and last changed, and what changed then."""

    added: date
    updated: date
    change: str | None = None


@dataclass(frozen=True)
class Source:
    slug: str
    publisher: str
    title: str
    url: str
    published: PartialDate | None
    kind: str


@dataclass(frozen=True)
class StatusChange:
    status: str
    date: PartialDate
    note: str | None
    caveat: str | None
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
    freshness: Freshness | None = None


@dataclass(frozen=True)
class RelationStep:
    kind: str
    date: PartialDate
    note: str | None
    caveat: str | None
    sources: tuple[str, ...]
    event: str | None  # the slug of the timeline event this step is, when written there
    title: str | None  # the step's headline on the timeline, when not generated


@dataclass(frozen=True)
class Relation:
    countries: tuple[str, str]  # sorted
    summary: str | None
    none_known: str | None  # a cited statement that there never were relations
    sources: tuple[str, ...]  # the sources of that statement
    steps: tuple[RelationStep, ...]
    file: str = ""
    freshness: Freshness | None = None


@dataclass(frozen=True)
class MembershipStep:
    kind: str
    date: PartialDate
    note: str | None
    caveat: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Member:
    country: str
    sources: tuple[str, ...]
    history: tuple[MembershipStep, ...]


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    summary: str
    sources: tuple[str, ...]
    members: tuple[Member, ...]
    freshness: Freshness | None = None


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
    caveat: str | None = None
    freshness: Freshness | None = None


@dataclass
class Seed:
    countries: list[Country] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


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

    def date(
        self,
        name: str,
        *,
        required: bool = True,
        bounds: bool = True,
        precision_required: bool = False,
    ):
        if precision_required and "precision" not in self.table:
            self.fail('field "precision" is missing (year, month or day: what the sources support)')
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            parsed = PartialDate.parse(value, bounds=bounds)
        except InvalidDate as error:
            self.fail(f"{name} {error}")
            return None
        # A writer may state the precision a source supports; the date may not claim more
        # (a month-precise fact written as a day is refused, not silently kept).
        if "precision" in self.table:
            precision = self.choice("precision", PRECISIONS)
            if precision and PRECISIONS.index(parsed.precision) > PRECISIONS.index(precision):
                self.fail(
                    f'{name} "{value}" is more precise than its stated precision "{precision}"'
                    " (an inflated precision: write only what the sources support)"
                )
        return parsed

    def freshness(self) -> Freshness | None:
        """``added`` and ``updated`` (days, YYYY-MM-DD) and the optional ``change`` note:
        added on or before updated, neither after today."""
        days = {}
        for name in ("added", "updated"):
            value = self.text(name)
            if value is None:
                continue
            try:
                days[name] = date.fromisoformat(value) if len(value) == 10 else None
            except ValueError:
                days[name] = None
            if days[name] is None:
                self.fail(f'field "{name}": "{value}" is not a day (YYYY-MM-DD)')
        change = self.text("change", required=False)
        added, updated = days.get("added"), days.get("updated")
        if added is None or updated is None:
            return None
        today = datetime.now(UTC).date()
        if updated > added and change is None:
            self.fail('field "change" is missing: say what changed on the update')
        if added > updated:
            self.fail(f"added {added} is after updated {updated}")
        elif updated > today:
            self.fail(f"updated {updated} is in the future (today is {today})")
        return Freshness(added, updated, change)

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
    return _read_document(path, (key,), problems)[key]


def _read_document(path: Path, keys: tuple[str, ...], problems: list[str]) -> dict[str, list]:
    """The arrays of tables ``[[key]]`` of one file, for each key (empty when absent)."""
    empty = {key: [] for key in keys}
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        problems.append(f"{path}: file is missing")
        return empty
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path}: not valid TOML ({error})")
        return empty
    extra = sorted(set(document) - set(keys))
    if extra:
        expected = ", ".join(f"[[{key}]]" for key in keys)
        problems.append(f'{path}: unexpected top-level key "{extra[0]}" (expected {expected})')
    found = {}
    for key in keys:
        records = document.get(key, [])
        if not isinstance(records, list):
            problems.append(f"{path}: {key} must be written as [[{key}]] tables")
            records = []
        found[key] = records
    return found


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

    path = seed_dir / "user_assigned_countries.toml"
    for index, table in enumerate(_read_toml(path, "country", problems), start=1):
        record = _Record(problems, f"{path}: country #{index}", table)
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


def _source(record: _Record) -> Source:
    slug = record.text("id", pattern=SLUG)
    if slug:
        record.where = f'{record.where.rsplit(":", 1)[0]}: source "{slug}"'
    source = Source(
        slug=slug,
        publisher=record.text("publisher"),
        title=record.text("title"),
        url=record.text("url"),
        published=record.date("published", required=False, bounds=False),
        kind=record.choice("kind", values(SourceKind)),
    )
    if source.url and not source.url.startswith(("https://", "http://")):
        record.fail(f'field "url": "{source.url}" must start with https:// or http://')
    record.check_unknown_fields()
    return source


def _sources(path: Path, tables: list, problems: list[str]) -> list[Source]:
    return [
        _source(_Record(problems, f"{path}: source #{index}", table))
        for index, table in enumerate(tables, start=1)
    ]


def _history(record: _Record, problems: list[str]) -> tuple[StatusChange, ...]:
    changes = []
    for index, table in enumerate(record.tables("history"), start=1):
        entry = _Record(problems, f"{record.where}: history #{index}", table)
        changes.append(
            StatusChange(
                status=entry.choice("status", values(Status)),
                date=entry.date("date"),
                note=entry.text("note", required=False),
                caveat=entry.text("caveat", required=False),
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
            cited = bool(participant.sources) or all(c.sources for c in participant.history)
            if not cited:
                part.fail(
                    "a status cites no source and the participant none either (give sources"
                    " = [...] on the participant or on every status)"
                )
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
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    return agreements


def _relations(path: Path, tables: list, problems: list[str]) -> list[Relation]:
    relations = []
    for index, table in enumerate(tables, start=1):
        record = _Record(problems, f"{path}: relation #{index}", table)
        pair = record.strings("countries")
        if pair is not None and len(pair) != 2:
            record.fail(f'field "countries" must name exactly two countries (got {list(pair)})')
            pair = None
        if pair:
            record.where = f"{path}: relation {pair[0]}–{pair[1]}"
        none_known, none_sources = None, ()
        statement = record._get("none_known", False)
        if statement is not None:
            entry = _Record(problems, f"{record.where}: none_known", statement)
            none_known = entry.text("note")
            none_sources = entry.strings("sources", at_least=1) or ()
            entry.check_unknown_fields()
        steps = []
        for number, step_table in enumerate(record.tables("step"), start=1):
            entry = _Record(problems, f"{record.where}: step #{number}", step_table)
            steps.append(
                RelationStep(
                    kind=entry.choice("kind", values(RelationStepKind)),
                    # The reviewed histories state each step's precision: required here,
                    # so a day cannot be added to a month-precise step unnoticed.
                    date=entry.date("date", precision_required=True),
                    note=entry.text("note", required=False),
                    caveat=entry.text("caveat", required=False),
                    sources=entry.strings("sources", at_least=1) or (),
                    event=entry.text("event", required=False, pattern=SLUG),
                    title=entry.text("title", required=False),
                )
            )
            entry.check_unknown_fields()
        if not steps and none_known is None:
            record.fail('needs steps ([[relation.step]]) or a cited "none_known" statement')
        relations.append(
            Relation(
                countries=tuple(sorted(pair)) if pair else None,
                summary=record.text("summary", required=False),
                none_known=none_known,
                sources=none_sources,
                steps=tuple(steps),
                file=str(path),
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    _check_histories(relations, problems)
    return relations


def _check_histories(relations: list[Relation], problems: list[str]) -> None:
    """Each relation's steps in date order, none twice, each following from the last."""
    for relation in relations:
        if relation.countries is None:
            continue
        where = f"{relation.file}: relation {relation.countries[0]}–{relation.countries[1]}"
        steps = [s for s in relation.steps if s.kind is not None and s.date is not None]
        seen = set()
        for step in steps:
            key = (step.kind, step.date.text)
            if key in seen:
                problems.append(f"{where}: step {step.kind} {step.date} is listed twice")
            seen.add(key)
        for earlier, later in zip(steps, steps[1:], strict=False):
            if later.date.end < earlier.date.end:
                problems.append(
                    f"{where}: step {later.kind} {later.date} comes before {earlier.kind} "
                    f"{earlier.date}; list steps in date order (by their last possible day)"
                )
        try:
            replay(relation.none_known is not None, [RelationStepKind(s.kind) for s in steps])
        except Contradiction as error:
            step = steps[error.index]
            problems.append(f"{where}: step {step.kind} {step.date}: {error}")


def _groups(seed_dir: Path, problems: list[str]) -> tuple[list[Group], list[Source]]:
    path = seed_dir / "groups.toml"
    document = _read_document(path, ("group", "source"), problems)
    groups = []
    for index, table in enumerate(document["group"], start=1):
        record = _Record(problems, f"{path}: group #{index}", table)
        code = record.text("code")
        if code:
            record.where = f'{path}: group "{code}"'
            if not re.fullmatch(r"[A-Z][A-Z_]*", code):
                record.fail(f'field "code": "{code}" must be capital letters and "_"')
        members = []
        for number, member_table in enumerate(record.tables("member"), start=1):
            entry = _Record(problems, f"{record.where}: member #{number}", member_table)
            country = entry.text("country")
            if country:
                entry.where = f"{record.where}: member {country}"
            history = []
            for step_number, step_table in enumerate(entry.tables("history"), start=1):
                step = _Record(problems, f"{entry.where}: history #{step_number}", step_table)
                history.append(
                    MembershipStep(
                        kind=step.choice("kind", values(MembershipStepKind)),
                        date=step.date("date"),
                        note=step.text("note", required=False),
                        caveat=step.text("caveat", required=False),
                        sources=step.strings("sources", at_least=1) or (),
                    )
                )
                step.check_unknown_fields()
            dated = [s for s in history if s.date is not None]
            for earlier, later in zip(dated, dated[1:], strict=False):
                if later.date.end < earlier.date.end:
                    entry.fail(f"history: {later.date} comes before {earlier.date}")
            members.append(
                Member(
                    country=country,
                    sources=entry.strings("sources", at_least=1) or (),
                    history=tuple(history),
                )
            )
            entry.check_unknown_fields()
        groups.append(
            Group(
                code=code,
                name=record.text("name"),
                summary=record.text("summary"),
                sources=record.strings("sources", at_least=1) or (),
                members=tuple(members),
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    return groups, _sources(path, document["source"], problems)


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
                caveat=record.text("caveat", required=False),
                freshness=record.freshness(),
            )
        )
        record.check_unknown_fields()
    return events


_STEP_TITLES = {
    "recognized": "{b} recognizes {a}",
    "relations_established": "{b} and {a} establish diplomatic relations",
    "relations_suspended": "Diplomatic relations between {b} and {a} suspended",
    "relations_severed": "Diplomatic relations between {b} and {a} severed",
    "relations_restored": "{b} and {a} restore diplomatic relations",
    "office_opened": "Liaison office opened in {b}–{a} relations",
    "office_closed": "Liaison office closed in {b}–{a} relations",
    "normalization_announced": "{b} and {a} announce normalization",
    "agreement_signed": "{b} and {a} sign an agreement",
}


def step_event_slug(relation: Relation, step: RelationStep) -> str:
    """The slug of a step's own timeline entry, e.g. il-mr-relations-severed-2010-03-20."""
    a, b = relation.countries
    bound = "by-" if step.date.qualifier == "by" else ""
    return f"{a}-{b}-{step.kind}-{bound}{step.date.iso}".lower().replace("_", "-")


def relation_events(seed: Seed) -> list[tuple[Relation, RelationStep, Event]]:
    """The timeline entry of every relation step not already written in events.toml:
    one source of truth for each step, shown in both places."""
    names = {c.code: c.name for c in seed.countries}
    entries = []
    for relation in seed.relations:
        a, b = relation.countries
        if "IL" in relation.countries:  # name the other country first: it is the story
            a, b = "IL", b if a == "IL" else a
        for step in relation.steps:
            if step.event is not None:
                continue
            title = step.title or _STEP_TITLES[step.kind].format(a=names[a], b=names[b])
            if step.date.qualifier == "by":
                title += f" (known by {step.date.iso})"
            summary = (step.note or title).rstrip(".")
            summary = summary[0].upper() + summary[1:] + "."
            event = Event(
                slug=step_event_slug(relation, step),
                date=step.date,
                kind=RELATION_STEP_EVENTS[RelationStepKind(step.kind)].value,
                title=title,
                summary=summary,
                countries=(b, a),
                agreements=(),
                sources=step.sources,
                caveat=step.caveat,
                freshness=relation.freshness,
            )
            entries.append((relation, step, event))
    return entries


def _check_references(seed: Seed, seed_dir: Path, problems: list[str]) -> None:
    """Cross-file checks: every code, slug and source id refers to something that exists."""
    country_codes = {c.code for c in seed.countries}
    sources = {s.slug: s for s in seed.sources if s.slug}
    agreement_slugs = {a.slug for a in seed.agreements if a.slug}
    events = {e.slug: e for e in seed.events if e.slug}

    def unique(items, label, file):
        seen = set()
        for item in items:
            if item and item in seen:
                problems.append(f"{seed_dir / file}: {label} {item!r} is defined twice")
            seen.add(item)

    unique([s.slug for s in seed.sources], "source", "sources")
    unique([s.url for s in seed.sources], "source URL", "sources")
    unique([a.slug for a in seed.agreements], "agreement", "agreements.toml")
    unique([e.slug for e in seed.events], "event", "events.toml")
    unique([r.countries for r in seed.relations if r.countries], "relation", "relations/")
    unique([g.code for g in seed.groups], "group", "groups.toml")

    def check(where, cited=(), countries=(), agreements=(), date=None):
        for source in cited or ():
            if source not in sources:
                problems.append(f'{where}: source "{source}" is not defined in seed/')
        for code in countries or ():
            if code not in country_codes:
                problems.append(
                    f'{where}: country "{code}" is not an ISO 3166-1 alpha-2 code, a former '
                    "country's code or a user-assigned code in the record (XK)"
                )
        for slug in agreements or ():
            if slug not in agreement_slugs:
                problems.append(f'{where}: agreement "{slug}" is not in agreements.toml')
        # A source cannot report what had not happened when it was published.
        published = [sources[s].published for s in cited or () if s in sources]
        dated = published and all(p is not None for p in published)
        if date is not None and dated and all(p.end < date.start for p in published):
            problems.append(f"{where}: dated {date} but every source was published before it")

    for agreement in seed.agreements:
        where = f'{seed_dir / "agreements.toml"}: agreement "{agreement.slug}"'
        check(where, agreement.sources)
        seen_roles = set()
        for participant in agreement.participants:
            key = (participant.country, participant.role)
            if key in seen_roles:
                problems.append(f"{where}: participant {key[0]} appears twice as {key[1]}")
            seen_roles.add(key)
            part_where = f"{where}: participant {participant.country}"
            check(part_where, participant.sources, countries=[participant.country])
            for change in participant.history:
                check(
                    f"{part_where}: {change.status} {change.date}", change.sources, date=change.date
                )
    for relation in seed.relations:
        if not relation.countries:
            continue
        a, b = relation.countries
        where = f"{relation.file}: relation {a}–{b}"
        if a == b:
            problems.append(f"{where}: a relation needs two different countries")
        check(where, relation.sources, countries=relation.countries)
        for step in relation.steps:
            step_where = f"{where}: step {step.kind} {step.date}"
            check(step_where, step.sources, date=step.date)
            if step.event is not None:
                event = events.get(step.event)
                if event is None:
                    problems.append(f'{step_where}: event "{step.event}" is not in events.toml')
                elif event.date != step.date or not set(relation.countries) & set(event.countries):
                    problems.append(
                        f'{step_where}: event "{step.event}" is dated {event.date} and involves '
                        f"{', '.join(event.countries)}; a step's event must have its date and "
                        "involve one of its countries"
                    )
    for event in seed.events:
        where = f'{seed_dir / "events.toml"}: event "{event.slug}"'
        check(where, event.sources, event.countries, event.agreements, date=event.date)
    for group in seed.groups:
        where = f'{seed_dir / "groups.toml"}: group "{group.code}"'
        check(where, group.sources)
        unique([m.country for m in group.members], f"{group.code} member", "groups.toml")
        for member in group.members:
            member_where = f"{where}: member {member.country}"
            check(member_where, member.sources, countries=[member.country])
            for step in member.history:
                check(f"{member_where}: {step.kind} {step.date}", step.sources, date=step.date)
    if not problems:
        generated = relation_events(seed)
        unique(
            [e.slug for e in seed.events] + [event.slug for _, _, event in generated],
            "event (written or generated from a relation step)",
            "events.toml",
        )


def load_seed(seed_dir: Path) -> Seed:
    """Read and validate every seed file; raise SeedError listing all problems found."""
    problems: list[str] = []
    if not seed_dir.is_dir():
        raise SeedError([f"{seed_dir}: seed directory does not exist"])
    sources_path = seed_dir / "sources.toml"
    sources = _sources(sources_path, _read_toml(sources_path, "source", problems), problems)
    relations = []
    relation_files = sorted((seed_dir / "relations").glob("*.toml"))
    if not relation_files:
        problems.append(f"{seed_dir / 'relations'}: no relation files (*.toml)")
    for path in relation_files:
        document = _read_document(path, ("relation", "source"), problems)
        relations += _relations(path, document["relation"], problems)
        sources += _sources(path, document["source"], problems)
    groups, group_sources = _groups(seed_dir, problems)
    seed = Seed(
        countries=load_countries(seed_dir, problems),
        sources=sources + group_sources,
        agreements=_agreements(seed_dir, problems),
        relations=relations,
        events=_events(seed_dir, problems),
        groups=groups,
    )
    if not problems:
        _check_references(seed, seed_dir, problems)
    if problems:
        raise SeedError(problems)
    return seed
