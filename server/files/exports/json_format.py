"""JSON: the record's version, the filter as parsed, the count, and the API's nodes as the
API returned them (so a JSON export equals the API's answer to the same filter)."""

from __future__ import annotations

import orjson

from server.files.exports.rows import RowContext

MEDIA_TYPE = "application/json"


def render(context: RowContext) -> bytes:
    export = context.export
    body: dict = {"record": export.record, "filter": export.variables, "count": len(export.nodes)}
    if export.owner is not None:
        body["agreement"] = export.owner
    body[export.spec.rows] = export.nodes
    return orjson.dumps(body, option=orjson.OPT_INDENT_2)
