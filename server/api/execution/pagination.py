"""Keyset pages and their cursors, for every connection.

A cursor is opaque to clients but not arbitrary: it is a versioned record of the list it
came from and of the item's position on that list's own sort key (a date and a slug, a
name and a code), never a build-time row number. A rebuilt store therefore continues a
walk where it stopped, even when records were added before that point. Anything else
offered as a cursor is refused with BAD_USER_INPUT naming the argument.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from strawberry import relay

from server.api.errors import UserInputError
from server.api.schema.connection import Connection
from server.store.queries import Page

CURSOR_VERSION = 1
MAX_KEY_TEXT = 200  # no sort key value we issue is longer
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ListSpec:
    """What identifies one paginated list: its cursor tag and its sort key's types."""

    tag: str
    key_types: tuple[type, ...]
    max_size: int | None = None  # None: the server's max_page_size


COUNTRIES = ListSpec("country", (str, str))  # sort name, code
AGREEMENTS = ListSpec("agreement", (str, str))  # first possible day, slug
EVENTS = ListSpec("event", (str, str))  # first possible day, slug
PARTICIPATIONS = ListSpec("participation", (str, str, str))  # agreement day, slug, role
PARTICIPANTS = ListSpec("participant", (str, str, str))  # country sort name, code, role
RELATIONS = ListSpec("relation", (str, str))  # other country's sort name, code
RELATIONS_OF_COUNTRY = ListSpec("relation-of", (str, str))  # other's sort name, code
RELATION_PAIRS = ListSpec("relation-pair", (str, str))  # the two codes
SEARCH = ListSpec("search", (int,), max_size=50)  # position in the ranked results
CHANGES = ListSpec("change", (str, str, str, str))  # day, record type, key, action


def encode_cursor(spec: ListSpec, key: Sequence) -> str:
    payload = json.dumps([CURSOR_VERSION, spec.tag, *key], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(spec: ListSpec, cursor: str, argument: str) -> tuple:
    """The sort key inside a cursor this list handed out; BAD_USER_INPUT for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeError, RecursionError):
        payload = None
    if not _well_formed(spec, payload):
        raise UserInputError(
            f'{argument}: "{cursor[:80]}" is not a cursor from this list '
            "(pass a cursor or pageInfo.endCursor/startCursor from the same field)",
            argument=argument,
        )
    return tuple(payload[2:])


def _well_formed(spec: ListSpec, payload) -> bool:
    if not isinstance(payload, list) or len(payload) != 2 + len(spec.key_types):
        return False
    version, tag, *key = payload
    if type(version) is not int or version != CURSOR_VERSION or tag != spec.tag:
        return False
    for value, kind in zip(key, spec.key_types, strict=True):
        if type(value) is not kind:  # bool is not int, 1.5 is not int
            return False
        if kind is str and (len(value) > MAX_KEY_TEXT or _SURROGATE.search(value)):
            return False  # too long, or a lone surrogate no SQL parameter can hold
        if kind is int and not 0 <= value < 2**31:
            return False
    return True


def page_request(
    spec: ListSpec,
    settings,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    descending: bool = False,
) -> Page:
    """Validate Relay paging arguments into a keyset Page."""
    max_size = spec.max_size or settings.max_page_size
    if first is not None and last is not None:
        raise UserInputError("pass either first or last, not both", argument="first")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 1 <= value <= max_size:
            raise UserInputError(
                f"{name} must be between 1 and {max_size} (got {value})", argument=name
            )
    return Page(
        limit=first or last or min(settings.default_page_size, max_size),
        after=decode_cursor(spec, after, "after") if after is not None else None,
        before=decode_cursor(spec, before, "before") if before is not None else None,
        backwards=last is not None,
        descending=descending,
    )


def connection(
    spec: ListSpec,
    rows: list,
    page: Page,
    *,
    key: Callable[[object], tuple],
    node: Callable[[object], object],
    counter: Callable[[], Awaitable[int]],
) -> Connection:
    """Turn the rows of one keyset fetch (limit + 1 rows at most) into a connection."""
    more = len(rows) > page.limit
    if not more and page.after is None and page.before is None:
        # The whole list fitted in one page: its size is known, no counting needed.
        counter = _known(len(rows))
    rows = rows[: page.limit]
    if page.backwards:
        rows.reverse()
    edges = [relay.Edge(node=node(row), cursor=encode_cursor(spec, key(row))) for row in rows]
    # Relay: when paging one way, the other way's flag may simply say whether a cursor
    # was given (the spec allows it; a cursor we accept always names a real position).
    info = relay.PageInfo(
        has_next_page=more if not page.backwards else page.before is not None,
        has_previous_page=more if page.backwards else page.after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, counter=counter)


def _known(total: int) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return total

    return count


class SharedCount:
    """totalCount for a whole level of connections: one statement, only if asked for.

    ``fetch()`` returns {owner: count}; the first connection to ask starts it and the
    others await the same future.
    """

    def __init__(self, fetch: Callable[[], Awaitable[dict]]):
        self._fetch = fetch
        self._counts: asyncio.Future | None = None

    def for_owner(self, owner) -> Callable[[], Awaitable[int]]:
        async def count() -> int:
            if self._counts is None:
                self._counts = asyncio.ensure_future(self._fetch())
            return (await asyncio.shield(self._counts)).get(owner, 0)

        return count
