"""The server's modules import each other without cycles, and serving never loads the
store writer (build, seed, record_writers, store.writer, pycountry)."""

import ast
import subprocess
import sys
from pathlib import Path

from server.settings import ROOT

SERVER = ROOT / "server"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Modules a file imports at import time (not under TYPE_CHECKING, not in functions)."""
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    )
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def test_no_import_cycles_in_server():
    modules = {module_name(path): path for path in SERVER.rglob("*.py")}
    graph = {
        name: {m for m in imports_of(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import cycle: " + " → ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        path.append(name)
        for other in sorted(graph[name]):
            visit(other)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_serving_does_not_load_the_store_writer():
    writers = (
        "server.store.build",
        "server.store.seed",
        "server.store.record_writers",
        "server.store.writer",
        "server.store.periods",
    )
    code = (
        "import sys; import server.app; "
        f"print(sorted(m for m in {(*writers, 'pycountry')} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_imports_hidden_in_functions_to_dodge_cycles():
    # cli.py imports the store writer lazily on purpose: `serve` must not load it.
    hidden = []
    for path in SERVER.rglob("*.py"):
        if path.name == "cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and inner.level:
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert hidden == []


# The layers, lowest first: a module imports only from its own layer and the ones below.
LAYERS = {
    "model": 0,
    "settings": 0,
    "urls": 0,
    "http": 1,
    "store": 2,
    "api": 3,
    "files": 4,
    "site": 4,
    "outermost": 5,
    "app": 6,
    "cli": 6,
    "__main__": 7,
}
# Known edges against the order, each as (importer, imported) with its reason; none now:
# http/errors.py decides error codes itself, and the app hands GraphiQL's page to the view.
UPWARD: set[tuple[str, str]] = set()


def test_imports_go_down_the_layers():
    def layer(module: str) -> str:
        return module.split(".")[1]

    wrong = []
    for path in SERVER.rglob("*.py"):
        name = module_name(path)
        if name == "server":
            continue
        for imported in imports_of(path):
            if not imported.startswith("server.") or layer(imported) == layer(name):
                continue
            if LAYERS[layer(imported)] >= LAYERS[layer(name)] and not any(
                name == a and imported.startswith(b) for a, b in UPWARD
            ):
                wrong.append(f"{name} imports {imported}")
    assert wrong == [], "imports against the layer order: " + "; ".join(sorted(set(wrong)))


def test_the_model_is_pure():
    for path in (SERVER / "model").rglob("*.py"):
        found = {m.split(".")[0] for m in imports_of(path)}
        assert not found & {"strawberry", "graphql", "starlette", "aiosqlite", "sqlite3"}, path
