"""The one pipeline: context → Jinja2 → Markdown → model → transforms → bytes.

``Template`` describes a template (a folder with ``template.yaml`` and
``*.md.j2`` files, or a single ``*.md.j2`` file).  ``Renderer`` holds what is
expensive to build (Jinja environment, theme, writers, fonts) so that a process
renders many documents with one of each.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


from .errors import ConfigError, MarkupError, ReportgenError, UsageError
from .iofs import atomic_write, safe_component, shown
from .model import Document, Meta

FORMATS = ("pdf", "docx")
TEMPLATE_SUFFIX = ".md.j2"
BUILTIN_TEMPLATES = Path(__file__).parent / "builtin_templates"


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
    cfg: dict[str, Any] = {}
    if cfg_path.exists():
        from .data.yamlsrc import read_mapping

        cfg = read_mapping(cfg_path, "template.yaml")
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


class Renderer:
    """Renders one template to Markdown, the model and bytes, reusing its
    Jinja environment, theme and writers across documents."""

    def __init__(self, template: Template, theme: str | Path | None = None, keep_dir: Path | None = None,
                 fonts: dict | None = None):
        from .templating import make_environment
        from .themes import load_theme

        self.template = template
        self.keep_dir = keep_dir  # where rendered Markdown is kept when it has a markup error
        self.fonts = dict(fonts or {})  # the project's face → font file mapping (PDF)
        self.theme = load_theme(theme or template.theme, relative_to=template.dir)
        self.env = make_environment([template.dir])
        self._writers: dict[str, Any] = {}

    def writer(self, fmt: str):
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose pdf or docx")
        if fmt not in self._writers:
            if fmt == "pdf":
                from .fonts import fontset_for
                from .writers.pdf import PdfWriter

                self._writers[fmt] = PdfWriter(self.theme, fontset_for(self.theme, self.fonts))
            else:
                from .writers.docx import DocxWriter

                self._writers[fmt] = DocxWriter(self.theme)
        return self._writers[fmt]

    def markdown(self, context: dict, record: str | None = None) -> str:
        from .templating import render_template

        return render_template(self.env, self.template.entry, context, record=record)

    def document(self, text: str, record: str | None = None, log: list[str] | None = None) -> Document:
        """Parse rendered Markdown and apply the theme's transforms."""
        from .markup import parse
        from .transforms.notes import bracket_notes
        from .transforms.numbering import number_headings
        from .transforms.typography import typography

        try:
            doc = parse(text, source=f"{self.template.entry} (rendered)", base_dir=self.template.dir,
                        meta=Meta(title=record or ""))
        except MarkupError as exc:
            raise self._locate(exc, text, record) from None
        except ReportgenError as exc:
            raise exc.with_record(record) if record else exc
        doc = number_headings(doc, self.theme)
        doc = bracket_notes(doc, self.theme)
        doc, changes = typography(doc, self.theme)
        if log is not None:
            log.extend(changes)
        return doc

    def _locate(self, exc: MarkupError, text: str, record: str | None) -> MarkupError:
        """Point a markup error at the template line that produced it, and
        keep the rendered Markdown on disk (when ``keep_dir``) so it can be opened."""
        from .templating.sourcemap import template_line

        kept = None
        if self.keep_dir is not None:
            kept = self.keep_dir / self.template.name / f"{safe_component(record or self.template.name)}.md"
            atomic_write(kept, text.encode("utf-8"))
        source = self.template.entry_path.read_text(encoding="utf-8")
        lines = text.splitlines()
        diags = []
        for d in exc.diagnostics:
            rendered = lines[d.line - 1] if d.line and d.line <= len(lines) else ""
            tline = template_line(source, rendered)
            where = f"rendered line {d.line}" + (f" in {shown(kept)}" if kept else f": {rendered.strip()[:60]!r}")
            if tline:
                diags.append(replace(d, file=shown(self.template.entry_path), line=tline, col=None,
                                     record=d.record or record, hint=_join(d.hint, where)))
            else:
                diags.append(replace(d, file=shown(kept) if kept else d.file, record=d.record or record))
        return MarkupError(diags)

    def render(self, context: dict, fmt: str, record: str | None = None,
               log: list[str] | None = None) -> bytes:
        doc = self.document(self.markdown(context, record), record, log)
        try:
            return self.writer(fmt).render(doc)
        except ReportgenError as exc:
            raise exc.with_record(record) if record else exc


def _join(*parts: str | None) -> str | None:
    text = "; ".join(p for p in parts if p)
    return text or None
