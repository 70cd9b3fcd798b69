"""Each Strawberry and graphql-core internal the server relies on, checked on its own
against the installed versions (server/api/execution/strawberry_adapter.py): an upgrade
that breaks one fails here, by name. Small schemas of their own, so the project's types
can change freely."""

import datetime
import types

import pytest
import strawberry
from graphql import GraphQLError, GraphQLField, GraphQLSchema, GraphQLString, parse
from strawberry import relay
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission

from server.api.execution import strawberry_adapter as adapter
from server.api.schema.batched import batched_field


class Nobody(BasePermission):
    message = "no"

    def has_permission(self, source, info, **kwargs):
        return False


class Upper(FieldExtension):
    def resolve(self, next_, source, info, **kwargs):
        return next_(source, info, **kwargs).upper()


@strawberry.input
class Span:
    first_day: datetime.date
    days: int = 1


@strawberry.type(name="Thing")
class Item(relay.Node):
    key: relay.NodeID[str]
    plain: int = 1

    @strawberry.field
    def computed(self) -> int:
        return 2

    @strawberry.field
    async def later(self) -> int:
        return 3

    @strawberry.field(permission_classes=[Nobody])
    def guarded(self) -> int:
        return 4

    @strawberry.field(extensions=[Upper()])
    def shouted(self) -> str:
        return "x"

    @strawberry.field
    def with_parent(self, parent: strawberry.Parent["Item"]) -> int:
        return 5

    @strawberry.field
    def spans(self, span: Span, as_of: datetime.date | None = None) -> int:
        return span.days


async def _twice(info, items, times: int = 2) -> list[int]:
    return [times * len(item.key) for item in items]


@strawberry.type
class Query:
    @strawberry.field
    def item(self) -> Item:
        return Item(key="a")

    doubled: int = batched_field(_twice, description="A batched field.")


SCHEMA = strawberry.Schema(Query, types=[Item], extensions=[adapter.PreparedDocument])


def field(type_name: str, name: str):
    return adapter.graphql_schema(SCHEMA).type_map[type_name].fields[name]


def declared(type_name: str, name: str):
    return adapter.declared_field(field(type_name, name))


def test_graphql_schema_is_the_graphql_core_schema_strawberry_built():
    schema = adapter.graphql_schema(SCHEMA)
    assert isinstance(schema, GraphQLSchema)
    assert schema.query_type.name == "Query"
    assert set(schema.type_map["Thing"].fields) >= {"id", "plain", "withParent"}


def test_declared_field_is_the_strawberry_field_behind_a_graphql_field():
    assert declared("Thing", "withParent").python_name == "with_parent"
    assert declared("Query", "item").base_resolver is not None
    assert adapter.declared_field(GraphQLField(GraphQLString)) is None


def test_relay_node_id_is_recognised_and_computed():
    assert adapter.is_node_id(declared("Thing", "id"))
    assert not adapter.is_node_id(declared("Thing", "plain"))
    assert adapter.node_id("Thing", Item(key="a"), info=None) == "VGhpbmc6YQ=="  # Thing:a
    assert isinstance(Item(key="a"), adapter.Node)


def test_calls_as_declared_refuses_permissions_extensions_and_parents():
    assert adapter.calls_as_declared(declared("Thing", "plain"))
    assert adapter.calls_as_declared(declared("Thing", "computed"))
    assert not adapter.calls_as_declared(declared("Thing", "guarded"))
    assert not adapter.calls_as_declared(declared("Thing", "shouted"))
    assert not adapter.calls_as_declared(declared("Thing", "withParent"))


def test_resolver_facts_the_fast_path_reads():
    assert adapter.fast_batch(declared("Query", "doubled")) is _twice
    assert adapter.fast_batch(declared("Thing", "computed")) is None
    assert adapter.fast_batch(declared("Thing", "plain")) is None
    assert adapter.returns_awaitables(declared("Thing", "later"))
    assert adapter.returns_awaitables(declared("Query", "doubled"))  # its batch of one
    assert not adapter.returns_awaitables(declared("Thing", "computed"))
    resolver = declared("Thing", "computed").base_resolver
    assert resolver.self_parameter is not None and resolver.info_parameter is None
    assert resolver(Item(key="a")) == 2


def test_type_name_of_an_object_is_its_graphql_name():
    assert adapter.type_name_of(Item(key="a")) == "Thing"
    assert adapter.type_name_of(object()) is None


def test_variables_coerce_or_are_refused_with_errors():
    schema = adapter.graphql_schema(SCHEMA)
    [operation] = parse("query ($d: Date!, $n: Int = 3) { __typename }").definitions
    definitions = operation.variable_definitions
    coerced = adapter.coerce_variables(schema, definitions, {"d": "2020-02-29"})
    assert coerced.coerced == {"d": datetime.date(2020, 2, 29), "n": 3}
    refused = adapter.coerce_variables(schema, definitions, {"d": 5})
    assert isinstance(refused, list) and all(isinstance(e, GraphQLError) for e in refused)


def test_arguments_are_read_then_converted_to_the_resolvers_keywords():
    schema = adapter.graphql_schema(SCHEMA)
    document = parse(
        "query ($d: Date!) { item { spans(span: {firstDay: $d, days: 4}, asOf: $d) } }"
    )
    [operation] = document.definitions
    variables = adapter.coerce_variables(
        schema, operation.variable_definitions, {"d": "2021-01-02"}
    )
    node = operation.selection_set.selections[0].selection_set.selections[0]
    raw = adapter.argument_values(field("Thing", "spans"), node, variables)
    day = datetime.date(2021, 1, 2)
    assert raw == {"span": {"firstDay": day, "days": 4}, "asOf": day}
    converted = adapter.ArgumentConverter(SCHEMA)(declared("Thing", "spans"), raw)
    assert converted == {"span": Span(first_day=day, days=4), "as_of": day}


def test_located_errors_carry_path_locations_and_the_original():
    node = parse("{ item { plain } }").definitions[0].selection_set.selections[0]
    original = RuntimeError("detail")
    error = adapter.located(original, (node,), ["item"])
    assert error.path == ["item"] and error.original_error is original
    assert error.formatted["locations"] == [{"line": 1, "column": 3}]


@pytest.mark.anyio
async def test_prepared_document_skips_strawberrys_parse_and_validation():
    # The text is not GraphQL, and the prepared document would not validate (no field
    # `nothing`): Strawberry runs the prepared document as given.
    prepared = types.SimpleNamespace(document=parse("{ item { plain } nothing }"))
    context = types.SimpleNamespace(prepared=prepared)
    result = await SCHEMA.execute("not graphql", context_value=context)
    assert result.errors is None and result.data == {"item": {"plain": 1}}
    unprepared = await SCHEMA.execute("not graphql", context_value=types.SimpleNamespace())
    assert "Syntax Error" in unprepared.errors[0].message


@pytest.mark.anyio
async def test_operation_refusals_are_raised_not_answered():
    context = types.SimpleNamespace()
    with pytest.raises(adapter.OPERATION_REFUSALS):  # no operation of that name
        await SCHEMA.execute("query A { __typename }", context_value=context, operation_name="B")
    with pytest.raises(adapter.OPERATION_REFUSALS):
        await SCHEMA.execute(
            "{ __typename }",
            context_value=context,
            allowed_operation_types={adapter.OperationType.MUTATION},
        )
    with pytest.raises(adapter.OPERATION_REFUSALS):
        await SCHEMA.execute(None, context_value=context)
