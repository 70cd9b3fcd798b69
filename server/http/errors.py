"""One error shape for every answer: ``{"errors": [{"message", "extensions": {"code"}}]}``.

Request errors (the HTTP request itself is wrong) carry their status; GraphQL errors from
execution are formatted here, and unexpected ones are masked and logged with the request
id, never shown to the client. Which errors are unexpected is decided here too (``classify``),
from the code an error carries, so this layer needs nothing from the API above it.
"""

from __future__ import annotations

import logging

import orjson
from graphql import GraphQLError
from starlette.responses import Response

logger = logging.getLogger("accordline.graphql")

MASKED_MESSAGE = "Internal server error"
BAD_REQUEST = "BAD_REQUEST"
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
BAD_USER_INPUT = "BAD_USER_INPUT"  # a value the client sent is wrong (API and exports alike)
SERVER_BUSY = "SERVER_BUSY"  # 503: costly work could not start in time; Retry-After
RATE_LIMITED = "RATE_LIMITED"  # 429: this client holds its share already; Retry-After


def error_body(message: str, code: str, **extensions) -> dict:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


def error_response(status: int, body: dict, headers: dict | None = None) -> Response:
    """An error body as an HTTP answer outside the GraphQL view (exports, downloads, the
    outermost 500): JSON, never cached."""
    return Response(
        orjson.dumps(body),
        status_code=status,
        media_type="application/json",
        headers={"cache-control": "no-store", **(headers or {})},
    )


class RequestError(Exception):
    """A request that cannot be run as sent: answered with ``status`` and one error.

    ``status`` may be a pair (application/json, application/graphql-response+json) when
    the two media types answer differently.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | tuple[int, int] = 400,
        code: str = BAD_REQUEST,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.headers = headers or {}

    def status_for(self, graphql_response: bool) -> int:
        if isinstance(self.status, tuple):
            return self.status[graphql_response]
        return self.status

    @property
    def body(self) -> dict:
        return error_body(self.message, self.code)


def classify(error: GraphQLError) -> tuple[str, bool]:
    """The ``extensions.code`` for an execution error, and whether it is unexpected (to be
    masked).

    Codes are chosen where errors are raised: before execution by phase (see
    api/execution/prepare.py), during it by the exception's class (api/errors.py's
    UserInputError and LimitExceeded, the store's QueryTimeout). graphql-core's own errors
    in execution (a value outside its type) carry no original exception and are the
    client's input; any other exception is a server fault.
    """
    code = (error.extensions or {}).get("code")
    if code:
        return code, False
    original = error.original_error
    if isinstance(original, GraphQLError) and (original.extensions or {}).get("code"):
        return original.extensions["code"], False
    if original is None or isinstance(original, GraphQLError):
        return BAD_USER_INPUT, False
    return INTERNAL_SERVER_ERROR, True


def format_error(error: GraphQLError, request_id: str) -> dict:
    """An execution error as the client sees it: its code, and nothing private."""
    code, unexpected = classify(error)
    formatted = error.formatted
    if unexpected:
        logger.error(
            "request %s: unexpected error at %s",
            request_id,
            error.path,
            exc_info=error.original_error,
        )
        formatted["message"] = MASKED_MESSAGE
    formatted["extensions"] = {**formatted.get("extensions", {}), "code": code}
    if unexpected:
        formatted["extensions"]["requestId"] = request_id
    return formatted
