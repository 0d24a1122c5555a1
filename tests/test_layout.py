"""The house holds: imports go one way between the rooms, and no module imports itself round a circle."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("ingest", "index", "assistant", "web", "cli")
# Which top-level package may import which (DESIGN.md: web → assistant → index, ingest → index).
MAY_IMPORT = {
    "index": {"index"},
    "ingest": {"ingest", "index"},
    "assistant": {"assistant", "index"},
    "web": {"web", "assistant", "index"},
    "cli": set(PACKAGES),
}


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Project modules `path` imports, at module level or inside functions alike."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if name in known:
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def test_imports_go_one_way_between_the_top_level_packages() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in targets
        if target.split(".")[0] not in MAY_IMPORT[module.split(".")[0]]
    ]
    assert not wrong, wrong


def test_no_module_is_part_of_an_import_circle() -> None:
    edges = graph()
    # Packages import their own modules' names through __init__ only when they re-export; ours don't.
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                circles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not circles, circles


def test_ingest_shows_its_three_kinds_of_work() -> None:
    """File formats and letter conventions have rooms of their own; conventions do no I/O."""
    assert (ROOT / "ingest" / "formats").is_dir() and (ROOT / "ingest" / "conventions").is_dir()
    for name, targets in graph().items():
        if name.startswith("ingest.conventions"):
            assert not any(t.startswith(("ingest.formats", "ingest.pipeline")) for t in targets), name
    for path in (ROOT / "ingest" / "conventions").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "open(" not in text and "read_text(" not in text and "read_bytes(" not in text, path
