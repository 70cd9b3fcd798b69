"""The fast path: executes a validated query without graphql-core's per-field machinery.

graphql-core resolves every field of every object through a general executor (an info
object, a resolver wrapper and an awaitable check per field, ~3–4 µs each), which is most
of a request's time here. This executor walks the same selection sets breadth-first:
each field is resolved for all the objects of a level at once, so a loader sees a
whole level's keys in one batch and a nested list costs one gather, not one per row.
Selection plans (fields collected through fragments, per type) are made once per
document and cached.

The HTTP view asks it first, in front of Strawberry's whole request pipeline (extension
hooks included). Every request is prepared first (execution/prepare.py: parse, validate,
operation, variables, budget — the same for both paths, each failure coded by its
phase). Whether the fast path can execute a document is decided when it is planned,
field by field: introspection, directives and fields it cannot call as declared (with
permission classes, field extensions, root or parent parameters) are declined there.
At run time it declines only on expected conditions — an error GraphQL reports as
partial data, a null in a non-null position — and Strawberry then produces exactly the
answer GraphQL specifies. Every decline is counted by reason; the test client fails on
a decline it was not told to expect, and every query in the test suite runs through
both paths with the answers compared (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_nullable_type,
    is_leaf_type,
    specified_rules,
    visit,
)
from graphql.execution.values import get_argument_values
from strawberry.relay import Node, to_base64
from strawberry.types.arguments import convert_arguments

from ...db import QueryTimeout, request_deadline
from .budget import budget_report, included
from .prepare import Prepared, Preparer, RequestError

BACKREF = "strawberry-definition"
BIG_LEVEL = 2000  # objects built between two yields to the event loop


class GiveUp(Exception):
    """This request is not for the fast path; Strawberry will execute it."""


class FastInfo:
    """What the resolvers read from ``info``: the context (nothing else is used)."""

    __slots__ = ("context",)

    def __init__(self, context: Any):
        self.context = context


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
        return self.has_resolver and inspect.iscoroutinefunction(
            self.strawberry_field.base_resolver.wrapped_func
        )

    @functools.cached_property
    def is_plain_leaf(self) -> bool:
        """An attribute read and serialized in place: no resolver, no sub-selection."""
        return not self.has_resolver and is_leaf_type(get_nullable_type(self.definition.type))


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
            declared = definition.extensions.get(BACKREF)
            if declared is None or declared.python_name == "_id":
                continue  # relay.Node's id is computed in place (see _Run.resolve)
            resolver = declared.base_resolver
            if (
                declared.permission_classes
                or declared.extensions
                or (
                    resolver is not None
                    and (resolver.root_parameter is not None or resolver.parent_parameter)
                )
            ):
                found.add((type_name, field_name))
    return frozenset(found)


class FastExecutor:
    def __init__(self, strawberry_schema, settings, limit_rules):
        self.strawberry_schema = strawberry_schema
        self.schema: GraphQLSchema = strawberry_schema._schema
        self.config = strawberry_schema.config
        self.scalars = strawberry_schema.schema_converter.scalar_registry
        self.settings = settings
        # The rules Strawberry validates with: graphql's, and our limits (coded).
        self.preparer = Preparer(self.schema, settings, (*specified_rules, *limit_rules))
        self.unsupported = unsupported_fields(self.schema)
        self.enum_names: dict[str, dict] = {}  # enum type → {member: serialized name}
        self.answered = 0  # requests answered here (for tests)
        self.declines: Counter[str] = Counter()  # requests left to Strawberry, by reason

    @property
    def declined(self) -> int:
        return sum(self.declines.values())

    def plan(self, prepared: Prepared) -> Plan | str:
        """The plan for a prepared operation, or why the fast path declines it; kept in
        the prepared document's memo, so it lives exactly as long as the cached document."""
        key = ("plan", id(prepared.operation))
        plan = prepared.memo.get(key)
        if plan is None:
            plan = prepared.memo[key] = self._make_plan(prepared.document, prepared.operation)
        return plan

    def _make_plan(self, document: DocumentNode, operation) -> Plan | str:
        if operation.operation != OperationType.QUERY:
            return "not a query"
        type_info = TypeInfo(self.schema)
        checker = _Unsupported(type_info, self.unsupported)
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

    def prepare(self, query: str, operation_name, variables) -> Prepared | dict:
        """The prepared request, or the whole answer to one that fails before execution
        (a body with ``errors`` and no ``data``), so both paths refuse it in the same
        words."""
        try:
            return self.preparer.prepare(query, operation_name, variables)
        except RequestError as failure:
            return {"errors": list(failure.errors)}

    async def answer(self, prepared: Prepared, context, *, execute: bool = True) -> dict | None:
        """The whole response body, or None when Strawberry should execute the request.

        With ``execute`` false (the fast path switched off) nothing is executed here.
        """
        if not execute:
            return None
        plan = self.plan(prepared)
        if isinstance(plan, str):
            self.declines[plan] += 1
            return None
        run = _Run(self, plan, prepared.variables, FastInfo(context))
        try:
            [data] = await _first_failure(
                run.objects([None], self.schema.query_type, (plan.operation,))
            )
        except QueryTimeout as timeout:
            # Out of time: running it again through Strawberry would only take longer.
            self.answered += 1
            return {"data": None, "errors": [timeout.formatted]}
        except GiveUp as reason:
            self.declines[str(reason)] += 1
            return None
        except GraphQLError:
            # An expected error (bad input): GraphQL answers it with partial data and a
            # path, which is Strawberry's to produce. The level's other work was
            # cancelled when it was raised (TaskGroup), so it is not done twice at once.
            self.declines["error in execution"] += 1
            return None
        self.answered += 1
        return {
            "data": data,
            "extensions": budget_report(
                prepared.requested, self.settings.max_nodes, prepared.fields
            ),
        }


class _Run:
    """One request's execution over a plan."""

    def __init__(self, executor: FastExecutor, plan: Plan, variables, info: FastInfo):
        self.executor = executor
        self.schema = executor.schema
        self.plan = plan
        self.variables = variables
        self.info = info
        self.deadline = request_deadline.get()
        # Selections that depend on this request's variables are not shared.
        self.selections = {} if plan.has_directives else plan.entries

    # Selections ----------------------------------------------------------------------

    def entries(self, object_type: GraphQLObjectType, nodes: tuple) -> tuple[list[Entry], tuple]:
        """The selection's entries and their response keys, in order (cached)."""
        key = (object_type.name, tuple(id(n) for n in nodes))
        cached = self.selections.get(key)
        if cached is not None:
            return cached
        grouped: dict[str, list[FieldNode]] = {}
        for node in nodes:
            selection_set = node.selection_set
            if selection_set is not None:
                self._collect(object_type, selection_set, grouped, set())
        entries = []
        for response_key, field_nodes in grouped.items():
            name = field_nodes[0].name.value
            if name == "__typename":
                entries.append(Entry(response_key, name, tuple(field_nodes), None, None))
                continue
            definition = object_type.fields[name]
            entries.append(
                Entry(
                    response_key,
                    name,
                    tuple(field_nodes),
                    definition,
                    definition.extensions.get(BACKREF),
                )
            )
        selection = (entries, tuple(entry.key for entry in entries))
        self.selections[key] = selection
        return selection

    def _collect(self, object_type, selection_set: SelectionSetNode, grouped, seen) -> None:
        coerced = self.variables.coerced
        for selection in selection_set.selections:
            if selection.directives and not included(selection, coerced):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                grouped.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self._applies(condition.name.value, object_type):
                    self._collect(object_type, selection.selection_set, grouped, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.plan.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                seen.add(name)
                if self._applies(fragment.type_condition.name.value, object_type):
                    self._collect(object_type, fragment.selection_set, grouped, seen)

    def _applies(self, type_name: str, object_type: GraphQLObjectType) -> bool:
        if type_name == object_type.name:
            return True
        condition = self.schema.get_type(type_name)
        return isinstance(condition, GraphQLAbstractType) and self.schema.is_sub_type(
            condition, object_type
        )

    # Values --------------------------------------------------------------------------

    async def objects(self, sources: list, object_type: GraphQLObjectType, nodes) -> list:
        """Complete many objects of one type with the same selection, field by field.

        Each field yields a column of values, one per object; the objects' dicts are
        made at the end, in one go. Plain leaf attributes are read in place; the other
        fields of the level run concurrently (as graphql-core runs sibling fields), so
        their SQL overlaps.
        """
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTimeout()
        entries, keys = self.entries(object_type, nodes)
        if not entries:  # every field skipped (@skip/@include): an empty object each
            return [{} for _ in sources]
        columns: list = [None] * len(entries)
        later = []
        for index, entry in enumerate(entries):
            if entry.definition is None:
                columns[index] = [object_type.name] * len(sources)
            elif entry.is_plain_leaf:
                values = self.resolve(entry, object_type, sources)
                columns[index] = self.leaves(values, entry.definition.type)
            else:
                later.append(self._field(columns, index, entry, object_type, sources))
        if len(later) == 1:
            await later[0]
        elif later:
            # A TaskGroup, not gather: when one field fails, its siblings are cancelled
            # at once instead of running on while the request is answered otherwise.
            async with asyncio.TaskGroup() as group:
                for work in later:
                    group.create_task(work)
        rows = zip(*columns, strict=True)
        if len(sources) <= BIG_LEVEL:
            return [dict(zip(keys, row, strict=True)) for row in rows]
        # A big level: build it in slices, letting other requests run between them.
        built = []
        for row in rows:
            built.append(dict(zip(keys, row, strict=True)))
            if len(built) % BIG_LEVEL == 0:
                await asyncio.sleep(0)
                if self.deadline is not None and time.monotonic() > self.deadline:
                    raise QueryTimeout()
        return built

    async def _field(self, columns, index: int, entry: Entry, object_type, sources) -> None:
        values = self.resolve(entry, object_type, sources)
        if isinstance(values, _Level):
            values = list(await values.awaitable)
        elif entry.is_async:
            values = await _gather(values)
        columns[index] = await self.complete(values, entry.definition.type, entry.nodes)

    def leaves(self, values: list, return_type) -> list:
        """Serialize leaf values (scalars, enums) as graphql-core would."""
        if isinstance(return_type, GraphQLNonNull):
            if any(value is None for value in values):
                raise GiveUp("null in a non-null position")
            serialize = self.serializer(return_type.of_type)
            return [serialize(value) for value in values]
        serialize = self.serializer(return_type)
        return [None if value is None else serialize(value) for value in values]

    def serializer(self, leaf_type):
        """The type's serialize; for enums, memoized per member (Strawberry's is slow)."""
        if not isinstance(leaf_type, GraphQLEnumType):
            return leaf_type.serialize
        memo = self.executor.enum_names.setdefault(leaf_type.name, {})

        def serialize(value):
            name = memo.get(value)
            if name is None:
                name = memo[value] = leaf_type.serialize(value)
            return name

        return serialize

    def resolve(self, entry: Entry, object_type, sources: list) -> list:
        strawberry_field = entry.strawberry_field
        resolver = strawberry_field.base_resolver if strawberry_field is not None else None
        if resolver is None:
            name = strawberry_field.python_name if strawberry_field is not None else entry.name
            return [getattr(source, name) for source in sources]
        if strawberry_field.python_name == "_id" and all(isinstance(s, Node) for s in sources):
            # relay.Node's id: the global ID of the object's GraphQL type and its key.
            return [
                to_base64(object_type.name, type(s).resolve_id(s, info=self.info)) for s in sources
            ]
        kwargs = {}
        if entry.definition.args:
            raw = get_argument_values(entry.definition, entry.nodes[0], self.variables)
            kwargs = convert_arguments(
                raw,
                strawberry_field.arguments,
                scalar_registry=self.executor.scalars,
                config=self.executor.config,
            )
        batch = getattr(resolver.wrapped_func, "fast_batch", None)
        if batch is not None:
            return _Level(batch(self.info, sources, **kwargs))
        if resolver.info_parameter is not None:
            kwargs[resolver.info_parameter.name] = self.info
        if resolver.self_parameter is not None:
            return [resolver(source, **kwargs) for source in sources]
        return [resolver(**kwargs) for _ in sources]

    async def complete(self, values: list, return_type, nodes) -> list:
        """Complete a list of values of one GraphQL type (in the order given)."""
        non_null = isinstance(return_type, GraphQLNonNull)
        if non_null:
            return_type = return_type.of_type
            if any(value is None for value in values):
                raise GiveUp("null in a non-null position")
        present = [i for i, value in enumerate(values) if value is not None]
        out: list = [None] * len(values)
        if not present:
            return out
        if is_leaf_type(return_type):
            serialize = self.serializer(return_type)
            for i in present:
                out[i] = serialize(values[i])
            return out
        if isinstance(return_type, GraphQLList):
            flat, lengths = [], []
            for i in present:
                items = list(values[i])
                flat.extend(items)
                lengths.append(len(items))
            completed = await self.complete(flat, return_type.of_type, nodes)
            start = 0
            for i, length in zip(present, lengths, strict=True):
                out[i] = completed[start : start + length]
                start += length
            return out
        if isinstance(return_type, GraphQLObjectType):
            done = await self.objects([values[i] for i in present], return_type, nodes)
            for i, value in zip(present, done, strict=True):
                out[i] = value
            return out
        # Abstract types: group by runtime type so each group is completed in one pass.
        groups: dict[str, list[int]] = {}
        for i in present:
            groups.setdefault(self.runtime_type(values[i], return_type).name, []).append(i)
        for type_name, indexes in groups.items():
            object_type = self.schema.get_type(type_name)
            done = await self.objects([values[i] for i in indexes], object_type, nodes)
            for i, value in zip(indexes, done, strict=True):
                out[i] = value
        return out

    def runtime_type(self, value, return_type) -> GraphQLObjectType:
        if isinstance(return_type, GraphQLObjectType):
            return return_type
        definition = getattr(type(value), "__strawberry_definition__", None)
        runtime = self.schema.get_type(definition.name) if definition else None
        if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(
            return_type, runtime
        ):
            raise GiveUp("cannot tell the runtime type")
        return runtime


async def _first_failure(work):
    """Await ``work``; when concurrent fields failed together (an ExceptionGroup from a
    TaskGroup), raise the one that decides the answer: a fault first, then a timeout,
    then the first expected failure."""
    try:
        return await work
    except BaseExceptionGroup as group:
        leaves = _leaves(group)
        for leaf in leaves:
            if not isinstance(leaf, GiveUp | GraphQLError):
                raise leaf from None
        for leaf in leaves:
            if isinstance(leaf, QueryTimeout):
                raise leaf from None
        raise leaves[0] from None


def _leaves(group: BaseExceptionGroup) -> list[BaseException]:
    found = []
    for error in group.exceptions:
        found.extend(_leaves(error) if isinstance(error, BaseExceptionGroup) else [error])
    return found


@dataclass(frozen=True)
class _Level:
    """A whole level's results, from a resolver's batched form (types.batched)."""

    awaitable: Any


async def _gather(values: list) -> list:
    awaitables = [v for v in values if inspect.isawaitable(v)]
    if len(awaitables) == len(values):
        return list(await asyncio.gather(*values))
    done = iter(await asyncio.gather(*awaitables))
    return [next(done) if inspect.isawaitable(v) else v for v in values]
