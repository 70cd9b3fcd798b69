"""Excel workbooks (.xlsx, written with XlsxWriter): what the CSV holds, as Excel keeps it.

Three sheets. The list's own (Timeline, Members, Candidates, Relations): the CSV's header
and rows (rows.py), the header frozen and filterable, permalinks as links. Sources: one
line per source of each row, its title, publisher, publication date and link. About: the
record's version and dates, the page the list is shown on, and what each column means
(column_meanings.py).

Every text is written as a text cell. A date stays "1992-08" with its precision beside it
(Excel reads the CSV's 1992-08 as 1 Aug 1992 and "1950" as a number), and a cell that
begins with "=" is text, never a formula, so no leading ``'`` is needed here (unlike the
CSV: csv_format.py). The file is reproducible: its creation time is the store's build.
"""

from __future__ import annotations

import io
from datetime import datetime

import xlsxwriter

from server.files.exports.column_meanings import meaning
from server.files.exports.rows import COLUMNS, SOURCES_OF, RowContext, header, printed, rows
from server.model.typed_dates import human_date

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = {
    "timeline": "Timeline",
    "members": "Members",
    "candidates": "Candidates",
    "relations": "Relations",
}
WHAT = {
    "timeline": "the timeline's events",
    "members": "an agreement's members",
    "candidates": "an agreement's candidates (who may be next)",
    "relations": "a country's relations",
}
LINKED = {"permalink", "sources"}  # columns whose cell is a link when it holds one URL
SOURCE_HEADER = [
    "row",
    "permalink",
    "title",
    "publisher",
    "published",
    "published_printed",
    "precision",
    "qualifier",
    "kind",
    "url",
]
MIN_WIDTH, MAX_WIDTH = 6, 60
URL_LIMIT = 2079  # Excel's longest link; a longer address is written as text
DATES_NOTE = (
    "Every date is a text cell at its real precision, never an Excel date: 1992-08 is "
    "August 1992, not 1 Aug 1992, and 1950 is the year. The precision column says DAY, "
    "MONTH or YEAR; qualifier BY means known only to have held by then. The *_printed "
    'columns give each date as the site prints it ("Aug 1992", "by 13 Oct 2023").'
)
SOURCES_NOTE = (
    "The Sources sheet lists each row's sources, one per line, with the number of the row "
    "on the first sheet, the source's publication date and its link."
)


def render(context: RowContext) -> bytes:
    """The list as an .xlsx workbook (bytes)."""
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    workbook = xlsxwriter.Workbook(buffer, options)
    record = context.export.record
    name = context.export.spec.name
    workbook.set_properties(
        {
            "title": f"accordline: {WHAT[name]}",
            "author": "accordline",
            "comments": f"Record version {record['contentVersion']}; {context.page}",
            "created": _built(record["builtAt"]),
        }
    )
    bold = workbook.add_format({"bold": True})
    _rows_sheet(workbook, context, bold)
    _sources_sheet(workbook, context, bold)
    _about_sheet(workbook, context, bold)
    workbook.close()
    return buffer.getvalue()


def _built(text: str | None) -> datetime:
    """The store's build time, naive UTC (as XlsxWriter writes it)."""
    if not text:
        return datetime(2000, 1, 1)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)


def _is_url(text: object) -> bool:
    return (
        isinstance(text, str)
        and text.startswith(("https://", "http://"))
        and len(text) <= URL_LIMIT
        and not any(ch.isspace() for ch in text)
    )


def _write(sheet, row: int, col: int, value: object, link: bool = False) -> int:
    """One cell: a link (when asked and ``value`` is one URL), text, a number or nothing.
    Returns the width the value needs."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = str(value)
        if link and _is_url(text):
            sheet.write_url(row, col, text, string=text)
        else:
            sheet.write_string(row, col, text)
        return len(text)
    sheet.write_number(row, col, value)
    return len(str(value))


def _table(sheet, names: list[str], table: list[list[object]], bold, linked: set[str]) -> None:
    """A header row (frozen, with filters) over ``table``, columns as wide as they need."""
    widths = [len(name) for name in names]
    for col, name in enumerate(names):
        sheet.write_string(0, col, name, bold)
    for index, values in enumerate(table, start=1):
        for col, value in enumerate(values):
            width = _write(sheet, index, col, value, names[col] in linked)
            widths[col] = max(widths[col], width)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(MAX_WIDTH, max(MIN_WIDTH, width + 2)))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(table), 1), len(names) - 1)


def _rows_sheet(workbook, context: RowContext, bold) -> None:
    name = context.export.spec.name
    sheet = workbook.add_worksheet(SHEETS[name])
    _table(sheet, header(name), rows(context), bold, LINKED)


def _sources_sheet(workbook, context: RowContext, bold) -> None:
    name = context.export.spec.name
    sources_of = SOURCES_OF[name]
    permalink = dict(COLUMNS[name])["permalink"]
    table = []
    for number, node in enumerate(context.export.nodes, start=2):  # its row on the first sheet
        link = permalink(node, context)
        for source in sources_of(node):
            when = source["published"] or {}
            table.append(
                [
                    number,
                    link,
                    source["title"],
                    source["publisher"],
                    when.get("iso", ""),
                    printed(source["published"]),
                    when.get("precision", ""),
                    "BY" if when.get("qualifier") == "BY" else "",
                    source["kind"],
                    source["url"],
                ]
            )
    sheet = workbook.add_worksheet("Sources")
    _table(sheet, SOURCE_HEADER, table, bold, {"permalink", "url"})


def _about_sheet(workbook, context: RowContext, bold) -> None:
    export = context.export
    record = export.record
    name = export.spec.name
    sheet = workbook.add_worksheet("About")
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 100)
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    facts = [
        ("Record version", record["contentVersion"]),
        ("Record updated", _day(record["updated"])),
        ("News read through", _day(record["readThrough"])),
        ("Rows", len(export.nodes)),
        ("Dates", DATES_NOTE),
        ("Sources", SOURCES_NOTE),
    ]
    sheet.write_string(0, 0, f"accordline: {WHAT[name]}", bold)
    sheet.write_string(1, 0, "Page", bold)
    _write(sheet, 1, 1, context.page, link=True)
    line = 2
    for label, value in facts:
        sheet.write_string(line, 0, label, bold)
        if isinstance(value, int):
            sheet.write_number(line, 1, value, wrap)
        else:
            sheet.write_string(line, 1, value, wrap)
        line += 1
    line += 1
    sheet.write_string(line, 0, "Column", bold)
    sheet.write_string(line, 1, "Meaning", bold)
    for column in header(name):
        line += 1
        sheet.write_string(line, 0, column)
        sheet.write_string(line, 1, meaning(name, column), wrap)


def _day(iso: str | None) -> str:
    """ "2025-11-06 (6 Nov 2025)": the ISO day and as the site prints it."""
    return f"{iso} ({human_date(iso)})" if iso else ""
