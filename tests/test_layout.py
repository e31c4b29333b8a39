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
