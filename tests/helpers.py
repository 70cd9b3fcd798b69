"""Small helpers shared by the tests."""

from __future__ import annotations


def nodes(connection: dict) -> list:
    """The nodes of one page of a connection, in order."""
    return [edge["node"] for edge in connection["edges"]]
