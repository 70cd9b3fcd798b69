"""The lists that export, each as its API query, and how all of a list's pages are read.

Each list asks the API for the record's version with every page, pages through the
connection 100 at a time (the API's largest page), and starts again if the store was
rebuilt between two pages, so one file never mixes two versions of the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import ASGIApp

from server.api.list_filters import LISTS, FilterError, ListFilter
from server.api.vocabulary import Status
from server.files.exports.api_client import ApiError, ask

PAGE = 100
MAX_ROWS = 5_000  # far above the record's size (~121 events); bounds the work per request
ATTEMPTS = 3  # tries to read every page from one version of the store

DATE = "iso precision year month day qualifier"
SOURCE = f"slug publisher title url kind published {{ {DATE} }}"
RECORD = "record { contentVersion updated readThrough builtAt }"
PAGE_INFO = "totalCount pageInfo { hasNextPage endCursor }"

EVENT = f"""slug kind title summary caveat date {{ {DATE} }} confidence added updated
  countries {{ code alpha3 name }} agreements {{ slug name }} sources {{ {SOURCE} }}"""
ATTRIBUTION = "attribution { statedBy { code name } press acknowledged note }"
MEMBER = f"""role status note confidence statusDate {{ {DATE} }} since {{ {DATE} }}
  country {{ code alpha3 name }} sources {{ {SOURCE} }}
  statusHistory {{ status note caveat confidence date {{ {DATE} }} sources {{ {SOURCE} }}
    {ATTRIBUTION} }}"""
RELATION = f"""state stateSince {{ {DATE} }} established {{ {DATE} }} summary noneKnown
  noneKnownConfidence countries {{ code alpha3 name }} sources {{ {SOURCE} }}
  stateStep {{ kind note caveat confidence date {{ {DATE} }} sources {{ {SOURCE} }} {ATTRIBUTION} }}
  representation representationStep {{ kind note date {{ {DATE} }} envoyOf {{ code name }}
    {ATTRIBUTION} }}"""


class ExportTooLarge(Exception):
    def __init__(self, count: int):
        super().__init__(
            f"This export would hold {count} rows, more than the {MAX_ROWS} one file may "
            "hold: narrow the filter."
        )


@dataclass(frozen=True)
class ExportQuery:
    """One list that exports: the API query that reads it and where its rows are in the
    answer (not pagination.py's ListSpec, which is a connection's cursor identity)."""

    name: str  # timeline, members, relations: the file's name and the filter it takes
    rows: str  # what the rows are called in the JSON export
    query: str
    path: tuple[str, ...]  # from `data` to the connection
    missing: str | None = None  # the parameter to blame when an owner on `path` is null

    @property
    def filter(self) -> ListFilter:
        return LISTS[self.name]


EXPORT_QUERIES = {
    "timeline": ExportQuery(
        name="timeline",
        rows="events",
        query=f"""query ExportTimeline($first: Int!, $after: String, $filter: EventFilter,
  $order: SortOrder) {{ {RECORD}
  events(first: $first, after: $after, filter: $filter, order: $order) {{
    {PAGE_INFO} edges {{ node {{ {EVENT} }} }} }} }}""",
        path=("events",),
    ),
    "members": ExportQuery(
        name="members",
        rows="members",
        query=f"""query ExportMembers($first: Int!, $after: String, $slug: String!, $asOf: Date) {{
  {RECORD}
  agreement(slug: $slug) {{ slug name
    participants(first: $first, after: $after, asOf: $asOf) {{
      {PAGE_INFO} edges {{ node {{ {MEMBER} }} }} }} }} }}""",
        path=("agreement", "participants"),
        missing="agreement",
    ),
    "candidates": ExportQuery(
        name="candidates",
        rows="candidates",
        query=f"""query ExportCandidates($first: Int!, $after: String, $slug: String!,
  $asOf: Date) {{ {RECORD}
  agreement(slug: $slug) {{ slug name
    participants(first: $first, after: $after, asOf: $asOf, role: CANDIDATE) {{
      {PAGE_INFO} edges {{ node {{ {MEMBER} }} }} }} }} }}""",
        path=("agreement", "participants"),
        missing="agreement",
    ),
    "relations": ExportQuery(
        name="relations",
        rows="relations",
        query=f"""query ExportRelations($first: Int!, $after: String, $filter: RelationFilter) {{
  {RECORD}
  relations(first: $first, after: $after, filter: $filter) {{
    {PAGE_INFO} edges {{ node {{ {RELATION} }} }} }} }}""",
        path=("relations",),
    ),
}


@dataclass(frozen=True)
class ListExport:
    """Every row of one list, with the record version they were read from."""

    spec: ExportQuery
    record: dict
    variables: dict
    nodes: list[dict]
    owner: dict | None  # the agreement of a members list (slug, name)


async def read_list(app: ASGIApp, spec: ExportQuery, variables: dict) -> ListExport:
    """All of the list's rows, from one version of the store; an agreement's members in the
    order its page shows them (``sort``)."""
    for _ in range(ATTEMPTS):
        export = await _read_pages(app, spec, variables)
        if export is not None:
            if spec.name in ("members", "candidates"):
                nodes = ordered_members(export.nodes, variables.get("sort", "date"))
                export = ListExport(spec, export.record, variables, nodes, export.owner)
            return export
    raise ApiError({"message": "the record was rebuilt while it was read; try again"})


async def _read_pages(app: ASGIApp, spec: ExportQuery, variables: dict) -> ListExport | None:
    nodes: list[dict] = []
    record = owner = None
    after = None
    while True:
        try:
            data = await ask(app, spec.query, {**variables, "first": PAGE, "after": after})
        except ApiError as error:
            parameter = spec.filter.parameter_for(error.argument)
            if parameter is not None:
                raise FilterError(_reworded(error, parameter), parameter) from error
            raise
        if record is None:
            record = data["record"]
        elif data["record"]["contentVersion"] != record["contentVersion"]:
            return None  # rebuilt mid-walk: read it again, whole
        connection = data
        for key in spec.path:
            if connection[key] is None:
                value = variables.get("slug", "")
                raise FilterError(
                    f'The "{spec.missing}" parameter names no {spec.missing} on record: '
                    f'"{value}". Use the slug from its page address, such as abraham-accords.',
                    spec.missing,
                )
            if key != spec.path[-1]:
                owner = {k: v for k, v in connection[key].items() if not isinstance(v, dict)}
            connection = connection[key]
        if connection["totalCount"] > MAX_ROWS:
            raise ExportTooLarge(connection["totalCount"])
        nodes += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            return ListExport(spec, record, variables, nodes, owner)
        after = connection["pageInfo"]["endCursor"]


def _reworded(error: ApiError, parameter: str) -> str:
    """The API's message, naming the parameter as the reader wrote it: the API's messages
    begin with the argument they name (``extensions.argument``, e.g. "filter.from: …")."""
    text = error.message.removeprefix(f"{error.argument}: ").rstrip(".")
    return f'The "{parameter}" parameter: {text}.'


def _joined(member: dict) -> str:
    since = member.get("since") or {}
    history = member.get("statusHistory") or [{}]
    return since.get("iso") or ((history[0].get("date") or {}).get("iso")) or ""


def ordered_members(members: list[dict], sort: str = "date") -> list[dict]:
    """An agreement's members as its page orders them (web/member-order.js; the members
    export test in tests/web/test_web_takeaway.py holds the two to one order): by the day
    each joined (ISO text at any precision sorts in time order), by name, or by where each
    stands now in the vocabulary's order; ties by name, then role."""

    def by_name(m: dict) -> tuple:
        return (m["country"]["name"].casefold(), m["role"])

    if sort == "name":
        return sorted(members, key=by_name)
    if sort == "status":
        order = {name: index for index, name in enumerate(Status.__members__)}
        return sorted(members, key=lambda m: (order.get(m["status"], 99), _joined(m), *by_name(m)))
    return sorted(members, key=lambda m: (_joined(m), *by_name(m)))
