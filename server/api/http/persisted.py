"""Apollo's automatic persisted queries: a client sends a query's sha256 instead of its
text, and the full text only when the server answers ``PersistedQueryNotFound``.

The registry is per process and bounded (least recently used first out): a forgotten
query costs the client one more round trip, nothing else. A query is stored only after
its text hashes to the hash it was sent with.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict

from .errors import PERSISTED_QUERY_NOT_FOUND, RequestError
from .request import GraphQLParams


class PersistedQueries:
    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._queries: OrderedDict[str, str] = OrderedDict()

    def resolve(self, params: GraphQLParams) -> GraphQLParams:
        """The params with the query text filled in from (or stored under) its hash."""
        persisted = (params.extensions or {}).get("persistedQuery")
        if persisted is None:
            return params
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
            self._queries.move_to_end(digest)
            return dataclasses.replace(params, query=query)
        if hashlib.sha256(params.query.encode()).hexdigest() != digest:
            raise RequestError(
                "extensions.persistedQuery.sha256Hash does not match the query: "
                "send the hex sha256 of the exact `query` text"
            )
        self._queries[digest] = params.query
        self._queries.move_to_end(digest)
        while len(self._queries) > self.max_entries:
            self._queries.popitem(last=False)
        return params

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
