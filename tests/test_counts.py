"""The count of record (#20): computed from the seed files by the model's rules, on five
dates, and compared with what the API serves (the number, the list and the definition)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from server.model.counts import COUNTED, CountMeasure
from server.model.periods import relation_on
from server.model.states import replay
from server.model.vocabulary import RelationState, RelationStepKind
from tests.helpers import record

pytestmark = pytest.mark.anyio

QUERY = """query($measure: CountMeasure, $asOf: Date) {
  relationCount(measure: $measure, asOf: $asOf) {
    count measure asOf definition states country { code } counted { code } } }"""


@dataclass(frozen=True)
class _Step:
    last_day: str
    state: RelationState
    bound: bool


def _state_on(relation, day: str) -> str:
    """The relation's state on ``day`` (its store value), replayed from its seed steps."""
    states = replay(
        relation.none_known is not None,
        [RelationStepKind(step.kind) for step in relation.steps],
    )
    steps = [
        _Step(step.date.end.isoformat(), state, step.date.qualifier == "by")
        for step, state in zip(relation.steps, states, strict=True)
    ]
    return relation_on(steps, day, relation.none_known is not None).value.value


def _expected(seed, measure: CountMeasure, day: str) -> set[str]:
    """Israel's counterparts whose state on ``day`` the measure counts, from the seed."""
    return {
        next(code for code in relation.countries if code != "IL")
        for relation in seed.relations
        if "IL" in relation.countries and _state_on(relation, day) in COUNTED[measure]
    }


def _days(seed) -> list[str]:
    return ["1949-12-31", "1973-12-31", "1993-12-31", "2020-12-31", seed.read_through.isoformat()]


@pytest.mark.parametrize("measure", list(CountMeasure))
async def test_the_count_of_record_on_five_dates_is_the_seeds(api, measure):
    seed, _ = record()
    names = {c.code: c.sort_name for c in seed.countries}
    for day in _days(seed):
        expected = _expected(seed, measure, day)
        served = (await api.data(QUERY, measure=measure.name, asOf=day))["relationCount"]
        assert served["count"] == len(expected) == len(served["counted"]), day
        codes = [c["code"] for c in served["counted"]]
        assert set(codes) == expected, day
        assert codes == sorted(codes, key=lambda code: (names[code], code))  # by name
        assert served["asOf"] == day and served["country"]["code"] == "IL"
        assert served["states"] == [RelationState(v).name for v in COUNTED[measure]]
        assert day in served["definition"] and "Israel" in served["definition"]


async def test_the_counts_tell_their_story(api):
    seed, _ = record()
    count = {
        day: (await api.data(QUERY, measure="DIPLOMATIC_RELATIONS", asOf=day))["relationCount"][
            "count"
        ]
        for day in _days(seed)
    }
    # The 1973 breaks with Africa, the restorations after 1989, the Accords of 2020.
    assert count["1949-12-31"] < count["1973-12-31"] < count["1993-12-31"]
    assert count["1993-12-31"] < count["2020-12-31"]
    full = (await api.data(QUERY, measure="FULL_RELATIONS", asOf="2020-12-31"))["relationCount"]
    assert full["count"] <= count["2020-12-31"]


async def test_a_count_of_an_unknown_country_is_refused(api):
    error = await api.error("""{ relationCount(country: "ZZ") { count } }""")
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == "country"


HISTORY = """query($measure: CountMeasure, $asOf: Date) {
  relationCount(measure: $measure, asOf: $asOf) {
    count changes { day count joined { code } left { code } } } }"""


@pytest.mark.parametrize("measure", list(CountMeasure))
async def test_the_line_of_the_count_passes_through_the_seeds_count_on_every_date(api, measure):
    seed, _ = record()
    days = _days(seed)
    served = (await api.data(HISTORY, measure=measure.name, asOf=days[-1]))["relationCount"]
    line = served["changes"]
    assert line and line[-1]["count"] == served["count"]
    assert [c["day"] for c in line] == sorted({c["day"] for c in line})  # one point a day
    running = set()
    for change in line:  # each point is the one before, with who joined and who left
        joined = {c["code"] for c in change["joined"]}
        left = {c["code"] for c in change["left"]}
        assert joined or left, change["day"]
        assert not joined & running and left <= running, change["day"]
        running = (running - left) | joined
        assert change["count"] == len(running), change["day"]
    for day in days:  # the count on a day is the last point on or before it
        before = [c for c in line if c["day"] <= day]
        assert (before[-1]["count"] if before else 0) == len(_expected(seed, measure, day)), day


async def test_the_line_stops_at_the_day_counted(api):
    line = await api.data(HISTORY, measure="DIPLOMATIC_RELATIONS", asOf="1973-12-31")
    changes = line["relationCount"]["changes"]
    assert changes and changes[-1]["day"] <= "1973-12-31"
    assert changes[-1]["count"] == line["relationCount"]["count"]


UNPLACED = """query($asOf: Date) { relationCount(asOf: $asOf) { unplaced { code } } }"""


async def test_the_states_the_record_cannot_place_are_the_un_members_reading_unknown(api):
    seed, _ = record()
    members = {*seed.un_members.members, *seed.un_members.observers} - {"IL"}
    relations = {r.countries: r for r in seed.relations if "IL" in r.countries}
    for day in _days(seed):
        counted_or_known = {
            next(code for code in pair if code != "IL")
            for pair, relation in relations.items()
            if _state_on(relation, day) != "unknown"
        }
        served = (await api.data(UNPLACED, asOf=day))["relationCount"]["unplaced"]
        assert {c["code"] for c in served} == members - counted_or_known, day
    # On the record's date at most five UN members read UNKNOWN, each saying why.
    today = (await api.data(UNPLACED, asOf=seed.read_through.isoformat()))["relationCount"]
    assert len(today["unplaced"]) <= 5
    for country in today["unplaced"]:
        relation = relations[tuple(sorted(("IL", country["code"])))]
        assert relation.summary and not relation.steps, country["code"]


PUBLISHED = """{ publishedCounts { slug count outOf counts claim why day measure recordCount
  published { iso } sources { url } } }"""


async def test_each_published_count_stands_beside_the_record_on_its_day(api):
    seed, _ = record()
    served = (await api.data(PUBLISHED))["publishedCounts"]
    assert len(served) == len(seed.published_counts) >= 6
    assert [p["day"] for p in served] == sorted(p["day"] for p in served)
    written = {p.slug: p for p in seed.published_counts}
    for entry in served:
        published = written[entry["slug"]]
        assert entry["count"] == published.count and entry["sources"]
        assert entry["day"] == published.day.isoformat()
        assert entry["why"] and entry["claim"]
        measure = CountMeasure[entry["measure"]]
        assert entry["recordCount"] == len(_expected(seed, measure, entry["day"])), entry["slug"]
