"""/export/<list>.<format>: what a list page shows, as a file.

Lists and formats: timeline (csv, xlsx, json, timelinejs.json, ics), members, candidates and
relations (csv, xlsx, json). Each takes the query parameters of its page
(server/api/list_filters.py), reads every row through the API in-process (lists.py), and
renders them (csv_format.py, xlsx_format.py, json_format.py, timelinejs.py, ical.py). A CSV
also takes ``excel=1``: the same file after a UTF-8 byte-order mark, named ``….excel.csv``.
The answer is an attachment whose name carries the record's version; its ETag is the
version, the format and the parsed filter, so a revalidation is a 304. A parameter that
cannot be used is a 400 naming it, in the API's error shape.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import hashlib
import logging
import re

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from server.api.context import Context
from server.api.errors import QUERY_TOO_COMPLEX
from server.api.list_filters import LISTS, FilterError, Known
from server.files.exports import csv_format, ical, json_format, timelinejs, xlsx_format
from server.files.exports.api_client import ApiError
from server.files.exports.lists import EXPORT_QUERIES, ExportTooLarge, read_list
from server.files.exports.rows import RowContext
from server.http.admission import Admission, Refused, client_of
from server.http.errors import (
    BAD_USER_INPUT,
    INTERNAL_SERVER_ERROR,
    MASKED_MESSAGE,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    error_body,
    error_response,
)
from server.http.etags import etag_matches
from server.settings import Settings
from server.urls import Urls, paths

logger = logging.getLogger("accordline.exports")

NOT_FOUND = "NOT_FOUND"
FORMATS = {
    "csv": csv_format,
    "excel.csv": csv_format.EXCEL,  # ?excel=1: the CSV with a byte-order mark
    "xlsx": xlsx_format,
    "json": json_format,
    "timelinejs.json": timelinejs,
    "ics": ical,
}
LIST_FORMATS = {
    "timeline": ("csv", "xlsx", "json", "timelinejs.json", "ics"),
    "members": ("csv", "xlsx", "json"),
    "candidates": ("csv", "xlsx", "json"),
    "relations": ("csv", "xlsx", "json"),
}
# ?excel=: a parameter of the file, not of the list (list_filters never sees it).
EXCEL = "excel"
EXCEL_VALUES = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


class ExportRefused(Exception):
    def __init__(
        self, status: int, message: str, code: str, headers: dict | None = None, **extensions
    ):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.body = error_body(message, code, **extensions)


# The longest one export may take, all its pages together (each page has the API's own
# time budget too): past it the reader gets a 503 to retry, not a request left running.
EXPORT_SECONDS = 10


# Rendered files kept for a repeat of the same URL: a few, small ones. The key holds the
# record's version, so a rebuilt store's files are new keys and old ones age out.
CACHED_FILES = 32
CACHED_FILE_BYTES = 4 * 1024 * 1024
CACHED_BYTES = 16 * 1024 * 1024  # all of them together: a bound on memory, not just a count


@dataclasses.dataclass(frozen=True)
class RenderedFile:
    body: bytes
    media_type: str
    filename: str
    etag: str


class ClientGone(Exception):
    """The client hung up before its file was ready."""


class Exports:
    """The ASGI endpoint for /export/{name}.

    Rendering is admitted (server/http/admission.py): a few exports render at once per
    process, a few more wait briefly, the rest are refused at once with Retry-After.
    Identical requests at once share one rendering (single flight), and a rendering
    nobody waits for any more (its clients hung up) is cancelled.
    """

    def __init__(self, settings: Settings):
        self.cache_control = f"public, max-age={settings.http_max_age}"
        # By ETag, which names the file whole (record version, filter, site, day).
        self._rendered: collections.OrderedDict[str, RenderedFile] = collections.OrderedDict()
        self.admission = Admission.configured("exports", settings, "export")
        self.renders = 0  # renderings started (tests count them)
        self._inflight: dict[str, asyncio.Task] = {}  # by ETag, as _rendered
        self._waiting: collections.Counter[str] = collections.Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self._respond(request)
        except ClientGone:
            return  # nobody to answer; the rendering was cancelled if nobody else waits
        except Refused as refused:
            body = error_body(refused.message, refused.code)
            response = error_response(refused.status, body, refused.headers)
        except ExportRefused as refused:
            response = error_response(refused.status, refused.body, refused.headers)
        except FilterError as error:
            body = error_body(error.message, BAD_USER_INPUT, parameter=error.parameter)
            response = error_response(400, body)
        except ExportTooLarge as error:
            response = error_response(400, error_body(str(error), QUERY_TOO_COMPLEX))
        except ApiError as error:
            response = _api_error(error, scope)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            raise ExportRefused(
                405,
                f"{request.method} is not supported here: use GET",
                METHOD_NOT_ALLOWED,
                headers={"allow": "GET, HEAD"},
            )
        list_name, fmt = _split_name(request.path_params["name"])
        fmt, query = _variant(fmt, request.query_params.multi_items())
        spec = EXPORT_QUERIES[list_name]
        db = request.app.state.db
        known = await Known.of(db)
        variables = spec.filter.variables(query, known)
        site = Urls.of(request).site
        etag = _etag(db.content_version, list_name, fmt, variables, site)
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(
                status_code=304, headers={"etag": etag, "cache-control": self.cache_control}
            )
        rendered = self._rendered.get(etag)
        if rendered is None:
            rendered = await self._shared_render(etag, request, list_name, fmt, variables, site)
        else:
            self._rendered.move_to_end(etag)
        return Response(
            rendered.body,
            media_type=rendered.media_type,
            headers={
                "content-disposition": f'attachment; filename="{rendered.filename}"',
                "etag": rendered.etag,
                "cache-control": self.cache_control,
            },
        )

    async def _shared_render(self, key, request: Request, *args) -> RenderedFile:
        """One rendering per distinct file at a time, shared by everyone asking for it;
        raises ClientGone if this client hangs up first."""
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._admitted_render(request, *args))
            self._inflight[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        self._waiting[key] += 1
        try:
            return await _unless_client_leaves(asyncio.shield(task), request.receive)
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] <= 0:
                del self._waiting[key]
                if not task.done():
                    task.cancel()  # everyone who asked has left: stop spending CPU on it

    def _forget(self, key, task: asyncio.Task) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if not task.cancelled():
            task.exception()  # retrieved: a waiter re-raises it; nobody may be left to

    async def _admitted_render(self, request: Request, *args) -> RenderedFile:
        async with self.admission.admit(client_of(request.scope)):
            self.renders += 1
            return await self._render(request, *args)

    def _cached_bytes(self) -> int:
        return sum(len(file.body) for file in self._rendered.values())

    async def _render(
        self, request: Request, list_name: str, fmt: str, variables: dict, site: str
    ) -> RenderedFile:
        spec = EXPORT_QUERIES[list_name]
        try:
            async with asyncio.timeout(EXPORT_SECONDS):
                export = await read_list(request.app, spec, variables)
        except TimeoutError:
            raise ExportRefused(
                503,
                f"This export took longer than {EXPORT_SECONDS} seconds and was stopped; "
                "try again, or narrow its filter.",
                "QUERY_TIMEOUT",
                headers={"retry-after": "5"},
            ) from None
        context = RowContext(site=site, page=site + _page(list_name, variables), export=export)
        renderer = FORMATS[fmt]
        version = export.record["contentVersion"]
        # In a worker thread: writing a large calendar takes the icalendar library a good
        # fraction of a second, which on the event loop would stall every other request.
        body = await asyncio.to_thread(renderer.render, context)
        etag = _etag(version, list_name, fmt, variables, site)
        rendered = RenderedFile(
            body,
            renderer.MEDIA_TYPE,
            f"accordline-{list_name}{_name_part(list_name, variables)}-{version}.{fmt}",
            etag,
        )
        if len(rendered.body) <= CACHED_FILE_BYTES:
            self._rendered[etag] = rendered
            while len(self._rendered) > CACHED_FILES or self._cached_bytes() > CACHED_BYTES:
                self._rendered.popitem(last=False)
        return rendered


def _split_name(name: str) -> tuple[str, str]:
    list_name, _, fmt = name.partition(".")
    if list_name not in LIST_FORMATS:
        known = ", ".join(paths.export(f"{n}.csv") for n in LIST_FORMATS)
        raise ExportRefused(
            404,
            f'There is no export called "{name[:60]}"; the exports are {known} (and .xlsx, .json).',
            NOT_FOUND,
        )
    if fmt not in LIST_FORMATS[list_name]:
        known = ", ".join(LIST_FORMATS[list_name])
        raise ExportRefused(
            400,
            f'The format "{fmt[:40]}" is not one the {list_name} exports in (it exports: {known}).',
            BAD_USER_INPUT,
            parameter="format",
        )
    return list_name, fmt


def _variant(fmt: str, query: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """The file to write (``excel.csv`` for a CSV asked with ``excel=1``) and the query
    string without ``excel``, for the list's parser; FilterError naming ``excel`` when it
    cannot be used."""
    given = [value.strip().lower() for name, value in query if name == EXCEL]
    rest = [(name, value) for name, value in query if name != EXCEL]
    given = [value for value in given if value]  # an empty field of a form: not asked
    if not given:
        return fmt, rest
    if len(given) > 1:
        raise FilterError(
            f'The "{EXCEL}" parameter: Given {len(given)} times; give it once.', EXCEL
        )
    if given[0] not in EXCEL_VALUES:
        raise FilterError(
            f'The "{EXCEL}" parameter: "{given[0][:20]}" is not a choice; write excel=1 for '
            "the CSV with a byte-order mark (for Excel), or leave it out.",
            EXCEL,
        )
    if fmt != "csv":
        raise FilterError(
            f'The "{EXCEL}" parameter: only a .csv takes it (the .xlsx is the file for Excel).',
            EXCEL,
        )
    return ("excel.csv" if EXCEL_VALUES[given[0]] else fmt), rest


def _page(list_name: str, variables: dict) -> str:
    """The page the list is shown on, with its filter (for the file's link back). From the
    parsed filter as the list applies it (list_filters), not the address: a cached file
    serves every spelling of one filter (KZ, Kazakhstan), so its link back must not carry
    one of them."""
    pairs = LISTS[list_name].canonical(variables)
    if list_name == "timeline":
        return paths.timeline(pairs)
    if list_name == "members":
        return paths.agreement(variables["slug"], [p for p in pairs if p[0] == "asOf"])
    if list_name == "candidates":
        return paths.candidates(variables["slug"])
    if "group" in variables["filter"]:
        return paths.map([p for p in pairs if p[0] in ("country", "group", "asOf")])
    return paths.country(variables["filter"]["country"])


def _name_part(list_name: str, variables: dict) -> str:
    """What the file holds, for its name: "-KZ-from-2020", "-IL-OIC-2010-01-01", so two
    saved files of one record version are told apart. Letters, digits and dashes only."""
    if list_name == "timeline":
        wanted = variables["filter"]
        parts = [*wanted.get("countries", []), wanted.get("agreement"), *wanted.get("kinds", [])]
        parts += [f"from-{wanted['from']}" if "from" in wanted else None]
        parts += [f"to-{wanted['to']}" if "to" in wanted else None]
        parts += [f"search-{wanted['search']}" if "search" in wanted else None]
    elif list_name in ("members", "candidates"):
        parts = [variables["slug"], variables["asOf"]]
    else:
        wanted = variables["filter"]
        parts = [
            wanted["country"],
            wanted.get("group"),
            *wanted.get("states", []),
            wanted.get("asOf"),
        ]
    text = "-".join(part for part in parts if part)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text.replace("_", "-")).strip("-")[:80].rstrip("-")
    return f"-{text}" if text else ""


async def _unless_client_leaves(awaitable, receive: Receive):
    """``awaitable``'s result, or ClientGone as soon as the client disconnects."""

    async def gone() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    work = asyncio.ensure_future(awaitable)
    watch = asyncio.ensure_future(gone())
    try:
        await asyncio.wait((work, watch), return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
    if not work.done():
        work.cancel()
        raise ClientGone()
    return work.result()


def _etag(version: str, list_name: str, fmt: str, variables: dict, site: str) -> str:
    """The store version, the filter as parsed (KZ and Kazakhstan give one tag) and the
    site the file's links point at; a relation list read on no given day also changes
    with the day."""
    undated = list_name == "relations" and "asOf" not in variables["filter"]
    today = Context.today().isoformat() if undated else ""
    key = orjson.dumps(
        [version, list_name, fmt, variables, today, site], option=orjson.OPT_SORT_KEYS
    )
    return '"' + hashlib.sha256(key).hexdigest()[:24] + '"'


def _api_error(error: ApiError, scope: Scope) -> Response:
    """An API refusal the filter did not map to a parameter: its own code and words."""
    if error.code in (BAD_USER_INPUT, QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE):
        # What the filter let through but the API's own bounds refused: the asker's to fix.
        return error_response(400, error_body(error.message, error.code))
    if error.code == "QUERY_TIMEOUT":
        return error_response(503, error_body(error.message, error.code))
    request_id = scope.get("state", {}).get("request_id", "")
    logger.error("request %s: export failed: %s (%s)", request_id, error.message, error.code)
    return error_response(
        500, error_body(MASKED_MESSAGE, INTERNAL_SERVER_ERROR, requestId=request_id)
    )
