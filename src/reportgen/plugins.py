"""Plugins: a project's own Jinja filters, globals and directives.

``reportgen.yaml`` may list them::

    plugins:
      - plugins/stats.py          # a Python file inside the project
      - myoffice.reportgen_plugin # or an installed module

Each defines ``setup(registry)`` and adds what it offers::

    from reportgen.model import Div, Paragraph, Text

    def setup(registry):
        registry.filter("wan", lambda n: f"{n / 10000:.1f}万")
        registry.add_global("province", "湖北省")
        registry.directive("box", lambda ctx, options, content: [
            Div("quote", tuple(ctx.parser.blocks(content, ctx.content_line)), pos=ctx.pos)], content=True)

Plugin code is ordinary Python that the project chose to run: it is not
sandboxed like templates are.  Every Renderer of a template inside the
project loads the project's plugins (once per process), so worker processes,
``validate`` and ``serve`` see them as ``build`` does.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import ConfigError


@dataclass
class Registry:
    """What plugins add: Jinja filters and globals, and directives."""

    filters: dict[str, Callable] = field(default_factory=dict)
    globals: dict[str, Any] = field(default_factory=dict)
    directives: dict[str, Any] = field(default_factory=dict)  # name → markup Directive

    def filter(self, name: str, func: Callable) -> None:
        """``{{ value | name(args) }}`` calls ``func(value, args)``."""
        self.filters[_name(name, "filter")] = func

    def add_global(self, name: str, value: Any) -> None:
        """``{{ name }}`` in every template (the record's own fields win)."""
        self.globals[_name(name, "global")] = value

    def directive(self, name: str, run: Callable, *, options: dict[str, bool] | None = None,
                  content: bool = False, doc: str = "") -> None:
        """``:::{name}`` calls ``run(ctx, options, content)`` → a list of model
        blocks; ``options`` maps each option to whether it is required."""
        from .markup.directives.base import Directive

        self.directives[_name(name, "directive")] = Directive(name, run, dict(options or {}), content, doc)


def _name(name: str, kind: str) -> str:
    if not isinstance(name, str) or not name.replace("-", "_").isidentifier():
        raise ValueError(f"a {kind} name must be a word, not {name!r}")
    return name


EMPTY = Registry()
_LOADED: dict[tuple, Registry] = {}


def plugins_for(folder: Path) -> Registry:
    """The plugins of the project ``folder`` lies in (the nearest folder with
    a reportgen.yaml); an empty Registry when there is none or it lists none."""
    for root in (folder, *folder.parents):
        cfg = root / "reportgen.yaml"
        if cfg.is_file():
            return load_plugins(root)
    return EMPTY


def load_plugins(root: Path) -> Registry:
    """Load the ``plugins:`` of ``root/reportgen.yaml``; ConfigError names the entry's line."""
    from .data.yamlsrc import read_mapping

    cfg_path = root / "reportgen.yaml"
    positions: dict = {}
    value = read_mapping(cfg_path, "reportgen.yaml", positions).get("plugins")
    if not value:
        return EMPTY
    entries = [value] if isinstance(value, str) else value
    if not isinstance(entries, list) or not all(isinstance(e, str) and e for e in entries):
        raise ConfigError("plugins: list Python files of the project or module names", file=str(cfg_path),
                          line=positions.get("plugins", (None,))[0], hint="e.g. plugins: [plugins/stats.py]")
    key = (str(root), tuple(entries), tuple(_stamp(root, e) for e in entries))
    if key not in _LOADED:
        registry = Registry()
        for i, entry in enumerate(entries):
            line = positions.get(f"plugins[{i}]", positions.get("plugins", (None,)))[0]
            _setup(entry, root, registry, str(cfg_path), line)
        _LOADED[key] = registry
    return _LOADED[key]


def _stamp(root: Path, entry: str) -> float:
    p = root / entry
    return p.stat().st_mtime if entry.endswith(".py") and p.is_file() else 0.0


def _setup(entry: str, root: Path, registry: Registry, file: str, line: int | None) -> None:
    def bad(message: str, hint: str | None = None) -> ConfigError:
        return ConfigError(f"plugin {entry!r}: {message}", file=file, line=line, hint=hint)

    try:
        if entry.endswith(".py"):
            path = (root / entry).resolve()
            if not path.is_relative_to(root.resolve()):
                raise bad("lies outside the project", "keep plugin files inside the project folder")
            if not path.is_file():
                raise bad("file not found", "paths are relative to the project folder")
            name = f"reportgen_plugin_{abs(hash(str(path)))}"
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
            sys.modules[name] = module
            spec.loader.exec_module(module)  # type: ignore[union-attr]
        else:
            module = importlib.import_module(entry)
    except ConfigError:
        raise
    except ImportError as exc:
        raise bad(f"cannot be imported ({exc})", "install it, or give a .py file inside the project") from None
    except Exception as exc:  # noqa: BLE001 - the plugin's own code failed: say where
        raise bad(f"failed while loading: {type(exc).__name__}: {exc}") from None
    setup = getattr(module, "setup", None)
    if not callable(setup):
        raise bad("has no setup(registry) function")
    try:
        setup(registry)
    except Exception as exc:  # noqa: BLE001
        raise bad(f"setup(registry) failed: {type(exc).__name__}: {exc}") from None
