"""A GraphQL-over-HTTP request read into its parameters, and the answer's media type.

GET carries ``query``, ``operationName``, ``variables`` and ``extensions`` in the query
string (the last two as JSON); POST carries them as one JSON object. Anything else is a
RequestError naming what is wrong, never a 500: that includes JSON nested deeper than
anything the schema takes (which would exhaust recursion further in) and lone surrogates
(valid JSON escapes, but not Unicode: nothing downstream could encode them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import orjson
from starlette.datastructures import Headers, QueryParams

from server.http.errors import UNSUPPORTED_MEDIA_TYPE, RequestError

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
# Deeper than any input the schema takes (an EventFilter is three levels), far below the
# recursion limits of the JSON and GraphQL libraries.
MAX_NESTING = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    payload = _loads(body, "Unable to parse request body as JSON", "the request body")
    if isinstance(payload, list):
        raise RequestError("batched requests (a JSON array) are not supported: send one object")
    if not isinstance(payload, dict):
        raise RequestError("the request body must be a JSON object with a `query` string")
    return _params(payload)


def _json_param(params: QueryParams, name: str) -> object:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    failed = f"the `{name}` query parameter must be a JSON object (got {_quote(raw)})"
    return _loads(raw, failed, f"the `{name}` query parameter")


def _loads(raw: bytes | str, failed: str, what: str) -> object:
    """Parse JSON, or raise a RequestError: ``failed`` unless a clearer reason is found."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass
    # Rare, so slow is fine: ask the lenient stdlib parser why orjson refused it.
    try:
        text = raw.decode("utf-8", "surrogatepass") if isinstance(raw, bytes) else raw
        lenient = json.loads(text)
    except RecursionError:
        raise RequestError(f"{what} is nested deeper than {MAX_NESTING} levels") from None
    except ValueError:
        raise RequestError(failed) from None
    surrogate = _lone_surrogate(text)
    if surrogate is None:  # no surrogate in the text itself: look in what it decoded to
        surrogate = _lone_surrogate_in(lenient)
    if surrogate is not None:
        raise RequestError(
            f"the request contains a lone surrogate ({surrogate}), which is not valid "
            "Unicode: send text as UTF-8, and surrogates only in pairs"
        )
    if _nesting(lenient) > MAX_NESTING:
        raise RequestError(f"{what} is nested deeper than {MAX_NESTING} levels")
    raise RequestError(failed)


def _lone_surrogate(text: str) -> str | None:
    found = _SURROGATE.search(text)
    return f"\\u{ord(found[0]):04x}" if found else None


def _lone_surrogate_in(value: object) -> str | None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if found := _lone_surrogate(item):
                return found
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _nesting(value: object) -> int:
    """How many objects and arrays deep ``value`` goes (iteratively: it may be very deep);
    stops counting once past MAX_NESTING."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            break
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return deepest


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
        if value and _nesting(value) > MAX_NESTING:
            raise RequestError(f"`{key}` are nested deeper than {MAX_NESTING} levels")
    return GraphQLParams(query, name or None, variables, extensions)


def _json(value: object) -> str:
    try:
        return _quote(orjson.dumps(value).decode())
    except orjson.JSONEncodeError:  # nested past what orjson writes (about 250 levels)
        kind = "an array" if isinstance(value, list) else "a value"
        return f"{kind} nested deeper than {MAX_NESTING} levels"


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
