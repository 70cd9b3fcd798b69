"""HTTP concerns as pure ASGI middleware: each one idea, none aware of GraphQL.

- RequestId: a short random id in ``scope["state"]["request_id"]`` for logs and errors.
- BodyLimit: a body over the limit is refused with a JSON 413 before anything reads it.
- StoreRefresh: picks up a rebuilt store (at most one check a second) before answering.
- HttpCaching: Cache-Control, Vary and If-None-Match → 304 for answers that carry an ETag.
"""

from __future__ import annotations

import uuid

import orjson
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.http.errors import PAYLOAD_TOO_LARGE, error_body


class RequestId:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("state", {})["request_id"] = uuid.uuid4().hex[:16]
        await self.app(scope, receive, send)


class BodyLimit:
    """Reads the whole body (refusing it once it passes ``max_bytes``) and replays it."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        body = None
        if not (declared.isdigit() and int(declared) > self.max_bytes):
            body = await self._read(receive)
        if body is None:
            await self._refuse(send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the client to go away

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _refuse(self, send: Send) -> None:
        message = f"request body is larger than {self.max_bytes} bytes"
        body = orjson.dumps(error_body(message, PAYLOAD_TOO_LARGE))
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),  # the rest of the body is never read
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class StoreRefresh:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await scope["app"].state.db.refresh_if_due()
        await self.app(scope, receive, send)


class HttpCaching:
    """Caching headers for an app whose cacheable answers (and only those) carry an ETag.

    A successful GET may be kept ``max_age`` seconds by any cache; everything else (POST,
    errors, GraphiQL) is ``no-store``. Every answer varies with Accept, which picks its
    media type. A GET whose If-None-Match names the ETag (or is ``*``) gets a bodiless 304.
    """

    def __init__(self, app: ASGIApp, max_age: int):
        self.app = app
        self.cacheable = f"public, max-age={max_age}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_get = scope["method"] in ("GET", "HEAD")
        if_none_match = Headers(scope=scope).get("if-none-match")
        not_modified = False

        async def send_with_caching(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.add_vary_header("Accept")
                etag = headers.get("etag")
                fresh = message["status"] == 200 and etag is not None and is_get
                headers.setdefault("cache-control", self.cacheable if fresh else "no-store")
                if fresh and if_none_match and _matches(if_none_match, etag):
                    not_modified = True
                    for name in ("content-type", "content-length"):
                        del headers[name]
                    message["status"] = 304
                    await send(message)
                    await send({"type": "http.response.body", "body": b""})
                    return
            elif not_modified:
                return  # the body of the answer the 304 replaced
            await send(message)

        await self.app(scope, receive, send_with_caching)


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110's weak comparison: W/"x" and "x" name the same answer."""
    if if_none_match.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag.removeprefix("W/") in wanted
