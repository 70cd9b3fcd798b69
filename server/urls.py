"""The site's addresses, written once: every page's path, the files beside the pages, and
the route list from which the web router's table (web/routes.js) is generated.

Datasette's ``url_builder.py`` is the model: one object with a method per kind of
address. ``paths`` gives paths ("/countries/KZ"); ``Urls.of(request)`` gives absolute
URLs on the site's address ("https://…/countries/KZ"), for permalinks written into pages,
the feed and files. A path's parameters are percent-encoded as one segment each (a "/"
in a value never makes a second segment); a query string leaves out empty values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

Query = Mapping[str, object] | Iterable[tuple[str, object]] | None

# Addresses that are not pages: the API, the feed, the files and the embeddable views.
GRAPHQL = "/graphql"
FEED = "/feed.atom"
EXPORT = "/export"  # /export/<list>.<format>
DOWNLOAD = "/download"  # /download/<file>
EMBED = "/embed"  # /embed<the path of an embeddable page>
CORRECTIONS = "/corrections"  # readers' reports of errors (server/site/corrections.py)

_PARAMETER = re.compile(r"\{(\w+)\}")
# A relation's one address names the other country first and Israel, whose relations the
# record follows, second (/relations/MR/IL), as the record's changes and the timeline name
# it; a pair without Israel in code order. The other order redirects (site/page_meta.py).
RELATION_LAST = "IL"


def relation_order(a: str, b: str) -> tuple[str, str]:
    """Two countries' codes in their relation's address order: relation_order("IL", "MR")
    → ("MR", "IL")."""
    if a == RELATION_LAST or (b != RELATION_LAST and b < a):
        return b, a
    return a, b


@dataclass(frozen=True)
class Route:
    """One page of the web UI: its name, its path with {parameters}, the module in
    web/pages/ that shows it, and whether another site may embed it (under /embed)."""

    name: str
    path: str
    module: str
    embeddable: bool = False

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(_PARAMETER.findall(self.path))

    @property
    def pattern(self) -> str:
        """The regular expression of its paths (the same text in Python and JavaScript):
        a parameter is one non-empty segment; a trailing "/" is allowed."""
        # split() alternates literal text and parameter names.
        parts = _PARAMETER.split(self.path.rstrip("/"))
        body = "".join(re.escape(p) if i % 2 == 0 else "([^/]+)" for i, p in enumerate(parts))
        return f"^{body}/?$"

    def fill(self, parameters: Mapping[str, object]) -> str:
        """The path with each parameter percent-encoded as one segment."""
        if not parameters:
            return self.path
        return self.path.format_map({name: segment(v) for name, v in parameters.items()})

    def shown(self) -> str:
        """The path as documentation writes it: "/events/<slug>"."""
        return _PARAMETER.sub(lambda m: f"<{m[1]}>", self.path)


# The web UI's pages, in the order the router tries them.
ROUTES: tuple[Route, ...] = (
    Route("home", "/", "home"),
    Route("countries", "/countries", "countries"),
    Route("country", "/countries/{code}", "country"),
    Route("agreements", "/agreements", "agreements"),
    Route("agreement", "/agreements/{slug}", "agreement", embeddable=True),
    Route("candidates", "/agreements/{slug}/candidates", "candidates", embeddable=True),
    Route("event", "/events/{slug}", "event"),
    Route("timeline", "/timeline", "timeline", embeddable=True),
    Route("relation", "/relations/{a}/{b}", "relation"),
    Route("changes", "/changes", "changes"),
    Route("about", "/about", "about"),
    Route("map", "/map", "map", embeddable=True),
    Route("count", "/counts/{code}", "count", embeddable=True),
)
PAGES = {route.name: route for route in ROUTES}  # by name
_MATCHERS = tuple((re.compile(route.pattern), route) for route in ROUTES)


def segment(value: object) -> str:
    """One path segment, percent-encoded as JavaScript's encodeURIComponent does (so the
    server and web/urls.js write one address for one page): "Ivory Coast" → "Ivory%20Coast"."""
    return quote(str(value), safe="!'()*")


def _form(value: object) -> str:
    # application/x-www-form-urlencoded as URLSearchParams writes it ("~" escaped, "*" not).
    return quote_plus(str(value), safe="*").replace("~", "%7E")


def query_string(query: Query) -> str:
    """ "?a=1&b=2" (form-encoded, as URLSearchParams writes it) without the empty values;
    "" when nothing is left."""
    if query is None:
        return ""
    pairs = query.items() if isinstance(query, Mapping) else query
    kept = [f"{_form(k)}={_form(v)}" for k, v in pairs if v is not None and v != ""]
    return "?" + "&".join(kept) if kept else ""


def match(path: str, *, embed: bool = False) -> tuple[Route, tuple[str, ...]] | None:
    """The page at ``path`` (as decoded by the server) and its parameters, or None. With
    ``embed``, ``path`` is under /embed and only the embeddable pages count."""
    if embed:
        if not path.startswith(EMBED + "/"):
            return None
        path = path[len(EMBED) :]
    for pattern, route in _MATCHERS:
        found = pattern.match(path)
        if found and (route.embeddable or not embed):
            return route, found.groups()
    return None


class Urls:
    """The site's addresses: paths when ``site`` is "", else absolute URLs on ``site``."""

    __slots__ = ("site",)

    def __init__(self, site: str = ""):
        self.site = site.rstrip("/")

    @classmethod
    def of(cls, request) -> Urls:
        """Addresses on the site's address: the configured public URL, else the
        request's own (see Settings.public_url)."""
        configured = request.app.state.settings.public_url
        return cls(configured or str(request.base_url))

    def page(self, name: str, query: Query = None, **parameters: object) -> str:
        if name == "relation":
            a, b = relation_order(str(parameters["a"]), str(parameters["b"]))
            parameters = {"a": a, "b": b}
        return self.site + PAGES[name].fill(parameters) + query_string(query)

    def home(self, query: Query = None) -> str:
        return self.page("home", query)

    def countries(self, query: Query = None) -> str:
        return self.page("countries", query)

    def country(self, code: str, query: Query = None) -> str:
        return self.page("country", query, code=code)

    def agreements(self, query: Query = None) -> str:
        return self.page("agreements", query)

    def agreement(self, slug: str, query: Query = None) -> str:
        return self.page("agreement", query, slug=slug)

    def candidates(self, slug: str) -> str:
        """An agreement's "who is next": the countries that may join it."""
        return self.page("candidates", slug=slug)

    def event(self, slug: str) -> str:
        return self.page("event", slug=slug)

    def timeline(self, query: Query = None) -> str:
        return self.page("timeline", query)

    def relation(self, a: str, b: str) -> str:
        return self.page("relation", a=a, b=b)

    def changes(self) -> str:
        return self.page("changes")

    def about(self) -> str:
        return self.page("about")

    def map(self, query: Query = None) -> str:
        return self.page("map", query)

    def count(self, code: str, query: Query = None) -> str:
        """The count of record: how many states had relations with a country on a day."""
        return self.page("count", query, code=code)

    def embed(self, path: str) -> str:
        """The embeddable view of the page at ``path`` (a path from ``paths``)."""
        return self.site + EMBED + path

    def export(self, name: str, query: Query = None) -> str:
        """/export/<list>.<format>, e.g. export("timeline.csv")."""
        return f"{self.site}{EXPORT}/{segment(name)}{query_string(query)}"

    def download(self, name: str) -> str:
        return f"{self.site}{DOWNLOAD}/{segment(name)}"

    def feed(self) -> str:
        return self.site + FEED

    def graphql(self) -> str:
        return self.site + GRAPHQL

    def absolute(self, path: str) -> str:
        """A path made by ``paths`` (e.g. a change's, from the store), on this site."""
        return self.site + path


paths = Urls()

# The web router's copy: generated, committed, and checked by tests/test_web_routes.py.
WEB_MODULE = "web/routes.js"
_WEB_HEADER = f"""\
// Generated from server/urls.py by `make schema` (python -m server export-routes
// --output {WEB_MODULE}): do not edit. Change ROUTES there and run `make schema`;
// tests/test_web_routes.py fails while this file is stale. Build links with web/urls.js.
//
// Each page: its name, its path with {{parameters}}, the pattern matching its paths, the
// module that shows it and whether /embed shows it too (to another site's iframe).

const page = (name, path, pattern, module, embeddable) => Object.freeze({{ name, path, pattern: new RegExp(pattern), module, embeddable }});
"""


def web_module() -> str:
    """web/routes.js: the route list and the addresses beside the pages, as an ES module."""
    rows = "".join(
        f"  page({json.dumps(r.name)}, {json.dumps(r.path)}, {json.dumps(r.pattern)}, "
        f'"./pages/{r.module}.js", {json.dumps(r.embeddable)}),\n'
        for r in ROUTES
    )
    files = {
        "graphql": GRAPHQL,
        "feed": FEED,
        "export": EXPORT,
        "download": DOWNLOAD,
        "corrections": CORRECTIONS,
    }
    listed = ", ".join(f"{name}: {json.dumps(path)}" for name, path in files.items())
    return (
        f"{_WEB_HEADER}\nexport const ROUTES = Object.freeze([\n{rows}]);\n\n"
        f"export const EMBED = {json.dumps(EMBED)};\n"
        f"export const RELATION_LAST = {json.dumps(RELATION_LAST)};\n"
        f"export const FILES = Object.freeze({{ {listed} }});\n"
    )
