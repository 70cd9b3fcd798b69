"""The record's world (#20): every UN member and observer state has a relation with
Israel, every relation reads a cited state today or says why not, and the published counts
are read and checked like every other seed file."""

from __future__ import annotations

import pytest

from server.store.seed import SeedError, load_seed

from .conftest import SEED
from .test_seed import replace_in


def _refused(seed_copy, file: str, old: str, new: str) -> list[str]:
    replace_in(seed_copy / file, old, new)
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    return caught.value.problems


def test_every_un_member_and_observer_has_a_relation_with_israel():
    seed = load_seed(SEED)
    paired = {code for r in seed.relations if "IL" in r.countries for code in r.countries}
    assert len(seed.un_members.members) == 193
    assert set(seed.un_members.observers) == {"PS", "VA"}
    assert set(seed.un_members.members) | {"PS", "VA"} <= paired


def test_a_un_member_without_a_relation_is_refused(seed_copy):
    problems = _refused(seed_copy, "un_members.toml", '"ZW",', '"ZW", "GL",')
    assert any("GL has no relation with IL" in p for p in problems), problems


def test_a_relation_reading_unknown_today_without_a_reason_is_refused(seed_copy):
    # Kiribati's relation says why nothing is on record; without it, it is refused.
    text = (seed_copy / "relations" / "oceania.toml").read_text(encoding="utf-8")
    start = text.index('countries = ["IL", "KI"]')
    line = text[text.index("summary = ", start) : text.index("\n", text.index("summary = ", start))]
    problems = _refused(seed_copy, "relations/oceania.toml", line + "\n", "")
    assert any("IL–KI" in p and "needs steps" in p for p in problems), problems


def test_a_relation_whose_steps_leave_it_unknown_needs_a_reason(seed_copy):
    # A step that settles no state (an agreement signed) leaves the relation UNKNOWN.
    problems = _refused(
        seed_copy,
        "relations/europe.toml",
        'kind = "relations_established"\ndate = "1990-05-21"',
        'kind = "agreement_signed"\ndate = "1990-05-21"',
    )
    assert any("reads UNKNOWN today" in p and "GR" in p for p in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("count = 155\n", "count = 255\n", "more than out_of"),
        ("count = 155\n", 'count = "155"\n', 'field "count" must be a whole number'),
        ('counts = "diplomatic_relations"', 'counts = "ties"', 'field "counts": "ties"'),
        ('id = "cnn-2010-155"', 'id = "cnn-2010-155"\ncolour = "red"', "colour"),
    ],
)
def test_a_broken_published_count_is_named(seed_copy, old, new, message):
    problems = _refused(seed_copy, "published_counts.toml", old, new)
    assert any("published_counts.toml" in p and message in p for p in problems), problems


def test_a_published_count_citing_an_unknown_source_is_refused(seed_copy):
    text = (seed_copy / "published_counts.toml").read_text(encoding="utf-8")
    start = text.index('id = "cnn-2010-155"')
    sources = text.index("sources = [", start)
    line = text[sources : text.index("\n", sources)]
    problems = _refused(seed_copy, "published_counts.toml", line, 'sources = ["no-such-page"]')
    assert any('source "no-such-page" is not defined' in p for p in problems), problems
