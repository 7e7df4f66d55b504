"""Reading reportgen.yaml key by key (for ``project.load_project``): each
helper notes every problem through ``bad(key, message, hint)`` at the key's
line instead of stopping at the first."""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import did_you_mean
from .errors import ConfigError, UsageError
from .iofs import shown
from .templating.template import Template, load_template


@dataclass(frozen=True)
class ExecutorConfig:
    """``executor:`` in reportgen.yaml: how ``build`` renders.  ``kind``
    "local" (a process pool on this machine) or "dask" (a Dask cluster: the
    scheduler at ``scheduler``, e.g. ``tcp://10.0.0.5:8786``, else a local
    Dask cluster); batch/executor.py runs it."""

    kind: str = "local"
    scheduler: str | None = None


EXECUTOR_KINDS = ("local", "dask")


def _out_problem(out: Path, root: Path) -> tuple[str, str] | None:
    if out.exists() and not out.is_dir():
        return f"the output folder {shown(out, root)} is a file", "name a folder (default: output)"
    if out.resolve() in (root, *root.parents):
        return (f"the output folder {shown(out, root)} would hold the project itself",
                "name a folder inside the project, e.g. output")
    return None


def _check_pattern(pattern: str, key: str, bad) -> None:
    """``{district.name}``-style patterns: braces must balance."""
    try:
        list(string.Formatter().parse(pattern))
    except ValueError as exc:
        bad(key, f"{key} {pattern!r}: {exc}", "write fields as {field.path}; double a brace to print it: {{ }}")


def _entries(cfg: dict, key: str, bad, default: list) -> list[str]:
    """A key that takes one text or a list of texts."""
    value = cfg.get(key, default)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        bad(key, f"{key} must be a list or a text, not {value!r}")
        return []
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str) and item:
            out.append(item)
        else:
            bad(f"{key}[{i}]" if isinstance(value, list) else key, f"{key}: write a text, not {item!r}")
    return out


def _templates(cfg: dict, root: Path, positions: dict, bad, problems: list) -> tuple[Template, ...]:
    value = cfg.get("templates")
    if value is None:
        bad(None, "no templates listed", "add 'templates: [my-template]' (folders under templates/)")
        return ()
    entries = [value] if isinstance(value, (str, dict)) else value
    if not isinstance(entries, list):
        bad("templates", f"templates must be a list of template folders, not {value!r}")
        return ()
    out = []
    for i, entry in enumerate(entries):
        key = f"templates[{i}]" if isinstance(value, list) else "templates"
        if not isinstance(entry, (str, dict)) or not (entry.get("path") or entry.get("name")
                                                     if isinstance(entry, dict) else entry):
            bad(key, f"templates: write a template folder or name, not {entry!r}")
            continue
        try:
            out.append(load_template(_as_path(entry, root), search=[root / "templates"]))
        except UsageError as exc:  # not found: say so where reportgen.yaml names it
            names = [p.name for p in (root / "templates").glob("*") if p.is_dir()]
            bad(key, exc.diagnostic.message, did_you_mean(str(entry), names) if names else exc.diagnostic.hint)
        except ConfigError as exc:
            problems.extend(exc.diagnostics)
    if not entries:
        bad("templates", "no templates listed", "add 'templates: [my-template]' (folders under templates/)")
    return tuple(out)


def _executor(value: Any, path: Path, positions: dict) -> ExecutorConfig | None:  # raises ConfigError
    """``executor: dask`` or ``executor: {kind: dask, scheduler: tcp://HOST:8786}``."""
    if value is None:
        return None

    def line(key: str = "") -> int | None:
        return positions.get(f"executor.{key}" if key else "executor", positions.get("executor", (None,)))[0]

    spec = {"kind": value} if isinstance(value, str) else value
    hint = "e.g. executor: {kind: dask, scheduler: tcp://HOST:8786}, or executor: local"
    if not isinstance(spec, dict) or set(spec) - {"kind", "scheduler"}:
        raise ConfigError("executor must be local, dask, or a mapping with kind and scheduler",
                          file=str(path), line=line(), hint=hint)
    kind, scheduler = spec.get("kind", "local"), spec.get("scheduler")
    if kind not in EXECUTOR_KINDS:
        raise ConfigError(f"executor kind {kind!r} is unknown; choose local or dask", file=str(path),
                          line=line("kind"), hint=hint)
    if scheduler is not None and (kind != "dask" or not isinstance(scheduler, str) or not scheduler.strip()):
        raise ConfigError("executor scheduler is the address of a Dask scheduler and needs kind: dask",
                          file=str(path), line=line("scheduler"), hint=hint)
    return ExecutorConfig(kind, scheduler.strip() if scheduler else None)


def _theme(value: Any, root: Path) -> str | None:
    """The project's theme: a built-in name, or a theme file relative to the project root."""
    if not value:
        return None
    p = Path(str(value)).expanduser()
    if not p.is_absolute() and (root / p).exists():
        return str(root / p)
    return str(value)


def _fonts(value: Any, root: Path, bad) -> dict:
    """``fonts:`` — face name → font file (``face: path`` or ``face: {file: path}``), each checked."""
    from .themes.reader import font_file_problem

    if value is None:
        return {}
    if not isinstance(value, dict):
        bad("fonts", "fonts must map face names to font files", "e.g. fonts: {仿宋_GB2312: fonts/fangsong.ttf}")
        return {}
    out = {}
    for face, spec in value.items():
        file = spec.get("file") if isinstance(spec, dict) else spec
        if not isinstance(file, str) or not file:
            bad(f"fonts.{face}", f"fonts.{face}: give the path of a font file")
            continue
        p = Path(file).expanduser()
        p = p if p.is_absolute() else root / p
        problem = font_file_problem(p)
        if problem:
            bad(f"fonts.{face}", f"fonts.{face}: {problem}", "paths are relative to the project folder")
        out[str(face)] = str(p)
    return out


def _as_path(entry: Any, root: Path) -> Path:
    """A template entry: a folder under templates/, else a path relative to
    the project root, else a built-in template name (load_template looks it up)."""
    name = entry.get("path") or entry.get("name") if isinstance(entry, dict) else entry
    p = Path(str(name))
    if p.is_absolute():
        return p
    for base in (root / "templates", root):
        if (base / p).exists():
            return base / p
    return p
