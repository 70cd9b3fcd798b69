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


def _expected(seed, measure: CountMeasure, day: str) -> set[str]:
    """Israel's counterparts whose state on ``day`` the measure counts, from the seed."""
    counted = set()
    for relation in seed.relations:
        if "IL" not in relation.countries:
            continue
        states = replay(
            relation.none_known is not None,
            [RelationStepKind(step.kind) for step in relation.steps],
        )
        steps = [
            _Step(step.date.end.isoformat(), state, step.date.qualifier == "by")
            for step, state in zip(relation.steps, states, strict=True)
        ]
        held = relation_on(steps, day, relation.none_known is not None)
        if held.value.value in COUNTED[measure]:
            counted.add(next(code for code in relation.countries if code != "IL"))
    return counted


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
