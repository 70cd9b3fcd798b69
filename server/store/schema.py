"""The store's schema: the text of schema.sql and the version that names it.

The store is rebuilt from seed/, never migrated, so its version only has to tell one
schema from another: it is a digest of schema.sql, written to ``PRAGMA user_version`` by
the build and checked by the server when it opens a store. Editing schema.sql changes
it, and a store built before the edit is refused until it is rebuilt. Serving imports
this module (for the version) and never the writer beside it.
"""

from __future__ import annotations

import hashlib
from importlib import resources


def version_of(schema: str) -> int:
    """The schema version of a schema text: 28 bits of its SHA-256, a positive number
    that fits SQLite's 32-bit user_version."""
    return int(hashlib.sha256(schema.encode("utf-8")).hexdigest()[:7], 16)


SCHEMA_SQL = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
SCHEMA_VERSION = version_of(SCHEMA_SQL)
