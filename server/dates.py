"""Moved to the model: PartialDate is server/model/dates.py. Kept for importers not yet
updated."""

from .model.dates import EXPECTED, PRECISIONS, QUALIFIERS, InvalidDate, PartialDate

__all__ = ["EXPECTED", "PRECISIONS", "QUALIFIERS", "InvalidDate", "PartialDate"]
