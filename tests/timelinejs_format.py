"""A validator for TimelineJS's JSON format, as Knight Lab publishes it:
https://timeline.knightlab.com/docs/json-format.html (TimelineJS3's
website/templates/docs/json-format.html).

The format, as written there: a timeline is an object with ``events`` (required: a list
of slides), ``title`` (a slide), ``eras`` and ``scale`` (human or cosmological). A slide
has ``start_date`` (required except on the title slide), ``end_date``, ``text``
({headline, text}, HTML allowed), ``media`` ({url required, caption, credit, thumbnail,
alt, title, link, link_target}), ``group``, ``display_date``, ``background`` ({url, alt,
color}), ``autolink`` and ``unique_id``. A date object needs ``year`` ("a number. Don't
use commas … Don't use the letters BC"); ``month`` is 1-12, ``day`` a number, ``hour``
0-23, ``minute`` and ``second`` 0-59, ``millisecond`` a number; ``display_date`` a string.

Where the page is silent this validator is stricter, and says so: no property the page
does not list (a misspelt ``startdate`` would be ignored by TimelineJS, silently), a day
needs a month and a day is 1-31, and ``unique_id`` is unique within a timeline (TimelineJS
uses it as the slide's anchor). Numbers may also be numeric strings, as TimelineJS's own
examples and its spreadsheet import write them ("2012"); a string that is not a number
is refused.

The schema is checked with jsonschema-rs (a JSON Schema Draft 2020-12 validator, installed
with schemathesis); ``problems`` adds the uniqueness rule no schema can state.
"""

from __future__ import annotations

import jsonschema_rs


def _number(pattern: str, low: int | None = None, high: int | None = None) -> dict:
    integer: dict = {"type": "integer"}
    if low is not None:
        integer["minimum"] = low
    if high is not None:
        integer["maximum"] = high
    return {"anyOf": [integer, {"type": "string", "pattern": pattern}]}


DATE = {
    "type": "object",
    "required": ["year"],
    "additionalProperties": False,
    "properties": {
        "year": _number(r"^-?[0-9]+$"),
        "month": _number(r"^(0?[1-9]|1[0-2])$", 1, 12),
        "day": _number(r"^(0?[1-9]|[12][0-9]|3[01])$", 1, 31),
        "hour": _number(r"^([01]?[0-9]|2[0-3])$", 0, 23),
        "minute": _number(r"^[0-5]?[0-9]$", 0, 59),
        "second": _number(r"^[0-5]?[0-9]$", 0, 59),
        "millisecond": _number(r"^[0-9]+$", 0),
        "display_date": {"type": "string"},
        "format": {"type": "string"},
    },
    "dependentRequired": {"day": ["month"]},
}
TEXT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
}
MEDIA = {
    "type": "object",
    "required": ["url"],
    "additionalProperties": False,
    "properties": {
        name: {"type": "string"}
        for name in ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")
    },
}
SLIDE_PROPERTIES = {
    "start_date": {"$ref": "#/$defs/date"},
    "end_date": {"$ref": "#/$defs/date"},
    "text": {"$ref": "#/$defs/text"},
    "media": {"$ref": "#/$defs/media"},
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "url": {"type": "string"},
            "alt": {"type": "string"},
            "color": {"type": "string"},
        },
    },
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string", "minLength": 1},
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "TimelineJS JSON format",
    "type": "object",
    "required": ["events"],
    "additionalProperties": False,
    "properties": {
        "events": {"type": "array", "items": {"$ref": "#/$defs/slide"}},
        "title": {"$ref": "#/$defs/title_slide"},
        "eras": {"type": "array", "items": {"$ref": "#/$defs/era"}},
        "scale": {"enum": ["human", "cosmological"]},
    },
    "$defs": {
        "date": DATE,
        "text": TEXT,
        "media": MEDIA,
        "slide": {
            "type": "object",
            "required": ["start_date"],
            "additionalProperties": False,
            "properties": SLIDE_PROPERTIES,
        },
        "title_slide": {
            "type": "object",
            "additionalProperties": False,
            "properties": SLIDE_PROPERTIES,
        },
        "era": {
            "type": "object",
            "required": ["start_date", "end_date"],
            "additionalProperties": False,
            "properties": {
                "start_date": {"$ref": "#/$defs/date"},
                "end_date": {"$ref": "#/$defs/date"},
                "text": {"$ref": "#/$defs/text"},
            },
        },
    },
}
_VALIDATOR = jsonschema_rs.Draft202012Validator(SCHEMA)


def problems(document: object) -> list[str]:
    """Everything wrong with a TimelineJS document, each with where it is (empty: valid)."""
    found = [
        f"{'/'.join(str(part) for part in error.instance_path) or '(top)'}: {error.message}"
        for error in _VALIDATOR.iter_errors(document)
    ]
    if not found:
        seen: set[str] = set()
        for index, slide in enumerate(document["events"]):
            unique_id = slide.get("unique_id")
            if unique_id is not None and unique_id in seen:
                found.append(f"events/{index}/unique_id: {unique_id!r} is used twice")
            seen.add(unique_id)
    return found


def assert_valid(document: object) -> None:
    wrong = problems(document)
    assert not wrong, "not valid TimelineJS JSON:\n" + "\n".join(wrong[:20])
