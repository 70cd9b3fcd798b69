"""A small per-request batch loader: keys in, results aligned with keys out.

Every key asked for during one turn of the event loop, by ``load`` (a per-object
resolver) or ``load_many`` (a whole level from the fast executor), goes to the database
in one batch call, and every key is fetched once per request. Unlike DataLoader it keeps
no future per key, which matters when a level has hundreds: a waiting call (a whole
level's ``load_many`` is one) gets one future of its own, which the batch settles.

A batch is shared, so one waiter's cancellation must not reach it: when an error (bad
input, a query timeout) nulls a parent, GraphQL cancels the parent's other fields, whose
keys may share a batch with another parent's. Awaiting a shared future would cancel it
for everyone; cancelling a waiter's own future cancels only that waiter. (A future of
one's own, settled directly by the batch, is also cheaper than ``asyncio.shield``, which
adds callbacks and a loop turn per waiter.) A batch whose waiters have all gone is left to
finish rather than cancelled: it is one statement per ``max_batch_size`` keys, bounded by
the request's SQL deadline (the batch task runs in the asking request's context), its rows
still serve the rest of the request, and cancelling the task would not stop SQLite's
thread anyway. Counting waiters to cancel it would cost every call for a rare one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any

BatchFn = Callable[[list], Awaitable[list]]

# Running batch tasks: the event loop keeps only weak references to tasks, and a batch
# must not be collected while its waiters (or later askers) still need it.
_running: set[asyncio.Task] = set()


class _Batch:
    """One turn's keys in flight, and the futures of whoever waits for them."""

    __slots__ = ("loop", "waiters", "error")

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.waiters: list[asyncio.Future] | None = []  # None once settled
        self.error: BaseException | None = None

    def waiter(self) -> asyncio.Future:
        """A future of the caller's own: done when the batch is, with its error if any."""
        waiter = self.loop.create_future()
        if self.waiters is None:
            # Settled, and still asked for (a successful batch forgets its keys): it failed.
            self._settle(waiter)
        else:
            self.waiters.append(waiter)
        return waiter

    def settle(self, error: BaseException | None) -> None:
        if self.waiters is None:
            return
        self.error, waiters, self.waiters = error, self.waiters, None
        for waiter in waiters:
            if not waiter.done():  # done: its waiter was cancelled
                self._settle(waiter)

    def _settle(self, waiter: asyncio.Future) -> None:
        if self.error is None:
            waiter.set_result(None)
        elif isinstance(self.error, asyncio.CancelledError):
            waiter.cancel()
        else:
            waiter.set_exception(self.error)


class BatchLoader:
    def __init__(self, batch: BatchFn, max_batch_size: int):
        self.batch = batch
        self.max_batch_size = max_batch_size
        self._values: dict[Hashable, Any] = {}
        self._fetching: dict[Hashable, _Batch] = {}  # key → its batch
        self._queued: list[Hashable] = []  # keys for this turn's batch
        self._turn: _Batch | None = None  # this turn's batch

    def prime(self, key: Hashable, value: Any) -> None:
        self._values.setdefault(key, value)

    def load(self, key: Hashable) -> Awaitable:
        """The value for one key; asking (not awaiting) is what joins it to the batch."""
        self._enqueue((key,))
        return self._value(key)

    async def load_many(self, keys: Sequence[Hashable]) -> list:
        """Values for many keys, fetched with whatever else is asked for this turn."""
        self._enqueue(keys)
        fetching = self._fetching
        if fetching:
            # A batch that succeeds forgets its keys before it settles, so after one
            # wait the rest of its keys are no longer here: each batch is awaited once.
            for key in keys:
                batch = fetching.get(key)
                if batch is not None:
                    await batch.waiter()
        values = self._values
        return [values[key] for key in keys]

    async def _value(self, key: Hashable) -> Any:
        if key not in self._values:
            await self._fetching[key].waiter()
        return self._values[key]

    def _enqueue(self, keys: Sequence[Hashable]) -> None:
        for key in keys:
            if key in self._values or key in self._fetching:
                continue
            if self._turn is None:
                loop = asyncio.get_running_loop()
                self._turn = _Batch(loop)
                loop.call_soon(self._dispatch)
            self._fetching[key] = self._turn
            self._queued.append(key)

    def _dispatch(self) -> None:
        keys, batch = self._queued, self._turn
        self._queued, self._turn = [], None
        task = batch.loop.create_task(self._run(keys, batch))
        _running.add(task)
        task.add_done_callback(_running.discard)

    async def _run(self, keys: list, batch: _Batch) -> None:
        """Fetch ``keys`` (in max_batch_size calls) and settle the batch."""
        try:
            for start in range(0, len(keys), self.max_batch_size):
                chunk = keys[start : start + self.max_batch_size]
                for key, value in zip(chunk, await self.batch(chunk), strict=True):
                    self._values.setdefault(key, value)
        except asyncio.CancelledError as cancelled:
            # Only the loop shutting down cancels a batch (no waiter can): its waiters,
            # and later askers of its keys, are cancelled with it.
            batch.settle(cancelled)
            raise
        except Exception as error:  # noqa: BLE001 — handed to every waiter instead
            # The failed batch stays registered: whoever asks for these keys later in
            # this request gets the same error.
            batch.settle(error)
        else:
            for key in keys:
                self._fetching.pop(key, None)
            batch.settle(None)
