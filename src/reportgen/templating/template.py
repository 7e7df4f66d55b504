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

    @property
    def entry_path(self) -> Path:
        return self.dir / self.entry

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


def _load_template_dir(d: Path) -> Template:
    cfg_path = d / "template.yaml"
    cfg: dict[str, Any] = read_mapping(cfg_path, "template.yaml") if cfg_path.exists() else {}
    entries = sorted(p.name for p in d.glob(f"*{TEMPLATE_SUFFIX}"))
    entry = cfg.get("entry") or (entries[0] if len(entries) == 1 else None)
    if entry is None:
        raise ConfigError(
            f"template folder {d} has {len(entries)} *{TEMPLATE_SUFFIX} files; name the entry file",
            file=str(cfg_path), hint="add 'entry: report.md.j2' to template.yaml")
    if not (d / entry).is_file():
        raise ConfigError(f"entry file {entry!r} not found in {d}", file=str(cfg_path))
    schema = cfg.get("schema") or ("schema.yaml" if (d / "schema.yaml").exists() else None)
    scope = cfg.get("scope", "record")
    if scope not in ("record", "all"):
        raise ConfigError(f"scope must be 'record' or 'all', not {scope!r}", file=str(cfg_path))
    return Template(
        name=str(cfg.get("name", d.name)), dir=d, entry=entry, theme=str(cfg.get("theme", "default")),
        schema=(d / schema) if schema else None, output=cfg.get("output"),
        description=str(cfg.get("description", "")), scope=scope, config=cfg,
    )
