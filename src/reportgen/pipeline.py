"""The one pipeline: context → Jinja2 → Markdown → model → transforms → bytes.

``Template`` describes a template (a folder with ``template.yaml`` and
``*.md.j2`` files, or a single ``*.md.j2`` file).  ``Renderer`` holds what is
expensive to build (Jinja environment, theme, writers, fonts) so that a process
renders many documents with one of each.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any


from .errors import ConfigError, MarkupError, ReportgenError, UsageError
from .iofs import atomic_write, safe_component, shown
from .model import Document
from .writers import WriterResult, build_stamp, formats, writer_class

FORMATS = formats()  # the registered writers (reportgen.writers)
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
                 fonts: dict | None = None, stamp: datetime | None = None):
        from .templating import make_environment
        from .themes import load_theme

        self.template = template
        self.keep_dir = keep_dir  # where rendered Markdown is kept when it has a markup error
        self.fonts = dict(fonts or {})  # the project's face → font file mapping (PDF)
        self.stamp = stamp or build_stamp()  # every document's creation time
        self.theme = load_theme(theme or template.theme, relative_to=template.dir)
        self.env = make_environment([template.dir])
        self._writers: dict[str, Any] = {}
        self._pages: dict[bytes, int] = {}  # document digest → PDF page count (see pages)

    def writer(self, fmt: str):
        if fmt not in self._writers:
            self._writers[fmt] = writer_class(fmt).create(self.theme, fonts=self.fonts, stamp=self.stamp)
        return self._writers[fmt]

    def markdown(self, context: dict, record: str | None = None) -> str:
        from .templating import render_template

        return render_template(self.env, self.template.entry, context, record=record)

    def document(self, text: str, record: str | None = None, log: list[str] | None = None) -> Document:
        """Parse rendered Markdown and apply the theme's transforms."""
        from .markup import parse
        from .model.meta import describe
        from .transforms.notes import bracket_notes
        from .transforms.numbering import number_headings
        from .transforms.typography import typography

        try:
            doc = parse(text, source=f"{self.template.entry} (rendered)", base_dir=self.template.dir)
        except MarkupError as exc:
            raise self._locate(exc, text, record) from None
        except ReportgenError as exc:
            raise exc.with_record(record) if record else exc
        doc = number_headings(doc, self.theme)
        doc = bracket_notes(doc, self.theme)
        doc, changes = typography(doc, self.theme)
        if log is not None:
            log.extend(changes)
        meta = describe(doc, record=record, template=self.template.name, description=self.template.description)
        return replace(doc, meta=meta)

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
               log: list[str] | None = None) -> WriterResult:
        doc = self.document(self.markdown(context, record), record, log)
        try:
            return self.write(doc, fmt)
        except ReportgenError as exc:
            raise exc.with_record(record) if record else exc

    def write(self, doc: Document, fmt: str) -> WriterResult:
        """``doc`` in format ``fmt``.  A writer that does not paginate (DOCX)
        is given the page count of the paginating PDF writer for the same document."""
        w = self.writer(fmt)
        if w.paginates:
            result = w.render(doc)
            if fmt == "pdf":
                self._pages[_digest(doc)] = result.pages
            return result
        return w.render(doc, pages=self.pages(doc))

    def pages(self, doc: Document) -> int | None:
        """The PDF writer's page count for ``doc``: remembered from rendering
        its PDF in this process (``build --format all`` renders a record's
        formats together, PDF first), else laid out without writing a PDF.
        None when the PDF writer cannot lay it out (a character no font has,
        a table row taller than a page): that fails the PDF, not the DOCX."""
        key = _digest(doc)
        if key not in self._pages:
            try:
                self._pages[key] = self.writer("pdf").paginate(doc)
            except ReportgenError:
                return None
        return self._pages[key]


def _digest(doc: Document) -> bytes:
    """A document's identity for the page-count memo (its repr holds every node)."""
    return hashlib.sha256(repr(doc).encode("utf-8")).digest()


def _join(*parts: str | None) -> str | None:
    text = "; ".join(p for p in parts if p)
    return text or None
