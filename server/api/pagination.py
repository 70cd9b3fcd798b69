"""Opaque keyset cursors and Relay connections built from one fetched page."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence

from strawberry import relay

from ..queries import Page
from .errors import UserInputError


def encode_cursor(tag: str, key: Sequence) -> str:
    if len(key) == 1 and type(key[0]) is int:  # the common case, without json.dumps
        payload = f'["{tag}",{key[0]}]'
    else:
        payload = json.dumps([tag, *key], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(tag: str, cursor: str, argument: str) -> tuple:
    """The key inside a cursor this list handed out; BAD_USER_INPUT for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeError):
        payload = None
    if not isinstance(payload, list) or len(payload) < 2 or payload[0] != tag:
        raise UserInputError(
            f'{argument}: "{cursor[:80]}" is not a cursor from this list '
            "(use a cursor or pageInfo.endCursor/startCursor from the same field)",
            argument=argument,
        )
    return tuple(payload[1:])


def page_request(
    *,
    tag: str,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    max_size: int,
    default_size: int,
    descending: bool = False,
) -> Page:
    """Validate Relay paging arguments into a keyset Page."""
    if first is not None and last is not None:
        raise UserInputError("pass either first or last, not both", argument="first")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 1 <= value <= max_size:
            raise UserInputError(
                f"{name} must be between 1 and {max_size} (got {value})", argument=name
            )
    return Page(
        limit=first or last or default_size,
        after=decode_cursor(tag, after, "after") if after is not None else None,
        before=decode_cursor(tag, before, "before") if before is not None else None,
        backwards=last is not None,
        descending=descending,
    )


def connection(
    cls,
    rows: list,
    page: Page,
    *,
    tag: str,
    key: Callable[[object], tuple],
    node: Callable[[object], object],
    counter: Callable[[], Awaitable[int]],
):
    """Turn the rows of one keyset fetch (limit + 1 rows at most) into a connection."""
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    if page.backwards:
        rows.reverse()
    edges = [relay.Edge(node=node(row), cursor=encode_cursor(tag, key(row))) for row in rows]
    # Relay: when paging one way, the other way's flag may simply say whether a cursor
    # was given, which is exact here because cursors only come from real rows.
    info = relay.PageInfo(
        has_next_page=more if not page.backwards else page.before is not None,
        has_previous_page=more if page.backwards else page.after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return cls(edges=edges, page_info=info, counter=counter)
