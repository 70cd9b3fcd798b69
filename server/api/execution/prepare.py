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

import re
import time
from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    parse,
    validate,
)

from server.api.errors import (
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    OPERATION_RESOLUTION_FAILURE,
    QUERY_TOO_COMPLEX,
    variable_error,
)
from server.api.execution.budget import requested_nodes
from server.api.execution.limits import Overlap
from server.api.execution.strawberry_adapter import coerce_variables
from server.http.errors import BAD_USER_INPUT
from server.http.lru import LRU
from server.store.db import QueryTimeout, request_deadline


class PreparationFailed(Exception):
    """The request failed before execution; ``errors`` are coded and formatted, ready to
    send as a GraphQL answer with no ``data`` (plain dicts: a cached refusal keeps no
    syntax tree alive). Not http/errors.py's RequestError, an HTTP request that cannot be
    read, which is answered with its own status."""

    def __init__(self, errors: list[GraphQLError] | tuple[dict, ...]):
        formatted = tuple(e.formatted if isinstance(e, GraphQLError) else e for e in errors)
        super().__init__(formatted[0]["message"])
        self.errors = formatted


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
    memo: dict  # objects derived from the document (plans), kept and dropped with it


@dataclass
class _Checked:
    """A query text, parsed and validated: its document only if it passed (a refused
    document is not kept), its coded errors as dicts, its expanded field selections."""

    document: DocumentNode | None
    errors: tuple[dict, ...]
    fields: int
    memo: dict = field(default_factory=dict)
    operations: tuple = ()  # (name or None, OperationType) of each operation parsed

    @property
    def placeless(self) -> bool:
        """Whether no error points into the text (a limit's refusal, not a syntax or
        validation error with its line and column)."""
        return not any("locations" in error for error in self.errors)


# The cache of checked query texts, bounded by the bytes of text it holds: a document's
# syntax tree takes about 100 bytes of memory per byte of text, so 256 KB of text is about
# 25 MB. Longer texts are checked every time (they are rare, and never a page's query).
CACHE_ENTRIES = 256
CACHE_TEXT_BYTES = 256 * 1024
CACHE_TEXT_MAX = 16 * 1024


class Preparer:
    def __init__(self, schema: GraphQLSchema, settings, rules: tuple):
        self.schema = schema
        self.settings = settings
        self.rules = rules
        self._checked: LRU[_Checked] = LRU(CACHE_ENTRIES, CACHE_TEXT_BYTES, CACHE_TEXT_MAX)
        self._refused: LRU[_Checked] = LRU(CACHE_ENTRIES, CACHE_TEXT_BYTES, CACHE_TEXT_MAX)

    def operation_type(self, query: str, name: str | None) -> OperationType | None:
        """The type of the operation ``prepare`` would run, or None when the text names
        none to run (for a GET's check that it is a query, made before anything runs).
        The text is checked here once, and the check is kept for ``prepare``."""
        operations = self._check(query).operations
        if name is None:
            return operations[0][1] if len(operations) == 1 else None
        return next((kind for named, kind in operations if named == name), None)

    def prepare(self, query: str, operation_name: str | None, variables: dict | None) -> Prepared:
        checked = self._check(query)
        if checked.errors:
            raise PreparationFailed(checked.errors)
        document = checked.document
        # Validation is inside the request's time: a request that spent it there stops.
        deadline = request_deadline.get()
        if deadline is not None and time.monotonic() > deadline:
            raise PreparationFailed([QueryTimeout()])
        operation = self.operation(document, operation_name)
        coerced = coerce_variables(
            self.schema, operation.variable_definitions or (), variables or {}
        )
        if isinstance(coerced, list):
            raise PreparationFailed(
                [coded(variable_error(error), BAD_USER_INPUT) for error in coerced]
            )
        requested = requested_nodes(
            self.schema, document, operation, coerced.coerced, self.settings.default_page_size
        )
        if requested > self.settings.max_nodes:
            raise PreparationFailed(
                [
                    GraphQLError(
                        f"query may return up to {requested} nodes; the limit is "
                        f"{self.settings.max_nodes} (lower first/last on nested connections)",
                        extensions={"code": QUERY_TOO_COMPLEX},
                    )
                ]
            )
        return Prepared(document, operation, coerced, requested, checked.fields, checked.memo)

    def _check(self, query: str) -> _Checked:
        checked = self._checked.get(query)
        if checked is None:
            # A refusal that names no place in the text (a limit's) is the same for any
            # text with the same tokens: a document re-sent with a new comment or new
            # spacing, to miss the cache above, is refused again without being parsed.
            shape = tokens(query) if len(query) <= CACHE_TEXT_MAX else None
            checked = self._refused.get(shape) if shape is not None else None
            if checked is None:
                checked = self._check_uncached(query)
                if shape is not None and checked.document is None and checked.placeless:
                    self._refused.put(shape, checked, len(shape))
            self._checked.put(query, checked, len(query))
        return checked

    def _check_uncached(self, query: str) -> _Checked:
        document = self._parse_uncached(query)
        if isinstance(document, GraphQLError):
            return _Checked(None, (document.formatted,), 0)
        operations = tuple(
            (d.name.value if d.name else None, d.operation)
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
        )
        overlap = Overlap.measure(document, self.settings.max_fields)
        errors = overlap.refusals(self.settings.max_fields, self.settings.max_overlap)
        if not errors:  # only a document whose validation is known to be cheap
            errors = [
                coded(error, GRAPHQL_VALIDATION_FAILED)
                for error in validate(self.schema, document, self.rules, hide_suggestions=True)
            ]
        if errors:
            formatted = tuple(error.formatted for error in errors)
            return _Checked(None, formatted, overlap.fields, operations=operations)
        return _Checked(document, (), overlap.fields, operations=operations)

    def __len__(self) -> int:
        return len(self._checked)

    def _parse_uncached(self, query: str) -> DocumentNode | GraphQLError:
        limit = self.settings.max_tokens
        too_many = GraphQLError(
            f"the document has more than {limit} tokens, the limit",
            extensions={"code": QUERY_TOO_COMPLEX},
        )
        if _token_count(query, limit + 1) > limit:
            return too_many
        try:
            return parse(query, max_tokens=limit)
        except GraphQLError as error:
            if "tokens. Parsing aborted" in error.message:
                return too_many  # the parser's own count is the authority
            return coded(error, GRAPHQL_PARSE_FAILED)

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
        raise PreparationFailed(
            [GraphQLError(message, extensions={"code": OPERATION_RESOLUTION_FAILURE})]
        )


# GraphQL's tokens, for counting them fast (a C regex rather than graphql-core's lexer,
# ten times faster on a long document): a document over the token limit is refused before
# the parser builds anything. Comments match but are not counted, as the lexer skips them.
_TOKEN = re.compile(
    r"""
    "{3}(?:\\"{3}|[^"]|"(?!""))*"{3}      # block string
  | "(?:\\.|[^"\\\n\r])*"                 # string
  | \#[^\n\r]*                            # comment
  | \.\.\.                                 # spread
  | -?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?       # number
  | [_A-Za-z][_0-9A-Za-z]*                 # name
  | [!$&():=@\[\]{}|]                      # punctuator
    """,
    re.VERBOSE,
)


def tokens(query: str) -> str:
    """The document's tokens joined by single spaces: two texts that differ only in
    comments and spacing give the same string."""
    return " ".join(
        match.group() for match in _TOKEN.finditer(query) if query[match.start()] != "#"
    )


def _token_count(query: str, stop: int) -> int:
    """How many tokens ``query`` has, counting no further than ``stop``."""
    count = 0
    for match in _TOKEN.finditer(query):
        if query[match.start()] != "#":
            count += 1
            if count >= stop:
                break
    return count
