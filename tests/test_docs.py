"""The documentation works: its examples run and its links lead somewhere.

* Every ```sh block of README.md and docs/*.md is run by bash with
  ``set -euo pipefail``: the blocks of one page in order, as one script (a
  page may build on its earlier blocks, as a reader following it does), in a
  fresh copy of the sample project (reportgen.yaml, templates/, data/), with
  ``reportgen`` on PATH running this checkout's code.  It must exit 0.
* Every ```python block is run the same way (one script per page, in its
  own copy of the sample project).
* Blocks that cannot run here — long-running commands (``reportgen
  watch``), synopses with placeholders, commands that need files the reader
  supplies, ``make`` targets — are fenced as ```text (or ```console for a
  transcript) instead, and are not run.
* Every example row of docs/filters.md (``| `{{ … }}` | prints |``) is
  rendered as a template and must print what the row says.
* Every relative link and image of those pages points at an existing file
  (and, for ``page.md#anchor``, at a heading of that page).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SAMPLE = ("reportgen.yaml", "templates", "data")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")


def blocks(page: Path, lang: str) -> list[tuple[int, str]]:
    """(line, text) of every fenced block of ``lang`` in ``page`` (indented
    fences, e.g. inside a list item, have their indent removed)."""
    out = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, kind = len(m["indent"]), m["fence"], m["lang"]
        body = []
        j = i + 1
        while j < len(lines) and not re.match(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[j]):
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        if kind == lang:
            out.append((i + 1, "\n".join(body)))
        i = j + 1
    return out


def _pages_with(lang: str) -> list:
    return [pytest.param(p, id=p.relative_to(ROOT).as_posix()) for p in PAGES if blocks(p, lang)]


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the sample project and an environment with ``reportgen`` on PATH."""
    proj = tmp_path / "project"
    proj.mkdir()
    for name in SAMPLE:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, proj / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "reportgen"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reportgen "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    python = bin_dir / "python"  # this interpreter (a symbolic link would lose its virtual environment)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("REPORTGEN_DEBUG", None)
    env["CI"] = "1"  # no progress bars in the captured output
    return proj, env


def _report(page: Path, proc: subprocess.CompletedProcess) -> str:
    return (f"{page.relative_to(ROOT)}: the examples failed (exit {proc.returncode})\n"
            f"--- stdout (last 3000 characters)\n{proc.stdout[-3000:]}\n"
            f"--- stderr (last 3000 characters)\n{proc.stderr[-3000:]}")


@pytest.mark.skipif(shutil.which("bash") is None, reason="the shell examples need bash")
@pytest.mark.parametrize("page", _pages_with("sh"))
def test_shell_examples_run(page: Path, project):
    proj, env = project
    parts = ["set -euo pipefail"]
    for line, text in blocks(page, "sh"):
        parts.append(f"echo '### {page.name}:{line}' >&2")
        parts.append(text)
    proc = subprocess.run(["bash", "-c", "\n".join(parts)], cwd=proj, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, _report(page, proc)


@pytest.mark.parametrize("page", _pages_with("python"))
def test_python_examples_run(page: Path, project):
    proj, env = project
    script = "\n\n".join(f"# {page.name}:{line}\n{text}" for line, text in blocks(page, "python"))
    proc = subprocess.run([sys.executable, "-c", script], cwd=proj, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, _report(page, proc)


# ---------------------------------------------------------------- filters

_EXAMPLE = re.compile(r"^\|\s*`(?P<template>[^`]*\{\{[^`]*)`\s*\|\s*(?P<prints>[^|]+?)\s*\|\s*$")


def filter_examples() -> list[tuple[int, str, str]]:
    out = []
    for n, line in _prose_lines(ROOT / "docs" / "filters.md"):
        m = _EXAMPLE.match(line)
        if m:
            out.append((n, m["template"].replace("\\|", "|"), m["prints"]))
    return out


def test_filter_examples_print_what_the_page_says(tmp_path: Path):
    from markdown_it.common.utils import unescapeAll

    from reportgen.templating import make_environment, render_template

    examples = filter_examples()
    assert len(examples) >= 25
    wrong = []
    for n, template, prints in examples:
        (tmp_path / "t.md.j2").write_text(template, encoding="utf-8")
        got = unescapeAll(render_template(make_environment([tmp_path]), "t.md.j2", {}))
        if got != prints:
            wrong.append(f"filters.md:{n}: {template} prints {got!r}, the page says {prints!r}")
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- links

_CODE_SPAN = re.compile(r"(`+).*?\1")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _prose_lines(page: Path) -> list[tuple[int, str]]:
    """(line, text) of the page outside fenced blocks."""
    out, fence = [], None
    for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        m = FENCE.match(line)
        if m and (fence is None or m["fence"].startswith(fence)):
            fence = None if fence else m["fence"]
            continue
        if fence is None:
            out.append((n, line))
    return out


def _prose(page: Path) -> list[tuple[int, str]]:
    """(line, text) of the page outside fenced blocks, code spans removed."""
    return [(n, _CODE_SPAN.sub("", line)) for n, line in _prose_lines(page)]


def _anchors(page: Path) -> set[str]:
    """GitHub's heading anchors of a Markdown page."""
    seen: dict[str, int] = {}
    out = set()
    for _n, line in _prose(page):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        slug = re.sub(r"[^\w\- ]", "", m[1].strip().lower()).replace(" ", "-")
        k = seen.get(slug, 0)
        seen[slug] = k + 1
        out.add(slug if k == 0 else f"{slug}-{k}")
    return out


def test_pages_are_found():
    names = {p.name for p in PAGES}
    assert {"README.md", "authoring.md", "filters.md", "themes.md", "config.md", "cookbook.md", "api.md"} <= names


@pytest.mark.parametrize("page", [pytest.param(p, id=p.relative_to(ROOT).as_posix()) for p in PAGES])
def test_relative_links_point_at_files(page: Path):
    broken = []
    for n, line in _prose(page):
        for target in _LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto:
                continue
            path, _, anchor = target.partition("#")
            dest = (page.parent / path).resolve() if path else page
            if not dest.exists():
                broken.append(f"{page.name}:{n}: {target} (no such file)")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
                broken.append(f"{page.name}:{n}: {target} (no heading #{anchor} in {dest.name})")
    assert not broken, "\n".join(broken)
