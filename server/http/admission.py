"""Admission control: a bounded amount of costly work at once, a short bounded queue, and
an immediate refusal with Retry-After for what cannot start in time (issue #17, C1).

Without it, every costly request started at once and shared one wall clock: a crowd of
exports or heavy queries made all of them time out together, after spending the CPU
anyway, and each such 503 looked to the front door like a failed replica. Here work is
admitted by weight (a GraphQL request's cost, an export counts as one) up to a capacity;
what does not fit waits in FIFO order, at most ``queue`` requests for at most ``wait``
seconds; past either bound it is refused at once — 429 when the asking client already
holds ``per_client`` places (it is the crowd), else 503 — never started and then timed
out. The request's own time budget starts when it is admitted, so time spent queueing
is never charged to it, and because only a bounded amount runs at once, the time it then
takes stays close to its own work.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass

from server.http.errors import RATE_LIMITED, SERVER_BUSY


class Refused(Exception):
    """The work cannot start in time: answer ``status`` with ``code`` and Retry-After."""

    def __init__(self, status: int, message: str, retry_after: int):
        super().__init__(message)
        self.status = status
        self.code = RATE_LIMITED if status == 429 else SERVER_BUSY
        self.message = message
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"retry-after": str(self.retry_after)}


@dataclass
class _Waiter:
    client: str
    weight: int
    future: asyncio.Future


class Admission:
    """Admits work of a given weight while the total admitted stays within ``capacity``.

    ``what`` names the work in refusals ("exports", "costly queries"). A weight above the
    capacity is admitted alone (it counts as the whole capacity).
    """

    @classmethod
    def configured(cls, what: str, settings, prefix: str) -> Admission:
        """The admission whose bounds are the settings ``<prefix>_capacity``,
        ``_queue``, ``_wait_ms`` and ``_per_client``."""
        return cls(
            what,
            capacity=getattr(settings, f"{prefix}_capacity"),
            queue=getattr(settings, f"{prefix}_queue"),
            wait=getattr(settings, f"{prefix}_wait_ms") / 1000,
            per_client=getattr(settings, f"{prefix}_per_client"),
        )

    def __init__(
        self, what: str, *, capacity: int, queue: int, wait: float, per_client: int
    ) -> None:
        self.what = what
        self.capacity = capacity
        self.queue = queue
        self.wait = wait
        self.per_client = per_client
        self.used = 0
        self.admitted = 0  # requests running now
        self.refused = collections.Counter()  # by status, for tests and logs
        self._waiters: collections.deque[_Waiter] = collections.deque()
        self._holding: collections.Counter[str] = collections.Counter()  # per client

    @contextlib.asynccontextmanager
    async def admit(self, client: str, weight: int = 1) -> AsyncIterator[None]:
        weight = max(1, min(weight, self.capacity))
        if self._holding[client] >= self.per_client:
            raise self._refuse(
                429,
                f"this client already has {self.per_client} {self.what} running or waiting; "
                "wait for one to finish before sending another",
            )
        if not self._waiters and self.used + weight <= self.capacity:
            self._take(client, weight)
        else:
            await self._queue(client, weight)
        try:
            yield
        finally:
            self._release(client, weight)

    async def _queue(self, client: str, weight: int) -> None:
        if len(self._waiters) >= self.queue:
            raise self._refuse(503, f"the server is busy with other {self.what}")
        waiter = _Waiter(client, weight, asyncio.get_running_loop().create_future())
        self._waiters.append(waiter)
        self._holding[client] += 1
        try:
            async with asyncio.timeout(self.wait):
                await waiter.future
        except TimeoutError:
            self._abandon(waiter)
            message = f"the server is busy with other {self.what} and could not start this one"
            raise self._refuse(503, f"{message} within {self.wait:g} s") from None
        except BaseException:  # the client left (cancelled) while waiting
            self._abandon(waiter)
            raise

    def _abandon(self, waiter: _Waiter) -> None:
        if waiter.future.done() and not waiter.future.cancelled():
            # Admitted just as the wait ended or the client left: give the place back.
            self._release(waiter.client, waiter.weight)
            return
        waiter.future.cancel()
        with contextlib.suppress(ValueError):
            self._waiters.remove(waiter)
        self._drop(waiter.client)
        self._wake()  # a heavy waiter leaving may let lighter ones start

    def _take(self, client: str, weight: int) -> None:
        self.used += weight
        self.admitted += 1
        self._holding[client] += 1

    def _release(self, client: str, weight: int) -> None:
        self.used -= weight
        self.admitted -= 1
        self._drop(client)
        self._wake()

    def _drop(self, client: str) -> None:
        self._holding[client] -= 1
        if self._holding[client] <= 0:
            del self._holding[client]

    def _wake(self) -> None:
        """Start waiters in order while the first one fits (FIFO: a heavy request at the
        head is not overtaken forever by light ones)."""
        while self._waiters and self.used + self._waiters[0].weight <= self.capacity:
            waiter = self._waiters.popleft()
            if waiter.future.done():
                continue
            self.used += waiter.weight
            self.admitted += 1
            waiter.future.set_result(None)  # its place in _holding was taken on queueing

    def _refuse(self, status: int, message: str) -> Refused:
        self.refused[status] += 1
        retry_after = max(1, math.ceil(self.wait))
        return Refused(status, f"{message}: try again in {retry_after} s", retry_after)

    def __len__(self) -> int:
        return len(self._waiters)


def client_of(scope) -> str:
    """Who is asking: the client address (behind the front door, uvicorn's proxy headers
    support puts the forwarded address here for trusted proxies)."""
    client = scope.get("client")
    return client[0] if client else "in-process"
