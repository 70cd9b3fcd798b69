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
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
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
    def __init__(self, context, variables: Mapping, default_page_size: int):
        self.context = context
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
                    kind = self.context.schema.get_type(selection.type_condition.name.value)
                total += self.cost(selection.selection_set, kind, multiplier, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in seen:  # cycles are another rule's error
                    continue
                kind = self.context.schema.get_type(fragment.type_condition.name.value)
                total += self.cost(fragment.selection_set, kind, multiplier, (*seen, name))
        return total


class NodeBudget(SchemaExtension):
    def __init__(self, *, max_nodes: int, default_page_size: int):
        self.max_nodes = max_nodes
        self.default_page_size = default_page_size
        self.requested: int | None = None

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        budget = self

        class NodeBudgetRule(ValidationRule):
            def enter_operation_definition(self, node: OperationDefinitionNode, *_):
                wanted = context.operation_name
                if wanted is not None and (node.name is None or node.name.value != wanted):
                    return
                root = self.context.schema.get_root_type(node.operation)
                if not isinstance(root, GraphQLObjectType):
                    return
                counter = _Counter(self.context, context.variables or {}, budget.default_page_size)
                budget.requested = counter.cost(node.selection_set, root, 1)
                if budget.requested > budget.max_nodes:
                    self.report_error(
                        GraphQLError(
                            f"query may return up to {budget.requested} nodes; the limit is "
                            f"{budget.max_nodes} (lower first/last on nested connections)",
                            node,
                            extensions={"code": QUERY_TOO_COMPLEX},
                        )
                    )

        context.validation_rules = (*context.validation_rules, NodeBudgetRule)
        yield

    def get_results(self) -> dict:
        if self.requested is None:
            return {}
        return {"cost": {"requestedNodes": self.requested, "limit": self.max_nodes}}
