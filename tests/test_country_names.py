"""Countries as people type them (#18 item 4): codes, names, official names and a few
aliases, folded once (server/model/countries.py), in every argument that names a country."""

from __future__ import annotations

import sqlite3

import pycountry
import pytest

from server.api.list_filters import LISTS, RELATIONS, TIMELINE, FilterError
from server.model.countries import ALIASES, CountryIndex, fold, spellings

from .helpers import nodes

COUNTRY = "query($code: String!) { country(code: $code) { code name } }"

pytestmark = pytest.mark.shared_apps  # the API tests only read (but one: own_apps)


@pytest.fixture(scope="module")
def index(seed_store) -> CountryIndex:
    """The index the server builds, from the countries rows of the store the tests use."""
    connection = sqlite3.connect(seed_store)
    connection.row_factory = sqlite3.Row
    try:
        rows = connection.execute("SELECT code, alpha3, name, official_name FROM countries")
        return CountryIndex((r["code"], r["alpha3"], (r["name"], r["official_name"])) for r in rows)
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Côte d'Ivoire", "COTE D’IVOIRE"),
        ("Saint Kitts and Nevis", "St. Kitts & Nevis"),
        ("The Gambia", "gambia"),
        ("Viet Nam", "Vietnam"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Türkiye", "TURKIYE"),
    ],
)
def test_one_fold_for_case_accents_punctuation_the_and_and(one, other):
    assert fold(one) == fold(other)


def test_iso_forms_are_also_read_in_their_usual_order():
    assert spellings("Congo, The Democratic Republic of the") == [
        "Congo, The Democratic Republic of the",
        "The Democratic Republic of the Congo",
    ]
    assert spellings("Holy See (Vatican City State)") == [
        "Holy See (Vatican City State)",
        "Holy See",
    ]
    assert spellings("Virgin Islands, British") == ["Virgin Islands, British"]


def test_codes_are_not_folded():
    tiny = CountryIndex([("AO", "AGO", ("Angola", None))])
    assert tiny.resolve("ao") == tiny.resolve(" Ago ") == "AO"
    assert tiny.resolve("ÄÖ") is None  # accents make it no code at all
    assert tiny.resolve("ANGOLA") == "AO"
    assert CountryIndex([("IL", "ISR", ("Israel", None))]).resolve("ıl") is None


def test_every_name_iso_gives_a_country_resolves(index):
    """The maintained source's names, short, official and common, all resolve: none is
    lost to the store keeping one form, or to another country's claim."""
    wrong = {}
    for entry in pycountry.countries:
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            name = getattr(entry, attribute, None)
            if name and index.resolve(name) != entry.alpha_2:
                wrong[name] = (entry.alpha_2, index.resolve(name))
    assert wrong == {}


def test_every_alias_resolves_to_its_country_and_is_no_code(index):
    assert {alias: index.resolve(alias) for alias in ALIASES} == ALIASES
    codes = {e.alpha_2 for e in pycountry.countries} | {e.alpha_3 for e in pycountry.countries}
    assert codes.isdisjoint(alias.upper() for alias in ALIASES)


def test_the_nearest_names_are_offered(index):
    assert index.nearest("Kazakstan") == ["Kazakhstan"]
    assert index.nearest("Saudia Arabia") == ["Saudi Arabia"]
    assert index.nearest("zzzzzz") == []
    assert index.nearest("x" * 500) == []  # nothing that long is near a name: no search


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Turkey", "TR"),
        ("UAE", "AE"),
        ("Ivory Coast", "CI"),
        ("KAZ", "KZ"),
        ("KZ", "KZ"),
        ("Republic of Kazakhstan", "KZ"),
        ("burma", "MM"),
        ("KSA", "SA"),
        ("Holland", "NL"),
        ("Democratic Republic of the Congo", "CD"),
        ("united states of america", "US"),
    ],
)
async def test_country_by_code_name_or_alias(api, typed, code):
    assert (await api.data(COUNTRY, code=typed))["country"]["code"] == code


@pytest.mark.anyio
async def test_an_unknown_name_offers_the_nearest(api):
    error = await api.error(COUNTRY, code="Kazakstan")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "code"}
    assert error["message"].startswith('code: no country "Kazakstan"; did you mean Kazakhstan?')
    assert error["path"] == ["country"]


@pytest.mark.anyio
async def test_an_unknown_code_is_still_null(api):
    assert (await api.data(COUNTRY, code="QQ"))["country"] is None
    assert (await api.data(COUNTRY, code="QQQ"))["country"] is None


@pytest.mark.anyio
@pytest.mark.own_apps  # no test before it may have built the index
async def test_an_exact_code_is_one_lookup_with_no_index_built(api):
    await api.data(COUNTRY, code="KZ")
    await api.data('{ relation(a: "IL", b: "AE") { state } }')
    assert "country_names" not in api.db.memo


@pytest.mark.anyio
async def test_relation_by_names(api):
    by_code = await api.data('{ relation(a: "IL", b: "AE") { countries { code } state } }')
    by_name = await api.data('{ relation(a: "Israel", b: "UAE") { countries { code } state } }')
    assert by_name == by_code
    error = await api.error('{ relation(a: "Turkey", b: "TUR") { state } }')
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "b"}
    error = await api.error('{ relation(a: "IL", b: "Marocco") { state } }')
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "b"}
    assert "did you mean Morocco?" in error["message"]


EVENTS = """query($filter: EventFilter) { events(first: 100, filter: $filter) {
  totalCount edges { node { id } } } }"""
RELATIONS_OF = """query($filter: RelationFilter) { relations(first: 5, filter: $filter) {
  totalCount edges { node { countries { code } } } } }"""
AGREEMENTS_OF = """query($filter: AgreementFilter) { agreements(filter: $filter) {
  totalCount edges { node { slug } } } }"""
PARTICIPANTS = """query($countries: [String!]) { agreement(slug: "abraham-accords") {
  participants(countries: $countries) { edges { node { country { code } } } } } }"""


@pytest.mark.anyio
async def test_every_countries_filter_takes_names(api):
    codes = await api.data(EVENTS, filter={"countries": ["KZ", "IL"]})
    names = await api.data(EVENTS, filter={"countries": ["kazakhstan", "State of Israel"]})
    assert names == codes and codes["events"]["totalCount"] > 0
    assert await api.data(RELATIONS_OF, filter={"country": "Israel"}) == await api.data(
        RELATIONS_OF, filter={"country": "IL"}
    )
    assert await api.data(AGREEMENTS_OF, filter={"country": "Morocco"}) == await api.data(
        AGREEMENTS_OF, filter={"country": "MA"}
    )
    participants = await api.data(PARTICIPANTS, countries=["Kazakhstan", "Israel", "Jordan"])
    codes = [n["country"]["code"] for n in nodes(participants["agreement"]["participants"])]
    assert codes == ["IL", "KZ"]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        (EVENTS, {"filter": {"countries": ["KZ", "Kazakstan"]}}, "filter.countries"),
        (RELATIONS_OF, {"filter": {"country": "Kazakstan"}}, "filter.country"),
        (AGREEMENTS_OF, {"filter": {"country": "Kazakstan"}}, "filter.country"),
        (PARTICIPANTS, {"countries": ["Kazakstan"]}, "countries"),
    ],
)
async def test_every_countries_filter_offers_the_nearest(api, query, variables, argument):
    error = await api.error(query, **variables)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
    assert error["message"].startswith(f'{argument}: no country "Kazakstan"; did you mean')


def test_a_list_filter_reads_names_as_the_api_does(index):
    variables = TIMELINE.variables([("countries", "UAE,Israel"), ("countries", "AE")], index)
    assert variables["filter"]["countries"] == ["AE", "IL"]
    assert RELATIONS.variables([("country", "Ivory Coast")], index)["filter"]["country"] == "CI"
    with pytest.raises(FilterError) as raised:
        TIMELINE.variables([("countries", "Kazakstan")], index)
    assert raised.value.parameter == "countries"
    assert raised.value.message.endswith("did you mean Kazakhstan?")


@pytest.mark.anyio
async def test_an_export_takes_an_alias(api):
    by_code = await api.client.get("/export/timeline.csv?countries=TR")
    by_alias = await api.client.get("/export/timeline.csv?countries=Turkey")
    assert by_alias.status_code == 200
    assert by_alias.text == by_code.text


# #21: names in the region's languages, from CLDR through Babel.
NAMES = """query($code: String!, $lang: [String!]) { country(code: $code) {
  code name names(lang: $lang) { lang name dir } } }"""
LANGUAGES = ("ar", "he", "ru", "kk", "fr", "es")


@pytest.mark.anyio
@pytest.mark.parametrize("code", ["KZ", "IL", "MA", "CI", "AE", "TR"])
async def test_names_in_each_language_are_cldrs(api, code):
    from babel import Locale

    country = (await api.data(NAMES, code=code))["country"]
    expected = [{"lang": "en", "name": country["name"], "dir": "ltr"}] + [
        {
            "lang": lang,
            "name": Locale.parse(lang).territories[code],
            "dir": "rtl" if lang in ("ar", "he") else "ltr",
        }
        for lang in LANGUAGES
    ]
    assert country["names"] == expected
    one = (await api.data(NAMES, code=code, lang=["he"]))["country"]["names"]
    assert one == [expected[2]]


@pytest.mark.anyio
async def test_a_former_country_has_only_the_names_cldr_has(api):
    names = (await api.data(NAMES, code="SU"))["country"]["names"]
    assert names == [{"lang": "en", "name": "Soviet Union", "dir": "ltr"}]


@pytest.mark.anyio
async def test_an_unknown_language_is_refused_by_name(api):
    error = await api.error(NAMES, code="KZ", lang=["kk", "xx"])
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "lang"}
    assert error["message"].startswith('lang: no names in "xx"; give one or more of en, ar, he')


def test_every_name_in_every_language_resolves_to_its_country_or_an_earlier_claim(index):
    from babel import Locale

    lost = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if code in index._shown and index.resolve(name) is None:
                lost[(lang, code)] = name
    assert lost == {}
    assert index.resolve("Казахстан") == index.resolve("كازاخستان") == "KZ"
    assert index.resolve("Marruecos") == index.resolve("Maroc") == "MA"
    assert index.resolve("קזחסטן") == index.resolve("Қазақстан") == "KZ"


def test_the_index_search_reads_prefixes_and_typos(index):
    assert index.search("kaz") == ["KZ"]
    assert index.search("Каз")[0] == "KZ"
    assert index.search("Kazakstan") == index.search("Kazahstan") == ["KZ"]
    assert index.search("Marocco") == ["MA"]
    assert index.search("Saudia Arabia") == ["SA"]
    assert index.search("guinea")[0] == "GN"  # the whole name before the names it begins
    assert index.search("embassy") == index.search("x" * 500) == index.search("?!") == []
    assert index.search("Irab") == []  # a typo needs five letters to be read as one


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("typed", "code"), [("Turkey", "TR"), ("Kazakstan", "KZ"), ("Казахстан", "KZ"), ("UAE", "AE")]
)
async def test_the_countries_filter_reads_what_search_reads(api, typed, code):
    found = await api.data(
        "query($q: String) { countries(first: 100, filter: {search: $q}) { totalCount edges { node { code } } } }",
        q=typed,
    )
    codes = [n["code"] for n in nodes(found["countries"])]
    assert code in codes and found["countries"]["totalCount"] == len(codes)


def test_the_countries_list_keeps_the_language_of_its_names_in_the_address(index):
    parsed = LISTS["countries"].parse([("q", "Turkey"), ("lang", "ar")], index)
    assert parsed.variables["lang"] == "ar" and parsed.problems == ()
    assert parsed.query == "q=Turkey&lang=ar"
    assert LISTS["countries"].parse([], index).variables["lang"] == "en"
    refused = LISTS["countries"].parse([("lang", "xx")], index)
    assert [p.parameter for p in refused.problems] == ["lang"]
    assert refused.variables["lang"] == "en" and refused.query == ""
