"""GraphiQL's page: Strawberry's, with the CDN swapped for our pinned local copies, opening
on the docs' example queries (one tab each), and saying on a phone that it is a
desktop tool.

Strawberry's HTML boots GraphiQL from an inline script; it is adapted here by exact string
replacements, each of which must match once: a Strawberry upgrade that changes a snippet
fails at import (so at server start and in every test), not silently in a browser. The
inline script needs no hash: GraphiQL's page alone is served with 'unsafe-inline'
(server/http/headers.py, GRAPHIQL_POLICY), its external files pinned by SRI.
"""

from __future__ import annotations

import html
import json
from typing import NamedTuple

from strawberry.http.ides import get_graphql_ide_html

from server.urls import paths


class Example(NamedTuple):
    """A documented example: what it answers (a comment line in its tab) and its query,
    named so that GraphiQL titles the tab (the docs' own text is the anonymous ``{ ... }``)."""

    answers: str
    name: str
    query: str

    def tab_text(self) -> str:
        return f"# {self.answers}\n\nquery {self.name} {self.query}\n"


# The example queries of README.md, docs/api.md and docs/record-model.md, in that order and
# verbatim after the operation name (tests/web/test_web_flags_graphiql.py keeps them in step).
EXAMPLES = (
    Example(
        "Kazakhstan's agreements: its role, status and status date in each (codes are"
        " alpha-2 or alpha-3, any case).",
        "KazakhstansAgreements",
        """{ country(code: "KZ") { name region
    participations { totalCount edges { node { agreement { name } role status statusDate { iso } } } } } }""",
    ),
    Example(
        "Who was in the Abraham Accords on 2020-12-31 (asOf replays the record on that day).",
        "AbrahamAccordsOn20201231",
        """{ agreement(slug: "abraham-accords") { participants(asOf: "2020-12-31") {
    edges { node { country { code } role status } } } } }""",
    ),
    Example(
        "Kazakhstan and Israel: when relations were established, the agreements both are in,"
        " and their first events.",
        "KazakhstanAndIsrael",
        """{ relation(a: "KZ", b: "IL") { established { iso precision } sharedAgreements { slug }
    events(first: 2) { totalCount edges { node { date { iso precision } title } } } } }""",
    ),
    Example(
        "The latest on Kazakhstan, newest first, with sources (pass pageInfo.endCursor as"
        " `after` for the next page).",
        "LatestOnKazakhstan",
        """{ events(first: 3, order: DESC, filter: { countries: ["KZ"] }) {
    edges { node { date { iso } title sources { publisher url } } } pageInfo { endCursor hasNextPage } } }""",
    ),
    Example(
        "Search for 'bahrain': each word matches as a prefix; matches in a name or title come"
        " first.",
        "SearchBahrain",
        """{ search(query: "bahrain", first: 3) { totalCount edges { node { __typename
    ... on Country { code name } ... on Event { date { iso } title } ... on Agreement { slug } } } } }""",
    ),
    Example(
        "Every OIC state's relation with Israel on 2010-01-01, one row per member (UNKNOWN"
        " where nothing is on record).",
        "OicStatesAndIsraelOn20100101",
        """{ relations(first: 100, filter: {country: "IL", group: "OIC", asOf: "2010-01-01"}) {
    totalCount edges { node { countries { code } state
      stateStep { kind date { iso qualifier } sources { publisher title url } } noneKnown } } } }""",
    ),
    Example(
        "Mauritania and Israel: the state today and the dated, cited steps that led to it.",
        "MauritaniaAndIsrael",
        """{ relation(a: "MR", b: "IL") { state history { kind date { iso qualifier } state confidence
    sources { publisher } } } }""",
    ),
)

# At phone widths GraphiQL's panes do not fit: a notice above the (still working, but
# cramped) editor says it is a desktop tool, and the same queries follow it, readable.
SMALL_SCREEN_CSS = """
      .guide { display: none; }
      @media (max-width: 40rem) {
        body { overflow: auto; }
        .guide { display: block; padding: 0.75rem 1rem; font: 16px/1.5 system-ui, sans-serif;
          color: #1a1a1a; background: #fff8e1; border-bottom: 1px solid #d9c98a; }
        .guide p { margin: 0 0 0.5rem; }
        .guide h2 { font-size: 1.2rem; margin: 0.5rem 0; }
        .guide h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
        .guide a { color: #0b57d0; }
        .guide pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px;
          background: #fff; border: 1px solid #ddd; padding: 0.5rem; margin: 0.25rem 0 0.75rem; }
      }
"""


def _guide_notice() -> str:
    return (
        '<aside class="guide" aria-label="GraphiQL on a small screen">'
        "<p><strong>GraphiQL is a desktop tool</strong>: on a screen this narrow its panes do"
        " not fit. Open this page on a wider screen, or send one of "
        '<a href="#examples">the example queries</a> (the tabs GraphiQL opens'
        " with, listed below it) to this address with any HTTP client: POST a JSON body"
        ' <code>{"query": "…"}</code>.</p>'
        f'<p><a href="{paths.home()}">Back to accordline</a></p>'
        "</aside>"
    )


def _guide_examples() -> str:
    examples = "".join(
        f"<h3>{html.escape(example.answers)}</h3><pre>{html.escape(example.tab_text())}</pre>"
        for example in EXAMPLES
    )
    return (
        '<section class="guide" id="examples" aria-labelledby="examples-heading">'
        '<h2 id="examples-heading">Example queries</h2>'
        f"{examples}</section>"
    )


def _tabs_script() -> str:
    tabs = [{"query": example.tab_text()} for example in EXAMPLES]
    # "<" escaped so no text can close the script element.
    return "const GUIDE_TABS = " + json.dumps(tabs).replace("<", "\\u003c") + ";\n"


def _replace_once(page: str, old: str, new: str) -> str:
    count = page.count(old)
    if count != 1:
        raise RuntimeError(
            f"Strawberry's GraphiQL page changed: expected {old!r} once, found it {count} times;"
            " update server/site/graphiql_page.py"
        )
    return page.replace(old, new)


def _build() -> str:
    # Strawberry's page loads GraphiQL from a CDN; serve the same pinned files locally
    # (their integrity hashes still match, see server/site/vendor.py).
    page = get_graphql_ide_html("graphiql").replace("https://unpkg.com/", "/vendor/")
    for old, new in (
        ("<html>", '<html lang="en">'),
        # The viewport tag: without it a phone lays the page out 980 px wide, and the
        # small-screen notice's media query never matches.
        (
            "<title>Strawberry GraphiQL</title>",
            "<title>GraphiQL — accordline's API</title>\n"
            '    <meta name="viewport" content="width=device-width, initial-scale=1">',
        ),
        ("    </style>", SMALL_SCREEN_CSS + "    </style>"),
        (
            '<div id="graphiql" class="graphiql-container">Loading...</div>',
            _guide_notice()
            + '\n    <div id="graphiql" class="graphiql-container">Loading...</div>\n    '
            + _guide_examples(),
        ),
        ("const EXAMPLE_QUERY = `", _tabs_script() + "      const EXAMPLE_QUERY = `"),
        # The docs' example queries, one per tab (GraphiQL keeps the tabs in localStorage); a
        # `query` prop would overwrite the first tab, so there is none.
        ("parameters.q || EXAMPLE_QUERY,", "undefined,"),
        ("fetcher: fetcher,", "fetcher: fetcher,\n          defaultTabs: GUIDE_TABS,"),
        # Strawberry writes the query into the URL (?q=); here a GET /graphql with any
        # parameter is an API request, so a reload would show JSON instead of GraphiQL.
        (
            "history.replaceState(null, null, newSearch);",
            "// not written: a GET /graphql with parameters is an API request here",
        ),
    ):
        page = _replace_once(page, old, new)
    return page


PAGE = _build()


def graphiql_html() -> str:
    return PAGE
