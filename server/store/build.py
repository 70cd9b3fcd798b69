"""Builds the SQLite store from validated seed records, atomically.

The new store is written to a temporary file beside the target and renamed over it only
once it is complete, so a failed or killed build never leaves a half-written database and
never touches the one being served. The served file is never written to again: readers
open it immutable, and a rebuild replaces the file (a new inode) instead of changing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from server.model.vocabulary import ChangeAction, RecordType
from server.store.periods import write_periods
from server.store.record_writers import (
    write_agreements,
    write_countries,
    write_events,
    write_groups,
    write_published_counts,
    write_relations,
    write_sources,
)
from server.store.schema import SCHEMA_VERSION
from server.store.seed import Seed, load_seed, relation_events, representation_events
from server.store.writer import create_schema, insert
from server.urls import paths


@dataclass(frozen=True)
class BuildReport:
    path: Path
    countries: int
    sources: int
    agreements: int
    participations: int
    relations: int
    relation_steps: int
    events: int
    groups: int
    memberships: int
    content_version: str
    published_counts: int = 0


def content_version(seed: Seed) -> str:
    """A digest of everything the store holds, so caches can tell one build from another."""
    canonical = json.dumps(
        [
            SCHEMA_VERSION,
            [asdict(c) for c in seed.countries],
            [asdict(s) for s in seed.sources],
            [asdict(a) for a in seed.agreements],
            [asdict(r) for r in seed.relations],
            [asdict(e) for e in seed.events],
            [asdict(g) for g in seed.groups],
            str(seed.read_through),
            [asdict(p) for p in seed.published_counts],
            asdict(seed.un_members) if seed.un_members else None,
        ],
        default=str,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def build_store(seed_dir: Path, db_path: Path, built_at: datetime | None = None) -> BuildReport:
    """Validate ``seed_dir`` and replace ``db_path`` with a store built from it.

    ``built_at`` (default: now) is stored as when the store was built; it is the only part
    of the file that is not a function of the seed."""
    seed = load_seed(seed_dir)
    built_at = (built_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(db_path)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    try:
        report = _write(seed, temporary, db_path, built_at)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
    return report


def _remove_abandoned_builds(db_path: Path) -> None:
    """Delete temporary files left by builds that were killed (their process is gone)."""
    for leftover in db_path.parent.glob(f".{db_path.name}.*.building"):
        pid = leftover.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            leftover.unlink(missing_ok=True)


def _write(seed: Seed, path: Path, final_path: Path, built_at: datetime) -> BuildReport:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # The temporary file is thrown away on any failure, so no journal is needed while
        # building; the finished file is a single self-contained database.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        create_schema(connection)
        counts = _insert(connection, seed)
        version = content_version(seed)
        updated = max(c.date for c in changes(seed)).isoformat()
        meta = {
            "content_version": version,
            "schema_version": str(SCHEMA_VERSION),
            "record_updated": updated,
            "read_through": seed.read_through.isoformat() if seed.read_through else "",
            "built_at": built_at.isoformat().replace("+00:00", "Z"),
        }
        insert(connection, "meta", ({"key": k, "value": v} for k, v in meta.items()))
        violations = connection.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            raise RuntimeError(f"foreign key violations while building: {violations[:3]}")
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
        connection.execute("VACUUM")
    finally:
        connection.close()
    return BuildReport(path=final_path, content_version=version, **counts)


def _insert(db: sqlite3.Connection, seed: Seed) -> dict[str, int]:
    """Write every record, parents before the rows that refer to them (foreign keys are
    checked as each row goes in); return how many of each kind were written."""
    countries = write_countries(db, seed.countries)
    sources = write_sources(db, seed.sources)
    agreements, participations = write_agreements(db, seed.agreements, sources)
    # Relation steps not written in events.toml get a timeline entry of their own.
    generated = [(step, event) for _, step, event in relation_events(seed)]
    generated += representation_events(seed)
    events = write_events(db, [*seed.events, *(e for _, e in generated)], sources, agreements)
    step_events = {id(step): events[event.slug] for step, event in generated}
    relation_steps = write_relations(db, seed.relations, sources, events, step_events)
    memberships = write_groups(db, seed.groups, sources)
    published = write_published_counts(db, seed.published_counts, sources)
    if seed.un_members is not None:
        members = seed.un_members
        rows = [{"code": c, "observer": 0} for c in members.members]
        insert(db, "un_members", rows + [{"code": c, "observer": 1} for c in members.observers])
    write_periods(db)  # what held when, by the model's rules, from the steps above
    insert(db, "changes", (_change_row(change) for change in changes(seed)))
    index_for_search(db)
    return {
        "countries": countries,
        "sources": len(sources),
        "agreements": len(agreements),
        "participations": participations,
        "relations": len(seed.relations),
        "relation_steps": relation_steps,
        "events": len(events),
        "groups": len(seed.groups),
        "memberships": memberships,
        "published_counts": published,
    }


@dataclass(frozen=True)
class Change:
    date: date
    action: str  # added or updated
    record_type: str
    ref: str
    title: str
    note: str | None
    path: str


def changes(seed: Seed) -> list[Change]:
    """Every record's addition and, when later, its last update: the record's changelog."""
    names = {c.code: c.name for c in seed.countries}
    records = []
    for event in seed.events:
        records.append((RecordType.EVENT, event.slug, event.title, paths.event(event.slug), event))
    for agreement in seed.agreements:
        path = paths.agreement(agreement.slug)
        records.append((RecordType.AGREEMENT, agreement.slug, agreement.name, path, agreement))
    for relation in seed.relations:
        a, b = relation.countries
        if "IL" in relation.countries:  # the other country first, as on the timeline
            a, b = ("IL", b) if a == "IL" else ("IL", a)
        title = f"{names[b]}–{names[a]} relations"
        records.append((RecordType.RELATION, f"{a}-{b}", title, paths.relation(b, a), relation))
    for group in seed.groups:
        records.append((RecordType.GROUP, group.code, group.name, paths.countries(), group))
    found = []
    for record_type, ref, title, path, record in records:
        fresh = record.freshness
        found.append(
            Change(fresh.added, ChangeAction.ADDED.value, record_type.value, ref, title, None, path)
        )
        if fresh.updated > fresh.added:
            found.append(
                Change(
                    fresh.updated,
                    ChangeAction.UPDATED.value,
                    record_type.value,
                    ref,
                    title,
                    fresh.change,
                    path,
                )
            )
    return found


def _change_row(change: Change) -> dict:
    return {
        "day": change.date.isoformat(),
        "action": change.action,
        "record_type": change.record_type,
        "ref": change.ref,
        "title": change.title,
        "note": change.note,
        "path": change.path,
    }


def index_for_search(db: sqlite3.Connection) -> None:
    """Fill the full-text index: countries, agreements, then events newest first.

    The order matters: it is the order search results come in (see server/store/search.py).
    """
    db.execute(
        "INSERT INTO search_index (kind, ref, title, body)"
        " SELECT 'country', code, name,"
        " coalesce(official_name, '') || ' ' || code || ' ' || alpha3 FROM countries"
    )
    db.execute(
        "INSERT INTO search_index (kind, ref, title, body)"
        " SELECT 'agreement', id, name, summary FROM agreements ORDER BY id DESC"
    )
    db.execute(
        "INSERT INTO search_index (kind, ref, title, body)"
        " SELECT 'event', id, title, summary FROM events ORDER BY id DESC"
    )
