"""Terms of participations (#21, item 8): who signed, witnessed or brokered for a country,
and what it received or gave, each dated, cited and attributed; the guards `make db` runs
and the API's `Participation.terms`, checked against the seed."""

from __future__ import annotations

import pytest

from server.model.terms import TermKind
from server.store.seed import SeedError, load_seed
from tests.helpers import nodes, record
from tests.test_seed import replace_in

pytestmark = pytest.mark.anyio

SIGNED_FOR_BAHRAIN = 'kind = "signed_by", text = "Foreign Minister Abdullatif Al Zayani'


def _refused(seed_copy, old: str, new: str) -> list[str]:
    replace_in(seed_copy / "agreements.toml", old, new)
    with pytest.raises(SeedError) as caught:
        load_seed(seed_copy)
    return caught.value.problems


def _bahrain_term(seed_copy) -> str:
    text = (seed_copy / "agreements.toml").read_text(encoding="utf-8")
    start = text.rindex("{", 0, text.index(SIGNED_FOR_BAHRAIN))
    return text[start : text.index("},", start) + 2]


def test_the_seed_has_the_terms_a_reader_asks_for():
    seed, _ = record()
    accords = next(a for a in seed.agreements if a.slug == "abraham-accords")
    terms: dict[tuple, list] = {}
    for p in accords.participants:
        for t in p.terms:
            terms.setdefault((p.country, t.kind), []).append(t)
    for key in [("AE", "signed_by"), ("BH", "signed_by"), ("IL", "signed_by")]:
        assert [t.date.iso for t in terms[key]] == ["2020-09-15"], key
    assert ("US", "witnessed") in terms and ("US", "brokered") in terms
    [sahara] = [t for t in terms[("MA", "received")] if "Western Sahara" in t.text]
    assert sahara.date.iso == "2020-12-10"
    assert any("state sponsors of terrorism" in t.text for t in terms[("SD", "received")])
    assert any("as reported" in t.text for t in terms[("AE", "received")])
    every = [t for a in seed.agreements for p in a.participants for t in p.terms]
    sources = {s.slug for s in seed.sources}
    for term in every:
        assert term.kind in {k.value for k in TermKind}
        assert term.sources and set(term.sources) <= sources, term
        assert term.attribution.stated_by and term.attribution.acknowledged, term


def test_a_term_without_sources_is_refused(seed_copy):
    term = _bahrain_term(seed_copy)
    start = term.index("sources = [")
    unsourced = term[:start] + "sources = []" + term[term.index("]", start) + 1 :]
    problems = _refused(seed_copy, term, unsourced)
    assert any(
        "participant BH: term #1" in p and 'field "sources" needs at least 1 entry' in p
        for p in problems
    ), problems


def test_a_term_of_an_unknown_kind_is_refused(seed_copy):
    term = _bahrain_term(seed_copy)
    problems = _refused(seed_copy, term, term.replace('kind = "signed_by"', 'kind = "promised"'))
    assert any("participant BH: term #1" in p and "promised" in p for p in problems), problems


def test_a_term_without_a_precision_or_attribution_is_refused(seed_copy):
    term = _bahrain_term(seed_copy)
    bare = term.replace(', precision = "day"', "").replace(', acknowledged = "both"', "")
    problems = _refused(seed_copy, term, bare)
    assert any('field "precision" is missing' in p for p in problems), problems
    assert any("a term must say on whose word it rests" in p for p in problems), problems


TERMS = """
query ($slug: String!) {
  agreement(slug: $slug) {
    participants(first: 50) { edges { node {
      country { code }
      role
      terms {
        kind text date { iso precision }
        sources { slug title published { iso } }
        attribution { press acknowledged note statedBy { code } }
      }
    } } }
  }
}
"""


async def test_the_api_returns_the_seeds_terms(api):
    seed, _ = record()
    titles = {s.slug: s.title for s in seed.sources}
    for agreement in seed.agreements:
        data = await api.data(TERMS, slug=agreement.slug)
        served = {
            (n["country"]["code"], n["role"].lower()): n["terms"]
            for n in nodes(data["agreement"]["participants"])
        }
        for participant in agreement.participants:
            if participant.role == "candidate":
                continue
            got = served[(participant.country, participant.role)]
            assert len(got) == len(participant.terms), participant.country
            for term, shown in zip(participant.terms, got, strict=True):
                assert shown["kind"] == TermKind(term.kind).name
                assert shown["text"] == term.text
                assert shown["date"]["iso"] == term.date.iso
                assert shown["date"]["precision"] == term.date.precision.upper()
                assert {s["slug"] for s in shown["sources"]} == set(term.sources)
                assert all(s["title"] == titles[s["slug"]] for s in shown["sources"])
                said = shown["attribution"]
                governments = [c for c in term.attribution.stated_by if c != "press"]
                assert [c["code"] for c in said["statedBy"]] == governments
                assert said["press"] == ("press" in term.attribution.stated_by)
                assert said["acknowledged"] == term.attribution.acknowledged.upper()
    assert any(p.terms for a in seed.agreements for p in a.participants)
