"""Reads the curated files in seed/ and validates them into plain records.

Every problem is reported with the file, the record and the field, e.g.
``seed/events.toml: event "kz-il-relations": date "1992-13-01" is not a valid date
(expected YYYY, YYYY-MM or YYYY-MM-DD)``. All problems are collected before failing, so
one run of ``build-db`` shows everything that needs fixing.
"""

from __future__ import annotations

from pathlib import Path

from server.store.seed.agreements import read_agreements
from server.store.seed.countries import load_countries
from server.store.seed.events import read_events
from server.store.seed.groups import read_groups
from server.store.seed.guards import check_guards
from server.store.seed.published import PublishedCount, read_published
from server.store.seed.reader import read_document, read_record, read_toml
from server.store.seed.records import (
    Agreement,
    Attribution,
    Country,
    Event,
    Freshness,
    Group,
    Member,
    MembershipStep,
    Participant,
    Relation,
    RelationStep,
    Seed,
    SeedError,
    Source,
    StatusChange,
    Term,
)
from server.store.seed.references import check_references
from server.store.seed.relations import read_relations, relation_events, step_event_slug
from server.store.seed.representation import representation_events
from server.store.seed.sources import read_sources
from server.store.seed.world import UnMembership, check_world, read_un_members

__all__ = [
    "Agreement",
    "Attribution",
    "Country",
    "Event",
    "Freshness",
    "Group",
    "Member",
    "MembershipStep",
    "Participant",
    "Term",
    "PublishedCount",
    "Relation",
    "RelationStep",
    "Seed",
    "SeedError",
    "Source",
    "StatusChange",
    "UnMembership",
    "load_countries",
    "load_seed",
    "relation_events",
    "representation_events",
    "step_event_slug",
]


def load_seed(seed_dir: Path) -> Seed:
    """Read and validate every seed file; raise SeedError listing all problems found."""
    problems: list[str] = []
    if not seed_dir.is_dir():
        raise SeedError([f"{seed_dir}: seed directory does not exist"])
    sources_path = seed_dir / "sources.toml"
    sources = read_sources(sources_path, read_toml(sources_path, "source", problems), problems)
    relations = []
    relation_files = sorted((seed_dir / "relations").glob("*.toml"))
    if not relation_files:
        problems.append(f"{seed_dir / 'relations'}: no relation files (*.toml)")
    for path in relation_files:
        document = read_document(path, ("relation", "source"), problems)
        relations += read_relations(path, document["relation"], problems)
        sources += read_sources(path, document["source"], problems)
    for path in sorted((seed_dir / "sources").glob("*.toml")):
        sources += read_sources(path, read_toml(path, "source", problems), problems)
    groups, group_sources = read_groups(seed_dir, problems)
    published, published_sources = read_published(seed_dir, problems)
    un_members, un_sources = read_un_members(seed_dir, problems)
    seed = Seed(
        countries=load_countries(seed_dir, problems),
        sources=sources + group_sources + published_sources + un_sources,
        agreements=read_agreements(seed_dir, problems),
        relations=relations,
        events=read_events(seed_dir, problems),
        groups=groups,
        read_through=read_record(seed_dir, problems),
        published_counts=published,
        un_members=un_members,
    )
    if not problems:
        check_references(seed, seed_dir, problems)
    if not problems:
        check_guards(seed, seed_dir, problems)
        check_world(seed, seed_dir, problems)
    if problems:
        raise SeedError(problems)
    return seed
