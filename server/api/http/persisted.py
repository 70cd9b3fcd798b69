"""Apollo's automatic persisted queries: a client sends a query's sha256 instead of its
text, and the full text only when the server answers ``PersistedQueryNotFound``.

The registry is per process and bounded in entries and in bytes of text (least recently
used first out): a forgotten query costs the client one more round trip, nothing else. A
query is stored only after its text hashes to the hash it was sent with and it has been
prepared (parsed and validated) without error: junk is never stored, so it can neither
take memory nor evict the queries clients really use.
"""

from __future__ import annotations

import dataclasses
import hashlib

from server.api.http.request import GraphQLParams
from server.http.errors import PERSISTED_QUERY_NOT_FOUND, RequestError
from server.http.lru import LRU

MAX_BYTES = 2 * 1024 * 1024  # text kept in all, whatever max_entries allows


class PersistedQueries:
    def __init__(self, max_entries: int, max_bytes: int = MAX_BYTES):
        self._queries: LRU[str] = LRU(max_entries, max_bytes, max_item=max_bytes // 16)

    def resolve(self, params: GraphQLParams) -> tuple[GraphQLParams, str | None]:
        """The params with the query text filled in from its hash, and the hash to
        ``store`` the text under once it has been prepared (None: nothing to store)."""
        persisted = (params.extensions or {}).get("persistedQuery")
        if persisted is None:
            return params, None
        digest = _sha256(persisted)
        if params.query is None:
            query = self._queries.get(digest)
            if query is None:
                # A status the client's link retries on: 200 with application/json (as
                # Apollo Server); a 4xx with graphql-response+json, whose rules need one
                # when the body has no data.
                raise RequestError(
                    "PersistedQueryNotFound", status=(200, 404), code=PERSISTED_QUERY_NOT_FOUND
                )
            return dataclasses.replace(params, query=query), None
        if hashlib.sha256(params.query.encode()).hexdigest() != digest:
            raise RequestError(
                "extensions.persistedQuery.sha256Hash does not match the query: "
                "send the hex sha256 of the exact `query` text"
            )
        return params, digest

    def store(self, digest: str, query: str) -> None:
        """Remember ``query`` under ``digest`` (a prepared query's, from ``resolve``)."""
        self._queries.put(digest, query, len(query))

    def __len__(self) -> int:
        return len(self._queries)


def _sha256(persisted: object) -> str:
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise RequestError(
            "extensions.persistedQuery must be {version: 1, sha256Hash: <hex sha256>}; "
            "only version 1 is supported"
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or len(digest) != 64:
        raise RequestError(
            "extensions.persistedQuery.sha256Hash must be the 64-character hex sha256 of the query"
        )
    return digest.lower()
