"""CSV: a header row, then one row per item of the list (written by the csv module).

Every CSV the site writes (these exports and the whole-record zip, server/files/downloads.py)
writes its cells through ``cell``: a text cell that a spreadsheet would run as a formula
(OWASP's "CSV Injection": it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading ``'``, so a title such as "+972 Magazine" shows as text. No value
the record holds begins so today (dates are YYYY[-MM[-DD]] or "by …", codes are letters
or digits, numbers are written as numbers and left alone); a reader who needs the raw
text strips the ``'`` from such cells, or reads the JSON or SQLite download.

A CSV is UTF-8. Excel reads a CSV as UTF-8 only when it opens with a byte-order mark, so
``?excel=1`` (``EXCEL``) gives the same file with one; for Excel itself, the .xlsx keeps
dates as text, which no CSV can (xlsx_format.py).
"""

from __future__ import annotations

import csv
import functools
import io
import types

from server.files.exports.rows import RowContext, header, rows

MEDIA_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet runs: text that could start a formula is
    prefixed with ``'``; anything else (numbers, None) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_rows(writer, table) -> None:
    """Each row of ``table`` through ``cell``, written by a csv module writer."""
    writer.writerows([cell(value) for value in row] for row in table)


def render(context: RowContext, *, bom: bool = False) -> bytes:
    """The list as CSV (RFC 4180 line endings), UTF-8; with a byte-order mark if ``bom``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(context.export.spec.name))
    write_rows(writer, rows(context))
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


# The ?excel=1 variant: the same rows, after a UTF-8 byte-order mark.
EXCEL = types.SimpleNamespace(MEDIA_TYPE=MEDIA_TYPE, render=functools.partial(render, bom=True))
