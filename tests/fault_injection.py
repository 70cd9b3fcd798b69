"""Fault injection for the differential client (conftest.Api): make a loader's batch, or
one attribute of chosen records, raise — in both apps of the client at once, since
they share the loader classes. ``Api.faulty(query)`` then checks both executors answer
the same, GraphQL's way.

- ``failing_batch(monkeypatch, "_countries", when=...)``: the per-request loader's
  batch method raises for a batch whose keys satisfy ``when`` (a store error: every
  object waiting on that batch fails).
- ``failing_attribute(monkeypatch, "country_object", "name", rows=...)``: the records a
  loader method returns (alone, or in lists) for the chosen rows raise when
  ``attribute`` is read (a bad row: only what reads it fails).
"""

from __future__ import annotations

import copy
import functools
import inspect

from server.api.execution.loaders import Loaders


class InjectedFault(RuntimeError):
    """The fault a test injected (its message must never reach a client)."""


def failing_batch(monkeypatch, method: str, when=lambda keys: True) -> list:
    """Make ``Loaders.<method>`` raise for a batch whose keys ``when`` accepts; returns
    the list of failed batches' keys, filled as they fail."""
    original = getattr(Loaders, method)
    failed: list = []

    @functools.wraps(original)
    async def failing(self, *arguments):
        keys = list(arguments[-1])
        if when(keys):
            failed.append(keys)
            raise InjectedFault(f"injected: {method} failed for {keys}")
        return await original(self, *arguments)

    monkeypatch.setattr(Loaders, method, failing)
    return failed


def failing_attribute(monkeypatch, method: str, attribute: str, rows) -> list:
    """Make the objects ``Loaders.<method>`` returns for which ``rows(obj)`` is true
    raise on reading ``attribute`` (for both executors: they read it the same way).
    Returns the list of objects poisoned so far."""
    original = getattr(Loaders, method)
    poisoned: list = []

    def poison(value):
        if isinstance(value, list):  # a batch's results, or one key's list of records
            return [poison(item) for item in value]
        if value is None or not rows(value):
            return value
        twin = copy.copy(value)
        object.__setattr__(twin, "__class__", _raising(type(value), attribute))
        poisoned.append(twin)
        return twin

    if inspect.iscoroutinefunction(original):

        @functools.wraps(original)
        async def poisoning(self, *arguments):
            return poison(await original(self, *arguments))

    else:

        @functools.wraps(original)
        def poisoning(self, *arguments):
            return poison(original(self, *arguments))

    monkeypatch.setattr(Loaders, method, poisoning)
    return poisoned


@functools.cache
def _raising(cls: type, attribute: str) -> type:
    """A subclass of ``cls`` (so still of its GraphQL type) whose ``attribute`` raises."""

    def read(self):
        raise InjectedFault(f"injected: reading {attribute} of a {cls.__name__}")

    return type(f"Faulty{cls.__name__}", (cls,), {"__slots__": (), attribute: property(read)})
