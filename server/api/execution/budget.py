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
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension


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


def requested_nodes(schema, document, operation, variables, default_page_size) -> int:
    """The most objects ``operation`` (a node of ``document``) could return, with its
    coerced ``variables`` (defaults included)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    counter = _Counter(schema, fragments, variables or {}, default_page_size)
    return counter.cost(operation.selection_set, root, 1)


class NodeBudget(SchemaExtension):
    """Reports an operation's cost in ``extensions.cost`` on Strawberry's path (requests
    over the budget never get there: execution/prepare.py refuses them)."""

    def __init__(self, *, max_nodes: int, default_page_size: int):
        self.max_nodes = max_nodes
        self.default_page_size = default_page_size
        self.requested: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            operations = [
                d
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode)
                and (
                    context.operation_name is None
                    or (d.name and d.name.value == context.operation_name)
                )
            ]
            if len(operations) == 1:
                schema = context.schema._schema
                variables = get_variable_values(
                    schema, operations[0].variable_definitions or (), context.variables or {}
                )
                if not isinstance(variables, list):
                    self.requested = requested_nodes(
                        schema, document, operations[0], variables.coerced, self.default_page_size
                    )
        yield

    def get_results(self) -> dict:
        if self.requested is None:
            return {}
        return budget_report(self.requested, self.max_nodes)


def budget_report(requested: int, limit: int) -> dict:
    """What an accepted query's response says of its cost, in ``extensions``."""
    return {"cost": {"requestedNodes": requested, "limit": limit}}
