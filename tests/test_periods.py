"""Periods (#18 item 2): the build writes what held when by the model's rules, SQL asks
which period holds a day, the API shows the periods, and every "on day D" answer — the
SQL filters and the fields computed per object — is the same."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from server.model.vocabulary import RelationState

from .helpers import nodes, record, walk

pytestmark = pytest.mark.anyio

RELATIONS = """query($first: Int!, $after: String) {
  relations(first: $first, after: $after, filter: {country: "IL"}) {
    edges { node { countries { code } noneKnown
      periods { from to state step { kind date { iso } } } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


def _days_around(periods: list[dict]) -> set[str]:
    """The days on which the answer may change, and the day before each."""
    days = set()
    for period in periods:
        if period["from"]:
            start = date.fromisoformat(period["from"])
            days |= {start.isoformat(), (start - timedelta(days=1)).isoformat()}
    return days


async def test_relation_periods_are_contiguous_and_match_the_store(api, seed_store):
    relations = await walk(api, RELATIONS, ("relations",))
    assert len(relations) > 40
    with sqlite3.connect(seed_store) as db:
        stored = db.execute(
            "SELECT r.country_a, r.country_b, p.from_day, p.to_day, upper(p.state)"
            " FROM relation_periods p JOIN relations r ON r.id = p.relation_id"
            " WHERE 'IL' IN (r.country_a, r.country_b) ORDER BY r.country_a, r.country_b, p.period"
        ).fetchall()
    shown = []
    for relation in relations:
        periods = relation["periods"]
        assert periods[0]["from"] is None and periods[-1]["to"] is None
        for earlier, later in zip(periods, periods[1:], strict=False):
            end = date.fromisoformat(earlier["to"])
            assert (end + timedelta(days=1)).isoformat() == later["from"]
        for period in periods:
            # A state brought about by a step has it; UNKNOWN and NONE_EVER have none.
            without = period["state"] in ("UNKNOWN", "NONE_EVER")
            assert (period["step"] is None) == without, period
        codes = sorted(c["code"] for c in relation["countries"])
        shown += [(*codes, p["from"], p["to"], p["state"]) for p in periods]
    assert sorted(shown, key=str) == sorted(stored, key=str)


async def test_a_statement_that_there_never_were_relations_holds_on_every_day(api):
    seed, _ = record()
    relation = next(r for r in seed.relations if r.none_known and not r.steps)
    a, b = relation.countries
    data = await api.data(
        "query($a: String!, $b: String!) { relation(a: $a, b: $b) {"
        ' state(asOf: "1900-01-01") periods { from to state step { kind } } } }',
        a=a,
        b=b,
    )
    assert data["relation"]["state"] == "NONE_EVER"
    assert data["relation"]["periods"] == [
        {"from": None, "to": None, "state": "NONE_EVER", "step": None}
    ]


async def test_the_state_filter_and_each_relations_state_agree_on_every_changing_day(api):
    relations = await walk(api, RELATIONS, ("relations",))
    days = set()
    for relation in relations:
        days |= _days_around(relation["periods"])
    states = [state.name for state in RelationState]
    aliases = " ".join(
        f'{name}: relations(first: 100, filter: {{country: "IL", group: "OIC", asOf: $d, '
        f"states: [{name}]}})"
        " { edges { node { countries { code } } } }"
        for name in states
    )
    query = (
        # The OIC's 57: one page each.
        'query($d: Date!) { all: relations(first: 100, filter: {country: "IL", group: "OIC", '
        "asOf: $d}) "
        "{ edges { node { countries { code } state } } } " + aliases + " }"
    )
    checked = 0
    for day in sorted(days)[::3]:  # a third of them: every kind of change is covered
        data = await api.data(query, d=day)
        every = {
            tuple(sorted(c["code"] for c in n["countries"])): n["state"] for n in nodes(data["all"])
        }
        for name in states:
            filtered = {tuple(sorted(c["code"] for c in n["countries"])) for n in nodes(data[name])}
            assert filtered == {pair for pair, state in every.items() if state == name}, (day, name)
        checked += 1
    assert checked > 20


GROUP = """query($asOf: Date) {
  group(code: "ARAB_LEAGUE") { members(asOf: $asOf) { country { code } status
    periods { from to status step { kind } } } }
  countries(first: 100, filter: {group: "ARAB_LEAGUE", asOf: $asOf}) {
    edges { node { code } } }
}"""


async def test_group_members_on_a_day_agree_with_the_country_filter(api):
    now = await api.data(GROUP)
    egypt = next(m for m in now["group"]["members"] if m["country"]["code"] == "EG")
    # Suspended on 31 Mar 1979; reinstated in May 1989, which counts from 31 May.
    assert [(p["from"], p["to"], p["status"]) for p in egypt["periods"]] == [
        ("1945-03-22", "1979-03-30", "MEMBER"),
        ("1979-03-31", "1989-05-30", "SUSPENDED"),
        ("1989-05-31", None, "MEMBER"),
    ]
    assert [p["step"]["kind"] for p in egypt["periods"]] == ["JOINED", "SUSPENDED", "REINSTATED"]
    days = {None}
    for member in now["group"]["members"]:
        days |= _days_around(member["periods"])
    for day in sorted(days, key=lambda d: d or ""):
        data = await api.data(GROUP, asOf=day)
        members = {m["country"]["code"] for m in data["group"]["members"]}
        assert members == {c["code"] for c in nodes(data["countries"])}, day
    before = await api.data(GROUP, asOf="1980-01-01")
    status = {m["country"]["code"]: m["status"] for m in before["group"]["members"]}
    assert status["EG"] == "SUSPENDED"  # a suspended member still belongs
    assert "EG" in {c["code"] for c in nodes(before["countries"])}


PARTICIPANTS = """query($asOf: Date, $status: Status) {
  agreement(slug: "abraham-accords") {
    memberCount(asOf: $asOf)
    participants(first: 100, asOf: $asOf, status: $status) {
      edges { node { country { code } status statusDate { iso }
        periods { from to status step { status date { iso lastDay } } } } }
    }
  }
}"""


async def test_participation_periods_and_the_participant_filters_agree(api):
    everyone = nodes((await api.data(PARTICIPANTS))["agreement"]["participants"])
    assert everyone
    days = set()
    for participation in everyone:
        periods = participation["periods"]
        # A participation begins when its first step is known: no period before that.
        assert periods[0]["from"] == periods[0]["step"]["date"]["lastDay"]
        assert periods[-1]["to"] is None
        assert periods[-1]["status"] == participation["status"]
        days |= _days_around(periods)
    for day in sorted(days):
        data = (await api.data(PARTICIPANTS, asOf=day))["agreement"]
        on = nodes(data["participants"])
        expected = {
            n["country"]["code"]: p["status"]
            for n in everyone
            for p in n["periods"]
            if p["from"] <= day and (p["to"] is None or day <= p["to"])
        }
        assert {n["country"]["code"]: n["status"] for n in on} == expected, day
        assert data["memberCount"] == len({n["country"]["code"] for n in on})
        for status in set(expected.values()):
            filtered = (await api.data(PARTICIPANTS, asOf=day, status=status))["agreement"]
            codes = {n["country"]["code"] for n in nodes(filtered["participants"])}
            assert codes == {code for code, s in expected.items() if s == status}


async def test_partial_dates_give_their_first_and_last_possible_days(api):
    relations = await walk(
        api,
        """query($first: Int!, $after: String) {
          relations(first: $first, after: $after, filter: {country: "IL"}) {
            edges { node { history { date { iso precision qualifier firstDay lastDay } } } }
            pageInfo { hasNextPage endCursor } } }""",
        ("relations",),
    )
    seen = set()
    for relation in relations:
        for step in relation["history"]:
            value = step["date"]
            seen.add((value["precision"], value["qualifier"]))
            first, last = (
                date.fromisoformat(value["firstDay"]),
                date.fromisoformat(value["lastDay"]),
            )
            if value["precision"] == "DAY":
                assert value["firstDay"] == value["lastDay"] == value["iso"]
            elif value["precision"] == "MONTH":
                assert first.day == 1 and (last + timedelta(days=1)).day == 1
                assert value["firstDay"][:7] == value["lastDay"][:7] == value["iso"]
            else:
                assert (value["firstDay"], value["lastDay"]) == (
                    f"{value['iso']}-01-01",
                    f"{value['iso']}-12-31",
                )
    assert {("DAY", "ON"), ("MONTH", "ON"), ("YEAR", "ON"), ("DAY", "BY")} <= seen
