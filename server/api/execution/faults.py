"""A server fault during execution, answered GraphQL's way by both executors.

When a resolver or a loader raises anything but an expected error (bad input, a timeout),
the field it was computing is null and the response carries one masked error with that
field's ``path`` and ``locations`` (the view masks and logs it: http/errors.py). A null
in a non-null position propagates to the nearest nullable parent, as the spec says;
the error keeps the path of the field that failed, and is reported once, where the null
stops. On the fast path an object nulled by several failed non-null fields reports the
first in selection order, and a list the first failed item; graphql-core reports the
first to fail in time, which is the same unless faults race inside one nulled object.

The fast path completes a whole level at once, so it cannot carry a path per value
cheaply; it carries a *place* per level instead (where the level's values sit in the
response), and a place computes a value's path only when a fault needs one.

Errors are sent in the order of the places they name in the response
(``in_response_order``), whichever executor answered: Strawberry records them in the
order its concurrent fields happened to fail, which is not a contract.
"""

from __future__ import annotations

import asyncio
import bisect

from graphql import GraphQLError

from server.api.execution.strawberry_adapter import located
from server.store.db import QueryTimeout


class GiveUp(Exception):
    """This request is not for the fast path; Strawberry will execute it."""


# Failures that are not faults: an expected error GraphQL reports with partial data (the
# fast path declines it), a decline, a cancellation (a timeout is a GraphQLError).
EXPECTED = (GraphQLError, GiveUp, asyncio.CancelledError)


def is_fault(error: BaseException) -> bool:
    return isinstance(error, Exception) and not isinstance(error, EXPECTED)


class Fault:
    """The value of a position whose computation raised a server fault: null, with its
    located error, once it reaches a nullable position; until then it propagates."""

    __slots__ = ("error",)

    def __init__(self, error: GraphQLError):
        self.error = error


class Place:
    """Where a level's values sit in the response: value ``i`` is at ``path(i)``."""

    __slots__ = ()

    def path(self, index: int) -> tuple:
        raise NotImplementedError


class Root(Place):
    __slots__ = ()

    def path(self, index: int) -> tuple:
        return ()


class FieldOf(Place):
    """One field (response key) of each object of a level."""

    __slots__ = ("parent", "key")

    def __init__(self, parent: Place, key: str):
        self.parent = parent
        self.key = key

    def path(self, index: int) -> tuple:
        return (*self.parent.path(index), self.key)


class Some(Place):
    """The values of a place picked by ``indexes`` (those not null, those of a type)."""

    __slots__ = ("parent", "indexes")

    def __init__(self, parent: Place, indexes: list[int]):
        self.parent = parent
        self.indexes = indexes

    def path(self, index: int) -> tuple:
        return self.parent.path(self.indexes[index])


class Items(Place):
    """The items of lists, flattened: the lists at ``indexes`` of a place, of
    ``lengths`` items each, one after another."""

    __slots__ = ("parent", "indexes", "lengths", "_starts")

    def __init__(self, parent: Place, indexes: list[int], lengths: list[int]):
        self.parent = parent
        self.indexes = indexes
        self.lengths = lengths
        self._starts: list[int] | None = None  # made when a path is first asked for

    def path(self, index: int) -> tuple:
        if self._starts is None:
            self._starts, start = [], 0
            for length in self.lengths:
                self._starts.append(start)
                start += length
        which = bisect.bisect_right(self._starts, index) - 1
        return (*self.parent.path(self.indexes[which]), index - self._starts[which])


def fault(error: Exception, nodes, path: tuple) -> Fault:
    """A fault located as graphql-core locates a field's error."""
    return Fault(located(error, nodes, list(path)))


def first_expected(results) -> BaseException | None:
    """The first failure in ``results`` that is not a fault (re-raised by the caller)."""
    for result in results:
        if isinstance(result, BaseException) and not is_fault(result):
            return result
    return None


def decisive(group: BaseExceptionGroup) -> BaseException:
    """Of failures raised together by concurrent fields (a TaskGroup's), the one that
    decides the answer: a fault outside any field first (a bug: the view's 500), then a
    timeout, then the first expected failure."""
    leaves = _leaves(group)
    for leaf in leaves:
        if not isinstance(leaf, GiveUp | GraphQLError):
            return leaf
    for leaf in leaves:
        if isinstance(leaf, QueryTimeout):
            return leaf
    return leaves[0]


def _leaves(group: BaseExceptionGroup) -> list[BaseException]:
    found = []
    for error in group.exceptions:
        found.extend(_leaves(error) if isinstance(error, BaseExceptionGroup) else [error])
    return found


def in_response_order(errors: list, data) -> list:
    """``errors`` (with paths) sorted by where they point in ``data``: keys in their
    order in the response, list items by index; below a null, by the path itself."""
    if len(errors) < 2:
        return list(errors)
    return sorted(errors, key=lambda error: _position(error.path or (), data))


def _position(path, data) -> tuple:
    key, node = [], data
    for part in path:
        if isinstance(node, dict) and part in node:
            key.append((0, list(node).index(part), ""))
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            key.append((0, part, ""))
            node = node[part]
        else:
            node = None
            key.append((1, part, "") if isinstance(part, int) else (1, 0, str(part)))
    return tuple(key)
