"""A small per-request batch loader: keys in, results aligned with keys out.

It does what DataLoader does for per-object resolvers (the keys asked for in one turn of
the event loop go to the database together, and every key is fetched once per request),
and adds a cheap path for the fast executor: ``load_many`` for a whole level fetches
the missing keys directly, with one future per fetch rather than one per key. Keys
already being fetched, by either path, are waited for, never fetched twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any

BatchFn = Callable[[list], Awaitable[list]]


class BatchLoader:
    def __init__(self, batch: BatchFn, max_batch_size: int):
        self.batch = batch
        self.max_batch_size = max_batch_size
        self._values: dict[Hashable, Any] = {}
        self._fetching: dict[Hashable, asyncio.Future] = {}  # key → its fetch's future
        self._queued: list[Hashable] = []  # asked for by load() this turn

    def prime(self, key: Hashable, value: Any) -> None:
        self._values.setdefault(key, value)

    def load(self, key: Hashable) -> Awaitable:
        """The value for one key, fetched together with the other keys of this turn."""
        if key not in self._values and key not in self._fetching:
            if not self._queued:
                asyncio.get_running_loop().call_soon(self._dispatch_queued)
            self._queued.append(key)
            self._fetching[key] = asyncio.get_running_loop().create_future()
        return self._value(key)

    async def load_many(self, keys: Sequence[Hashable]) -> list:
        """Values for many keys at once: one fetch per max_batch_size missing keys."""
        if len(keys) == 1:  # a per-object resolver: batch it with its siblings
            return [await self.load(keys[0])]
        missing = [k for k in dict.fromkeys(keys) if k not in self._values]
        new = [k for k in missing if k not in self._fetching]
        if new:
            await self._fetch(new)
        waiting = {id(f): f for k in missing if (f := self._fetching.get(k)) is not None}
        if waiting:
            await asyncio.gather(*waiting.values())
        return [self._values[key] for key in keys]

    async def _value(self, key: Hashable) -> Any:
        if key not in self._values:
            await self._fetching[key]
        return self._values[key]

    def _dispatch_queued(self) -> None:
        keys, self._queued = self._queued, []
        asyncio.ensure_future(self._run(keys, [self._fetching[k] for k in keys]))

    async def _fetch(self, keys: list) -> None:
        for start in range(0, len(keys), self.max_batch_size):
            chunk = keys[start : start + self.max_batch_size]
            done = asyncio.get_running_loop().create_future()
            for key in chunk:
                self._fetching[key] = done
            await self._run(chunk, [done])
            if done.exception() is not None:  # retrieving it also marks it as seen
                raise done.exception()

    async def _run(self, keys: list, futures: list[asyncio.Future]) -> None:
        """Fetch ``keys`` in one batch call and settle the futures waiting on them."""
        try:
            for start in range(0, len(keys), self.max_batch_size):
                chunk = keys[start : start + self.max_batch_size]
                for key, value in zip(chunk, await self.batch(chunk), strict=True):
                    self._values.setdefault(key, value)
        except Exception as error:  # noqa: BLE001 — handed to every waiter instead
            # The failed futures stay registered: whoever asks for these keys later in
            # this request gets the same error.
            for future in futures:
                if not future.done():
                    future.set_exception(error)
        else:
            for key in keys:
                self._fetching.pop(key, None)
            for future in futures:
                if not future.done():
                    future.set_result(None)
