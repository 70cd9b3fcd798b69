from server.api.schema.schema import schema
from server.settings import ROOT


def test_schema_graphql_matches_the_code():
    checked_in = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert checked_in == schema.as_str() + "\n", "schema.graphql is stale: run `make schema`"


def test_every_public_field_is_documented():
    undocumented = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or not hasattr(graphql_type, "fields"):
            continue
        if name in {"PageInfo", "Query"}:
            continue
        for field_name, field in graphql_type.fields.items():
            if name.endswith(("Connection", "Edge")) and field_name in {
                "edges",
                "pageInfo",
                "node",
                "cursor",
            }:
                continue
            if not field.description and field_name not in {"id"}:
                undocumented.append(f"{name}.{field_name}")
    assert undocumented == []
