"""Country.numericCode: the ISO 3166-1 numeric code the map matches world-atlas's shapes by."""

from __future__ import annotations

import json
import re

import pytest

from server.settings import ROOT

from .helpers import nodes

pytestmark = [pytest.mark.anyio, pytest.mark.shared_apps]  # they only read

NUMERIC = "query($code: String!) { country(code: $code) { code numericCode } }"
ATLAS = ROOT / "web" / "node_modules" / "world-atlas" / "countries-110m.json"
EVERY_COUNTRY = """query($after: String) {
  countries(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { code numericCode historicalCode } }
  }
}"""


@pytest.mark.parametrize(
    ("code", "numeric"),
    [("IL", "376"), ("MR", "478"), ("KZ", "398"), ("AF", "004"), ("XK", None), ("SU", "810")],
)
async def test_numeric_code_is_iso_3166_1_zero_padded(api, code, numeric):
    data = await api.data(NUMERIC, code=code)
    assert data["country"] == {"code": code, "numericCode": numeric}


async def every_country(api) -> list[dict]:
    found, after = [], None
    while True:
        page = (await api.data(EVERY_COUNTRY, after=after))["countries"]
        found += nodes(page)
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def test_current_countries_have_distinct_three_digit_codes(api):
    current = [c for c in await every_country(api) if not c["historicalCode"]]
    codes = [c["numericCode"] for c in current if c["numericCode"] is not None]
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)
    assert len(codes) == len(set(codes))
    # Only the user-assigned codes (Kosovo, Somaliland) have none.
    assert [c["code"] for c in current if c["numericCode"] is None] == ["XK", "XS"]


async def test_every_shape_world_atlas_numbers_is_a_country_on_record(api):
    """The map draws a shape in a country's colour only by this match: none may be lost."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    ids = {g["id"] for g in topology["objects"]["countries"]["geometries"] if "id" in g}
    current = {c["numericCode"] for c in await every_country(api) if not c["historicalCode"]}
    assert len(ids) == 174
    assert ids - current == set()
