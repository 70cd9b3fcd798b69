"""Expected failures are part of the API: each has a message naming the bad value and an
``extensions.code`` clients can branch on. Anything else is masked (see view.py)."""

from __future__ import annotations

from graphql import GraphQLError

BAD_USER_INPUT = "BAD_USER_INPUT"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


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


def classify(error: GraphQLError) -> tuple[str, bool]:
    """The ``extensions.code`` for an error, and whether it is unexpected (to be masked).

    Errors without a path happened before execution (parsing, validation, variable
    coercion): they are always the client's, whatever exception caused them.
    """
    original = error.original_error
    code = (error.extensions or {}).get("code")
    if code:
        return code, False
    if isinstance(original, GraphQLError) and (original.extensions or {}).get("code"):
        return original.extensions["code"], False
    message = error.message
    if error.path is None:
        if "exceeds maximum operation depth" in message or "aliases found" in message:
            return QUERY_TOO_COMPLEX, False
        if message.startswith("Syntax Error"):
            if "tokens" in message:
                return QUERY_TOO_COMPLEX, False
            return GRAPHQL_PARSE_FAILED, False
        if message.startswith("Variable '$"):
            return BAD_USER_INPUT, False
        return GRAPHQL_VALIDATION_FAILED, False
    if original is None or isinstance(original, GraphQLError):
        return BAD_USER_INPUT, False
    return INTERNAL_SERVER_ERROR, True
