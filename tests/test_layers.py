"""Imports run one way (docs/design.md, "Layers"): read every module's
imports (lazy ones inside functions too) and check none reaches up."""
import ast
from pathlib import Path

import pytest

from helpers import ROOT

SRC = ROOT / "src" / "reportgen"
FOUNDATION = {"diagnostics", "errors", "iofs", "version", "text"}
# layer → the top-level parts of reportgen it may import (besides itself and the foundation)
ALLOWED = {
    "model": set(),
    "data": set(),
    "fonts": set(),
    "themes": {"data"},
    "templating": {"data"},
    "markup": {"model", "themes"},
    "transforms": {"model", "markup", "templating"},
    "layout": {"model", "themes"},
    "writers": {"model", "themes", "fonts", "layout"},
}
LOWER = set(ALLOWED) | FOUNDATION
TOP = ["plugins", "pipeline", "project_config", "project", "batch", "authoring", "", "serve", "cli_output", "cli_authoring", "cli"]  # "" is the public API (reportgen/__init__.py)


def module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path) -> set[str]:
    """The part of reportgen (``data``, ``pipeline``, … or "" for the package
    itself) each import of ``path`` reaches."""
    package = module_name(path)[:-1] if path.name != "__init__.py" else module_name(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if not node.level and target[0] != "reportgen":
                continue
            if len(target) == 1:  # from . import x: x may be a module
                found.update(alias.name for alias in node.names)
                found.add("")
            else:
                found.add(target[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] if "." in a.name else "" for a in node.names
                         if a.name.split(".")[0] == "reportgen")
    return found


def layer(path: Path) -> str:
    name = module_name(path)
    return name[1] if len(name) > 1 else ""


def test_the_reader_sees_relative_and_lazy_imports():
    assert {"errors", "iofs", "model", "pipeline", "templating", "project"} <= imported(SRC / "batch" / "bundle.py")
    assert "pipeline" in imported(SRC / "batch" / "worker.py")  # imported inside a function
    assert "version" in imported(SRC / "batch" / "manifest.py")


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.relative_to(SRC).as_posix())
def test_imports_run_one_way(path):
    here = layer(path)
    reached = imported(path) - {here}
    if here in ALLOWED:
        assert reached <= ALLOWED[here] | FOUNDATION, f"{here} may not import {sorted(reached - ALLOWED[here])}"
    elif here in FOUNDATION:
        assert reached <= FOUNDATION
    else:
        above = set(TOP[TOP.index(here) + 1:]) if here in TOP else set()
        assert not reached & above, f"{here} imports {sorted(reached & above)} from above it"
