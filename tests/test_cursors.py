"""Cursors: opaque, versioned, validated, and positioned on each list's own sort key, so a
walk survives a store rebuild that adds records before its position."""

import base64
import dataclasses
import json
import shutil

import pytest

from server.settings import ROOT
from server.store.build import build_store

pytestmark = pytest.mark.anyio


def raw_cursor(payload) -> str:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


TAMPERED = [
    raw_cursor(["event", 99999999999999999999999]),
    raw_cursor(["event", {}]),
    raw_cursor(["event", [1]]),
    raw_cursor(["event", "x"]),
    raw_cursor("1.5"),
    raw_cursor("true"),
    raw_cursor([2, "event", "2020-01-01", "a"]),  # a version we never issued
    raw_cursor([True, "event", "2020-01-01", "a"]),
    raw_cursor([1, "event", "2020-01-01"]),  # too short for the key
    raw_cursor([1, "event", "2020-01-01", 7]),  # wrong type in the key
    raw_cursor([1, "event", "2020-01-01", "x" * 500]),
    raw_cursor("[" * 5000),
    "not base64 at all!",
    "",
]


@pytest.mark.parametrize("cursor", TAMPERED)
async def test_a_cursor_we_did_not_issue_is_bad_user_input(api, cursor):
    for argument in ("after", "before"):
        error = await api.error(
            f"query($c: String) {{ events({argument}: $c, first: 2) {{ totalCount }} }}", c=cursor
        )
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["argument"] == argument
        assert "is not a cursor from this list" in error["message"]


async def test_a_cursor_of_another_list_is_refused(api):
    data = await api.data("{ countries(first: 1) { pageInfo { endCursor } } }")
    cursor = data["countries"]["pageInfo"]["endCursor"]
    for field in (
        "events(first: 1, after: $c) { totalCount }",
        "agreements(first: 1, after: $c) { totalCount }",
        'country(code: "IL") { participations(after: $c) { totalCount } }',
        'search(query: "israel", after: $c) { totalCount }',
    ):
        error = await api.error(f"query($c: String) {{ {field} }}", c=cursor)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", field


async def walk(api, query: str, path: list[str], **variables) -> list[str]:
    """Every slug along a connection, page by page."""
    seen, after = [], None
    while True:
        data = await api.data(query, after=after, **variables)
        for key in path:
            data = data[key]
        seen += [edge["node"]["slug"] for edge in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return seen
        after = data["pageInfo"]["endCursor"]


@pytest.fixture
def settings(settings, tmp_path):
    """A store of this test's own, which it may rebuild."""
    store = tmp_path / "accordline.sqlite"
    shutil.copy(settings.db, store)
    return dataclasses.replace(settings, db=store)


OLDER_EVENT = """

[[event]]
slug = "a-test-event-before-everything"
added = "2026-11-29"
updated = "2026-11-29"
date = "1901-05"
kind = "statement"
title = "A test event older than every other"
summary = "Added by a test to check that cursors survive a rebuild."
countries = ["IL"]
agreements = []
sources = ["wikipedia-abraham-accords"]
"""


@pytest.mark.parametrize("order", ["ASC", "DESC"])
async def test_a_walk_neither_repeats_nor_skips_across_a_rebuild(api, tmp_path, order):
    query = """query($after: String, $order: SortOrder) {
        events(first: 4, after: $after, order: $order) {
            edges { node { slug } } pageInfo { endCursor hasNextPage } } }"""
    everything = await walk(api, query, ["events"], order=order)
    assert len(everything) == len(set(everything)) > 8

    first = await api.data(query, after=None, order=order)
    walked = [edge["node"]["slug"] for edge in first["events"]["edges"]]
    cursor = first["events"]["pageInfo"]["endCursor"]

    # Rebuild the served store with one event older than any, so every build-time
    # row number after it shifts by one.
    seed = tmp_path / "seed"
    shutil.copytree(ROOT / "seed", seed)
    with (seed / "events.toml").open("a", encoding="utf-8") as events:
        events.write(OLDER_EVENT)
    build_store(seed, api.db.path)
    assert await api.refresh()

    after = cursor
    while True:
        data = await api.data(query, after=after, order=order)
        walked += [edge["node"]["slug"] for edge in data["events"]["edges"]]
        if not data["events"]["pageInfo"]["hasNextPage"]:
            break
        after = data["events"]["pageInfo"]["endCursor"]
    new = "a-test-event-before-everything"
    if order == "ASC":
        assert walked == everything  # the new event lies behind the walk's position
    else:
        assert walked == [*everything, new]  # ahead of it: reached in its place
    assert new in await walk(api, query, ["events"], order=order)


async def test_nested_connections_walk_by_their_own_keys(api):
    query = """query($after: String) { agreement(slug: "arab-peace-initiative") {
        participants(first: 5, after: $after) {
            edges { node { slug: role country { code } } } pageInfo { endCursor hasNextPage } } } }"""
    seen, after = [], None
    while True:
        data = (await api.data(query, after=after))["agreement"]["participants"]
        seen += [(e["node"]["country"]["code"], e["node"]["slug"]) for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    whole = await api.data("""{ agreement(slug: "arab-peace-initiative") {
        participants(first: 100) { totalCount edges { node { role country { code } } } } } }""")
    connection = whole["agreement"]["participants"]
    assert seen == [(e["node"]["country"]["code"], e["node"]["role"]) for e in connection["edges"]]
    assert len(seen) == connection["totalCount"] > 20
