"""Everything a request goes through before execution, with an error code per phase.

parse → validate → pick the operation → coerce variables → check the node budget. A
failure in a phase is coded by that phase, never by the wording of a message:

- parse: GRAPHQL_PARSE_FAILED, or QUERY_TOO_COMPLEX when the document is over the
  token limit;
- validation: GRAPHQL_VALIDATION_FAILED, except where a limit rule set its own code
  (QUERY_TOO_COMPLEX for depth and aliases);
- operation: OPERATION_RESOLUTION_FAILURE (several operations and no operationName, or
  no operation of that name: a request error in the GraphQL spec);
- variables: BAD_USER_INPUT;
- budget: QUERY_TOO_COMPLEX.

Both execution paths run only prepared requests, so they cannot disagree about any of
this. Parsed documents and validation results are cached by query text.
"""

from __future__ import annotations

import functools
import time
from collections import OrderedDict
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    Lexer,
    OperationDefinitionNode,
    Source,
    TokenKind,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values

from ...db import QueryTimeout, request_deadline
from ..errors import (
    BAD_USER_INPUT,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    OPERATION_RESOLUTION_FAILURE,
    QUERY_TOO_COMPLEX,
)
from .budget import requested_nodes
from .limits import Overlap


class RequestError(Exception):
    """The request failed before execution; ``errors`` are coded, ready to send."""

    def __init__(self, errors: list[GraphQLError]):
        super().__init__(errors[0].message)
        self.errors = errors


def coded(error: GraphQLError, code: str) -> GraphQLError:
    """``error`` with ``extensions.code``, unless a rule already gave it one."""
    if not (error.extensions or {}).get("code"):
        error.extensions = {**(error.extensions or {}), "code": code}
    return error


@dataclass(frozen=True)
class Prepared:
    document: DocumentNode
    operation: OperationDefinitionNode
    variables: object  # graphql-core's VariableValues: coerced, defaults included
    requested: int  # the most nodes the operation may return (see budget.py)
    fields: int  # field selections in the expanded document (see limits.Overlap)


class Preparer:
    def __init__(self, schema: GraphQLSchema, settings, rules: tuple):
        self.schema = schema
        self.settings = settings
        self.rules = rules
        self._parse = functools.lru_cache(maxsize=256)(self._parse_uncached)
        self._validated: OrderedDict[int, tuple[DocumentNode, list, int]] = OrderedDict()

    def parsed(self, query: str) -> DocumentNode | GraphQLError:
        """The document for ``query`` (cached), or its coded parse error."""
        return self._parse(query)

    def prepare(self, query: str, operation_name: str | None, variables: dict | None) -> Prepared:
        document = self._parse(query)
        if isinstance(document, GraphQLError):
            raise RequestError([document])
        errors, fields = self._validate(document)
        if errors:
            raise RequestError(errors)
        # Validation is inside the request's time: a request that spent it there stops.
        deadline = request_deadline.get()
        if deadline is not None and time.monotonic() > deadline:
            raise RequestError([QueryTimeout()])
        operation = self.operation(document, operation_name)
        coerced = get_variable_values(
            self.schema, operation.variable_definitions or (), variables or {}
        )
        if isinstance(coerced, list):
            raise RequestError([coded(error, BAD_USER_INPUT) for error in coerced])
        requested = requested_nodes(
            self.schema, document, operation, coerced.coerced, self.settings.default_page_size
        )
        if requested > self.settings.max_nodes:
            raise RequestError(
                [
                    GraphQLError(
                        f"query may return up to {requested} nodes; the limit is "
                        f"{self.settings.max_nodes} (lower first/last on nested connections)",
                        extensions={"code": QUERY_TOO_COMPLEX},
                    )
                ]
            )
        return Prepared(document, operation, coerced, requested, fields)

    def _parse_uncached(self, query: str) -> DocumentNode | GraphQLError:
        limit = self.settings.max_tokens
        try:
            return parse(query, max_tokens=limit)
        except GraphQLError as error:
            if _token_count(query, limit + 1) > limit:
                return GraphQLError(
                    f"the document has more than {limit} tokens, the limit",
                    extensions={"code": QUERY_TOO_COMPLEX},
                )
            return coded(error, GRAPHQL_PARSE_FAILED)

    def _validate(self, document: DocumentNode) -> tuple[list[GraphQLError], int]:
        """The document's validation errors and its expanded field selections (cached)."""
        key = id(document)
        cached = self._validated.get(key)
        # An id can be reused once a document is freed: check it is the same document.
        if cached is None or cached[0] is not document:
            overlap = Overlap.measure(document, self.settings.max_fields)
            errors = overlap.refusals(self.settings.max_fields, self.settings.max_overlap)
            if not errors:  # only a document whose validation is known to be cheap
                errors = [
                    coded(error, GRAPHQL_VALIDATION_FAILED)
                    for error in validate(self.schema, document, self.rules, hide_suggestions=True)
                ]
            cached = (document, errors, overlap.fields)
            self._validated[key] = cached
            if len(self._validated) > 512:
                self._validated.popitem(last=False)
        return cached[1], cached[2]

    @staticmethod
    def operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        names = ", ".join(repr(op.name.value) for op in operations if op.name) or "none named"
        if name is None:
            if len(operations) == 1:
                return operations[0]
            message = (
                f"the document has {len(operations)} operations ({names}): "
                "say which to run in `operationName`"
            )
        else:
            for operation in operations:
                if operation.name is not None and operation.name.value == name:
                    return operation
            message = (
                f'operationName: the document has no operation named "{name[:80]}" '
                f"(its operations: {names})"
            )
        raise RequestError(
            [GraphQLError(message, extensions={"code": OPERATION_RESOLUTION_FAILURE})]
        )


def _token_count(query: str, stop: int) -> int:
    """How many tokens ``query`` has, counting no further than ``stop``; a document that
    does not even lex counts as what it had up to there."""
    lexer = Lexer(Source(query))
    count = 0
    try:
        while count < stop and lexer.advance().kind != TokenKind.EOF:
            count += 1
    except GraphQLError:
        pass
    return count
