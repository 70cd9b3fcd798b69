"""One request's execution on the fast path, over its document's plan.

The selection sets are walked breadth-first: each field is resolved for all the objects
of a level at once, so a loader sees a whole level's keys in one batch and a nested list
costs one gather, not one per row. A server fault in a field is answered GraphQL's way
(faults.py): the field is null for the objects it failed for, with a located error, and
the null propagates through non-null positions. Expected errors (bad input) and nulls in
non-null positions raise instead, and the request is declined to Strawberry.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    get_nullable_type,
    is_leaf_type,
)

from server.api.execution.faults import (
    EXPECTED,
    Fault,
    FieldOf,
    GiveUp,
    Items,
    Place,
    Some,
    fault,
    first_expected,
)
from server.api.execution.plan import Entry, Plan, selection
from server.api.execution.strawberry_adapter import (
    Node,
    argument_values,
    is_node_id,
    node_id,
    type_name_of,
)
from server.store.db import QueryTimeout, request_deadline

BIG_LEVEL = 2000  # objects built between two yields to the event loop


@dataclass(frozen=True)
class Level:
    """A whole level's results, from a resolver's batched form (schema/batched.py)."""

    awaitable: Any


class Run:
    def __init__(self, executor, plan: Plan, variables, info):
        self.executor = executor
        self.schema = executor.schema
        self.plan = plan
        self.variables = variables
        self.info = info
        self.deadline = request_deadline.get()
        # Selections that depend on this request's variables are not shared.
        self.selections = {} if plan.has_directives else plan.entries
        self.errors: list[GraphQLError] = []  # faults that reached a nullable position
        self.faults = 0  # faults met so far: a level looks for them only when this grew

    # Objects -------------------------------------------------------------------------

    async def objects(self, sources: list, object_type, nodes, place: Place) -> list:
        """Complete many objects of one type with the same selection, field by field.

        Each field yields a column of values, one per object; the objects' dicts are
        made at the end, in one go. Plain leaf attributes are read in place; the other
        fields of the level run concurrently (as graphql-core runs sibling fields), so
        their SQL overlaps. An object whose non-null field failed is that field's Fault.
        """
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTimeout()
        entries, keys = selection(
            self.schema, self.plan, object_type, nodes, self.variables.coerced, self.selections
        )
        if not entries:  # every field skipped (@skip/@include): an empty object each
            return [{} for _ in sources]
        faults = self.faults
        columns: list = [None] * len(entries)
        later = []
        for index, entry in enumerate(entries):
            if entry.definition is None:
                columns[index] = [object_type.name] * len(sources)
            elif entry.is_plain_leaf:
                try:
                    values = self.resolve(entry, object_type, sources)
                    columns[index] = self.leaves(values, entry.definition.type)
                except EXPECTED:
                    raise
                except Exception:  # noqa: BLE001 — a fault: found again object by object
                    columns[index] = self.leaves_one_by_one(entry, object_type, sources, place)
            else:
                later.append(self._field(columns, index, entry, object_type, sources, place))
        if len(later) == 1:
            await later[0]
        elif later:
            # A TaskGroup, not gather: when one field fails, its siblings are cancelled
            # at once instead of running on while the request is answered otherwise.
            async with asyncio.TaskGroup() as group:
                for work in later:
                    group.create_task(work)
        if self.faults != faults:
            return [_row_or_fault(keys, row) for row in zip(*columns, strict=True)]
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

    async def _field(self, columns, index: int, entry: Entry, object_type, sources, place):
        here = FieldOf(place, entry.key)
        try:
            values = self.resolve(entry, object_type, sources)
            if isinstance(values, Level):
                values = list(await values.awaitable)
            elif entry.is_async:
                values = await self._gather(values, entry, here)
        except EXPECTED:
            raise
        except Exception as error:  # noqa: BLE001 — a fault: found again object by object
            values = await self._one_by_one(error, entry, object_type, sources, here)
        columns[index] = await self.complete(values, entry.definition.type, entry.nodes, here)

    # Faults --------------------------------------------------------------------------

    def fault(self, error: Exception, nodes, path: tuple) -> Fault:
        self.faults += 1
        return fault(error, nodes, path)

    def settle(self, value: Fault, non_null: bool):
        """A fault in a position: it propagates from a non-null one, and is reported
        (the position null) at a nullable one."""
        if non_null:
            return value
        self.errors.append(value.error)
        return None

    async def _gather(self, values: list, entry: Entry, here: Place) -> list:
        """Per-object awaitables awaited together; a fault is that object's Fault."""
        waiting = [i for i, value in enumerate(values) if inspect.isawaitable(value)]
        results = await asyncio.gather(*(values[i] for i in waiting), return_exceptions=True)
        out = list(values)
        failed = False
        for i, result in zip(waiting, results, strict=True):
            if isinstance(result, BaseException):
                failed = True
            out[i] = result
        if failed:
            if (expected := first_expected(results)) is not None:
                raise expected
            for i in waiting:
                if isinstance(out[i], BaseException):
                    out[i] = self.fault(out[i], entry.nodes, here.path(i))
        return out

    async def _one_by_one(self, error, entry: Entry, object_type, sources, here: Place) -> list:
        """A field that failed for a whole level, asked for each object alone (as
        Strawberry's per-object resolvers are): a fault that belongs to some objects
        nulls those only, and a failed shared batch fails every object that shares it."""
        if len(sources) == 1:
            return [self.fault(error, entry.nodes, here.path(0))]
        values: list = []
        for source in sources:
            try:
                value = self.resolve(entry, object_type, [source])
                value = value if isinstance(value, Level) else value[0]
            except EXPECTED:
                _close(values)  # what was asked for the objects before is not awaited
                raise
            except Exception as failure:  # noqa: BLE001 — this object's fault
                value = failure
            values.append(value)
        waiting = [
            i
            for i, value in enumerate(values)
            if isinstance(value, Level) or inspect.isawaitable(value)
        ]
        results = await asyncio.gather(
            *(_awaited(values[i]) for i in waiting), return_exceptions=True
        )
        if (expected := first_expected(results)) is not None:
            raise expected
        for i, result in zip(waiting, results, strict=True):
            values[i] = result
        return [
            self.fault(value, entry.nodes, here.path(i)) if isinstance(value, Exception) else value
            for i, value in enumerate(values)
        ]

    # Values --------------------------------------------------------------------------

    def leaves(self, values: list, return_type) -> list:
        """Serialize leaf values (scalars, enums) as graphql-core would."""
        if isinstance(return_type, GraphQLNonNull):
            if any(value is None for value in values):
                raise GiveUp("null in a non-null position")
            serialize = self.serializer(return_type.of_type)
            return [serialize(value) for value in values]
        serialize = self.serializer(return_type)
        return [None if value is None else serialize(value) for value in values]

    def leaves_one_by_one(self, entry: Entry, object_type, sources: list, place: Place) -> list:
        """``leaves`` for a field that faulted: each object's value read and serialized
        alone, a fault located at its path."""
        here = FieldOf(place, entry.key)
        non_null = isinstance(entry.definition.type, GraphQLNonNull)
        serialize = self.serializer(get_nullable_type(entry.definition.type))
        out = []
        for i, source in enumerate(sources):
            try:
                [value] = self.resolve(entry, object_type, [source])
                if value is None and non_null:
                    raise GiveUp("null in a non-null position")
                out.append(None if value is None else serialize(value))
            except EXPECTED:
                raise
            except Exception as error:  # noqa: BLE001 — this object's fault
                out.append(self.settle(self.fault(error, entry.nodes, here.path(i)), non_null))
        return out

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

    def resolve(self, entry: Entry, object_type, sources: list) -> list | Level:
        declared = entry.strawberry_field
        resolver = declared.base_resolver if declared is not None else None
        if resolver is None:
            name = declared.python_name if declared is not None else entry.name
            return [getattr(source, name) for source in sources]
        if is_node_id(declared) and all(isinstance(s, Node) for s in sources):
            # relay.Node's id: the global ID of the object's GraphQL type and its key.
            return [node_id(object_type.name, s, self.info) for s in sources]
        kwargs = {}
        if entry.definition.args:
            raw = argument_values(entry.definition, entry.nodes[0], self.variables)
            kwargs = self.executor.convert(declared, raw)
        if entry.batch is not None:
            return Level(entry.batch(self.info, sources, **kwargs))
        if resolver.info_parameter is not None:
            kwargs[resolver.info_parameter.name] = self.info
        if resolver.self_parameter is not None:
            return [resolver(source, **kwargs) for source in sources]
        return [resolver(**kwargs) for _ in sources]

    async def complete(self, values: list, return_type, nodes, place: Place) -> list:
        """Complete a list of values of one GraphQL type (in the order given); a value
        may be a Fault (its field failed), settled here by the position's type."""
        non_null = isinstance(return_type, GraphQLNonNull)
        if non_null:
            return_type = return_type.of_type
            if any(value is None for value in values):
                raise GiveUp("null in a non-null position")
        faults = self.faults
        present = [i for i, value in enumerate(values) if value is not None]
        out: list = [None] * len(values)
        if faults and present:  # some Faults may be here already, from resolving
            failed = [i for i in present if isinstance(values[i], Fault)]
            for i in failed:
                out[i] = values[i]
            if failed:
                present = [i for i in present if not isinstance(values[i], Fault)]
                faults = -1  # settle below
        if present:
            await self._complete_present(values, present, out, return_type, nodes, place)
        if self.faults != faults:
            for i, value in enumerate(out):
                if isinstance(value, Fault):
                    out[i] = self.settle(value, non_null)
        return out

    async def _complete_present(self, values, present, out, return_type, nodes, place) -> None:
        if is_leaf_type(return_type):
            serialize = self.serializer(return_type)
            try:
                for i in present:
                    out[i] = serialize(values[i])
            except EXPECTED:
                raise
            except Exception:  # noqa: BLE001 — a fault: found again value by value
                for i in present:
                    try:
                        out[i] = serialize(values[i])
                    except EXPECTED:
                        raise
                    except Exception as error:  # noqa: BLE001 — this value's fault
                        out[i] = self.fault(error, nodes, place.path(i))
            return
        if isinstance(return_type, GraphQLList):
            faults = self.faults
            flat, lengths = [], []
            for i in present:
                items = list(values[i])
                flat.extend(items)
                lengths.append(len(items))
            items_place = Items(place, present, lengths)
            completed = await self.complete(flat, return_type.of_type, nodes, items_place)
            start = 0
            for i, length in zip(present, lengths, strict=True):
                out[i] = items = completed[start : start + length]
                start += length
                if self.faults != faults:  # a non-null item failed: so did its list
                    out[i] = next((v for v in items if isinstance(v, Fault)), items)
            return
        if isinstance(return_type, GraphQLObjectType):
            done = await self.objects(
                [values[i] for i in present], return_type, nodes, Some(place, present)
            )
            for i, value in zip(present, done, strict=True):
                out[i] = value
            return
        # Abstract types: group by runtime type so each group is completed in one pass.
        groups: dict[str, list[int]] = {}
        for i in present:
            groups.setdefault(self.runtime_type(values[i], return_type).name, []).append(i)
        for type_name, indexes in groups.items():
            object_type = self.schema.get_type(type_name)
            done = await self.objects(
                [values[i] for i in indexes], object_type, nodes, Some(place, indexes)
            )
            for i, value in zip(indexes, done, strict=True):
                out[i] = value

    def runtime_type(self, value, return_type) -> GraphQLObjectType:
        if isinstance(return_type, GraphQLObjectType):
            return return_type
        name = type_name_of(value)
        runtime = self.schema.get_type(name) if name else None
        if not isinstance(runtime, GraphQLObjectType) or not self.schema.is_sub_type(
            return_type, runtime
        ):
            raise GiveUp("cannot tell the runtime type")
        return runtime


def _row_or_fault(keys: tuple, row: tuple):
    """An object's dict, or the Fault of its first failed non-null field."""
    for value in row:
        if isinstance(value, Fault):
            return value
    return dict(zip(keys, row, strict=True))


async def _awaited(value):
    if isinstance(value, Level):
        return list(await value.awaitable)[0]
    return await value


def _close(values: list) -> None:
    for value in values:
        awaitable = value.awaitable if isinstance(value, Level) else value
        if inspect.iscoroutine(awaitable):
            awaitable.close()
