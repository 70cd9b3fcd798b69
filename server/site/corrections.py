"""/corrections: readers report an error in a fact, and the report reaches the maintainers.

POST takes the fact's permalink (a page of this site), what the page showed of it, the
reader's message and, optionally, how to reach them, as JSON or as a form; it is kept in
the corrections file (correction_file.py), never in the record and never shown to other
readers. GET says whether reports are taken and the bounds of each field: the web UI's
form reads it when a reader opens it, so no page pays for it otherwise.

What protects it:
- only this site's own pages may send one: a browser's Origin (and Sec-Fetch-Site, when
  sent) must be this site's, so another site cannot post in a reader's name (a program
  sending neither, such as curl, is not a browser carrying someone's session);
- JSON or a form only, a small body, each field bounded, text only: control characters
  (except line breaks and tabs), lone surrogates and Unicode noncharacters are refused.
  Nothing is rewritten or escaped: the text is kept as the reader typed it, since it is
  never put into a page;
- a few reports per client per window (the client as admission control knows it), else
  429 with Retry-After; a bounded file, else 507.
Every refusal is one error in the app's shape, its ``extensions.code`` naming the kind.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import math
import sqlite3
import time
import unicodedata
from urllib.parse import parse_qsl, unquote, urlsplit

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from server import urls
from server.http.admission import client_of
from server.http.errors import (
    BAD_USER_INPUT,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    RATE_LIMITED,
    SERVER_BUSY,
    UNSUPPORTED_MEDIA_TYPE,
    error_body,
    error_response,
)
from server.settings import Settings
from server.site.correction_file import Correction, CorrectionFile, CorrectionsFull

logger = logging.getLogger("accordline.corrections")

CORRECTIONS_OFF = "CORRECTIONS_OFF"  # 404: this site takes no reports
CORRECTIONS_FULL = "CORRECTIONS_FULL"  # 507: the file reached its bound
FORBIDDEN_ORIGIN = "FORBIDDEN_ORIGIN"  # 403: sent by another site's page

# Each field's name and the most characters it may hold.
LIMITS = {"permalink": 1_000, "shown": 2_000, "message": 2_000, "contact": 200}
MAX_BODY_BYTES = 24_576  # every field at its bound, in four-byte characters, fits in 24 KB
ALLOW = "GET, HEAD, POST"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
KEPT_CONTROLS = frozenset("\n\t")
OFF_MESSAGE = (
    "This site does not take reports of errors: its operator has turned the corrections "
    "form off. Nothing was kept."
)
RECEIVED = (
    "Thank you: your report was received and kept for the maintainers, who read every one. "
    "Nothing you sent is published."
)


class Refusal(Exception):
    """A report that is not kept: answered with ``status`` and one error."""

    def __init__(self, status: int, message: str, code: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.headers = status, message, code, headers

    def response(self) -> Response:
        return error_response(self.status, error_body(self.message, self.code), self.headers)


def _bad(message: str) -> Refusal:
    return Refusal(400, message, BAD_USER_INPUT)


class RateLimit:
    """At most ``per_client`` events per client in any ``window`` seconds (in this
    process). At most ``max_clients`` clients are remembered: when more are, those with no
    recent event are forgotten first, and if all are recent a new client must wait."""

    def __init__(self, per_client: int, window: float, max_clients: int = 10_000):
        self.per_client = per_client
        self.window = window
        self.max_clients = max_clients
        self._seen: dict[str, collections.deque[float]] = {}

    def _recent(self, client: str, now: float) -> collections.deque[float]:
        times = self._seen.get(client) or collections.deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, client: str, now: float) -> int:
        """Seconds until ``client`` may send again: 0 when it may now."""
        times = self._recent(client, now)
        if len(times) < self.per_client and (client in self._seen or self._room(now)):
            return 0
        oldest = times[0] if times else now
        return max(1, math.ceil(oldest + self.window - now))

    def _room(self, now: float) -> bool:
        if len(self._seen) < self.max_clients:
            return True
        for client in list(self._seen):
            if not self._recent(client, now):
                del self._seen[client]
        return len(self._seen) < self.max_clients

    def note(self, client: str, now: float) -> None:
        times = self._recent(client, now)
        times.append(now)
        self._seen[client] = times


def _text(name: str, value: object, *, required: bool = False) -> str:
    """A field's value as text: a string, within its bound, with no control character."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        kind = type(value).__name__
        raise _bad(f"the field {name!r} must be text, not {kind}")
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not value:
        raise _bad(f"the field {name!r} is required and was empty")
    if len(value) > LIMITS[name]:
        raise _bad(
            f"the field {name!r} has {len(value)} characters, over its limit of {LIMITS[name]}"
        )
    for position, char in enumerate(value):
        category = unicodedata.category(char)
        noncharacter = 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE
        if (category in ("Cc", "Cs") and char not in KEPT_CONTROLS) or noncharacter:
            raise _bad(
                f"the field {name!r} holds a character that is not text "
                f"(U+{ord(char):04X} at position {position + 1}): send plain text"
            )
    return value


def _origins(request: Request, public_url: str) -> set[str]:
    own = {str(request.base_url).rstrip("/")}
    if public_url:
        own.add(public_url.rstrip("/"))
    return own


def _permalink(value: str, own: set[str]) -> str:
    """A page of this site: a path (as the URL builder writes it) or a URL on this site's address,
    kept as the path with its query and fragment."""
    split = urlsplit(value)
    if (split.scheme or split.netloc) and f"{split.scheme}://{split.netloc}" not in own:
        raise _bad(f"the permalink {value!r} is not an address on this site")
    path = split.path
    page = None
    if path.startswith("/") and not path.startswith("//"):
        decoded = unquote(path)
        page = urls.match(decoded) or urls.match(decoded, embed=True)
    if page is None:
        raise _bad(
            f"the permalink {value!r} is not a page of this site: send the address of the "
            f"page that shows the fact, such as {urls.paths.country('KZ')}"
        )
    query = f"?{split.query}" if split.query else ""
    fragment = f"#{split.fragment}" if split.fragment else ""
    return path + query + fragment


def _fields(body: bytes, content_type: str) -> dict[str, object]:
    media = content_type.split(";", 1)[0].strip().lower()
    if media == JSON:
        try:
            found = orjson.loads(body)
        except orjson.JSONDecodeError:
            raise _bad("the body is not valid JSON (UTF-8, one object)") from None
        if not isinstance(found, dict):
            raise _bad("the body must be one JSON object with the fields " + _names())
        return found
    if media == FORM:
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise _bad("the form is not valid UTF-8 text") from None
        found = {}
        for name, value in pairs:
            if name in found:
                raise _bad(f"the field {name!r} is sent twice")
            found[name] = value
        return found
    raise Refusal(
        415,
        f"a report is sent as {JSON} or {FORM}, not {media or 'a body without a type'}",
        UNSUPPORTED_MEDIA_TYPE,
    )


def _names() -> str:
    return ", ".join(repr(name) for name in LIMITS)


def _same_site(request: Request, own: set[str]) -> None:
    """Refuse a browser's report sent from another site's page (cross-site request forgery)."""
    fetch_site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if (fetch_site and fetch_site != "same-origin") or (origin is not None and origin not in own):
        raise Refusal(
            403,
            "a report can only be sent from this site's own pages "
            f"(this one came from {origin or 'another site'})",
            FORBIDDEN_ORIGIN,
        )


class Corrections:
    """The /corrections endpoint for one app: its file, its rate limit, its settings."""

    def __init__(self, settings: Settings):
        self.enabled = settings.corrections
        self.public_url = settings.public_url
        self.file = CorrectionFile(settings.corrections_path, settings.corrections_max_bytes)
        self.limit = RateLimit(settings.corrections_per_client, settings.corrections_window_s)
        self.max_age = settings.http_max_age
        self.about = orjson.dumps(
            {"enabled": True, "limits": LIMITS}
            if self.enabled
            else {"enabled": False, "message": OFF_MESSAGE}
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.endpoint(Request(scope, receive))
        await response(scope, receive, send)

    async def endpoint(self, request: Request) -> Response:
        if request.method in ("GET", "HEAD"):
            headers = {"cache-control": f"public, max-age={self.max_age}"}
            return Response(self.about, media_type=JSON, headers=headers)
        if request.method != "POST":
            message = f"{request.method} is not supported at this address: use GET or POST"
            return Refusal(405, message, METHOD_NOT_ALLOWED, {"allow": ALLOW}).response()
        try:
            received = await self._receive(request)
        except Refusal as refusal:
            return refusal.response()
        body = orjson.dumps({"received": received, "message": RECEIVED})
        return Response(body, 201, media_type=JSON, headers={"cache-control": "no-store"})

    async def _receive(self, request: Request) -> str:
        if not self.enabled:
            raise Refusal(404, OFF_MESSAGE, CORRECTIONS_OFF)
        own = _origins(request, self.public_url)
        _same_site(request, own)
        client, now = client_of(request.scope), time.monotonic()
        wait = self.limit.wait(client, now)
        if wait:
            raise Refusal(
                429,
                f"this client has already sent {self.limit.per_client} report(s) in the last "
                f"{self.limit.window:g} s, the most that is taken: try again in {wait} s",
                RATE_LIMITED,
                {"retry-after": str(wait)},
            )
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            raise Refusal(
                413, f"a report's body is larger than {MAX_BODY_BYTES} bytes", PAYLOAD_TOO_LARGE
            )
        found = _fields(body, request.headers.get("content-type", ""))
        unknown = sorted(set(found) - set(LIMITS))
        if unknown:
            raise _bad(f"unknown field {unknown[0]!r}: a report has the fields {_names()}")
        permalink = _permalink(_text("permalink", found.get("permalink"), required=True), own)
        correction = Correction.now(
            permalink=permalink,
            shown=_text("shown", found.get("shown")),
            message=_text("message", found.get("message"), required=True),
            contact=_text("contact", found.get("contact")),
            record_version=getattr(request.app.state.db, "content_version", "") or "",
        )
        try:
            await asyncio.to_thread(self.file.add, correction)
        except CorrectionsFull:
            raise Refusal(
                507,
                "the corrections store is full: the maintainers must read and archive it "
                "before more reports can be kept. Nothing was kept; please try again later",
                CORRECTIONS_FULL,
            ) from None
        except sqlite3.Error:
            logger.exception("a report could not be written to %s", self.file.path)
            raise Refusal(
                503, "the report could not be kept just now: try again shortly", SERVER_BUSY
            ) from None
        self.limit.note(client, now)
        return correction.received
