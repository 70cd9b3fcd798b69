"""What each column of a list export means, in a sentence: the .xlsx's About sheet says it
beside each column (server/files/exports/xlsx_format.py), and a test fails when a list
gains a column that is not described here (tests/test_exports_spreadsheets.py).

Vocabularies are named as the API spells them (its enum names: "FULL", "BY", "DAY"),
written from the model, never typed here.
"""

from __future__ import annotations

from collections.abc import Iterable

from server.files.exports.rows import SEPARATOR
from server.model import vocabulary as model


def _names(members: Iterable[model.Vocabulary]) -> str:
    """ "FULL, SEVERED or UNKNOWN": the values as the API spells them, in the model's order."""
    names = [member.name for member in members]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _dated(what: str) -> dict[str, str]:
    """The four columns of one date (see rows._date), for ``what`` ("the event")."""
    return {
        "date": f"When {what}: ISO 8601 at its real precision (1992-04-10, 1992-08 or 1992). "
        "Text, never a spreadsheet date.",
        "date_printed": 'The same date as the site prints it: "14 Sep 2021", "Aug 1992", '
        '"2021", "by 13 Oct 2023".',
        "precision": f"How precisely the date is known: {_names(model.DatePrecision)}.",
        "qualifier": "BY when the date is only a bound (a source reported it as already "
        "true then); empty when it is the date itself.",
    }


def _prefixed(prefix: str, what: str) -> dict[str, str]:
    """since_date, since_date_printed, since_precision, since_qualifier."""
    return {f"{prefix}_{name}": text for name, text in _dated(what).items()}


LISTED = f'separated by "{SEPARATOR.strip()}", in the order of the sources column'
COMMON = {
    "record_version": "The record's version (a digest of its content): cite it with the file.",
    "record_updated": "The day the record last changed (YYYY-MM-DD).",
    "news_read_through": "The last day of news read for the record (YYYY-MM-DD).",
    "confidence": f"How well the row is sourced: {_names(model.Confidence)}.",
    "permalink": "The row's page on the site.",
    "sources": f'The sources\' URLs, separated by "{SEPARATOR.strip()}".',
    "source_titles": f"The sources' titles, {LISTED}.",
    "source_publishers": f"Who published each source, {LISTED}.",
    "source_published": f"When each source was published (ISO 8601 at its precision; empty "
    f"where the source gives no date), {LISTED}.",
    "source_published_printed": f"The same publication dates as the site prints them, {LISTED}.",
    "stated_by": "On whose word the status or state rests: the governments that stated it, "
    'and "press (unnamed officials)" where the press reported it.',
    "acknowledged": f"Whether the other side acknowledged it: {_names(model.Acknowledgement)}.",
    "note": "The record's note on it.",
    "caveat": "What to keep in mind when reading it, when the record has a caveat.",
}
MEMBER = {
    "agreement": "The agreement (its slug, as in its page's address).",
    "agreement_name": "The agreement's name.",
    "as_of": "The day the list was read on (empty: today, as the page shows it).",
    "country_code": "The country (ISO 3166-1 alpha-2).",
    "country": "The country's name.",
    "role": f"Its role in the agreement: {_names(model.Role)}.",
    "status": f"Its status on the day: {_names(model.Status)}.",
    **_dated("it took that status"),
    **_prefixed("since", "it first took part"),
}
MEANINGS: dict[str, dict[str, str]] = {
    "timeline": {
        **COMMON,
        **_dated("the event happened"),
        "kind": f"What happened: {_names(model.EventKind)}.",
        "title": "The event in one line.",
        "summary": "What happened, in a few sentences.",
        "countries": f'The countries it concerns, by name, separated by "{SEPARATOR.strip()}".',
        "country_codes": "The same countries as ISO 3166-1 alpha-2 codes.",
        "agreements": "The agreements it belongs to (slugs).",
        "slug": "The event's identifier (its page's address ends with it).",
        "added": "The day the event was added to the record (YYYY-MM-DD).",
        "updated": "The day the event last changed in the record (YYYY-MM-DD).",
    },
    "members": {**COMMON, **MEMBER},
    "candidates": {**COMMON, **MEMBER},
    "relations": {
        **COMMON,
        "as_of": "The day the relations were read on (YYYY-MM-DD).",
        "country_code": "The country the list is about (ISO 3166-1 alpha-2).",
        "country": "Its name.",
        "other_code": "The other country (ISO 3166-1 alpha-2).",
        "other": "The other country's name.",
        "state": f"What held between them on the day: {_names(model.RelationState)} "
        "(UNKNOWN: nothing on record for that day; never read it as none).",
        **_dated("that state began"),
        "step": f"The step that began it: {_names(model.RelationStepKind)}.",
        **_prefixed("established", "relations were first established"),
        "representation": f"The level of representation on the day: "
        f"{_names(model.RepresentationLevel)}.",
        **_prefixed("representation_since", "the representation step that left it so was taken"),
        "representation_step": f"That step: {_names(model.RepresentationStepKind)}.",
        "representation_note": "The record's note on that step.",
    },
}


def meaning(list_name: str, column: str) -> str:
    return MEANINGS[list_name][column]
