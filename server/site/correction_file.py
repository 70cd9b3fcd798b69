"""The corrections file: readers' reports of errors, kept apart from the record.

A small SQLite file of its own (by default ``corrections.sqlite`` beside the store; see
Settings.corrections_path), never the record's store, which is rebuilt from seed/ and
only read. Reports are only ever added: triggers refuse an UPDATE or a DELETE, so the file
is a log the maintainers read (``python -m server corrections``) and archive themselves.
Its size is bounded by SQLite (``max_page_count``): past the bound an insert fails with
SQLITE_FULL, which is answered as ``CorrectionsFull``, and nothing is half written.

The calls are synchronous and short (one connection per call, one statement): reports are
rare, and the web endpoint runs them in a worker thread.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from dataclasses import asdict, astuple, dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS correction (
  id INTEGER PRIMARY KEY,
  received TEXT NOT NULL,        -- when it arrived, UTC: 2026-12-08T10:11:12Z
  permalink TEXT NOT NULL,       -- the fact's page on this site, as a path
  shown TEXT NOT NULL,           -- what the page showed of the fact, as the form sent it
  message TEXT NOT NULL,         -- the reader's words
  contact TEXT NOT NULL,         -- how to reach them, if they gave it ('' if not)
  record_version TEXT NOT NULL   -- the record's content version the page was served from
);
CREATE TRIGGER IF NOT EXISTS correction_never_changed BEFORE UPDATE ON correction
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER IF NOT EXISTS correction_never_deleted BEFORE DELETE ON correction
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
"""
INSERT = """
INSERT INTO correction (received, permalink, shown, message, contact, record_version)
VALUES (:received, :permalink, :shown, :message, :contact, :record_version)
"""
SELECT = """
SELECT received, permalink, shown, message, contact, record_version FROM correction
WHERE received >= :since ORDER BY id DESC
"""


class CorrectionsFull(Exception):
    """The file has reached its bound: the report was not kept."""


@dataclass(frozen=True)
class Correction:
    received: str
    permalink: str
    shown: str
    message: str
    contact: str
    record_version: str

    @classmethod
    def now(cls, **values: str) -> Correction:
        received = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return cls(received=received, **values)


COLUMNS = tuple(spec.name for spec in fields(Correction))


class CorrectionFile:
    """The append-only file at ``path``, refusing to grow past ``max_bytes``."""

    def __init__(self, path: Path, max_bytes: int):
        self.path = Path(path)
        self.max_bytes = max_bytes
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        # A PRAGMA takes no parameters; this is an int computed here, never client text.
        pages = max(2, int(self.max_bytes) // int(page_size))
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    def add(self, correction: Correction) -> None:
        """Append one report, or raise CorrectionsFull (nothing is kept then)."""
        if self.path.exists() and self.path.stat().st_size >= self.max_bytes:
            raise CorrectionsFull
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(self._connect()) as connection:
                if not self._ready:
                    connection.executescript(SCHEMA)
                    self._ready = True
                connection.execute(INSERT, asdict(correction))
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise CorrectionsFull from None
            raise

    def list(self, since: str = "") -> list[Correction]:
        """Every report received on or after ``since`` (a day, YYYY-MM-DD), newest first;
        none when no report was ever received (the file is not created by reading)."""
        if not self.path.exists():
            return []
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=5)) as connection:
            known = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'correction'"
            ).fetchone()
            if not known:
                return []
            rows = connection.execute(SELECT, {"since": since}).fetchall()
        return [Correction(*row) for row in rows]


# What the maintainers read: `python -m server corrections [--json|--csv] [--since DAY]`.
HEADINGS = {"received": "Received", "permalink": "Permalink", "shown": "The page showed"}
HEADINGS |= {"message": "Message", "contact": "Contact", "record_version": "Record version"}
# A spreadsheet runs a cell starting with one of these as a formula: a report's text is a
# stranger's, so such a cell is written with a leading apostrophe (shown as text).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(path: Path, form: str = "text", since: str | None = None) -> str:
    """The reports in ``path`` as text, JSON or CSV, newest first; ``since`` is a day
    (YYYY-MM-DD), or a ValueError naming what is wrong with it."""
    day = ""
    if since is not None:
        try:
            day = date.fromisoformat(since).isoformat()
        except ValueError:
            raise ValueError(f"--since {since!r} is not a day (expected YYYY-MM-DD)") from None
    found = CorrectionFile(path, max_bytes=0).list(day)
    if form == "json":
        keys = {name: _camel(name) for name in COLUMNS}
        rows = [{keys[k]: v for k, v in asdict(c).items()} for c in found]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADINGS[name] for name in COLUMNS)
        for correction in found:
            writer.writerow(_cell(value) for value in astuple(correction))
        return out.getvalue()
    if not found:
        return f"No reports received{f' since {day}' if day else ''} (kept in {path}).\n"
    blocks = []
    for c in found:
        lines = [f"{c.received}  {c.permalink}"]
        for name in ("shown", "message", "contact"):
            value = getattr(c, name)
            if value:
                lines.append(f"  {HEADINGS[name]}: " + value.replace("\n", "\n    "))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + f"\n\n{len(found)} report(s) in {path}\n"


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value
