"""Building the store: atomic, deterministic, and precise about bad seed files."""

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from server.settings import ROOT
from server.store.build import build_store
from server.store.seed import SeedError, load_seed

from .conftest import SEED


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _tables(pattern: str, name: str) -> int:
    """How many [[name]] tables the seed files matching ``pattern`` hold, counted from the
    text (not through the loader the build uses)."""
    return sum(
        [line.strip() for line in path.read_text(encoding="utf-8").splitlines()].count(
            f"[[{name}]]"
        )
        for path in SEED.glob(pattern)
        if "research" not in path.relative_to(SEED).parts  # notes, not the record
    )


def test_build_counts(tmp_path):
    report = build_store(SEED, tmp_path / "a.sqlite")
    # Every ISO 3166-1 country, the Soviet Union, Kosovo (XK) and Somaliland (XS).
    assert report.countries == 252
    assert report.agreements == _tables("agreements.toml", "agreement")
    assert report.participations == _tables("agreements.toml", "agreement.participant")
    assert report.relations == _tables("relations/*.toml", "relation")
    assert report.relation_steps == _tables("relations/*.toml", "relation.step")
    assert report.sources == _tables("**/*.toml", "source")
    assert report.groups == _tables("groups.toml", "group") == 2
    assert report.memberships == _tables("groups.toml", "group.member") == 57 + 22
    # The timeline: the written events plus one for each relation step not linked to one.
    linked = sum(
        path.read_text(encoding="utf-8").count("\nevent = ")
        for path in SEED.glob("relations/*.toml")
    )
    # ... and one for each representation step.
    representation = _tables("relations/*.toml", "relation.representation")
    assert representation > 0
    assert report.events == (
        _tables("events.toml", "event") + report.relation_steps - linked + representation
    )


def test_building_twice_gives_the_same_bytes(tmp_path):
    # Only the build time is not a function of the seed: the same one, the same bytes.
    when = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    first = build_store(SEED, tmp_path / "a.sqlite", built_at=when)
    second = build_store(SEED, tmp_path / "b.sqlite", built_at=when)
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
            "relations/asia.toml",
            'date = "1992-04-10"',
            'date = "1992-04-31"',
            'relations/asia.toml: relation IL–KZ: step #2: date "1992-04-31" is not a valid date',
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
        "sources = [",
        'sources = ["no-such-source", ',
    )
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any(
        'source "no-such-source" is not defined in seed/' in p for p in caught.value.problems
    )


def test_invalid_toml_is_reported_with_its_file(seed_copy):
    (seed_copy / "relations" / "africa.toml").write_text("[[relation]\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert "relations/africa.toml: not valid TOML" in caught.value.problems[0]


MAURITANIA_ESTABLISHED = """kind = "relations_established"
date = "1999-10-28"
precision = "day"
"""


def _refused(seed_copy, file: str, old: str, new: str) -> list[str]:
    replace_in(seed_copy / file, old, new)
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    return caught.value.problems


def test_a_step_without_a_source_is_refused(seed_copy):
    problems = _refused(
        seed_copy,
        "relations/africa.toml",
        'note = "foreign minister announced complete and definitive severance of relations"\n'
        'sources = ["j-the-jewish-news-of-african-nation-cuts-ties-with-israel"]',
        'note = "foreign minister announced complete and definitive severance of relations"\n'
        "sources = []",
    )
    assert any(
        'relation IL–MR: step #4: field "sources" needs at least 1 entry' in p for p in problems
    ), problems


def test_an_inflated_precision_is_refused(seed_copy):
    # The reviewed record knows the Mauritanian freeze only to the month.
    problems = _refused(
        seed_copy,
        "relations/africa.toml",
        'kind = "relations_suspended"\ndate = "2009-01"\nprecision = "month"',
        'kind = "relations_suspended"\ndate = "2009-01-16"\nprecision = "month"',
    )
    assert any(
        'relation IL–MR: step #3: date "2009-01-16" is more precise than its stated precision '
        '"month"' in p
        for p in problems
    ), problems


def test_severed_before_established_is_refused(seed_copy):
    problems = _refused(
        seed_copy,
        "relations/africa.toml",
        MAURITANIA_ESTABLISHED,
        'kind = "relations_severed"\ndate = "1990"\nprecision = "year"\n'
        'sources = ["wapo-ap-mauritania-israel-form-ties-1999"]'
        "\n\n[[relation.step]]\n" + MAURITANIA_ESTABLISHED,
    )
    assert any(
        "relation IL–MR: step relations_established 1999-10-28: relations_established cannot "
        "follow relations already on record" in p
        for p in problems
    ), problems


def test_a_state_that_cannot_follow_is_refused(seed_copy):
    # Severing relations twice without a restoration between the two.
    problems = _refused(
        seed_copy,
        "relations/africa.toml",
        'kind = "relations_suspended"\ndate = "2009-01"',
        'kind = "relations_severed"\ndate = "2009-01"',
    )
    assert any(
        "relation IL–MR: step relations_severed 2010-03-20: relations_severed cannot follow severed"
        in p
        for p in problems
    ), problems


def test_steps_out_of_date_order_are_refused(seed_copy):
    problems = _refused(seed_copy, "relations/africa.toml", 'date = "2010-03-20"', 'date = "2008"')
    assert any(
        "relation IL–MR: step relations_severed 2008 comes before relations_suspended 2009-01" in p
        for p in problems
    ), problems


def test_a_duplicate_step_is_refused(seed_copy):
    step = (
        '[[relation.step]]\nkind = "relations_severed"\ndate = "2010-03-20"\nprecision = "day"\n'
        'sources = ["j-the-jewish-news-of-african-nation-cuts-ties-with-israel"]\n\n'
    )
    problems = _refused(
        seed_copy,
        "relations/africa.toml",
        '[[relation]]\ncountries = ["IL", "MA"]',
        step + '[[relation]]\ncountries = ["IL", "MA"]',
    )
    assert any(
        "relation IL–MR: step relations_severed 2010-03-20 is listed twice" in p for p in problems
    ), problems


@pytest.mark.parametrize("code", ["ZZ", "XX", "EU"])
def test_a_country_outside_iso_historical_and_kosovo_is_refused(seed_copy, code):
    # The country's own code, wherever the relation names it (its steps' stated_by too).
    africa = seed_copy / "relations/africa.toml"
    text = africa.read_text(encoding="utf-8")
    start = text.index('countries = ["IL", "MR"]')
    end = text.find("[[relation]]", start)
    africa.write_text(text[:start] + text[start:end].replace('"MR"', f'"{code}"') + text[end:])
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    problems = caught.value.problems
    assert any(f'country "{code}" is not an ISO 3166-1 alpha-2 code' in p for p in problems), (
        problems
    )


def test_a_source_cannot_report_what_had_not_happened(seed_copy):
    problems = _refused(
        seed_copy, "relations/africa.toml", 'date = "2010-03-20"', 'date = "2011-03-20"'
    )
    assert any(
        "dated 2011-03-20 but every source was published before it" in p for p in problems
    ), problems


def test_kosovo_is_in_the_record_under_xk(tmp_path):
    seed = load_seed(SEED)
    kosovo = next(c for c in seed.countries if c.code == "XK")
    assert (kosovo.alpha3, kosovo.name) == ("XKX", "Kosovo")
    assert any(r.countries == ("IL", "XK") for r in seed.relations)


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


def test_a_relation_step_must_state_its_precision(seed_copy):
    problems = _refused(
        seed_copy,
        "relations/africa.toml",
        'date = "2010-03-20"\nprecision = "day"',
        'date = "2010-03-20"',
    )
    assert any('relation IL–MR: step #4: field "precision" is missing' in p for p in problems), (
        problems
    )


def test_an_update_must_say_what_changed(seed_copy):
    problems = _refused(
        seed_copy,
        "events.toml",
        'change = "Libya removed from the countries: it boycotted the Riyadh summit."\n',
        "",
    )
    assert any(
        'event "arab-peace-initiative-reendorsed-riyadh": field "change" is missing' in p
        for p in problems
    ), problems
