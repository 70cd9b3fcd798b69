"""The response cache: whole JSON answers, keyed by what determines them.

An answer depends only on the operation text, its name, its variables, the store's
content version (the store is immutable once built), the day (a relation's state or a
membership asked for with no date is as of today) and the media type it is sent as, so
that tuple, hashed, is both the cache key and the ETag. A rebuilt store has a new content version: old entries can never
match again, and they are dropped when the store is swapped. Only answers without errors
are kept; the cache is bounded in entries and bytes, least recently used first out.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict


def cache_key(
    query: str, operation_name, variables, content_version: str, media_type: str, today: str
) -> str:
    canonical = json.dumps(
        [query.strip(), operation_name, variables or {}, content_version, media_type, today],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


class ResponseCache:
    def __init__(self, max_entries: int, max_bytes: int = 64 * 1024 * 1024):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self.content_version: str | None = None
        self._entries: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str, content_version: str) -> bytes | None:
        if content_version != self.content_version:
            self.clear(content_version)
            return None
        body = self._entries.get(key)
        if body is not None:
            self._entries.move_to_end(key)
        return body

    def put(self, key: str, content_version: str, body: bytes) -> None:
        if content_version != self.content_version or len(body) > self.max_bytes // 8:
            return
        if key in self._entries:
            return
        self._entries[key] = body
        self.bytes += len(body)
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.bytes -= len(evicted)

    def clear(self, content_version: str | None) -> None:
        self._entries.clear()
        self.bytes = 0
        self.content_version = content_version

    def __len__(self) -> int:
        return len(self._entries)
