"""A GraphQL-over-HTTP request read into its parameters, and the answer's media type.

GET carries ``query``, ``operationName``, ``variables`` and ``extensions`` in the query
string (the last two as JSON); POST carries them as one JSON object. Anything else is a
RequestError naming what is wrong, never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
from starlette.datastructures import Headers, QueryParams

from .errors import UNSUPPORTED_MEDIA_TYPE, RequestError

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"


@dataclass(frozen=True)
class GraphQLParams:
    query: str | None
    operation_name: str | None
    variables: dict | None
    extensions: dict | None


def response_media_type(accept: str | None) -> str:
    """``application/graphql-response+json`` when the client names it (at least as
    strongly as application/json), else ``application/json``: for a missing Accept, for
    ``*/*`` (what graphql-http expects, and what Apollo Client sends), and as the lenient
    answer to an Accept that allows neither."""
    if not accept:
        return JSON
    named: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        named[media.lower()] = quality
    preferred = named.get(GRAPHQL_RESPONSE, 0.0)
    if preferred > 0 and preferred >= named.get(JSON, 0.0):
        return GRAPHQL_RESPONSE
    return JSON


def wants_html(headers: Headers) -> bool:
    return "text/html" in headers.get("accept", "")


def params_from_query_string(params: QueryParams) -> GraphQLParams:
    return _params(
        {
            "query": params.get("query"),
            "operationName": params.get("operationName"),
            "variables": _json_param(params, "variables"),
            "extensions": _json_param(params, "extensions"),
        }
    )


def params_from_body(headers: Headers, body: bytes) -> GraphQLParams:
    content_type = headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != JSON:
        sent = f"Content-Type {content_type!r}" if content_type else "no Content-Type"
        raise RequestError(
            f"POST a JSON body with Content-Type: application/json (the request had {sent})",
            status=415,
            code=UNSUPPORTED_MEDIA_TYPE,
        )
    if not body.strip():
        raise RequestError("the request body is empty: POST a JSON object with a `query` string")
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise RequestError("Unable to parse request body as JSON") from None
    if isinstance(payload, list):
        raise RequestError("batched requests (a JSON array) are not supported: send one object")
    if not isinstance(payload, dict):
        raise RequestError("the request body must be a JSON object with a `query` string")
    return _params(payload)


def _json_param(params: QueryParams, name: str) -> object:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestError(
            f"the `{name}` query parameter must be a JSON object (got {_quote(raw)})"
        ) from None


def _params(payload: dict) -> GraphQLParams:
    query = payload.get("query")
    name = payload.get("operationName")
    variables = payload.get("variables")
    extensions = payload.get("extensions")
    if not isinstance(query, str | None):
        raise RequestError(f"`query` must be a string (got {_json(query)})")
    if not isinstance(name, str | None):
        raise RequestError(f"`operationName` must be a string or null (got {_json(name)})")
    for key, value in (("variables", variables), ("extensions", extensions)):
        if not isinstance(value, dict | None):
            raise RequestError(f"`{key}` must be a JSON object or null (got {_json(value)})")
    return GraphQLParams(query, name or None, variables, extensions)


def _json(value: object) -> str:
    return _quote(orjson.dumps(value).decode())


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
