"""The node budget: how many objects a query may ask for, GitHub-style.

Every paginated field (one that takes ``first``/``last``) may return up to its page size
for each of its parents, so a connection nested in another costs the product of the page
sizes along its path. The sum over all paginated fields is the query's cost; a query over
the budget is refused before anything runs, and an accepted one reports its cost in the
response's ``extensions.cost``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

from .errors import QUERY_TOO_COMPLEX


def _page_size(field: FieldNode, variables: Mapping, default: int) -> int:
    for argument in field.arguments or ():
        if argument.name.value not in ("first", "last"):
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return max(int(value.value), 0)
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            return given if isinstance(given, int) and given >= 0 else default
    return default


class _Counter:
    def __init__(self, schema, fragments: Mapping, variables: Mapping, default_page_size: int):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default = default_page_size

    def cost(self, selections: SelectionSetNode, parent, multiplier: int, seen=()) -> int:
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                fields = getattr(parent, "fields", None) or {}
                definition = fields.get(selection.name.value)
                if definition is None:
                    continue
                inner = multiplier
                if "first" in definition.args or "last" in definition.args:
                    inner = multiplier * _page_size(selection, self.variables, self.default)
                    total += inner
                if selection.selection_set is not None:
                    total += self.cost(
                        selection.selection_set, get_named_type(definition.type), inner, seen
                    )
            elif isinstance(selection, InlineFragmentNode):
                kind = parent
                if selection.type_condition is not None:
                    kind = self.schema.get_type(selection.type_condition.name.value)
                total += self.cost(selection.selection_set, kind, multiplier, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # cycles are a validation error
                    continue
                kind = self.schema.get_type(fragment.type_condition.name.value)
                total += self.cost(fragment.selection_set, kind, multiplier, (*seen, name))
        return total


def requested_nodes(schema, document, operation_name, variables, default_page_size) -> int:
    """The most objects the operation's paginated fields could return."""
    fragments = {}
    operation = None
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            fragments[definition.name.value] = definition
        elif isinstance(definition, OperationDefinitionNode):
            name = definition.name.value if definition.name else None
            if operation_name is None or name == operation_name:
                operation = operation or definition
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    counter = _Counter(schema, fragments, variables or {}, default_page_size)
    return counter.cost(operation.selection_set, root, 1)


class NodeBudget(SchemaExtension):
    """Refuses, before execution, an operation that may return more than the budget.

    It runs as an execution hook rather than a validation rule: the rule would need this
    request's variables, and a rule made per request defeats the validation cache.
    """

    def __init__(self, *, max_nodes: int, default_page_size: int):
        self.max_nodes = max_nodes
        self.default_page_size = default_page_size
        self.requested: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            self.requested = requested_nodes(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.variables,
                self.default_page_size,
            )
            if self.requested > self.max_nodes:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            f"query may return up to {self.requested} nodes; the limit is "
                            f"{self.max_nodes} (lower first/last on nested connections)",
                            extensions={"code": QUERY_TOO_COMPLEX},
                        )
                    ],
                )
        yield

    def get_results(self) -> dict:
        if self.requested is None:
            return {}
        return budget_report(self.requested, self.max_nodes)


def budget_report(requested: int, limit: int) -> dict:
    """What an accepted query's response says of its cost, in ``extensions``."""
    return {"cost": {"requestedNodes": requested, "limit": limit}}
