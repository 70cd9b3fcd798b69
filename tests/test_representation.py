"""The representation track (#19): the model's rule, the seed checks, the store's periods
and the API's fields, read against each other and against the seed files."""

from __future__ import annotations

import pytest

from server.model.periods import relation_on, representation_on, representation_periods
from server.model.representation import (
    Contradiction,
    RepresentationLevel,
    RepresentationStepKind,
    SideStep,
    combined,
    next_level,
)
from server.model.vocabulary import RelationState
from server.store.seed import SeedError, load_seed
from tests.helpers import record, walk
from tests.test_seed import replace_in

pytestmark = pytest.mark.anyio

L = RepresentationLevel
K = RepresentationStepKind


class Step:
    def __init__(self, last_day, state=None, bound=False):
        self.last_day, self.state, self.bound = last_day, state, bound


def test_the_relation_reads_the_lower_of_its_two_missions():
    assert combined([L.AMBASSADOR, L.AMBASSADOR]) is L.AMBASSADOR
    assert combined([L.AMBASSADOR, L.AMBASSADOR_WITHDRAWN]) is L.AMBASSADOR_WITHDRAWN
    assert combined([L.CHARGE_D_AFFAIRES, L.UNKNOWN]) is L.CHARGE_D_AFFAIRES
    # One side at ambassador level and nothing on the other: not known to be ambassadors.
    assert combined([L.AMBASSADOR, L.UNKNOWN]) is L.UNKNOWN
    assert combined([L.UNKNOWN, L.UNKNOWN]) is L.UNKNOWN


def test_a_step_must_follow_its_sides_level():
    assert next_level(L.AMBASSADOR, K.AMBASSADOR_RECALLED) is L.AMBASSADOR_WITHDRAWN
    assert next_level(L.AMBASSADOR_WITHDRAWN, K.AMBASSADOR_RETURNED) is L.AMBASSADOR
    with pytest.raises(Contradiction, match="ambassador_returned cannot follow ambassadors"):
        next_level(L.AMBASSADOR, K.AMBASSADOR_RETURNED)
    with pytest.raises(Contradiction):
        next_level(L.NONE, K.AMBASSADOR_ACCREDITED)  # a closed mission first reopens
    assert next_level(L.UNKNOWN, K.AMBASSADOR_RECALLED) is L.AMBASSADOR_WITHDRAWN
    assert next_level(L.UNKNOWN, K.DOWNGRADED) is L.CHARGE_D_AFFAIRES


def test_representation_needs_full_relations_and_restarts_with_them():
    steps = [
        Step("1950-01-01", RelationState.FULL),
        Step("1970-01-01", RelationState.SEVERED),
        Step("1990-01-01", RelationState.FULL),
    ]
    sides = [
        SideStep("A", K.AMBASSADOR_ACCREDITED, "1951-01-01"),
        SideStep("B", K.AMBASSADOR_ACCREDITED, "1952-01-01"),
    ]
    on = {
        day: representation_on(steps, sides, day, False, ("A", "B")).value
        for day in ("1949-01-01", "1951-06-01", "1960-01-01", "1980-01-01", "1995-01-01")
    }
    assert on == {
        "1949-01-01": L.UNKNOWN,  # no relation on record yet
        "1951-06-01": L.UNKNOWN,  # only one side's ambassador on record
        "1960-01-01": L.AMBASSADOR,
        "1980-01-01": L.NONE,  # severed: no embassy, whatever came before
        "1995-01-01": L.UNKNOWN,  # restored: the old ambassadors do not carry over
    }
    periods = representation_periods(steps, sides, False, ("A", "B"))
    assert [(p.start, p.value) for p in periods] == [
        (None, L.UNKNOWN),
        ("1952-01-01", L.AMBASSADOR),
        ("1970-01-01", L.NONE),
        ("1990-01-01", L.UNKNOWN),
    ]
    # Every period agrees with the rule on its first and last day.
    for period in periods:
        for day in (period.start, period.end):
            if day is not None:
                assert representation_on(steps, sides, day, False, ("A", "B")).value is (
                    period.value
                )


def _relation(seed, a, b):
    return next(r for r in seed.relations if set(r.countries) == {a, b})


async def test_turkiye_stays_in_full_relations_through_its_representation_rounds(api):
    seed, _ = record()
    turkey = _relation(seed, "IL", "TR")
    assert len(turkey.representation) >= 6
    query = """query($asOf: Date) { relation(a: "TR", b: "IL") { state(asOf: $asOf)
        representation(asOf: $asOf) representationStep(asOf: $asOf) { kind date { iso } } } }"""
    for step in turkey.representation:
        day = step.date.end.isoformat()
        served = (await api.data(query, asOf=day))["relation"]
        assert served["state"] == "FULL", day  # never broken off
        assert served["representation"] in {level.name for level in L}
    # Between the 2011 downgrade and the 2016 exchange of ambassadors: below ambassador.
    served = (await api.data(query, asOf="2014-01-01"))["relation"]
    assert served["state"] == "FULL"
    assert served["representation"] in {"CHARGE_D_AFFAIRES", "AMBASSADOR_WITHDRAWN"}
    assert served["representationStep"]["date"]["iso"] < "2014-01-01"


async def test_the_served_periods_are_the_models_and_the_stores(api, seed_store):
    import sqlite3

    seed, _ = record()
    query = """query($a: String!, $b: String!) { relation(a: $a, b: $b) {
        representationPeriods { from to level step { kind envoyOf { code } } }
        representationHistory { kind level envoyOf { code } attribution { acknowledged } } } }"""
    connection = sqlite3.connect(seed_store)
    tracked = [r for r in seed.relations if r.representation]
    assert tracked
    for relation in tracked:
        a, b = relation.countries
        served = (await api.data(query, a=a, b=b))["relation"]
        assert len(served["representationHistory"]) == len(relation.representation)
        assert all(s["attribution"]["acknowledged"] for s in served["representationHistory"])
        stored = connection.execute(
            "SELECT p.from_day, p.to_day, p.level FROM representation_periods p"
            " JOIN relations r ON r.id = p.relation_id WHERE r.country_a = ? AND r.country_b = ?"
            " ORDER BY p.period",
            (a, b),
        ).fetchall()
        assert [
            (p["from"], p["to"], p["level"].lower()) for p in served["representationPeriods"]
        ] == (stored)
    connection.close()


async def test_a_relation_without_a_track_reads_from_its_state(api):
    query = """{ sa: relation(a: "SA", b: "IL") { state representation representationPeriods { level } }
        none: relation(a: "XS", b: "KZ") { state representation } }"""
    data = await api.data(query)
    assert data["sa"]["state"] == "NONE_EVER" and data["sa"]["representation"] == "NONE"
    assert data["none"] == {"state": "UNKNOWN", "representation": "UNKNOWN"}


def test_an_ambassador_while_relations_are_severed_is_refused(seed_copy):
    replace_in(
        seed_copy / "relations/africa.toml",
        'countries = ["IL", "MR"]  # Mauritania',
        'countries = ["IL", "MR"]  # Mauritania\n\n[[relation.representation]]\n'
        'envoy_of = "MR"\nkind = "ambassador_accredited"\ndate = "2015-01-01"\n'
        'precision = "day"\nsources = ["state-dept-israel-mauritania-signing-1999"]\n'
        'stated_by = ["MR"]\nacknowledged = "one_side"\n',
    )
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any(
        "relation IL–MR: representation ambassador_accredited 2015-01-01 (MR's mission) falls "
        "on a day the relation is severed" in p
        for p in caught.value.problems
    ), caught.value.problems


def test_a_side_that_is_not_in_the_pair_is_refused(seed_copy):
    seed, _ = record()
    turkey = _relation(seed, "IL", "TR")
    first = turkey.representation[0]
    replace_in(
        seed_copy / "relations/asia.toml",
        f'envoy_of = "{first.envoy_of}"\nkind = "{first.kind}"',
        f'envoy_of = "US"\nkind = "{first.kind}"',
    )
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any('field "envoy_of": "US" is not one of the pair' in p for p in caught.value.problems)


async def test_the_states_before_the_accords_are_cited_none(api):
    # The audit's blanks: no "not on record" where a source says there were no relations.
    seed, _ = record()
    query = """query($first: Int, $after: String) { country(code: "IL") {
        relations(first: $first, after: $after, asOf: "2000-01-01") {
        pageInfo { hasNextPage endCursor } edges { node { countries { code } state } } } } }"""
    served = {
        r["countries"][1]["code"]: r["state"]
        for r in await walk(api, query, ("country", "relations"))
    }
    for code in ("AE", "BH", "SD"):
        relation = _relation(seed, "IL", code)
        assert relation.none_known and relation.sources
        assert served[code] == "NONE_EVER"
    uae = await api.data('{ relation(a: "AE", b: "IL") { state(asOf: "2020-12-15") } }')
    assert uae["relation"]["state"] == "FULL"
    held = relation_on((), None, False)
    assert held.value is RelationState.UNKNOWN  # an empty history is never read as none


def test_a_step_its_missions_level_cannot_follow_is_refused_by_name(seed_copy):
    step = (
        '[[relation.representation]]\nenvoy_of = "MR"\nkind = "{kind}"\ndate = "{day}"\n'
        'precision = "day"\nsources = ["state-dept-israel-mauritania-signing-1999"]\n'
        'stated_by = ["MR"]\nacknowledged = "one_side"\n\n'
    )
    replace_in(
        seed_copy / "relations/africa.toml",
        'countries = ["IL", "MR"]  # Mauritania',
        'countries = ["IL", "MR"]  # Mauritania\n\n'
        + step.format(kind="ambassador_accredited", day="2000-01-01")
        + step.format(kind="ambassador_returned", day="2001-01-01"),
    )
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    assert any(
        "relation IL–MR: representation ambassador_returned 2001-01-01 (MR's mission): "
        "ambassador_returned cannot follow ambassadors" in p
        for p in caught.value.problems
    ), caught.value.problems
