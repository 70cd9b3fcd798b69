"""The record of issue #10: relation histories and their states, groups, "by" dates and
derived confidence. Expectations are read from the seed files (tests/helpers.record), so
these tests follow the data and catch the API drifting from it."""

from __future__ import annotations

from datetime import date

import pytest

from server.store.seed import Relation

from .helpers import nodes, record, walk

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

STEP = "kind date { iso precision qualifier } note caveat state sources { slug kind } confidence"

HISTORY = f"""query($a: String!, $b: String!) {{ relation(a: $a, b: $b) {{
  established {{ iso }} noneKnown state
  history {{ {STEP} event {{ slug kind date {{ iso qualifier }} countries {{ code }}
    sources {{ slug }} }} }}
}} }}"""

OIC_ON = """query($asOf: Date!, $after: String) {
  relations(first: 100, after: $after, filter: {country: "IL", group: "OIC", asOf: $asOf}) {
    totalCount
    edges { node { countries { code } state noneKnown sources { slug }
      stateStep { kind date { iso qualifier } state sources { slug } } } }
    pageInfo { hasNextPage endCursor }
  }
}"""

KIND_RANK = {"primary": "HIGH", "news": "HIGH", "reference": "MEDIUM", "mirror": "LOW"}


def _relation(seed, a: str, b: str) -> Relation:
    return next(r for r in seed.relations if r.countries == tuple(sorted((a, b))))


def _expected_confidence(seed, cited) -> str:
    """The documented rule, written out here on its own: the best source decides."""
    kinds = {s.slug: s.kind for s in seed.sources}
    levels = {KIND_RANK[kinds[slug]] for slug in cited}
    return next(level for level in ("HIGH", "MEDIUM", "LOW") if level in levels)


@pytest.mark.parametrize("other", ["MR", "EG", "TR", "MA", "GN", "KZ", "TD", "XK"])
async def test_relation_history_is_the_seed_history(api, other):
    seed, _ = record()
    relation = _relation(seed, "IL", other)
    served = (await api.data(HISTORY, a="IL", b=other))["relation"]
    assert [
        (s["kind"].lower(), s["date"]["iso"], s["date"]["qualifier"].lower())
        for s in served["history"]
    ] == [(s.kind, s.date.iso, s.date.qualifier) for s in relation.steps]
    for step, written in zip(served["history"], relation.steps, strict=True):
        assert [s["slug"] for s in step["sources"]] == sorted(
            written.sources, key=[s.slug for s in seed.sources].index
        )
        assert step["note"] == written.note and step["caveat"] == written.caveat
        assert step["confidence"] == _expected_confidence(seed, written.sources)
        # Each step is on the timeline once, involving both countries.
        assert {"IL", other} <= {c["code"] for c in step["event"]["countries"]} or written.event
        assert step["event"]["date"]["iso"] == written.date.iso
        if written.event:
            assert step["event"]["slug"] == written.event
        else:
            assert [s["slug"] for s in step["event"]["sources"]] == [
                s["slug"] for s in step["sources"]
            ]
    first = next((s for s in relation.steps if s.kind == "relations_established"), None)
    assert served["established"] == ({"iso": first.date.iso} if first else None)


async def test_mauritania_frozen_then_severed(api):
    served = (await api.data(HISTORY, a="MR", b="IL"))["relation"]
    assert [(s["kind"], s["date"]["iso"], s["state"]) for s in served["history"]] == [
        # The 1995 decision on interest sections; the day they opened is not on record.
        ("AGREEMENT_SIGNED", "1995-11-27", "UNKNOWN"),
        ("RELATIONS_ESTABLISHED", "1999-10-28", "FULL"),
        ("RELATIONS_SUSPENDED", "2009-01", "SUSPENDED"),
        ("RELATIONS_SEVERED", "2010-03-20", "SEVERED"),
    ]
    assert served["state"] == "SEVERED"
    on = """query($asOf: Date) { relation(a: "MR", b: "IL") { state(asOf: $asOf) } }"""
    # A month-precise step counts from its last possible day.
    expected = {
        "1999-10-27": "UNKNOWN",
        "1999-10-28": "FULL",
        "2009-01-30": "FULL",
        "2009-01-31": "SUSPENDED",
        "2010-03-20": "SEVERED",
    }
    for day, state in expected.items():
        assert (await api.data(on, asOf=day))["relation"]["state"] == state, day


def _state_on(seed, relation: Relation | None, day: date) -> str:
    """What held on ``day`` by the seed: the last step known by then decides."""
    from server.api.vocabulary import RelationStepKind
    from server.model.states import initial_state, replay

    if relation is None:
        return "UNKNOWN"
    states = replay(
        relation.none_known is not None, [RelationStepKind(s.kind) for s in relation.steps]
    )
    known = [
        state for step, state in zip(relation.steps, states, strict=True) if step.date.end <= day
    ]
    later = relation.steps[len(known) :]
    if later and later[0].date.qualifier == "by":
        return "UNKNOWN"  # the next step, known only by a later date, may have happened
    state = known[-1] if known else initial_state(relation.none_known is not None)
    return state.name


def _members_on(seed, code: str, day: date) -> set[str]:
    group = next(g for g in seed.groups if g.code == code)
    members = set()
    for member in group.members:
        joined = [s for s in member.history if s.kind == "joined"]
        if joined and joined[0].date.end > day:
            continue
        left = [s for s in member.history if s.date.end <= day]
        if left and left[-1].kind == "withdrew":
            continue
        members.add(member.country)
    return members


@pytest.mark.parametrize("day", ["1975-01-01", "2010-01-01", "2026-11-01"])
async def test_every_oic_state_on_a_day(api, day):
    seed, _ = record()
    on = date.fromisoformat(day)
    served = await walk(api, OIC_ON, ("relations",), asOf=day)
    members = _members_on(seed, "OIC", on) - {"IL"}
    assert {r["countries"][1]["code"] for r in served} == members
    assert [r["countries"][0]["code"] for r in served] == ["IL"] * len(members)
    for row in served:
        other = row["countries"][1]["code"]
        relation = next(
            (r for r in seed.relations if r.countries == tuple(sorted(("IL", other)))), None
        )
        assert row["state"] == _state_on(seed, relation, on), (other, day)
        # Every state rests on something cited, or says it is unknown.
        if row["stateStep"] is not None:
            assert row["stateStep"]["state"] == row["state"] and row["stateStep"]["sources"]
        elif row["state"] == "NONE_EVER":
            assert row["noneKnown"] and row["sources"]
        else:
            assert row["state"] == "UNKNOWN", (other, day)


async def test_the_done_when_query(api):
    served = await walk(api, OIC_ON, ("relations",), asOf="2010-01-01")
    assert len(served) == 57  # every member had joined by 2001; Israel is not one
    states = {r["countries"][1]["code"]: r["state"] for r in served}
    assert states["MR"] == "SUSPENDED"  # frozen in January 2009, severed in March 2010
    assert states["EG"] == states["JO"] == states["TR"] == "FULL"
    # Trade, liaison and interest offices closed; diplomatic relations never on record.
    assert states["QA"] == states["OM"] == states["TN"] == states["MA"] == "NO_RELATIONS"
    # Broken off in 1974, restored in March 1992.
    assert states["GY"] == "FULL"
    # Cited statements that there had been no relations before their Accords-era steps.
    assert states["AE"] == states["BH"] == states["SD"] == "NONE_EVER"
    assert states["IR"] == "SEVERED" and states["PS"] == "RECOGNITION_ONLY"
    assert states["SA"] == "NONE_EVER"


async def test_states_filter_matches_each_state(api):
    everyone = await walk(api, OIC_ON, ("relations",), asOf="2010-01-01")
    query = OIC_ON.replace("asOf: $asOf}", "asOf: $asOf, states: [SEVERED, SUSPENDED]}")
    broken = await walk(api, query, ("relations",), asOf="2010-01-01")
    assert {r["countries"][1]["code"] for r in broken} == {
        r["countries"][1]["code"] for r in everyone if r["state"] in ("SEVERED", "SUSPENDED")
    }
    assert broken


async def test_relations_without_country_and_by_group(api):
    query = """query($after: String) { relations(first: 100, after: $after,
        filter: {group: "ARAB_LEAGUE"}) { totalCount edges { node { countries { code } } }
        pageInfo { hasNextPage endCursor } } }"""
    served = await walk(api, query, ("relations",))
    seed, _ = record()
    league = _members_on(seed, "ARAB_LEAGUE", date.today())
    expected = {r.countries for r in seed.relations if set(r.countries) & league}
    assert {tuple(c["code"] for c in r["countries"]) for r in served} == expected


async def test_country_relations_as_of_a_day(api):
    query = """query($first: Int, $after: String) { country(code: "IL") {
        relations(first: $first, after: $after, asOf: "1980-06-01") { pageInfo { hasNextPage
        endCursor } edges { node { countries { code } state history { date { iso } } } } } } }"""
    served = await walk(api, query, ("country", "relations"))
    egypt = next(r for r in served if r["countries"][1]["code"] == "EG")
    assert egypt["state"] == "FULL"
    assert all(s["date"]["iso"] <= "1980-06" for s in egypt["history"])
    # The UAE had no relations with Israel before 2020, on a cited statement.
    assert {r["countries"][1]["code"]: r["state"] for r in served}["AE"] == "NONE_EVER"
    assert "XS" not in {r["countries"][1]["code"] for r in served}  # nothing on record by then


async def test_sudan_stalled_by_a_bound(api):
    query = """{ agreement(slug: "abraham-accords") { participants(first: 50, countries: ["SD"])
        { edges { node { status statusDate { iso qualifier }
          statusHistory { status date { iso qualifier } confidence } } } } } }"""
    [sudan] = nodes((await api.data(query))["agreement"]["participants"])
    assert sudan["status"] == "STALLED"
    assert sudan["statusDate"] == {"iso": "2021-09-14", "qualifier": "BY"}
    assert [s["date"]["qualifier"] for s in sudan["statusHistory"]] == ["ON", "ON", "BY"]
    # Known only by 14 Sep 2021: the day before, Sudan had signed.
    on = """query($asOf: Date) { agreement(slug: "abraham-accords") {
        participants(first: 50, countries: ["SD"], asOf: $asOf) { edges { node { status } } } } }"""
    before = nodes((await api.data(on, asOf="2021-09-13"))["agreement"]["participants"])
    assert before[0]["status"] == "SIGNED"


async def test_every_fact_exposes_its_derived_confidence(api):
    seed, timeline = record()
    query = """query($after: String) { events(first: 100, after: $after) {
        edges { node { slug confidence sources { slug kind } } }
        pageInfo { hasNextPage endCursor } } }"""
    events = await walk(api, query, ("events",))
    written = {e.slug: e for e in timeline}
    levels = set()
    for event in events:
        expected = _expected_confidence(seed, written[event["slug"]].sources)
        assert event["confidence"] == expected, event["slug"]
        levels.add(expected)
    assert {"HIGH", "LOW"} <= levels  # mirrors alone exist, and say so


async def test_groups(api):
    query = """{ oic: group(code: "oic") { code name members { country { code } } }
      league: group(code: "ARAB_LEAGUE") { members { country { code } } sources { kind } }
      then: group(code: "ARAB_LEAGUE") { members(asOf: "1985-01-01") { country { code } status } }
      countries(filter: {group: "ARAB_LEAGUE"}) { totalCount }
      egypt: country(code: "EG") { groups { group { code } status joined { iso }
        history { kind date { iso } status } sources { slug } } }
      groups { code } }"""
    data = await api.data(query)
    assert data["oic"]["code"] == "OIC" and len(data["oic"]["members"]) == 57
    assert len(data["league"]["members"]) == 22 == data["countries"]["totalCount"]
    assert data["league"]["sources"]
    assert {g["code"] for g in data["groups"]} == {"OIC", "ARAB_LEAGUE"}
    egypt_then = next(m for m in data["then"]["members"] if m["country"]["code"] == "EG")
    assert egypt_then["status"] == "SUSPENDED"  # 1979–1989
    league = next(g for g in data["egypt"]["groups"] if g["group"]["code"] == "ARAB_LEAGUE")
    assert [s["kind"] for s in league["history"]] == ["JOINED", "SUSPENDED", "REINSTATED"]
    assert league["status"] == "MEMBER" and league["sources"]
    syria = """{ country(code: "SY") { groups(asOf: "2015-06-01") { group { code } status } } }"""
    standing = {
        g["group"]["code"]: g["status"] for g in (await api.data(syria))["country"]["groups"]
    }
    assert standing == {"ARAB_LEAGUE": "SUSPENDED", "OIC": "SUSPENDED"}


async def test_bad_group_and_relation_filters_are_named(api):
    error = await api.error('{ group(code: "NATO") { name } }')
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "code"}
    assert "known: ARAB_LEAGUE, OIC" in error["message"]
    error = await api.error('{ relations(filter: {country: "QQ"}) { totalCount } }')
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter.country"}
    error = await api.error('{ countries(filter: {group: "G7"}) { totalCount } }')
    assert error["extensions"]["argument"] == "filter.group"


async def test_kosovo_and_a_by_dated_event(api):
    data = await api.data("""{ relation(a: "XK", b: "IL") { established { iso } state }
      kosovo: country(code: "XK") { name alpha3 region }
      event(slug: "saudi-israel-normalization-talks-paused") { date { iso qualifier } } }""")
    assert data["relation"] == {"established": {"iso": "2021-02-01"}, "state": "FULL"}
    assert data["kosovo"] == {"name": "Kosovo", "alpha3": "XKX", "region": "Europe"}
    assert data["event"]["date"] == {"iso": "2023-10-13", "qualifier": "BY"}


async def test_relation_pages_walk_each_relation_once(api):
    query = """query($after: String) { relations(first: 7, after: $after,
        filter: {country: "IL", group: "OIC", asOf: "2010-01-01"}) { totalCount
        edges { node { countries { code } } } pageInfo { hasNextPage endCursor } } }"""
    seen, after = [], None
    while True:
        page = (await api.data(query, after=after))["relations"]
        seen += [e["node"]["countries"][1]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]


def test_record_stats_counts_every_fact(tmp_path):
    from server.settings import ROOT
    from server.store.build import build_store
    from server.store.record_stats import report, shares

    seed, timeline = record()
    built = build_store(ROOT / "seed", tmp_path / "store.sqlite")
    rows = {name: (total, levels) for name, total, levels in shares(seed)}
    assert rows["events (timeline)"][0] == built.events == len(timeline)
    assert rows["relation steps"][0] == built.relation_steps
    assert rows["participations"][0] == built.participations
    for total, levels in rows.values():
        assert sum(levels.values()) == total and None not in levels  # every fact is cited
    text = report(ROOT / "seed")
    assert f"sources: {built.sources} (" in text and "| relation steps |" in text


async def test_state_since_is_the_start_of_the_unbroken_run(api):
    query = """query($a: String!, $asOf: Date) { relation(a: $a, b: "IL") {
        state(asOf: $asOf) stateSince(asOf: $asOf) { iso } } }"""
    # Kazakhstan's 2025 announcement left its full relations of 1992 as they were.
    kz = (await api.data(query, a="KZ"))["relation"]
    assert kz == {"state": "FULL", "stateSince": {"iso": "1992-04-10"}}
    mr = (await api.data(query, a="MR", asOf="2009-06-01"))["relation"]
    assert mr == {"state": "SUSPENDED", "stateSince": {"iso": "2009-01"}}
    sa = (await api.data(query, a="SA"))["relation"]
    assert sa == {"state": "NONE_EVER", "stateSince": None}


async def test_the_state_rests_on_the_step_that_brought_it_about(api):
    query = """query($a: String!) { relation(a: $a, b: "IL") { state noneKnown
        noneKnownConfidence stateStep { kind date { iso } sources { slug } } } }"""
    kz = (await api.data(query, a="KZ"))["relation"]
    # Not the 2025 announcement: the 1992 establishment that full relations rest on.
    assert kz["stateStep"]["kind"] == "RELATIONS_ESTABLISHED"
    assert kz["stateStep"]["date"] == {"iso": "1992-04-10"}
    lb = (await api.data(query, a="LB"))["relation"]
    # Lebanon's 1983 agreement changed nothing: "none ever" rests on the cited statement.
    assert lb["state"] == "NONE_EVER" and lb["stateStep"] is None
    assert lb["noneKnown"] and lb["noneKnownConfidence"] in ("HIGH", "MEDIUM", "LOW")
    ma = (await api.data(query, a="MA"))["relation"]
    assert ma["state"] == "FULL" and ma["stateStep"]["kind"] == "RELATIONS_ESTABLISHED"


async def test_a_by_step_leaves_the_days_before_it_unknown(api):
    on = """query($asOf: Date) { relation(a: "GM", b: "IL") { state(asOf: $asOf) } }"""
    expected = {
        "1970-06-01": "FULL",  # established 1965
        "1980-06-01": "UNKNOWN",  # severed 1973, restored by 1999: not known in between
        "2005-06-01": "UNKNOWN",  # severed 1999, restored by 15 Feb 2013
        "2013-02-15": "FULL",
    }
    for day, state in expected.items():
        assert (await api.data(on, asOf=day))["relation"]["state"] == state, day


async def test_agreements_and_memberships_have_a_confidence(api):
    data = await api.data("""{ agreements(first: 20) { edges { node { slug confidence } } }
        country(code: "EG") { groups { group { code } confidence sources { slug } } } }""")
    assert all(e["node"]["confidence"] for e in data["agreements"]["edges"])
    assert all(g["confidence"] and g["sources"] for g in data["country"]["groups"])
