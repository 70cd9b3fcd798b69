"""A document's plan for the fast path, made once per prepared document.

Whether the fast path can execute a document is decided here, field by field:
introspection, directives other than @include/@skip, and fields it cannot call as
declared (see ``strawberry_adapter.calls_as_declared``) are left to Strawberry. A plan
then holds the selections per (type, field nodes), collected through fragments once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_nullable_type,
    is_leaf_type,
    visit,
)

from server.api.execution.budget import included
from server.api.execution.strawberry_adapter import (
    calls_as_declared,
    declared_field,
    fast_batch,
    is_node_id,
    returns_awaitables,
)


@dataclass
class Entry:
    """One response key of a selection: the field, its nodes, how to resolve it."""

    key: str
    name: str
    nodes: tuple[FieldNode, ...]
    definition: Any  # GraphQLField, or None for __typename
    strawberry_field: Any

    @property
    def has_resolver(self) -> bool:
        return self.strawberry_field is not None and self.strawberry_field.base_resolver is not None

    @functools.cached_property
    def is_async(self) -> bool:
        """Whether its resolver returns awaitables (an async def always does)."""
        return self.has_resolver and returns_awaitables(self.strawberry_field)

    @functools.cached_property
    def is_plain_leaf(self) -> bool:
        """An attribute read and serialized in place: no resolver, no sub-selection."""
        return not self.has_resolver and is_leaf_type(get_nullable_type(self.definition.type))

    @functools.cached_property
    def batch(self):
        """The whole-level function of a batched field (schema/batched.py), or None."""
        return fast_batch(self.strawberry_field) if self.has_resolver else None


@dataclass
class Plan:
    """A document's executable shape: selections per (type, nodes), collected once."""

    document: DocumentNode
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    entries: dict[tuple, tuple[list[Entry], tuple]] = field(default_factory=dict)
    # With @include/@skip the selections depend on the variables: collected per request.
    has_directives: bool = False


class _Unsupported(Visitor):
    """Finds the first thing in a document the fast path leaves to Strawberry."""

    def __init__(self, type_info: TypeInfo, unsupported: frozenset):
        super().__init__()
        self.type_info = type_info
        self.unsupported = unsupported
        self.reason: str | None = None

    has_directives = False

    def enter_directive(self, node: DirectiveNode, *_):
        if node.name.value not in ("include", "skip"):
            self.reason = f"directive @{node.name.value}"
            return self.BREAK
        self.has_directives = True
        return None

    def enter_field(self, node: FieldNode, *_):
        name = node.name.value
        if name in ("__schema", "__type"):
            self.reason = "introspection"
            return self.BREAK
        parent = self.type_info.get_parent_type()
        if parent is not None and (parent.name, name) in self.unsupported:
            self.reason = f"field {parent.name}.{name}"
            return self.BREAK
        return None


def unsupported_fields(schema: GraphQLSchema) -> frozenset:
    """(type, field) pairs the fast path cannot call as declared."""
    found = set()
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, definition in graphql_type.fields.items():
            declared = declared_field(definition)
            if declared is None or is_node_id(declared):
                continue  # relay.Node's id is computed in place (see run.py)
            if not calls_as_declared(declared):
                found.add((type_name, field_name))
    return frozenset(found)


def make_plan(
    schema: GraphQLSchema, unsupported: frozenset, document: DocumentNode, operation
) -> Plan | str:
    """The plan for ``operation`` (a node of ``document``), or why it is declined."""
    if operation.operation != OperationType.QUERY:
        return "not a query"
    type_info = TypeInfo(schema)
    checker = _Unsupported(type_info, unsupported)
    visit(document, TypeInfoVisitor(type_info, checker))
    if checker.reason is not None:
        return checker.reason
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return Plan(
        document=document,
        operation=operation,
        fragments=fragments,
        has_directives=checker.has_directives,
    )


def selection(
    schema: GraphQLSchema, plan: Plan, object_type, nodes: tuple, coerced: dict, cache: dict
) -> tuple[list[Entry], tuple]:
    """The entries of the selection ``nodes`` make on ``object_type``, and their response
    keys, in order; kept in ``cache`` (the plan's, or the request's when @include/@skip
    make it depend on the variables)."""
    key = (object_type.name, tuple(id(n) for n in nodes))
    cached = cache.get(key)
    if cached is not None:
        return cached
    grouped: dict[str, list[FieldNode]] = {}
    for node in nodes:
        if node.selection_set is not None:
            _collect(schema, plan, object_type, node.selection_set, coerced, grouped, set())
    entries = []
    for response_key, field_nodes in grouped.items():
        name = field_nodes[0].name.value
        if name == "__typename":
            entries.append(Entry(response_key, name, tuple(field_nodes), None, None))
            continue
        definition = object_type.fields[name]
        declared = declared_field(definition)
        entries.append(Entry(response_key, name, tuple(field_nodes), definition, declared))
    found = cache[key] = (entries, tuple(entry.key for entry in entries))
    return found


def _collect(schema, plan: Plan, object_type, selection_set, coerced, grouped, seen) -> None:
    for node in selection_set.selections:
        if node.directives and not included(node, coerced):
            continue
        if isinstance(node, FieldNode):
            key = node.alias.value if node.alias else node.name.value
            grouped.setdefault(key, []).append(node)
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition
            if condition is None or _applies(schema, condition.name.value, object_type):
                _collect(schema, plan, object_type, node.selection_set, coerced, grouped, seen)
        elif isinstance(node, FragmentSpreadNode):
            name = node.name.value
            fragment = plan.fragments.get(name)
            if fragment is None or name in seen:
                continue
            seen.add(name)
            if _applies(schema, fragment.type_condition.name.value, object_type):
                _collect(schema, plan, object_type, fragment.selection_set, coerced, grouped, seen)


def _applies(schema: GraphQLSchema, type_name: str, object_type: GraphQLObjectType) -> bool:
    if type_name == object_type.name:
        return True
    condition = schema.get_type(type_name)
    return isinstance(condition, GraphQLAbstractType) and schema.is_sub_type(condition, object_type)
