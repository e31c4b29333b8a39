"""The layout shows the flow: the registry imports nothing of the layers built on it (it
announces changes with `directory.signals.registry_changed`)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "serviceguiden"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_registry_imports_nothing_from_publishing():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in _imports(path) if "publishing" in n)
        for path in (PACKAGE / "directory").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _publishing_graph() -> dict[str, set[str]]:
    """Which publishing module imports which (anywhere in the file, functions included)."""
    modules = {_module(p): p for p in (PACKAGE / "publishing").rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        found = set()
        for imported in _imports(path):
            if imported in modules:
                found.add(imported)
        # `from serviceguiden.publishing import render, store` names modules as well
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in modules:
                found |= {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
        graph[name] = found - {name}
    return graph


def test_publishing_has_no_import_circle():
    graph = _publishing_graph()
    assert "serviceguiden.publishing.cards" in graph
    circles = []

    def visit(node, trail):
        for nxt in graph.get(node, ()):
            if nxt in trail:
                circles.append([*trail[trail.index(nxt) :], nxt])
            elif len(trail) < 12:
                visit(nxt, [*trail, nxt])

    for start in graph:
        visit(start, [start])
    assert circles == []
