"""A least-recently-used map bounded in entries and in bytes: the one shape of every
in-memory cache here (answers, prepared documents, persisted queries, introspection).

Each entry is put with its size in bytes, as its owner counts it (an answer's encoded
length, a query's text); an entry over ``max_item`` is not kept at all, so one large
value cannot empty the cache. A key already present is kept as it is.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

Value = TypeVar("Value")


class LRU(Generic[Value]):
    def __init__(self, max_entries: int, max_bytes: int, max_item: int | None = None):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_item = max_bytes if max_item is None else max_item
        self.bytes = 0
        self._entries: OrderedDict[object, tuple[Value, int]] = OrderedDict()

    def get(self, key) -> Value | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key, value: Value, size: int) -> None:
        if key in self._entries or size > self.max_item:
            return
        self._entries[key] = (value, size)
        self.bytes += size
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            _, (_, evicted) = self._entries.popitem(last=False)
            self.bytes -= evicted

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0

    def __contains__(self, key) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)
