"""The data dictionary: every table and column of the store a reader should know.

It is the one description of the downloadable store, from which both the zip's
``data-dictionary.md`` and the Datasette ``metadata.json`` are written; a test fails when
the store has a table or column it does not describe. Internal tables are left out (see
``is_internal``): SQLite's own (``sqlite_stat1``, written by ANALYZE for the planner) and
the full-text index ``search_index`` with its FTS5 shadow tables (``search_index_data``,
``_idx``, ``_content``, ``_docsize``, ``_config``), which are derived from the countries,
agreements and events tables and hold nothing of their own. The schema version is
``PRAGMA user_version``, not a table.
"""

from __future__ import annotations

from server.files.data_tables import BY_NAME, DATES, FORMULA_CELLS, TABLES, Table, one_of

__all__ = ["BY_NAME", "FORMULA_CELLS", "TABLES", "Table", "one_of"]


TITLE = "accordline"
DESCRIPTION = (
    "A sourced record of diplomatic normalization: countries, the agreements they join, "
    "each country's status in each agreement over time, bilateral relation histories, "
    "and a dated, cited timeline."
)
# Nothing in the project states a licence for the record; this says what holds.
LICENSE = "Record compiled by accordline; sources' own terms apply"
SOURCE = "accordline (each fact cites its published sources: see the sources table)"


def is_internal(table: str) -> bool:
    """SQLite's own tables, the search index and the periods (derived data: the periods are
    the steps tables replayed by the model's rules): not described or exported."""
    return (
        table.startswith("sqlite_")
        or table == "search_index"
        or table.startswith("search_index_")
        or table.endswith("_periods")
    )


def markdown(content_version: str, updated: str) -> str:
    """data-dictionary.md for the zip of CSV files."""
    lines = [
        f"# {TITLE}: data dictionary",
        "",
        DESCRIPTION,
        "",
        f"Record version `{content_version}`, updated {updated}. Licence: {LICENSE}.",
        "",
        "One CSV file per table, UTF-8, with a header row. Empty cells are NULL. Dates keep "
        "their real precision: " + DATES,
        "",
        FORMULA_CELLS,
        "",
    ]
    for table in TABLES:
        lines += [f"## {table.name}.csv — {table.title}", "", table.description, ""]
        lines += ["| column | meaning |", "|---|---|"]
        lines += [f"| `{name}` | {text} |" for name, text in table.columns.items()]
        lines.append("")
    return "\n".join(lines)


def datasette_metadata(database_names: list[str], source_url: str) -> dict:
    """Datasette's metadata.json: the record's title, licence and source, and a title,
    description and column descriptions for every table, under each database name
    given (Datasette names a database after its file)."""
    tables = {
        table.name: {
            "title": table.title,
            "description": table.description,
            "columns": dict(table.columns),
        }
        for table in TABLES
    }
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "license": LICENSE,
        "source": SOURCE,
        "source_url": source_url,
        "databases": {
            name: {"title": TITLE, "description": DESCRIPTION, "tables": tables}
            for name in database_names
        },
    }
