"""The member states of the United Nations (seed/un_members.toml): what the count of
record and its guards are measured against (issue #20)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from server.model.counts import RECORD_COUNTRY
from server.model.states import Contradiction, initial_state, replay
from server.model.vocabulary import RelationState, RelationStepKind
from server.store.seed.reader import Record
from server.store.seed.records import Source
from server.store.seed.sources import read_sources

FILE = "un_members.toml"


@dataclass(frozen=True)
class UnMembership:
    members: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()  # non-member observer states (the Holy See, Palestine)
    sources: tuple[str, ...] = ()


def read_un_members(seed_dir: Path, problems: list[str]) -> tuple[UnMembership, list[Source]]:
    path = seed_dir / FILE
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(
            f"{path}: missing (the UN's member states, which every count is read against)"
        )
        return UnMembership(), []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path}: not valid TOML ({error})")
        return UnMembership(), []
    record = Record(problems, str(path), {k: v for k, v in document.items() if k != "source"})
    record.text("as_of")
    members = record.strings("members", at_least=1) or ()
    observers = record.strings("observers") or ()
    membership = UnMembership(members, observers, record.strings("sources", at_least=1) or ())
    record.check_unknown_fields()
    for code in sorted(set(members) & set(observers)):
        record.fail(f"{code} is listed as a member and as an observer")
    return membership, read_sources(path, document.get("source", []), problems)


def check_world(seed, seed_dir: Path, problems: list[str]) -> None:
    """Every UN member and observer state has a relation with the record's country, and
    every relation reads a cited state today, or says in its summary why it cannot."""
    membership = seed.un_members or UnMembership()
    countries = {c.code for c in seed.countries}
    where = seed_dir / FILE
    for code in (*membership.members, *membership.observers):
        if code not in countries:
            problems.append(f'{where}: "{code}" is not a country of the record')
    paired = {
        code
        for r in seed.relations
        if r.countries and RECORD_COUNTRY in r.countries
        for code in r.countries
    }
    for code in (*membership.members, *membership.observers):
        if code != RECORD_COUNTRY and code not in paired:
            problems.append(
                f"{where}: {code} has no relation with {RECORD_COUNTRY} in seed/relations/; "
                "every UN member and observer state needs one (its steps, a cited "
                '"none_known", or a summary saying why nothing is on record)'
            )
    for relation in seed.relations:
        if not relation.countries or relation.summary:
            continue
        kinds = [RelationStepKind(s.kind) for s in relation.steps if s.kind and s.date]
        try:
            states = replay(relation.none_known is not None, kinds)
        except Contradiction:
            continue  # reported by the relation's own checks
        today = states[-1] if states else initial_state(relation.none_known is not None)
        if today is RelationState.UNKNOWN:
            problems.append(
                f"{relation.file}: relation {'–'.join(relation.countries)} reads UNKNOWN today: "
                "give the step that settles its state, or a summary saying why the record "
                "cannot"
            )
