"""The node budget: how many objects a query may ask for, GitHub-style.

Every paginated field (one that takes ``first``/``last``) may return up to its page size
for each of its parents, so a connection nested in another costs the product of the page
sizes along its path. Plain lists (bounded by one record) count at
their bound (LIST_BOUNDS). @include/@skip are applied with the request's variables. The
sum is the query's cost; a query over
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
    get_nullable_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension

from server.api.execution.limits import Overlap
from server.api.execution.strawberry_adapter import coerce_variables, graphql_schema, prepared_of


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


# Lists that are not connections are bounded by one record; they are costed at these
# bounds (the most a record holds in practice, with room), so a query of many small
# lists is not free. Any other plain list costs DEFAULT_LIST_BOUND items.
LIST_BOUNDS = {
    ("Relation", "countries"): 2,
    ("Event", "countries"): 25,  # the 2002 Arab Peace Initiative endorsement names 22
    ("Relation", "sharedAgreements"): 25,
    ("Participation", "terms"): 8,  # who signed, witnessed or brokered; what was got or given
    ("ParticipationTerm", "sources"): 5,
}
DEFAULT_LIST_BOUND = 10


def included(node, variables: Mapping) -> bool:
    """Whether @include/@skip keep a selection (with the request's variables)."""
    for directive in node.directives or ():
        name = directive.name.value
        if name not in ("include", "skip"):
            continue
        [argument] = [a for a in directive.arguments if a.name.value == "if"] or [None]
        if argument is None:
            continue
        value = argument.value
        if isinstance(value, VariableNode):
            condition = bool(variables.get(value.name.value))
        else:
            condition = getattr(value, "value", True) is True
        if condition != (name == "include"):
            return False
    return True


class _Counter:
    """Costs selection sets; a fragment is costed once per type it is spread on.

    The cost of a selection is proportional to its multiplier (the product of the page
    sizes above it), so a fragment's cost is memoized at multiplier 1 and scaled: a
    chain of fragments spreading each other twice costs linear time, not 2^n.
    """

    def __init__(self, schema, fragments: Mapping, variables: Mapping, default_page_size: int):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.default = default_page_size
        self._memo: dict[tuple[str, str], int] = {}

    def cost(self, selections: SelectionSetNode, parent, multiplier: int) -> int:
        total = 0
        for selection in selections.selections:
            if not included(selection, self.variables):
                continue
            if isinstance(selection, FieldNode):
                fields = getattr(parent, "fields", None) or {}
                definition = fields.get(selection.name.value)
                if definition is None:
                    continue
                inner = multiplier
                if "first" in definition.args or "last" in definition.args:
                    inner = multiplier * _page_size(selection, self.variables, self.default)
                    total += inner
                elif selection.name.value == "edges" and parent.name.endswith("Connection"):
                    pass  # a page's edges: already counted by the page size above
                elif is_list_type(get_nullable_type(definition.type)):
                    bound = LIST_BOUNDS.get((parent.name, selection.name.value))
                    inner = multiplier * (bound or DEFAULT_LIST_BOUND)
                    total += inner
                if selection.selection_set is not None:
                    total += self.cost(
                        selection.selection_set, get_named_type(definition.type), inner
                    )
            elif isinstance(selection, InlineFragmentNode):
                kind = parent
                if selection.type_condition is not None:
                    kind = self.schema.get_type(selection.type_condition.name.value)
                total += self.cost(selection.selection_set, kind, multiplier)
            elif isinstance(selection, FragmentSpreadNode):
                total += multiplier * self._fragment(selection.name.value)
        return total

    def _fragment(self, name: str) -> int:
        fragment = self.fragments.get(name)
        if fragment is None:
            return 0
        key = (name, fragment.type_condition.name.value)
        known = self._memo.get(key)
        if known is None:
            self._memo[key] = 0  # a cycle (a validation error) adds nothing meanwhile
            kind = self.schema.get_type(fragment.type_condition.name.value)
            known = self._memo[key] = self.cost(fragment.selection_set, kind, 1)
        return known


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
    over the budget never get there: execution/prepare.py refuses them). A request the
    view prepared carries its cost already; only a direct ``schema.execute`` has it
    computed here."""

    def __init__(self, *, max_nodes: int, default_page_size: int, max_fields: int):
        self.max_nodes = max_nodes
        self.default_page_size = default_page_size
        self.max_fields = max_fields
        self.requested: int | None = None
        self.fields = 0

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        prepared = prepared_of(context)
        if prepared is not None:
            self.requested, self.fields = prepared.requested, prepared.fields
        elif context.graphql_document is not None:
            self._measure(context)
        yield

    def _measure(self, context) -> None:
        document = context.graphql_document
        operations = [
            d
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
            and (
                context.operation_name is None
                or (d.name and d.name.value == context.operation_name)
            )
        ]
        if len(operations) != 1:
            return
        schema = graphql_schema(context.schema)
        variables = coerce_variables(
            schema, operations[0].variable_definitions or (), context.variables or {}
        )
        if not isinstance(variables, list):
            self.requested = requested_nodes(
                schema, document, operations[0], variables.coerced, self.default_page_size
            )
            self.fields = Overlap.measure(document, self.max_fields).fields

    def get_results(self) -> dict:
        if self.requested is None:
            return {}
        return budget_report(self.requested, self.max_nodes, self.fields)


def budget_report(requested: int, limit: int, fields: int) -> dict:
    """What an accepted query's response says of its cost, in ``extensions``: the nodes
    it may return (against the node budget) and the field selections it made, which cost
    parsing, validation and execution even where no list is asked for."""
    return {"cost": {"requestedNodes": requested, "fieldSelections": fields, "limit": limit}}
