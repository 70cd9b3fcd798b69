"""Partial dates: a day, a month or a year, never more precise than what is known.

A date may also be known only as a bound: "by 2021-09-14" says a state already held on
that day (a source reported it as true when it was published) without dating the act
that brought it about. Its qualifier is then "by"; otherwise "on".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# [0-9], not \d: \d also matches other scripts' digits ("٢٠٢٠"), which int() accepts.
_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

PRECISIONS = ("year", "month", "day")
EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
QUALIFIERS = ("on", "by")


class InvalidDate(ValueError):
    """A string that is not a real calendar date at some precision."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = "on"

    @classmethod
    def parse(cls, text: str, *, bounds: bool = True) -> PartialDate:
        """Parse "2021", "1992-08", "1992-04-10" or (with ``bounds``) "by 2021-09-14";
        raise InvalidDate for anything else."""
        expected = EXPECTED + (', optionally after "by "' if bounds else "")
        if not isinstance(text, str):
            raise InvalidDate(f"{text!r} is not a date string ({expected})")
        qualifier = "on"
        if bounds and text.startswith("by "):
            qualifier, text = "by", text[3:]
        match = _PATTERN.fullmatch(text)
        if match is None:
            raise InvalidDate(f'"{text}" is not a valid date ({expected})')
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if year < 1:
            raise InvalidDate(f'"{text}" is not a valid date (year 0000 does not exist)')
        if month is not None and not 1 <= month <= 12:
            raise InvalidDate(f'"{text}" is not a valid date (month {month} is out of range)')
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise InvalidDate(f'"{text}" is not a valid date (day {day} is out of range)')
        return cls(year, month, day, qualifier)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def text(self) -> str:
        """How the store and the seed write it: the ISO form, after "by " for a bound."""
        return self.iso if self.qualifier == "on" else f"by {self.iso}"

    @property
    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def start(self) -> date:
        """The first calendar day this date can mean (for a "by" bound, the bound's own)."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """The last calendar day this date can mean: the day a step dated so counts from
        (see model/periods.py), as a month- or year-precise step may fall on any day of
        it."""
        if self.day is not None:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.text
