"""Expected failures are part of the API: each has a message naming the bad value and an
``extensions.code`` clients can branch on. Anything else is masked (see http/errors.py)."""

from __future__ import annotations

from graphql import GraphQLError

# BAD_USER_INPUT, and INTERNAL_SERVER_ERROR for anything unexpected, are the error shape's
# own codes (http/errors.py, which also decides which errors are masked).
from server.http.errors import BAD_USER_INPUT

QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"


class UserInputError(GraphQLError):
    """A value the client sent is wrong; the message says which and why."""

    code = BAD_USER_INPUT

    def __init__(self, message: str, *, argument: str | None = None):
        extensions = {"code": self.code}
        if argument:
            extensions["argument"] = argument
        super().__init__(message, extensions=extensions)


class LimitExceeded(UserInputError):
    """The query asks for more than the server's limits allow."""

    code = QUERY_TOO_COMPLEX


def variable_error(error: GraphQLError) -> GraphQLError:
    """A variable's value the schema refused (graphql-core's coercion, before execution),
    with ``extensions.argument`` naming the variable, as a resolver's refusal names its
    argument: clients map an error to their input by that field, never by the wording."""
    for node in error.nodes or ():
        variable = getattr(node, "variable", None)
        if variable is not None:
            error.extensions = {**(error.extensions or {}), "argument": variable.name.value}
            break
    return error
