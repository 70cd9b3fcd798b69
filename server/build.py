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

from .history import initial_state, replay
from .migrations import SCHEMA_VERSION, migrations
from .seed import Seed, load_seed, relation_events
from .vocabulary import ChangeAction, MembershipStepKind, RecordType, RelationStepKind


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
        for version, sql in migrations():
            _apply(connection, sql)
            connection.execute(f"PRAGMA user_version = {int(version)}")
        counts = _insert(connection, seed)
        version = content_version(seed)
        updated = max(c.date for c in changes(seed)).isoformat()
        connection.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("content_version", version),
                ("schema_version", str(SCHEMA_VERSION)),
                ("record_updated", updated),
                ("built_at", built_at.isoformat().replace("+00:00", "Z")),
            ],
        )
        violations = connection.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            raise RuntimeError(f"foreign key violations while building: {violations[:3]}")
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
        connection.execute("VACUUM")
    finally:
        connection.close()
    return BuildReport(path=final_path, content_version=version, **counts)


def _apply(connection: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the open transaction; run statement by statement instead
    # so the whole build stays one transaction.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            connection.execute(statement)
            statement = ""


def _insert(db: sqlite3.Connection, seed: Seed) -> dict[str, int]:
    db.executemany(
        "INSERT INTO countries (code, alpha3, numeric_code, name, official_name, region,"
        " subregion, historical, sort_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                c.code,
                c.alpha3,
                c.numeric_code,
                c.name,
                c.official_name,
                c.region,
                c.subregion,
                c.historical,
                c.sort_name,
            )
            for c in seed.countries
        ],
    )
    source_ids = {}
    for number, source in enumerate(seed.sources, start=1):
        source_ids[source.slug] = number
        db.execute(
            "INSERT INTO sources (id, slug, publisher, title, url, published, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                source.slug,
                source.publisher,
                source.title,
                source.url,
                source.published.iso if source.published else None,
                source.kind,
            ),
        )

    agreement_ids = {}
    participations = 0
    ordered = sorted(
        enumerate(seed.agreements), key=lambda pair: (pair[1].date.start, pair[1].slug)
    )
    for number, (_, agreement) in enumerate(ordered, start=1):
        agreement_ids[agreement.slug] = number
        db.execute(
            "INSERT INTO agreements (id, slug, name, kind, date, date_start, place, summary,"
            " added, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                agreement.slug,
                agreement.name,
                agreement.kind,
                agreement.date.iso,
                agreement.date.start.isoformat(),
                agreement.place,
                agreement.summary,
                *_days(agreement.freshness),
            ),
        )
        db.executemany(
            "INSERT INTO agreement_sources (agreement_id, source_id) VALUES (?, ?)",
            [(number, source_ids[s]) for s in agreement.sources],
        )
        for participant in agreement.participants:
            participations += 1
            pid = participations
            db.execute(
                "INSERT INTO participations (id, agreement_id, country_code, role, note)"
                " VALUES (?, ?, ?, ?, ?)",
                (pid, number, participant.country, participant.role, participant.note),
            )
            db.executemany(
                "INSERT INTO participation_sources (participation_id, source_id) VALUES (?, ?)",
                [(pid, source_ids[s]) for s in participant.sources],
            )
            for seq, change in enumerate(participant.history, start=1):
                db.execute(
                    "INSERT INTO participation_statuses (participation_id, seq, status, date,"
                    " date_start, date_end, note, caveat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        pid,
                        seq,
                        change.status,
                        change.date.text,
                        change.date.start.isoformat(),
                        change.date.end.isoformat(),
                        change.note,
                        change.caveat,
                    ),
                )
                db.executemany(
                    "INSERT INTO status_sources (participation_id, seq, source_id)"
                    " VALUES (?, ?, ?)",
                    [(pid, seq, source_ids[s]) for s in change.sources],
                )

    # Event (and agreement) ids follow the lists' sort key, (first possible day, slug):
    # pages are read in id order along the indexes, and a cursor, which holds the sort
    # key, finds its place again in any later build (see queries.Keyset). Relation steps
    # not written in events.toml get a timeline entry of their own.
    generated = relation_events(seed)
    everything = list(seed.events) + [event for _, _, event in generated]
    timeline = sorted(everything, key=lambda event: (event.date.start, event.slug))
    event_ids = {}
    for number, event in enumerate(timeline, start=1):
        event_ids[event.slug] = number
        db.execute(
            "INSERT INTO events (id, slug, date, date_start, date_end, kind, title, summary,"
            " caveat, added, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                event.slug,
                event.date.text,
                event.date.start.isoformat(),
                event.date.end.isoformat(),
                event.kind,
                event.title,
                event.summary,
                event.caveat,
                *_days(event.freshness),
            ),
        )
        db.executemany(
            "INSERT INTO event_countries (event_id, country_code) VALUES (?, ?)",
            [(number, code) for code in event.countries],
        )
        db.executemany(
            "INSERT INTO event_agreements (event_id, agreement_id) VALUES (?, ?)",
            [(number, agreement_ids[slug]) for slug in event.agreements],
        )
        db.executemany(
            "INSERT INTO event_sources (event_id, source_id) VALUES (?, ?)",
            [(number, source_ids[s]) for s in event.sources],
        )
    step_events = {id(step): event.slug for _, step, event in generated}

    relation_steps = 0
    relations = sorted(seed.relations, key=lambda relation: relation.countries)
    for number, relation in enumerate(relations, start=1):
        a, b = relation.countries
        none_known = relation.none_known is not None
        established = next(
            (
                s.date
                for s in relation.steps
                if s.kind == RelationStepKind.RELATIONS_ESTABLISHED.value
            ),
            None,
        )
        db.execute(
            "INSERT INTO relations (id, country_a, country_b, summary, none_known,"
            " initial_state, established, established_start, added, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                a,
                b,
                relation.summary,
                relation.none_known,
                initial_state(none_known).value,
                established.text if established else None,
                established.start.isoformat() if established else None,
                *_days(relation.freshness),
            ),
        )
        db.executemany(
            "INSERT INTO relation_sources (relation_id, source_id) VALUES (?, ?)",
            [(number, source_ids[s]) for s in relation.sources],
        )
        states = replay(none_known, [RelationStepKind(s.kind) for s in relation.steps])
        for seq, (step, state) in enumerate(zip(relation.steps, states, strict=True), start=1):
            relation_steps += 1
            event_slug = step.event or step_events[id(step)]
            db.execute(
                "INSERT INTO relation_steps (relation_id, seq, kind, date, date_start, date_end,"
                " note, caveat, state, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    seq,
                    step.kind,
                    step.date.text,
                    step.date.start.isoformat(),
                    step.date.end.isoformat(),
                    step.note,
                    step.caveat,
                    state.value,
                    event_ids[event_slug],
                ),
            )
            db.executemany(
                "INSERT INTO relation_step_sources (relation_id, seq, source_id) VALUES (?, ?, ?)",
                [(number, seq, source_ids[s]) for s in step.sources],
            )

    memberships = 0
    for group in seed.groups:
        db.execute(
            "INSERT INTO groups (code, name, summary, added, updated) VALUES (?, ?, ?, ?, ?)",
            (group.code, group.name, group.summary, *_days(group.freshness)),
        )
        db.executemany(
            "INSERT INTO group_sources (group_code, source_id) VALUES (?, ?)",
            [(group.code, source_ids[s]) for s in group.sources],
        )
        for member in group.members:
            memberships += 1
            joined = next(
                (s.date for s in member.history if s.kind == MembershipStepKind.JOINED.value),
                None,
            )
            db.execute(
                "INSERT INTO memberships (group_code, country_code, joined, joined_end)"
                " VALUES (?, ?, ?, ?)",
                (
                    group.code,
                    member.country,
                    joined.text if joined else None,
                    joined.end.isoformat() if joined else None,
                ),
            )
            db.executemany(
                "INSERT INTO membership_sources (group_code, country_code, seq, source_id)"
                " VALUES (?, ?, 0, ?)",
                [(group.code, member.country, source_ids[s]) for s in member.sources],
            )
            for seq, step in enumerate(member.history, start=1):
                db.execute(
                    "INSERT INTO membership_steps (group_code, country_code, seq, kind, date,"
                    " date_start, date_end, note, caveat, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        group.code,
                        member.country,
                        seq,
                        step.kind,
                        step.date.text,
                        step.date.start.isoformat(),
                        step.date.end.isoformat(),
                        step.note,
                        step.caveat,
                        _MEMBERSHIP_STATUS[step.kind],
                    ),
                )
                db.executemany(
                    "INSERT INTO membership_sources (group_code, country_code, seq, source_id)"
                    " VALUES (?, ?, ?, ?)",
                    [(group.code, member.country, seq, source_ids[s]) for s in step.sources],
                )

    db.executemany(
        "INSERT INTO changes (day, action, record_type, ref, title, note, path)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (c.date.isoformat(), c.action, c.record_type, c.ref, c.title, c.note, c.path)
            for c in changes(seed)
        ],
    )
    index_for_search(db)
    return {
        "countries": len(seed.countries),
        "sources": len(seed.sources),
        "agreements": len(seed.agreements),
        "participations": participations,
        "relations": len(seed.relations),
        "relation_steps": relation_steps,
        "events": len(timeline),
        "groups": len(seed.groups),
        "memberships": memberships,
    }


def _days(freshness) -> tuple[str | None, str | None]:
    if freshness is None:
        return None, None
    return freshness.added.isoformat(), freshness.updated.isoformat()


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
        records.append((RecordType.EVENT, event.slug, event.title, f"/events/{event.slug}", event))
    for agreement in seed.agreements:
        path = f"/agreements/{agreement.slug}"
        records.append((RecordType.AGREEMENT, agreement.slug, agreement.name, path, agreement))
    for relation in seed.relations:
        a, b = relation.countries
        if "IL" in relation.countries:  # the other country first, as on the timeline
            a, b = ("IL", b) if a == "IL" else ("IL", a)
        title = f"{names[b]}–{names[a]} relations"
        records.append((RecordType.RELATION, f"{a}-{b}", title, f"/relations/{b}/{a}", relation))
    for group in seed.groups:
        records.append((RecordType.GROUP, group.code, group.name, "/countries", group))
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


_MEMBERSHIP_STATUS = {
    "joined": "member",
    "reinstated": "member",
    "suspended": "suspended",
    "withdrew": "withdrawn",
}


def index_for_search(db: sqlite3.Connection) -> None:
    """Fill the full-text index: countries, agreements, then events newest first.

    The order matters: it is the order search results come in (see server/search.py).
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
