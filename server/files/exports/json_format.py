"""JSON: the record's version, the filter as parsed, the count, and the API's nodes as the
API returned them (so a JSON export equals the API's answer to the same filter), with one
addition: every date carries ``printed``, the date as the site prints it ("Aug 1992",
"by 13 Oct 2023": rows.printed, the model's rule), beside its ``iso``."""

from __future__ import annotations

import orjson

from server.files.exports.rows import RowContext, printed

DATE_KEYS = frozenset(("iso", "precision", "qualifier"))
MEDIA_TYPE = "application/json"


def with_printed_dates(value):
    """``value`` (an API answer) with ``printed`` after the ``iso`` of every date in it."""
    if isinstance(value, list):
        return [with_printed_dates(item) for item in value]
    if not isinstance(value, dict):
        return value
    if value.keys() >= DATE_KEYS:
        shown: dict = {}
        for key, item in value.items():
            shown[key] = item
            if key == "iso":
                shown["printed"] = printed(value)
        return shown
    return {key: with_printed_dates(item) for key, item in value.items()}


def render(context: RowContext) -> bytes:
    export = context.export
    body: dict = {"record": export.record, "filter": export.variables, "count": len(export.nodes)}
    if export.owner is not None:
        body["agreement"] = export.owner
    body[export.spec.rows] = with_printed_dates(export.nodes)
    return orjson.dumps(body, option=orjson.OPT_INDENT_2)
