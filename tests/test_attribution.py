"""On whose word (#19): attribution of every step, the guards `make db` runs, who may be
next, and how far the reading of the news reaches."""

from __future__ import annotations

from datetime import date

import pytest

from server.model.attribution import PRESS, Acknowledgement, consistent, outsiders
from server.model.vocabulary import CANDIDATE_STATUSES, Role, Status
from server.store.seed import SeedError, load_seed
from tests.helpers import nodes, record
from tests.test_seed import replace_in

pytestmark = pytest.mark.anyio


def test_the_rules_of_attribution():
    assert consistent([PRESS], Acknowledgement.REPORTED_ONLY) is None
    assert "names no government" in consistent(["IL"], Acknowledgement.REPORTED_ONLY)
    assert "two governments" in consistent(["IL"], Acknowledgement.BOTH)
    assert "government" in consistent([PRESS], Acknowledgement.ONE_SIDE)
    assert consistent(["IL", "KZ"], Acknowledgement.BOTH) is None
    assert outsiders(["US", "IL", PRESS], ["IL", "KZ"]) == ["US"]


def test_every_step_says_on_whose_word_it_rests():
    seed, _ = record()
    steps = [s for r in seed.relations for s in (*r.steps, *r.representation)]
    steps += [c for a in seed.agreements for p in a.participants for c in p.history]
    assert len(steps) > 150
    for step in steps:
        assert step.attribution.stated_by and step.attribution.acknowledged, step


def _refused(seed_copy, file, old, new) -> list[str]:
    replace_in(seed_copy / file, old, new)
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    return caught.value.problems


def test_an_unattributed_step_is_refused(seed_copy):
    text = (seed_copy / "relations/asia.toml").read_text(encoding="utf-8")
    start = text.index("\nstated_by = ")
    end = text.index("\n", text.index("\nacknowledged = ", start) + 1)
    problems = _refused(seed_copy, "relations/asia.toml", text[start:end], "")
    assert any('say on whose word it rests ("stated_by" and "acknowledged")' in p for p in problems)


def test_a_government_outside_the_parties_needs_a_note(seed_copy):
    text = (seed_copy / "relations/asia.toml").read_text(encoding="utf-8")
    start = text.index('countries = ["IL", "KZ"]')
    at = text.index("stated_by = [", start)
    line = text[at : text.index("\n", at)]
    problems = _refused(seed_copy, "relations/asia.toml", line, 'stated_by = ["FR"]')
    assert any(
        'field "stated_by" names FR, outside the step\'s parties (IL, KZ): say why in '
        '"attribution_note"' in p
        for p in problems
    ), problems


def test_a_bracketed_title_is_refused(seed_copy):
    seed, _ = record()
    source = next(s for s in seed.sources if s.slug == "wikipedia-abraham-accords")
    problems = _refused(
        seed_copy, "sources.toml", f'title = "{source.title}"', 'title = "[Our own summary]"'
    )
    assert any(
        'source "wikipedia-abraham-accords": title "[Our own summary]"' in p for p in problems
    )


def test_the_same_fact_cites_the_same_sources_everywhere(seed_copy):
    seed, _ = record()
    events = {e.slug: e for e in seed.events}
    linked = [(r, s) for r in seed.relations for s in r.steps if s.event is not None]
    assert linked
    for _, step in linked:
        assert set(step.sources) == set(events[step.event].sources), step.event
    # One source dropped from an event that a relation step also shows: refused.
    relation, step = linked[0]
    event = events[step.event]
    quoted = ", ".join(f'"{s}"' for s in event.sources)
    fewer = ", ".join(f'"{s}"' for s in event.sources[:-1])
    problems = _refused(seed_copy, "events.toml", f"sources = [{quoted}]", f"sources = [{fewer}]")
    assert any("the same fact cites the same sources wherever it is shown" in p for p in problems)


def test_nothing_is_dated_after_the_news_was_read_through(seed_copy):
    seed, timeline = record()
    assert seed.read_through is not None and seed.read_through >= date(2025, 12, 26)
    assert all(e.date.start <= seed.read_through for e in timeline)
    problems = _refused(
        seed_copy,
        "record.toml",
        f'read_through = "{seed.read_through.isoformat()}"',
        'read_through = "2025-11-01"',
    )
    assert any("after the news was read through 2025-11-01" in p for p in problems)


async def test_the_record_says_how_far_its_reading_reaches(api):
    seed, _ = record()
    data = await api.data("{ record { readThrough updated } }")
    assert data["record"]["readThrough"] == seed.read_through.isoformat()


async def test_who_is_next_lists_the_candidates_newest_first_with_who_said_so(api):
    seed, _ = record()
    accords = next(a for a in seed.agreements if a.slug == "abraham-accords")
    candidates = [p for p in accords.participants if p.role == Role.CANDIDATE.value]
    assert {"SA", "ID", "SY", "XS"} <= {p.country for p in candidates}
    data = await api.data("""{ agreement(slug: "abraham-accords") { memberCount
        candidates { country { code } role status statusDate { iso }
          statusHistory { status attribution { statedBy { code } press acknowledged } } }
        participants(first: 50) { edges { node { country { code } role } } } } }""")
    served = data["agreement"]["candidates"]
    assert [c["country"]["code"] for c in served] != []
    assert {c["country"]["code"] for c in served} == {p.country for p in candidates}
    assert all(c["role"] == "CANDIDATE" for c in served)
    assert all(Status[c["status"]] in CANDIDATE_STATUSES for c in served)
    days = [c["statusDate"]["iso"] for c in served]
    assert days == sorted(days, reverse=True)  # the latest news first
    for candidate in served:
        for step in candidate["statusHistory"]:
            said = step["attribution"]
            assert said["acknowledged"] and (said["statedBy"] or said["press"])
    # Candidates do not take part: not among the participants, not counted.
    taking_part = nodes(data["agreement"]["participants"])
    assert all(p["role"] != "CANDIDATE" for p in taking_part)
    assert data["agreement"]["memberCount"] == len({p["country"]["code"] for p in taking_part})
    asked = await api.data("""{ agreement(slug: "abraham-accords") {
        participants(first: 50, role: CANDIDATE) { totalCount } } }""")
    assert asked["agreement"]["participants"]["totalCount"] == len(candidates)


async def test_a_relation_step_shows_who_stated_it(api):
    seed, _ = record()
    kazakhstan = next(r for r in seed.relations if set(r.countries) == {"IL", "KZ"})
    data = await api.data("""{ relation(a: "KZ", b: "IL") { history {
        attribution { statedBy { code } press acknowledged note } } } }""")
    served = [s["attribution"] for s in data["relation"]["history"]]
    expected = [
        (
            [c for c in s.attribution.stated_by if c != PRESS],
            PRESS in s.attribution.stated_by,
            s.attribution.acknowledged.upper(),
        )
        for s in kazakhstan.steps
    ]
    assert [
        ([c["code"] for c in a["statedBy"]], a["press"], a["acknowledged"]) for a in served
    ] == (expected)


async def test_the_files_carry_attribution_and_representation(api):
    import csv
    import io

    from server.files.exports.rows import SEPARATOR

    seed, _ = record()
    members = await api.client.get("/export/members.csv?agreement=abraham-accords")
    assert members.status_code == 200
    rows = list(csv.DictReader(io.StringIO(members.text, newline="")))
    kazakhstan = next(r for r in rows if r["country_code"] == "KZ")
    accords = next(a for a in seed.agreements if a.slug == "abraham-accords")
    latest = next(p for p in accords.participants if p.country == "KZ").history[-1]
    assert kazakhstan["acknowledged"] == latest.attribution.acknowledged.upper()
    names = {c.code: c.name for c in seed.countries}
    assert kazakhstan["stated_by"] == SEPARATOR.join(
        names[c] if c != PRESS else "press (unnamed officials)"
        for c in latest.attribution.stated_by
    )
    relations = await api.client.get("/export/relations.csv?country=TR")
    assert relations.status_code == 200, relations.text
    rows = list(csv.DictReader(io.StringIO(relations.text, newline="")))
    israel = next(r for r in rows if r["other_code"] == "IL" or r["country_code"] == "IL")
    assert israel["state"] == "FULL"
    assert israel["representation"] in {"AMBASSADOR", "AMBASSADOR_WITHDRAWN", "CHARGE_D_AFFAIRES"}
    assert israel["representation_step"] and israel["representation_since_date"]
    assert israel["news_read_through"] == seed.read_through.isoformat()


async def test_who_is_next_as_a_file(api):
    import csv
    import io

    seed, _ = record()
    accords = next(a for a in seed.agreements if a.slug == "abraham-accords")
    candidates = {p.country for p in accords.participants if p.role == Role.CANDIDATE.value}
    response = await api.client.get("/export/candidates.csv?agreement=abraham-accords")
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert {r["country_code"] for r in rows} == candidates
    assert all(r["role"] == "CANDIDATE" and r["acknowledged"] and r["stated_by"] for r in rows)
    assert "candidates-abraham-accords" in response.headers["content-disposition"]
    body = (await api.client.get("/export/candidates.json?agreement=abraham-accords")).json()
    assert {m["country"]["code"] for m in body["candidates"]} == candidates
    wrong = await api.client.get("/export/candidates.csv?agreement=no-such-thing")
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["extensions"]["parameter"] == "agreement"


def test_the_reading_date_is_checked(seed_copy):
    record_file = seed_copy / "record.toml"
    text = record_file.read_text(encoding="utf-8")
    record_file.unlink()
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any("record.toml: file is missing (it says how far" in p for p in caught.value.problems)
    for bad, message in (
        ('read_through = "2099-01-01"', "is in the future"),
        ('read_through = "2025-13-01"', "is not a day (YYYY-MM-DD)"),
    ):
        record_file.write_text(
            "\n".join(
                bad if line.startswith("read_through") else line for line in text.splitlines()
            ),
            encoding="utf-8",
        )
        with pytest.raises(SeedError) as caught:
            load_seed(seed_copy)
        assert any(message in p for p in caught.value.problems), caught.value.problems
