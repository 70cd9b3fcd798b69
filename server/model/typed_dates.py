"""A date as a reader types it into an address or a form: "2020", "2020-9", "2020-09-15".

The store and the API take the ISO forms only (server/model/dates.py); a reader may leave out a
leading zero. What cannot be a date is told in a sentence for that reader, which the pages
show beside the field (through the API's ``listQuery``) and the exports after the
parameter's name (server/api/list_filters.py).
"""

from __future__ import annotations

import re

from server.model.dates import InvalidDate, PartialDate

# ASCII digits only: \d would take any script's.
_TYPED = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
# fmt: off
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
# fmt: on


class NotADate(ValueError):
    """``str(error)`` is a sentence for the reader who typed it."""


def typed_date(text: str, *, day_only: bool = False) -> PartialDate:
    """The date ``text`` means (a day, when ``day_only``); NotADate saying why otherwise."""
    match = _TYPED.fullmatch(text.strip())
    if match is None or (day_only and match[3] is None):
        raise NotADate(
            "Write the date as year-month-day, like 2020-12-31."
            if day_only
            else "Write a year, a month or a day, like 2020, 2020-09 or 2020-09-15."
        )
    year, month, day = (None if part is None else int(part) for part in match.groups())
    iso = "-".join([match[1]] + [f"{part:02d}" for part in (month, day) if part is not None])
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
