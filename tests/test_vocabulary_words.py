"""The server's prose reads the model's vocabulary (server/model/vocabulary.py) instead of
typing values and words again: the page metadata's state words and the data dictionary's
lists of values."""

from __future__ import annotations

import html
import re

import pytest

from server.files import data_dictionary
from server.model.vocabulary import (
    ChangeAction,
    EventKind,
    MembershipStatus,
    RecordType,
    RelationState,
    RelationStepKind,
    Role,
    SourceKind,
    Status,
)
from server.urls import paths


def _description(page: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)">', page)
    return html.unescape(found.group(1))


@pytest.mark.anyio
@pytest.mark.parametrize(("a", "b"), [("MR", "IL"), ("AE", "IL"), ("IL", "EG")])
async def test_a_relations_page_names_its_state_in_the_models_word(api, a, b):
    data = await api.data(
        "query($a: String!, $b: String!) { relation(a: $a, b: $b) { state } }", a=a, b=b
    )
    word = RelationState[data["relation"]["state"]].word
    page = await api.client.get(paths.relation(a, b))
    assert f"relations today: {word}" in _description(page.text)


@pytest.mark.anyio
async def test_the_map_page_lists_the_states_in_the_models_words(api):
    page = await api.client.get(paths.map({"country": "IL"}))
    description = _description(page.text)
    shown = [state for state in RelationState if state is not RelationState.UNKNOWN]
    positions = [description.index(state.word) for state in shown]
    assert positions == sorted(positions)  # in the model's display order


@pytest.mark.parametrize(
    ("table", "column", "vocabulary"),
    [
        ("sources", "kind", SourceKind),
        ("participations", "role", Role),
        ("participation_statuses", "status", Status),
        ("relation_steps", "kind", RelationStepKind),
        ("relation_steps", "state", RelationState),
        ("events", "kind", EventKind),
        ("membership_steps", "status", MembershipStatus),
        ("changes", "action", ChangeAction),
        ("changes", "record_type", RecordType),
    ],
)
def test_the_data_dictionary_lists_every_value_of_a_column(table, column, vocabulary):
    text = data_dictionary.BY_NAME[table].columns[column]
    assert data_dictionary.one_of(vocabulary) in text
    assert all(re.search(rf"\b{member.value}\b", text) for member in vocabulary)


def test_one_of_writes_a_list_in_words():
    assert data_dictionary.one_of([Role.PARTY]) == "party"
    assert data_dictionary.one_of(Role) == "party, broker, endorser, proposer or candidate"
    assert data_dictionary.BY_NAME["events"].columns["slug"].endswith("is /events/<slug>.")
