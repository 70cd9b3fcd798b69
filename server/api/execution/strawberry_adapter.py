"""Every Strawberry and graphql-core internal the server relies on, in one place.

The fast path (fastpath.py, run.py) calls the fields Strawberry declared without going
through Strawberry's executor, the view runs Strawberry on a document it already
prepared, and the budget reads Strawberry's execution context. Each of those leans on
something that is not Strawberry's public API (a private attribute, an extension key, a
resolver's parameters, the order of an execution's phases) or on a graphql-core helper
whose shape changed between versions. They are named here, once, and
tests/test_strawberry_adapter.py checks each against the installed versions: an upgrade
that breaks one fails there, by name, rather than somewhere in an answer.
"""

from __future__ import annotations

import inspect
from typing import Any

from graphql import FieldNode, GraphQLError, GraphQLField, GraphQLSchema, located_error
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import SchemaExtension
from strawberry.relay import Node, to_base64
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments
from strawberry.types.graphql import OperationType

__all__ = [
    "OPERATION_REFUSALS",
    "ArgumentConverter",
    "Node",
    "OperationType",
    "PreparedDocument",
    "argument_values",
    "calls_as_declared",
    "coerce_variables",
    "declared_field",
    "fast_batch",
    "graphql_schema",
    "is_node_id",
    "located",
    "node_id",
    "prepared_of",
    "returns_awaitables",
    "type_name_of",
]

# Strawberry's refusals of an operation it was asked to run (none named among several,
# an operation type not allowed): the view answers them as request errors.
OPERATION_REFUSALS = (CannotGetOperationTypeError, InvalidOperationTypeError, MissingQueryError)


def graphql_schema(strawberry_schema) -> GraphQLSchema:
    """The graphql-core schema Strawberry built (a private attribute)."""
    return strawberry_schema._schema


def declared_field(definition: GraphQLField):
    """The StrawberryField a GraphQL field was made from (Strawberry keeps it in the
    field's extensions under its back-reference key), or None."""
    return definition.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)


def is_node_id(declared) -> bool:
    """Whether the field is relay.Node's ``id`` (Strawberry names its Python side
    ``_id`` and computes it from ``resolve_id``)."""
    return declared.python_name == "_id"


def node_id(type_name: str, value, info) -> str:
    """relay.Node's global id of ``value`` as the object type ``type_name``."""
    return to_base64(type_name, type(value).resolve_id(value, info=info))


def calls_as_declared(declared) -> bool:
    """Whether calling the field's resolver (or reading its attribute) with the object,
    ``info`` and its arguments is all Strawberry would do: no permission classes, no
    field extensions, no root or parent parameter."""
    if declared.permission_classes or declared.extensions:
        return False
    resolver = declared.base_resolver
    return resolver is None or (resolver.root_parameter is None and not resolver.parent_parameter)


def fast_batch(declared):
    """The whole-level function a batched field was declared from (schema/batched.py
    sets ``fast_batch`` on the resolver function Strawberry wraps), or None."""
    resolver = declared.base_resolver
    return None if resolver is None else getattr(resolver.wrapped_func, "fast_batch", None)


def returns_awaitables(declared) -> bool:
    """Whether the field's resolver is an ``async def``."""
    resolver = declared.base_resolver
    return resolver is not None and inspect.iscoroutinefunction(resolver.wrapped_func)


def type_name_of(value) -> str | None:
    """The GraphQL type name of an object of a Strawberry type, or None."""
    definition = getattr(type(value), "__strawberry_definition__", None)
    return definition.name if definition is not None else None


class ArgumentConverter:
    """A field's GraphQL arguments as its resolver's keyword arguments (input types as
    their Python classes, names in Python spelling), as Strawberry converts them."""

    def __init__(self, strawberry_schema):
        self.scalars = strawberry_schema.schema_converter.scalar_registry
        self.config = strawberry_schema.config

    def __call__(self, declared, raw: dict) -> dict:
        return convert_arguments(
            raw, declared.arguments, scalar_registry=self.scalars, config=self.config
        )


def argument_values(definition: GraphQLField, node: FieldNode, variables) -> dict:
    """A field node's arguments, coerced with the request's variables (graphql-core
    3.3's VariableValues, as ``coerce_variables`` returns them)."""
    return get_argument_values(definition, node, variables)


def coerce_variables(schema: GraphQLSchema, definitions, inputs: dict):
    """The operation's variables coerced (graphql-core 3.3's VariableValues: ``.coerced``
    is the dict), or the list of errors that refused them."""
    return get_variable_values(schema, definitions, inputs)


def located(error: Exception, nodes, path: list) -> GraphQLError:
    """``error`` as graphql-core reports a field's failure: its message, the field's
    locations in the document, its path in the response, the original exception kept."""
    return located_error(error, list(nodes), path)


def prepared_of(execution_context) -> Any:
    """The view's prepared request for a Strawberry execution, if the view made one."""
    return getattr(execution_context.context, "prepared", None)


class PreparedDocument(SchemaExtension):
    """Strawberry executes the document the view already prepared (parsed, limited and
    validated with the same rules, execution/prepare.py): no second parse or validation,
    and no second cache of syntax trees to bound. It relies on Strawberry skipping its
    parse when ``graphql_document`` is set in ``on_parse``, and its validation when
    ``pre_execution_errors`` is a list by then. A request that comes without one (a
    direct ``schema.execute``) is parsed and validated by Strawberry as usual."""

    def on_parse(self):
        prepared = prepared_of(self.execution_context)
        if prepared is not None:
            self.execution_context.graphql_document = prepared.document
        yield

    def on_validate(self):
        if prepared_of(self.execution_context) is not None:
            self.execution_context.pre_execution_errors = []
        yield
