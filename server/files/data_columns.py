"""The words the data dictionary's tables share (server/files/data_tables.py): how a
partial date, its bounds, a source and an attribution are described, a vocabulary's values
written from the model, and the shape of one table's description."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from server.model import vocabulary as model
from server.urls import paths


def one_of(members: Iterable[model.Vocabulary]) -> str:
    """The values as the store spells them, in the model's order: "party, broker,
    endorser or proposer" (written from the model, never typed here)."""
    values = [member.value for member in members]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


DATES = (
    'A partial date: "1992-04-10" (day), "1992-08" (month) or "2021" (year); the length '
    f'is the precision. "{model.DateQualifier.BY.value} 2021-09-14" means known only to '
    "have held by that date."
)
FIRST_DAY = "The first calendar day the date can mean (YYYY-MM-DD)."
LAST_DAY = "The last calendar day the date can mean (YYYY-MM-DD)."
ADDED = "The day the record was added (YYYY-MM-DD)."
UPDATED = "The day the record last changed (YYYY-MM-DD)."
SOURCE_ID = "The source (sources.id)."
# On whose word a step rests (server/model/attribution.py), on every kind of step.
ATTRIBUTION = {
    "stated_by": "Who stated it on the record: country codes (countries.code) and "
    '"press" (officials the press does not name), separated by spaces; empty: not judged.',
    "acknowledged": f"Whether the other side acknowledged it: {one_of(model.Acknowledgement)}.",
    "attribution_note": "Why a government outside the step's parties is named.",
}
# The rule itself is server/files/exports/csv_format.py's ``cell``, used by every CSV written.
FORMULA_CELLS = (
    "A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written "
    "with a leading `'`, so that a spreadsheet shows it as text instead of running it as a "
    "formula (OWASP's CSV injection). For the raw text, strip that leading `'` from such "
    f"cells, or read the SQLite download ({paths.download('accordline.sqlite')}), which holds "
    "it as is."
)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: dict[str, str]
