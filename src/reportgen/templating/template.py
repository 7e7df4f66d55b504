"""A template: a folder with ``template.yaml`` and ``*.md.j2`` files (and
an optional ``schema.yaml``), or a single ``*.md.j2`` file.

``load_template`` reads the description only; rendering is the Renderer's
job (pipeline.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.yamlsrc import read_mapping
from ..diagnostics import Diagnostic, did_you_mean
from ..errors import ConfigError, UsageError

TEMPLATE_SUFFIX = ".md.j2"
BUILTIN_TEMPLATES = Path(__file__).resolve().parents[1] / "builtin_templates"


@dataclass(frozen=True)
class Template:
    name: str
    dir: Path  # the folder searched for the entry file and its includes
    entry: str  # entry file name, relative to dir
    theme: str = "default"  # built-in theme name or path (relative to dir)
    schema: Path | None = None
    output: str | None = None  # output name pattern, overrides the project's
    description: str = ""
    scope: str = "record"  # record: one document per record; all: one document from every record
    single_file: bool = False  # a lone *.md.j2 file: its folder may hold unrelated files
    config: dict = field(default_factory=dict, compare=False, repr=False)
    positions: dict = field(default_factory=dict, compare=False, repr=False)  # template.yaml key → (line, col)

    @property
    def entry_path(self) -> Path:
        return self.dir / self.entry

    @property
    def config_file(self) -> Path | None:
        """template.yaml, when the template has one."""
        p = self.dir / "template.yaml"
        return p if not self.single_file and p.is_file() else None

    def where(self, key: str) -> tuple[str | None, int | None]:
        """The file and line of a template.yaml key (for messages about its value)."""
        f = self.config_file
        return (str(f) if f else None), self.positions.get(key, (None, None))[0]

    def files(self) -> list[Path]:
        """Every file the template consists of (for change detection): the
        whole template folder, or for a lone ``*.md.j2`` file the Jinja files
        beside it (what it can include), not the rest of that folder."""
        if self.single_file:
            return sorted(p for p in self.dir.glob("*.j2") if p.is_file())
        return sorted(p for p in self.dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def load_template(path: Path | str, search: list[Path] | None = None) -> Template:
    """A template from a folder (with ``template.yaml``), a ``*.md.j2`` file,
    or a name looked up in ``search`` folders and then the built-in templates."""
    p = Path(path)
    if not p.exists() and not p.is_absolute() and len(p.parts) == 1:
        for base in [*(search or []), BUILTIN_TEMPLATES]:
            if (base / p).exists():
                p = base / p
                break
    if not p.exists():
        raise UsageError(f"template {str(path)!r} not found",
                         hint="give a template folder, a *.md.j2 file, or a template name under templates/")
    if p.is_file():
        if not p.name.endswith(TEMPLATE_SUFFIX):
            raise UsageError(f"template file {p} must end in {TEMPLATE_SUFFIX}")
        return Template(name=p.name[: -len(TEMPLATE_SUFFIX)], dir=p.parent.resolve(), entry=p.name,
                        single_file=True)
    return _load_template_dir(p.resolve())


TEMPLATE_KEYS = ("name", "description", "entry", "theme", "schema", "output", "scope")


def _load_template_dir(d: Path) -> Template:
    cfg_path = d / "template.yaml"
    positions: dict = {}
    cfg: dict[str, Any] = read_mapping(cfg_path, "template.yaml", positions) if cfg_path.exists() else {}
    problems: list[Diagnostic] = []

    def bad(key: str | None, message: str, hint: str | None = None) -> None:
        line, col = positions.get(key, (None, None)) if key else (None, None)
        problems.append(Diagnostic(message, file=str(cfg_path), line=line, col=col, hint=hint))

    if cfg_path.exists() and not cfg:
        bad(None, "template.yaml is empty", "write at least 'entry: report.md.j2' (and theme, description), "
                                            "or delete the file")
    for key in cfg:
        if key not in TEMPLATE_KEYS:
            bad(key, f"unknown key {key!r}", did_you_mean(str(key), TEMPLATE_KEYS))
    for key in TEMPLATE_KEYS:
        if key in cfg and (not isinstance(cfg[key], str) or (key != "description" and not cfg[key].strip())):
            bad(key, f"{key}: write a text, not {cfg[key]!r}", "or leave the key out for its default")
    text = {k: v for k, v in cfg.items() if k in TEMPLATE_KEYS and isinstance(v, str)}
    entries = sorted(p.name for p in d.glob(f"*{TEMPLATE_SUFFIX}"))
    entry = text.get("entry") or (entries[0] if len(entries) == 1 else None)
    if entry is None:
        bad("entry", f"the template folder {d.name} has {len(entries)} *{TEMPLATE_SUFFIX} files; name the entry file",
            "add 'entry: report.md.j2' to template.yaml")
    elif not entry.endswith(TEMPLATE_SUFFIX) or Path(entry).name != entry:
        bad("entry", f"entry {entry!r} must be a *{TEMPLATE_SUFFIX} file in the template folder",
            did_you_mean(entry, entries) if entries else None)
    elif not (d / entry).is_file():
        bad("entry", f"entry file {entry!r} not found in {d.name}/",
            did_you_mean(entry, entries) if entries else f"create {entry} or name an existing *{TEMPLATE_SUFFIX}")
    schema = text.get("schema") or ("schema.yaml" if (d / "schema.yaml").exists() else None)
    if schema and not (d / schema).is_file():
        bad("schema", f"schema file {schema!r} not found in {d.name}/", "name a YAML or JSON file in the folder")
    scope = text.get("scope", "record")
    if scope not in ("record", "all"):
        bad("scope", f"scope must be 'record' or 'all', not {scope!r}")
    if problems:
        raise ConfigError(problems)
    return Template(
        name=text.get("name", d.name), dir=d, entry=str(entry), theme=text.get("theme", "default"),
        schema=(d / schema) if schema else None, output=text.get("output"),
        description=text.get("description", ""), scope=scope, config=cfg, positions=positions,
    )
