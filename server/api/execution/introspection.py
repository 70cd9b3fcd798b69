"""Introspection answered from memory: the schema is fixed for the life of a process, so
an operation that selects only introspection fields (``__schema``, ``__type``,
``__typename``) has one answer for given variables. A full GraphiQL introspection costs
about 15 ms to execute; a client varying only its comments or spacing would otherwise
buy that again with every request. Answers are kept by the document's tokens (comments
and spacing left out), bounded in number and bytes.
"""

from __future__ import annotations

from collections import OrderedDict

import orjson
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

from .prepare import Prepared, tokens

MAX_ENTRIES = 16
MAX_BYTES = 4 * 1024 * 1024


def introspection_only(prepared: Prepared) -> bool:
    """Whether every field at the operation's root (through fragments) is ``__…``."""
    fragments = {
        d.name.value: d for d in prepared.document.definitions if hasattr(d, "type_condition")
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
        self._answers: OrderedDict[str, tuple[dict, int]] = OrderedDict()
        self.bytes = 0

    @staticmethod
    def key(query: str, operation_name: str | None, variables: dict | None) -> str:
        return orjson.dumps(
            [tokens(query), operation_name, variables or {}], option=orjson.OPT_SORT_KEYS
        ).decode()

    def get(self, key: str) -> dict | None:
        found = self._answers.get(key)
        if found is None:
            return None
        self._answers.move_to_end(key)
        return found[0]

    def put(self, key: str, body: dict) -> None:
        if "errors" in body or key in self._answers:
            return
        size = len(orjson.dumps(body)) + len(key)
        if size > MAX_BYTES // 4:
            return
        self._answers[key] = (body, size)
        self.bytes += size
        while len(self._answers) > MAX_ENTRIES or self.bytes > MAX_BYTES:
            _, (_, evicted) = self._answers.popitem(last=False)
            self.bytes -= evicted
