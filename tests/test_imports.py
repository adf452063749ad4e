"""The package's import graph: no import inside a function (or under TYPE_CHECKING) stands in for a
top-level one that would close a cycle. Such an import hides a cycle: two modules that each need the
other are one concept split wrongly, or a function living in the wrong module."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "dashboard"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _targets(module: str, path: Path, node: ast.ImportFrom | ast.Import, modules: dict[str, Path]) -> set[str]:
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in modules}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    if node.level:
        parts = package.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names} & set(modules)


def import_graph() -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """Top-level imports per module, and every deferred one as (module, line, target)."""
    modules = _modules()
    top: dict[str, set[str]] = {}
    deferred = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top[module] = set()
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                top[module] |= _targets(module, path, node, modules)
        at_top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in at_top:
                deferred += [(module, node.lineno, t) for t in _targets(module, path, node, modules)]
    return top, deferred


def _reaches(top: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, stack = set(), [start]
    while stack:
        module = stack.pop()
        if module == goal:
            return True
        if module not in seen:
            seen.add(module)
            stack += top.get(module, ())
    return False


def test_no_deferred_import_dodges_a_cycle():
    top, deferred = import_graph()
    assert deferred, "the walk found no deferred import at all: it is not looking"
    cycles = [f"{module}:{line} imports {target}" for module, line, target in deferred if _reaches(top, target, module)]
    assert cycles == []


def test_the_top_level_imports_have_no_cycle():
    top, _ = import_graph()
    assert [m for m in top if any(_reaches(top, t, m) for t in top[m])] == []
