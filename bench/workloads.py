"""The six workloads: their GraphQL queries and the rotating variables for each request.

Each request of a workload gets different variables where the workload allows it
(countries, slugs, words, pairs and cursors rotate), so neither server can answer from
a cache. W2 is by definition the same first page every time; neither server caches
responses, so repeating it measures the same work.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

# Fields that are Relay connections in the API (`first`, `edges { node }`, `totalCount`)
# rather than plain lists. Issue #8 turns Country.participations, Agreement.participants,
# search and Country.relations into connections: when that lands, name them here and
# the queries below and the floor's answers (floor_answers.py) follow. W1, W3 and W4
# use them; no workload reads Country.relations.
CONNECTIONS: frozenset[str] = frozenset(
    {"Country.participations", "Agreement.participants", "search"}
)
LIST_PAGE = 100  # `first` for a list that became a connection: the server's largest page


def listed(field: str, selection: str, arguments: str = "", total: bool = True) -> str:
    """``field(arguments) { selection }`` as a plain list or, when ``field`` (e.g.
    "Country.participations") is in CONNECTIONS, as the first page of its connection."""
    name = field.rsplit(".", 1)[-1]
    if field not in CONNECTIONS:
        return f"{name}{f'({arguments})' if arguments else ''} {{ {selection} }}"
    if "first:" not in arguments:
        arguments = ", ".join(a for a in (arguments, f"first: {LIST_PAGE}") if a)
    count = "totalCount " if total else ""
    return f"{name}({arguments}) {{ {count}edges {{ node {{ {selection} }} }} }}"


EVENT_FIELDS = """
  edges { cursor node {
    slug date { iso precision } kind title
    countries { code name } agreements { slug name } sources { publisher url }
  } }
  pageInfo { endCursor hasNextPage }
"""

PARTICIPATION_FIELDS = """role status statusDate { iso } since { iso }
    agreement { slug name kind date { iso } }"""
PARTICIPANT_FIELDS = """role status statusDate { iso } country { code name }
    statusHistory { status date { iso } }"""
# A search result's totalCount would make the floor count every match: not asked for.
SEARCH_FIELDS = """__typename
    ... on Country { code name } ... on Agreement { slug name } ... on Event { slug title date { iso } }"""

QUERIES = {
    "W1": "query W1($code: String!) {\n  country(code: $code) { code name region "
    + listed("Country.participations", PARTICIPATION_FIELDS)
    + " } }",
    "W2": "query W2($first: Int!) { events(first: $first) {" + EVENT_FIELDS + "} }",
    "W3": "query W3($slug: String!) {\n  agreement(slug: $slug) { slug name kind date { iso } "
    "summary " + listed("Agreement.participants", PARTICIPANT_FIELDS) + " } }",
    "W4": "query W4($q: String!, $first: Int!) {\n  "
    + listed("search", SEARCH_FIELDS, "query: $q, first: $first", total=False)
    + " }",
    "W5": "query W5($first: Int!, $after: String!) { events(first: $first, after: $after) {"
    + EVENT_FIELDS
    + "} }",
    "W6": """query W6($a: String!, $b: String!, $first: Int!) {
  relation(a: $a, b: $b) { established { iso } summary countries { code name }
    sharedAgreements { slug name }
    events(first: $first) { edges { cursor node { slug date { iso } title countries { code } } }
      pageInfo { endCursor hasNextPage } } } }""",
}

DESCRIPTIONS = {
    "W1": "one country, its participations and their agreements",
    "W2": "timeline first page: 50 events with countries, agreements, sources",
    "W3": "one agreement, all participants and status history",
    "W4": "search for a common word (10 results)",
    "W5": "timeline page 200 via cursor (deep keyset pagination)",
    "W6": "relation(a, b) of a busy pair with events(first: 50)",
}

WORKLOADS = tuple(QUERIES)


def encode_cursor(tag: str, *key) -> str:
    """The server's opaque cursor (server/api/pagination.py encode_cursor), rebuilt."""
    payload = json.dumps([1, tag, *key], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    variables: list[dict]  # rotated through, one per request


def cases(keys: dict, page_size: int = 50) -> list[Case]:
    """Every workload with up to a few hundred distinct variable sets from ``keys``."""
    events = keys["events"]
    # Page 200 of `page_size` starts after event id 199·page_size (ids are dense and in
    # calendar order); rotate over nearby deep pages. Small stores have no page 200, so
    # their cursors spread over the whole timeline instead.
    deep = 199 * page_size
    if deep + page_size <= events:
        afters = [deep + k for k in range(0, min(500, events - deep - page_size + 1), 7)]
    else:
        afters = list(range(0, max(1, events - 1)))
    pairs = keys["pairs"] or [["IL", "US"]]
    # Cursors hold an event's sort key (date_start, slug); ("", "") sorts before all.
    event_keys = keys.get("event_keys", {})
    variables = {
        "W1": [{"code": code} for code in keys["countries"]],
        "W2": [{"first": page_size}],
        "W3": [{"slug": slug} for slug in keys["agreements"]],
        "W4": [{"q": word, "first": 10} for word in keys["words"]],
        "W5": [
            {"first": page_size, "after": encode_cursor("event", *event_keys.get(str(a), ("", "")))}
            for a in afters
        ],
        "W6": [{"a": a, "b": b, "first": page_size} for a, b in pairs],
    }
    return [Case(name, QUERIES[name], variables[name]) for name in WORKLOADS]
