"""One counted Relay connection type for every list that grows with the data.

``Connection[Country]`` is named ``CountryConnection`` in the schema (Strawberry names a
generic's specialisation after its type argument), so each list keeps its usual name
while the class is written once. ``totalCount`` is computed only when asked for.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic

import strawberry
from strawberry import Private, relay
from strawberry.relay.types import NodeType


@strawberry.type(
    name="Connection",
    description="One page of a list; `totalCount` counts the whole list under the same filter.",
)
class Connection(relay.Connection[NodeType], Generic[NodeType]):
    counter: Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list has, across all pages.")
    async def total_count(self) -> int:
        return await self.counter()
