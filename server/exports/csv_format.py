"""CSV: a header row, then one row per item of the list (written by the csv module)."""

from __future__ import annotations

import csv
import io

from .rows import RowContext, header, rows

MEDIA_TYPE = "text/csv; charset=utf-8"


def render(context: RowContext) -> bytes:
    """The list as CSV (RFC 4180 line endings), UTF-8 with no byte-order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(context.export.spec.name))
    writer.writerows(rows(context))
    return buffer.getvalue().encode("utf-8")
