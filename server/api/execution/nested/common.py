"""What the nested fields share: the paging arguments, grouping rows by owner, and the
confidence rule applied to each parent's sources."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

import strawberry

from server.api.execution.timeline import SortOrder
from server.model.confidence import confidence

# The paging arguments, the same on every connection.
First = Annotated[
    int | None,
    strawberry.argument(description="Page size from the start (1 to 100; default 20)."),
]


After = Annotated[
    str | None, strawberry.argument(description="Continue after this cursor (an endCursor).")
]


Last = Annotated[int | None, strawberry.argument(description="Page size from the end.")]


Before = Annotated[
    str | None, strawberry.argument(description="Continue before this cursor (a startCursor).")
]


Order = Annotated[
    SortOrder | None, strawberry.argument(description="ASC (oldest first, the default) or DESC.")
]


def grouped(rows, key: str = "owner") -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def unique(sources) -> list:
    """Sources in first-cited order, each once."""
    seen = {}
    for source in sources:
        seen.setdefault(source.slug, source)
    return list(seen.values())


def judged(sources):
    # Every fact cites at least one source (the seed checks refuse one that does not).
    return confidence(source.kind for source in sources)


def confidence_of(sources_of):
    """The level function of a `confidence` field: each parent's sources, judged by the
    one rule (server.model.confidence)."""

    async def confidence_of(info, parents):
        return [judged(sources) for sources in await sources_of(info, parents)]

    return confidence_of
