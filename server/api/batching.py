"""A small per-request batch loader: keys in, results aligned with keys out.

It does what DataLoader does for the per-object resolvers (keys asked for in the same
event-loop turn go to the database together, and every key is fetched once per request),
and adds a cheap path for the fast executor: ``load_many`` for a whole level fetches the
missing keys directly, without a future per key.
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
        self._pending: dict[Hashable, asyncio.Future] = {}
        self._scheduled = False

    def prime(self, key: Hashable, value: Any) -> None:
        self._values.setdefault(key, value)

    def load(self, key: Hashable) -> Awaitable:
        """The value for one key, batched with the other keys asked for this turn."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        if key in self._values:
            future.set_result(self._values[key])
            return future
        waiting = self._pending.get(key)
        if waiting is not None:
            return waiting
        self._pending[key] = future
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(lambda: asyncio.ensure_future(self._dispatch()))
        return future

    async def load_many(self, keys: Sequence[Hashable]) -> list:
        """Values for many keys at once (one fetch per max_batch_size missing keys)."""
        missing = list(dict.fromkeys(k for k in keys if k not in self._values))
        if missing:
            await self._fetch(missing)
        return [self._values[key] for key in keys]

    async def _fetch(self, keys: list) -> None:
        for start in range(0, len(keys), self.max_batch_size):
            chunk = keys[start : start + self.max_batch_size]
            for key, value in zip(chunk, await self.batch(chunk), strict=True):
                self._values.setdefault(key, value)

    async def _dispatch(self) -> None:
        pending, self._pending, self._scheduled = self._pending, {}, False
        try:
            await self._fetch(list(pending))
        except BaseException as error:
            for future in pending.values():
                if not future.done():
                    future.set_exception(error)
            return
        for key, future in pending.items():
            if not future.done():
                future.set_result(self._values[key])
