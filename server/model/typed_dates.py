"""A date as a reader types it into an address or a form: "2020", "2020-9", "2020-09-15",
"2025/11/06", the site's own "6 Nov 2025" and "Nov 2025", "6 November 2025", "November 6, 2025".

The store and the API take the ISO forms only (server/model/dates.py); a reader may leave out a
leading zero, use "/" for "-" or write the month as a word. What cannot be a date is told in a
sentence for that reader, which the pages show beside the field (through the API's
``listQuery``), the page's address answers with a 400 (server/site/page_meta.py) and the
exports give after the parameter's name (server/api/list_filters.py). Whatever form was
typed, the date is echoed back in its ISO form.
"""

from __future__ import annotations

import re

from server.model.dates import InvalidDate, PartialDate

# ASCII digits only: \d would take any script's.
_NUMERIC = re.compile(r"([0-9]{4})(?:([-/])([0-9]{1,2})(?:\2([0-9]{1,2}))?)?")
# "6 Nov 2025", "6 November 2025", "Nov 2025", "Nov. 2025"
_DAY_MONTH = re.compile(r"(?:([0-9]{1,2})\s+)?([A-Za-z]+)\.?\s+([0-9]{4})")
# "Nov 6, 2025", "November 6 2025"
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})")
# fmt: off
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
# fmt: on
# A month's name in any case, whole or as its first three letters ("Sept" too).
_MONTH_NAMES = {
    **{name.lower(): i for i, name in enumerate(_MONTHS, 1)},
    **{name[:3].lower(): i for i, name in enumerate(_MONTHS, 1)},
    "sept": 9,
}


class NotADate(ValueError):
    """``str(error)`` is a sentence for the reader who typed it."""


def _parts(text: str) -> tuple[int, int | None, int | None] | None:
    """The year, month and day ``text`` writes, in any accepted form; None for no form."""
    if found := _NUMERIC.fullmatch(text):
        year, _, month, day = found.groups()
        return int(year), _int(month), _int(day)
    if found := _DAY_MONTH.fullmatch(text):
        day, month, year = found.groups()
    elif found := _MONTH_DAY.fullmatch(text):
        month, day, year = found.groups()
    else:
        return None
    number = _MONTH_NAMES.get(month.lower())
    return None if number is None else (int(year), number, _int(day))


def _int(part: str | None) -> int | None:
    return None if part is None else int(part)


def typed_date(text: str, *, day_only: bool = False) -> PartialDate:
    """The date ``text`` means (a day, when ``day_only``); NotADate saying why otherwise."""
    parts = _parts(" ".join(text.split()))
    if parts is None or (day_only and parts[2] is None):
        raise NotADate(
            "Write the date as year-month-day, like 2020-12-31."
            if day_only
            else "Write a year, a month or a day, like 2020, 2020-09 or 2020-09-15."
        )
    year, month, day = parts
    iso = "-".join([f"{year:04d}"] + [f"{part:02d}" for part in (month, day) if part is not None])
    try:
        return PartialDate.parse(iso, bounds=False)
    except InvalidDate:
        raise NotADate(f"That date doesn't exist: {_why(year, month, day)}.") from None


def _why(year: int, month: int | None, day: int | None) -> str:
    if year == 0:
        return "there is no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month}; months run from 1 to 12"
    if day is not None and day < 1:
        return "days start at 1"
    leap = f" in {year}" if (month, day) == (2, 29) else ""
    return f"there is no {day} {_MONTHS[month - 1]}{leap}"


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def human_date(text: str) -> str:
    """ "2025-11-06" → "6 Nov 2025", "1992-08" → "Aug 1992", "by 2021-09-14" → "by 14 Sep 2021"."""
    value = PartialDate.parse(text)
    if value.day is not None:
        shown = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    elif value.month is not None:
        shown = f"{MONTHS[value.month - 1]} {value.year}"
    else:
        shown = str(value.year)
    return f"by {shown}" if value.qualifier == "by" else shown
