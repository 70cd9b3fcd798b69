"""A small per-request batch loader: keys in, results aligned with keys out.

Every key asked for during one turn of the event loop, by ``load`` (a per-object
resolver) or ``load_many`` (a whole level from the fast executor), goes to the database
in one batch call, and every key is fetched once per request. Unlike DataLoader it keeps
one future per batch rather than one per key, which matters when a level has hundreds.
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
        self._fetching: dict[Hashable, asyncio.Future] = {}  # key → its batch's future
        self._queued: list[Hashable] = []  # keys for this turn's batch
        self._turn: asyncio.Future | None = None  # this turn's batch

    def prime(self, key: Hashable, value: Any) -> None:
        self._values.setdefault(key, value)

    def load(self, key: Hashable) -> Awaitable:
        """The value for one key; asking (not awaiting) is what joins it to the batch."""
        self._enqueue((key,))
        return self._value(key)

    async def load_many(self, keys: Sequence[Hashable]) -> list:
        """Values for many keys, fetched with whatever else is asked for this turn."""
        self._enqueue(keys)
        waiting = {id(f): f for k in keys if (f := self._fetching.get(k)) is not None}
        if waiting:
            await asyncio.gather(*waiting.values())
        return [self._values[key] for key in keys]

    async def _value(self, key: Hashable) -> Any:
        if key not in self._values:
            await self._fetching[key]
        return self._values[key]

    def _enqueue(self, keys: Sequence[Hashable]) -> None:
        for key in keys:
            if key in self._values or key in self._fetching:
                continue
            if self._turn is None:
                loop = asyncio.get_running_loop()
                self._turn = loop.create_future()
                loop.call_soon(self._dispatch)
            self._fetching[key] = self._turn
            self._queued.append(key)

    def _dispatch(self) -> None:
        keys, future = self._queued, self._turn
        self._queued, self._turn = [], None
        asyncio.ensure_future(self._run(keys, future))

    async def _run(self, keys: list, future: asyncio.Future) -> None:
        """Fetch ``keys`` (in max_batch_size calls) and settle the batch's future."""
        try:
            for start in range(0, len(keys), self.max_batch_size):
                chunk = keys[start : start + self.max_batch_size]
                for key, value in zip(chunk, await self.batch(chunk), strict=True):
                    self._values.setdefault(key, value)
        except Exception as error:  # noqa: BLE001 — handed to every waiter instead
            # The failed future stays registered: whoever asks for these keys later in
            # this request gets the same error.
            future.set_exception(error)
        else:
            for key in keys:
                self._fetching.pop(key, None)
            future.set_result(None)
