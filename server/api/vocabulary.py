"""The model's vocabularies (server/model/vocabulary.py: values, words, meanings, display
order) for their two readers: the API, as GraphQL enums, and the browser, as the generated
web/vocabulary.js. Each enum here is the model's own class, registered with Strawberry, so
a value read from the seed and one given to the API are the same member."""

import json

import strawberry

from server.model import vocabulary as model
from server.model.countries import FLAGGED_USER_CODES, USER_ASSIGNED
from server.model.palette import STATE_TONES
from server.model.vocabulary import RELATION_STEP_EVENTS, SLUG, values

__all__ = [
    "RELATION_STEP_EVENTS",
    "Acknowledgement",
    "CountMeasure",
    "CountriesMatch",
    "PublishedMeasure",
    "RepresentationLevel",
    "RepresentationStepKind",
    "SLUG",
    "WEB_MODULE",
    "AgreementKind",
    "ChangeAction",
    "Confidence",
    "DateQualifier",
    "EventKind",
    "MembershipStatus",
    "MembershipStepKind",
    "RecordType",
    "RelationState",
    "RelationStepKind",
    "Role",
    "SourceKind",
    "Status",
    "TermKind",
    "values",
    "web_module",
]


def _graphql(vocabulary: type[model.Vocabulary]):
    return strawberry.enum(vocabulary, description=vocabulary.description())


AgreementKind = _graphql(model.AgreementKind)
Role = _graphql(model.Role)
Status = _graphql(model.Status)
EventKind = _graphql(model.EventKind)
RelationStepKind = _graphql(model.RelationStepKind)
RelationState = _graphql(model.RelationState)
SourceKind = _graphql(model.SourceKind)
Confidence = _graphql(model.Confidence)
MembershipStepKind = _graphql(model.MembershipStepKind)
MembershipStatus = _graphql(model.MembershipStatus)
DateQualifier = _graphql(model.DateQualifier)
ChangeAction = _graphql(model.ChangeAction)
RecordType = _graphql(model.RecordType)
RepresentationStepKind = _graphql(model.RepresentationStepKind)
RepresentationLevel = _graphql(model.RepresentationLevel)
Acknowledgement = _graphql(model.Acknowledgement)
PublishedMeasure = _graphql(model.PublishedMeasure)
CountriesMatch = _graphql(model.CountriesMatch)
CountMeasure = _graphql(model.CountMeasure)
TermKind = _graphql(model.TermKind)


# The web UI's copy: generated, committed, and checked by tests/test_web_vocabulary.py.
WEB_MODULE = "web/vocabulary.js"
_WEB_HEADER = f"""\
// Generated from server/model/vocabulary.py by `make schema` (python -m server
// export-vocabulary --output {WEB_MODULE}): do not edit. Change the model and run
// `make schema`; tests/test_web_vocabulary.py fails while this file is stale.
//
// Each vocabulary maps its GraphQL enum values, in display order, to
// {{ value, word, meaning, order }}: the short word a page shows and what it means.

const terms = (rows) => Object.freeze(Object.fromEntries(rows.map(([value, word, meaning], order) => [value, Object.freeze({{ value, word, meaning, order }})])));
"""


def web_module() -> str:
    """web/vocabulary.js: every vocabulary of the model as an ES module."""
    parts = [_WEB_HEADER]
    for vocabulary in model.VOCABULARIES:
        rows = "".join(
            f"  [{json.dumps(m.name)}, {json.dumps(m.word, ensure_ascii=False)}, "
            f"{json.dumps(m.meaning, ensure_ascii=False)}],\n"
            for m in vocabulary
        )
        parts.append(f"\nexport const {vocabulary.__name__} = terms([\n{rows}]);\n")
    # Which codes have a flag (server/model/countries.py's has_flag): web/flags.js reads it.
    parts.append(
        "\n// ISO 3166-1's user-assigned codes, and those of them that have a flag.\n"
        f"export const USER_ASSIGNED = /^(?:{USER_ASSIGNED.pattern})$/;\n"
        f"export const FLAGGED_USER_CODES = Object.freeze({json.dumps(sorted(FLAGGED_USER_CODES))});\n"
    )
    return "".join(parts)


# The relation states' colours (server/model/palette.py) as the web UI's stylesheet.
WEB_STYLES = "web/vocabulary.css"


def web_styles() -> str:
    """web/vocabulary.css: each relation state's map fill (both schemes) and badge tint.
    Badges are classed by the value in lower case (views.js), map shapes and swatches by
    the value itself (pages/map.js)."""
    light, dark, badges = [], [], []
    for state, tone in STATE_TONES.items():
        light.append(f".map-page .state-{state.name} {{ --fill: {tone.fill}; }}\n")
        if tone.dark_fill:
            dark.append(f"  .map-page .state-{state.name} {{ --fill: {tone.dark_fill}; }}\n")
        if tone.badge:
            badges.append(f".state-{state.name.lower()} {{ background: {tone.badge}; }}\n")
    return (
        f"/* Generated from server/model/palette.py by `make schema` (python -m server\n"
        f"   export-styles --output {WEB_STYLES}): do not edit. */\n\n"
        + "".join(light)
        + "\n@media (prefers-color-scheme: dark) {\n"
        + "".join(dark)
        + "}\n\n"
        + "".join(badges)
    )
