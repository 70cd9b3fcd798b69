"""Introspection answered from memory: the schema is fixed for the life of a process, so
an operation that selects only introspection fields (``__schema``, ``__type``,
``__typename``) has one answer for given variables. A full GraphiQL introspection costs
about 15 ms to execute; a client varying only its comments or spacing would otherwise
buy that again with every request. Answers are kept by the document's tokens (comments
and spacing left out), bounded in number and bytes.
"""

from __future__ import annotations

import orjson
from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode

from server.api.execution.prepare import Prepared, tokens
from server.http.lru import LRU

MAX_ENTRIES = 16
MAX_BYTES = 4 * 1024 * 1024


def introspection_only(prepared: Prepared) -> bool:
    """Whether every field at the operation's root (through fragments) is ``__…``."""
    fragments = {
        d.name.value: d
        for d in prepared.document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    pending, seen = [prepared.operation.selection_set], set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                if not selection.name.value.startswith("__"):
                    return False
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
    return True


class IntrospectionAnswers:
    def __init__(self) -> None:
        self._answers: LRU[dict] = LRU(MAX_ENTRIES, MAX_BYTES, max_item=MAX_BYTES // 4)

    @staticmethod
    def key(query: str, operation_name: str | None, variables: dict | None) -> str:
        return orjson.dumps(
            [tokens(query), operation_name, variables or {}], option=orjson.OPT_SORT_KEYS
        ).decode()

    def get(self, key: str) -> dict | None:
        return self._answers.get(key)

    def put(self, key: str, body: dict) -> None:
        if "errors" not in body and key not in self._answers:
            self._answers.put(key, body, len(orjson.dumps(body)) + len(key))
