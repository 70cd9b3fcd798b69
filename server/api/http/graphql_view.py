"""POST and GET /graphql: read the request, choose who answers it, shape the answer.

Three answerers, cheapest first: the response cache, the fast path (an exact answer or
None), then Strawberry's ``schema.execute`` (not its view's ``run``, which would read the
request again: here it is read once, and a persisted query's text exists only after
``PersistedQueries.resolve``). The HTTP around it (body limit, request id, store refresh,
caching headers) is middleware; see middleware.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import orjson
from graphql import OperationType
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send

from server.api.context import Context
from server.api.execution.fastpath import Answer
from server.api.execution.faults import in_response_order
from server.api.execution.introspection import IntrospectionAnswers, introspection_only
from server.api.execution.strawberry_adapter import OPERATION_REFUSALS
from server.api.execution.strawberry_adapter import OperationType as StrawberryOperation
from server.api.http.persisted import PersistedQueries
from server.api.http.request import (
    GRAPHQL_RESPONSE,
    GraphQLParams,
    params_from_body,
    params_from_query_string,
    response_media_type,
    wants_html,
)
from server.api.http.response_cache import ResponseCache, cache_key
from server.http.admission import Admission, Refused, client_of
from server.http.errors import (
    INTERNAL_SERVER_ERROR,
    MASKED_MESSAGE,
    METHOD_NOT_ALLOWED,
    RequestError,
    error_body,
    format_error,
)
from server.settings import Settings
from server.store.db import request_deadline

logger = logging.getLogger("accordline.graphql")

RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"
WATCH_AFTER = 0.05  # seconds a request runs before its client's disconnect is watched


class ClientGone(Exception):
    """The client disconnected while its request was being executed."""


class ClientWatch:
    """Cancels the current task when the client disconnects (uvicorn says so through
    ``receive`` once the body has been read), so a hung-up request stops using CPU.

    Watching costs a task, so it starts only once a request has run for WATCH_AFTER
    seconds: the many short requests pay for a timer handle alone.
    """

    def __init__(self, receive: Receive):
        self.gone = False
        self._receive = receive
        self._task = asyncio.current_task()
        self._watcher: asyncio.Task | None = None
        self._timer = asyncio.get_running_loop().call_later(WATCH_AFTER, self._start)

    def _start(self) -> None:
        self._watcher = asyncio.ensure_future(self._watch())

    async def _watch(self) -> None:
        while (await self._receive())["type"] != "http.disconnect":
            pass
        self.gone = True
        self._task.cancel()

    def stop(self) -> None:
        self._timer.cancel()
        if self._watcher is not None:
            self._watcher.cancel()


ALLOWED = {
    "GET": {StrawberryOperation.QUERY},
    "POST": {StrawberryOperation.QUERY, StrawberryOperation.MUTATION},
}


class GraphQLView:
    """``ide_html`` is the page a browser's bare GET is answered with (GraphiQL's, from
    the site layer, passed in by the app), or None to answer that GET as an API request."""

    def __init__(self, schema, settings: Settings, ide_html: str | None = None):
        self.schema = schema
        self.settings = settings
        self.fast = schema.fast_executor  # also prepares requests for Strawberry
        self.cache = ResponseCache(settings.response_cache) if settings.response_cache else None
        self.persisted = PersistedQueries(settings.persisted_queries)
        self.admission = Admission.configured("costly queries", settings, "admission")
        self.introspection = IntrospectionAnswers()
        self.ide_html = ide_html

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no subscriptions: nothing here is live
            return
        request = Request(scope, receive)
        media_type = response_media_type(request.headers.get("accept"))
        try:
            response = await self._respond(request, media_type)
        except ClientGone:
            logger.info(
                "request %s: the client left; its work was cancelled", scope["state"]["request_id"]
            )
            return
        except RequestError as error:
            status = error.status_for(media_type == GRAPHQL_RESPONSE)
            response = _json(error.body, media_type, status, error.headers)
        except Exception:
            # Never a plain-text 500: the same masked JSON shape as any unexpected error.
            request_id = scope["state"]["request_id"]
            logger.exception("request %s: unexpected error outside execution", request_id)
            body = error_body(MASKED_MESSAGE, INTERNAL_SERVER_ERROR, requestId=request_id)
            response = _json(body, media_type, 500)
        await response(scope, receive, send)

    async def _respond(self, request: Request, media_type: str) -> Response:
        if request.method == "GET":
            # The IDE only for a browser asking for the bare URL: a GET with any
            # parameter is an API request (Apollo's GETs send Accept: */*).
            if not request.query_params and wants_html(request.headers) and self.ide_html:
                return HTMLResponse(self.ide_html)
            params = params_from_query_string(request.query_params)
        elif request.method == "POST":
            params = params_from_body(request.headers, await request.body())
        else:
            raise RequestError(
                f"{request.method} is not supported here: use GET or POST",
                status=405,
                code=METHOD_NOT_ALLOWED,
                headers={"allow": "GET, POST"},
            )
        params, register = self.persisted.resolve(params)
        if params.query is None:
            raise RequestError("the request has no `query`: send the GraphQL document in it")
        self._check_operation(params, request.method)

        db = request.app.state.db
        version = db.content_version
        today = Context.today().isoformat()
        key = cache_key(
            params.query, params.operation_name, params.variables, version, media_type, today
        )
        if self.cache is not None and (cached := self.cache.get(key, version)) is not None:
            if register is not None:  # an answer was cached: the query was prepared
                self.persisted.store(register, params.query)
            return Response(cached, media_type=media_type, headers=_cached(key, "hit"))
        body = await self._execute(request, params, register)
        encoded = orjson.dumps(body)
        if len(encoded) > self.settings.max_response_bytes:
            body = error_body(
                f"the answer would be {len(encoded)} bytes, more than this server sends "
                f"({self.settings.max_response_bytes}); ask for fewer items or fields",
                RESPONSE_TOO_LARGE,
            )
            encoded = orjson.dumps(body)
        # No `data` means the request failed before execution (parse, validation,
        # variables): a 200 for application/json, a 400 for graphql-response+json.
        status = 400 if media_type == GRAPHQL_RESPONSE and "data" not in body else 200
        response = Response(encoded, status_code=status, media_type=media_type)
        if "errors" not in body and db.content_version == version:
            # Only an error-free answer from one store version is cacheable (and gets an
            # ETag, which is what HttpCaching keys on).
            response.headers.update(_cached(key, "miss"))
            if self.cache is not None:
                self.cache.put(key, version, response.body)
        return response

    async def _execute(self, request: Request, params: GraphQLParams, register: str | None) -> dict:
        """The response body for an HTTP request: its budget, its client's admission and
        hang-up, around ``execute``."""
        context = Context(request=request, db=request.app.state.db, settings=self.settings)
        token = request_deadline.set(time.monotonic() + self.settings.time_budget_ms / 1000)
        watch = ClientWatch(request.receive)
        try:
            return await self.execute(
                params,
                context,
                method=request.method,
                request_id=request.scope["state"]["request_id"],
                admit=lambda weight: self._admitted(request, weight),
                register=register,
            )
        except Refused as refused:
            raise RequestError(
                refused.message, status=refused.status, code=refused.code, headers=refused.headers
            ) from None
        except asyncio.CancelledError:
            if not watch.gone:
                raise
            asyncio.current_task().uncancel()
            raise ClientGone() from None
        finally:
            watch.stop()
            request_deadline.reset(token)

    async def execute(
        self,
        params: GraphQLParams,
        context: Context,
        *,
        method: str = "POST",
        request_id: str = "",
        admit=None,
        register: str | None = None,
    ) -> dict:
        """Prepare and execute one operation: the response body. The one entry to the
        executors, for the HTTP view and for exports alike (no HTTP involved): prepared
        once, refused with a code per phase, answered from the fast path if it can, else
        by Strawberry on the prepared document. ``admit(weight)`` is the admission to pass
        first (none: start at once); the time budget in ``request_deadline`` must be set,
        and is renewed at admission less the time preparing took."""
        started = time.monotonic()
        prepared = self.fast.prepare(params.query, params.operation_name, params.variables)
        if isinstance(prepared, dict):
            return prepared
        if register is not None:  # only a query that prepared is remembered
            self.persisted.store(register, params.query)
        context.prepared = prepared
        introspection = None
        only = prepared.memo.get("introspection only")
        if only is None:
            only = prepared.memo["introspection only"] = introspection_only(prepared)
        if only:
            introspection = self.introspection.key(
                params.query, params.operation_name, params.variables
            )
            if (known := self.introspection.get(introspection)) is not None:
                return known
        preparing = time.monotonic() - started
        weight = prepared.requested + prepared.fields
        async with admit(weight) if admit is not None else contextlib.nullcontext():
            # The budget is the request's own time: preparing counts, queueing not.
            if request_deadline.get() is not None:
                budget = self.settings.time_budget_ms / 1000
                request_deadline.set(time.monotonic() + budget - preparing)
            answer = await self.fast.answer(prepared, context, execute=self.settings.fast_path)
            if answer is None:
                try:
                    result = await self.schema.execute(
                        params.query,
                        variable_values=params.variables,
                        context_value=context,
                        operation_name=params.operation_name,
                        allowed_operation_types=ALLOWED[method],
                        operation_extensions=params.extensions,
                    )
                except OPERATION_REFUSALS as e:
                    raise RequestError(str(e) or type(e).__name__) from None  # _check_operation's
                answer = Answer.of(result)
            body = self._body(request_id, answer)
            if introspection is not None:
                self.introspection.put(introspection, body)
            return body

    @staticmethod
    def _body(request_id: str, answer: Answer) -> dict:
        """An executor's answer as the response body, the same from either executor:
        errors formatted (faults masked, and logged with the request id), in the order
        of the places they name in the response."""
        errors = answer.errors
        if answer.started:
            errors = in_response_order(errors, answer.data)
        body: dict = {"data": answer.data} if answer.started else {}
        if errors:
            body["errors"] = [format_error(error, request_id) for error in errors]
        if answer.extensions:
            body["extensions"] = answer.extensions
        return body

    def _admitted(self, request: Request, weight: int) -> contextlib.AbstractAsyncContextManager:
        """Admission for a costly request (server/http/admission.py); light ones start at once.
        (An export's own pages never come here: they call ``execute`` directly.)"""
        if weight < self.settings.admission_free_below:
            return contextlib.nullcontext()
        return self.admission.admit(client_of(request.scope), weight)

    def _check_operation(self, params: GraphQLParams, method: str) -> None:
        """Refuse a mutation over GET before anything runs (405). Which operation to run
        is the preparer's question; it answers it, with its code, on both paths."""
        if method != "GET":
            return
        kind = self.fast.preparer.operation_type(params.query, params.operation_name)
        if kind is not None and kind != OperationType.QUERY:
            raise RequestError(
                f"a {kind.value} cannot be sent with GET: use POST",
                status=405,
                code=METHOD_NOT_ALLOWED,
                headers={"allow": "POST"},
            )


def _cached(key: str, outcome: str) -> dict[str, str]:
    return {"etag": f'"{key}"', "x-cache": outcome}


def _json(body: dict, media_type: str, status: int, headers: dict | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=media_type, headers=headers)
