"""The store's schema, as numbered SQL files applied in order (PRAGMA user_version).

Both the builder (which applies them) and the server (which checks a store's version)
read the list from here, so serving never imports the store writer."""

from __future__ import annotations

from importlib import resources


def migrations() -> list[tuple[int, str]]:
    """The schema migrations as (version, sql), in the order they apply."""
    folder = resources.files(__name__)
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]
