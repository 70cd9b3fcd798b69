"""The model's vocabularies (server/model/vocabulary.py): every value has a word and a
meaning, the model is pure, and the API's GraphQL enums are exactly the model's."""

from __future__ import annotations

import ast

import pytest
from graphql import GraphQLEnumType

from server.api import vocabulary as graphql_enums
from server.api.schema.schema import schema
from server.model import vocabulary as model
from server.settings import ROOT

VOCABULARIES = {vocabulary.__name__: vocabulary for vocabulary in model.VOCABULARIES}
# What server/model/ must not import: the API, the store, HTTP, or the rest of the server.
IMPURE = {"strawberry", "graphql", "sqlite3", "aiosqlite", "starlette", "httpx", "uvicorn"}


@pytest.mark.parametrize("name", VOCABULARIES)
def test_every_value_has_a_word_and_a_meaning(name):
    vocabulary = VOCABULARIES[name]
    assert list(vocabulary), f"{name} has no values"
    for member in vocabulary:
        assert member.value == member.name.lower(), f"{name}.{member.name}: value {member.value!r}"
        assert member.word.strip() == member.word and member.word, f"{name}.{member.name}: word"
        # One sentence, in our words: a capital at the start, a full stop at the end.
        meaning = member.meaning
        assert meaning[:1].isupper() and meaning.endswith("."), f"{name}.{member.name}: {meaning!r}"
        assert ". " not in meaning, f"{name}.{member.name}: one sentence, not {meaning!r}"
    words = [member.word for member in vocabulary]
    assert len(set(words)) == len(words), f"{name}: two values share a word: {words}"
    assert vocabulary.description(), f"{name} needs a docstring: it is the GraphQL description"


def test_a_value_is_found_by_its_spelling_in_the_store():
    assert model.RelationState("no_relations") is model.RelationState.NO_RELATIONS
    assert model.RelationState.NO_RELATIONS.word == "no relations (offices closed)"
    assert model.values(model.Confidence) == ("high", "medium", "low")
    # Display order is enum order: a candidate's statuses come before a party's.
    assert list(model.Status)[0] is model.Status.REPORTED_CANDIDATE
    assert list(model.Status).index(model.Status.IN_TALKS) < list(model.Status).index(
        model.Status.ANNOUNCED
    )


def test_every_relation_step_has_its_timeline_event_kind():
    assert set(model.RELATION_STEP_EVENTS) == set(model.RelationStepKind)
    assert all(isinstance(kind, model.EventKind) for kind in model.RELATION_STEP_EVENTS.values())


def test_graphql_enums_are_the_models():
    enums = {
        name: graphql_type
        for name, graphql_type in schema._schema.type_map.items()
        if isinstance(graphql_type, GraphQLEnumType) and not name.startswith("__")
    }
    # ListKind names the site's list pages whose query strings listQuery reads: a fact
    # about the site's addresses (server/urls.py), not about the record.
    site_only = {"ListKind"}
    assert set(enums) - site_only == set(VOCABULARIES), (
        "every GraphQL enum of the record has its vocabulary in the model"
    )
    for name, graphql_type in enums.items():
        if name in site_only:
            continue
        vocabulary = VOCABULARIES[name]
        assert list(graphql_type.values) == [member.name for member in vocabulary], name
        assert graphql_type.description == vocabulary.description(), name


def test_server_vocabulary_registers_the_models_own_classes():
    # A value read from the seed and one given to the API are the same member.
    for name in ("AgreementKind", "Role", "Status", "RelationState", "SourceKind", "RecordType"):
        assert getattr(graphql_enums, name) is VOCABULARIES[name]


def test_the_model_imports_no_strawberry_sql_or_http():
    found = {}
    for path in (ROOT / "server" / "model").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                # "from . import x" stays in the model; "from .. import x" leaves it.
                names = [node.module or ""] if not node.level else ["server.model"]
                if node.level > 1:
                    names = [f"server.{node.module or ''}"]
            else:
                continue
            impure = [
                name
                for name in names
                if name.split(".")[0] in IMPURE
                or (name.startswith("server") and not name.startswith("server.model"))
            ]
            if impure:
                found[path.name] = impure
    assert found == {}


def test_every_relation_step_has_its_timeline_title():
    from server.model.states import STEP_TITLES

    assert set(STEP_TITLES) == set(model.RelationStepKind)
    assert all("{a}" in title and "{b}" in title for title in STEP_TITLES.values())
