"""web/routes.js is generated from server/urls.py's route list and current, and no other
module of the server or the web UI types a page's path: they build it with the builder
(server/urls.py, web/urls.js)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from server.cli import main
from server.settings import ROOT
from server.urls import DOWNLOAD, EMBED, EXPORT, ROUTES, WEB_MODULE

# The first segment of every page, and of the addresses beside the pages.
FIRST = sorted({r.path.strip("/").split("/")[0] for r in ROUTES if r.path != "/"})
FIRST += [p.strip("/") for p in (EMBED, EXPORT, DOWNLOAD)]
# "/countries", "/relations/…", "/map?…" at the start of a string, after a space or an
# interpolation; not "/map.css" (a file) and not a word inside a sentence ("and/or").
PAGE_PATH = re.compile(
    rf"""(?:^|(?<=[\s(}}"'`]))/({"|".join(FIRST)})(?=$|[\s/?#"'`{{),]|\.(?!\w))"""
)
# Where the paths are written once: the builders and the generated table.
ALLOWED = {ROOT / "server" / "urls.py", ROOT / WEB_MODULE, ROOT / "web" / "urls.js"}


def test_web_routes_is_current(tmp_path):
    fresh = tmp_path / "routes.js"
    assert main(["export-routes", "--output", str(fresh)]) == 0
    committed = (ROOT / WEB_MODULE).read_text(encoding="utf-8")
    assert committed == fresh.read_text(encoding="utf-8"), (
        f"{WEB_MODULE} is stale: run `make schema`"
    )


def test_the_module_says_it_is_generated_and_how():
    head = (ROOT / WEB_MODULE).read_text(encoding="utf-8")[:300]
    assert "Generated from server/urls.py by `make schema`" in head


def test_the_table_lists_every_route_in_order():
    text = (ROOT / WEB_MODULE).read_text(encoding="utf-8")
    listed = re.findall(r'^  page\("(\w+)", "([^"]+)"', text, flags=re.M)
    assert listed == [(route.name, route.path) for route in ROUTES]


def _python_strings(text: str) -> list[str]:
    """The text of every string in a module's code: constants and f-strings' literal
    parts, not documentation, which may name a page's path (docstrings, and the API's
    `description=` texts, which are its documentation)."""
    tree = ast.parse(text)
    documentation = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            documentation.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg == "description":
            documentation |= {id(part) for part in ast.walk(node.value)}
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documentation
    ]


def _javascript_code(path: Path) -> str:
    """A module's text without its comments (which may name a page's path)."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return "\n".join(re.sub(r"(^|\s)//.*$", "", line) for line in text.splitlines())


def typed_paths_in_python(text: str) -> list[str]:
    return [m.group(0) for s in _python_strings(text) for m in PAGE_PATH.finditer(s)]


def typed_paths_in_javascript(code: str) -> list[str]:
    return [m.group(0) for m in PAGE_PATH.finditer(code)]


def test_no_page_path_is_typed_outside_the_builders():
    typed = {}
    for path in sorted((ROOT / "server").rglob("*.py")):
        if path in ALLOWED:
            continue
        found = typed_paths_in_python(path.read_text(encoding="utf-8"))
        if found:
            typed[str(path.relative_to(ROOT))] = found
    for path in sorted([*(ROOT / "web").glob("*.js"), *(ROOT / "web" / "pages").glob("*.js")]):
        if path in ALLOWED:
            continue
        found = typed_paths_in_javascript(_javascript_code(path))
        if found:
            typed[str(path.relative_to(ROOT))] = found
    assert typed == {}, "build these with server/urls.py or web/urls.js"


def test_the_check_finds_a_typed_path():
    assert typed_paths_in_javascript('h("a", { href: `/countries/${code}` })') == ["/countries"]
    assert typed_paths_in_javascript("navigate(`/timeline?${params}`)") == ["/timeline"]
    assert typed_paths_in_javascript("`${site}/relations/${a}/${b}`") == ["/relations"]
    assert typed_paths_in_javascript('navigate("/map")') == ["/map"]
    assert typed_paths_in_javascript('"/export/" + name') == ["/export"]
    assert typed_paths_in_javascript('link[href="/map.css"]') == []
    assert typed_paths_in_javascript('"countries and/or agreements"') == []
    assert typed_paths_in_python('url = f"{site}/events/{slug}"') == ["/events"]
    assert typed_paths_in_python('m = "Nothing is published at /download/x"') == ["/download"]
    assert typed_paths_in_python('f(description="/timeline: q, countries")') == []
    assert typed_paths_in_python('def f():\n    """Serves /countries/KZ."""') == []
