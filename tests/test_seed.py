"""Building the store: atomic, deterministic, and precise about bad seed files."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from server.build import build_store
from server.seed import SeedError, load_seed
from server.settings import ROOT

from .conftest import SEED


@pytest.fixture
def seed_copy(tmp_path):
    target = tmp_path / "seed"
    shutil.copytree(SEED, target)
    return target


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_build_counts(tmp_path):
    report = build_store(SEED, tmp_path / "a.sqlite")
    assert (report.countries, report.agreements, report.relations, report.events) == (250, 7, 6, 25)
    assert report.sources == 12
    assert report.participations == 43


def test_building_twice_gives_the_same_bytes(tmp_path):
    first = build_store(SEED, tmp_path / "a.sqlite")
    second = build_store(SEED, tmp_path / "b.sqlite")
    assert first.content_version == second.content_version
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()


def test_event_ids_follow_the_calendar(tmp_path):
    build_store(SEED, tmp_path / "a.sqlite")
    with sqlite3.connect(tmp_path / "a.sqlite") as db:
        rows = db.execute("SELECT id, date_start FROM events ORDER BY id").fetchall()
    assert [d for _, d in rows] == sorted(d for _, d in rows)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "events.toml",
            'date = "1992-04-10"',
            'date = "1992-13-01"',
            'events.toml: event "kazakhstan-israel-diplomatic-relations": date "1992-13-01" is not a '
            "valid date (month 13 is out of range)",
        ),
        (
            "events.toml",
            'kind = "diplomatic_relations"',
            'kind = "party_time"',
            'events.toml: event "kazakhstan-israel-diplomatic-relations": field "kind": "party_time" '
            "is not one of",
        ),
        (
            "events.toml",
            'slug = "kazakhstan-independence"',
            'slug = "kazakhstan-independence"\ncolour = "red"',
            'events.toml: event "kazakhstan-independence": field "colour" is not a known field',
        ),
        (
            "relations.toml",
            'established = "1992-04-10"',
            'established = "1992-04-31"',
            "relations.toml: relation IL–KZ: established",
        ),
        (
            "agreements.toml",
            'role = "broker"',
            'role = "spectator"',
            'agreements.toml: agreement "abraham-accords": participant US: field "role"',
        ),
        (
            "sources.toml",
            'id = "wikipedia-abraham-accords"',
            'id = "Wikipedia Abraham"',
            'sources.toml: source #7: field "id": "Wikipedia Abraham" must be lowercase',
        ),
    ],
)
def test_a_broken_record_names_file_record_and_field(seed_copy, file, old, new, message):
    replace_in(seed_copy / file, old, new)
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_references_are_checked(seed_copy):
    replace_in(
        seed_copy / "events.toml",
        'sources = ["wikipedia-israel-kazakhstan-relations"]',
        'sources = ["no-such-source"]',
    )
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any('source "no-such-source" is not in sources.toml' in p for p in caught.value.problems)


def test_invalid_toml_is_reported_with_its_file(seed_copy):
    (seed_copy / "relations.toml").write_text("[[relation]\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert "relations.toml: not valid TOML" in caught.value.problems[0]


def test_cli_failure_leaves_the_previous_store_untouched(seed_copy, tmp_path):
    store = tmp_path / "store.sqlite"
    build_store(SEED, store)
    before = store.read_bytes()
    replace_in(seed_copy / "events.toml", 'date = "1992-04-10"', 'date = "1992-04-99"')
    result = subprocess.run(
        [sys.executable, "-m", "server", "build-db", "--seed", str(seed_copy), "--db", str(store)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'date "1992-04-99" is not a valid date' in result.stderr
    assert store.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["seed", "store.sqlite"]  # no leftovers
