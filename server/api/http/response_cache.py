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

from server.http.lru import LRU


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
    """Encoded answers of one store version (a new version empties it), at most an eighth
    of the byte bound each."""

    def __init__(self, max_entries: int, max_bytes: int = 64 * 1024 * 1024):
        self._answers: LRU[bytes] = LRU(max_entries, max_bytes, max_item=max_bytes // 8)
        self.content_version: str | None = None

    def get(self, key: str, content_version: str) -> bytes | None:
        if content_version != self.content_version:
            self.clear(content_version)
            return None
        return self._answers.get(key)

    def put(self, key: str, content_version: str, body: bytes) -> None:
        if content_version == self.content_version:
            self._answers.put(key, body, len(body))

    def clear(self, content_version: str | None) -> None:
        self._answers.clear()
        self.content_version = content_version

    def __len__(self) -> int:
        return len(self._answers)
