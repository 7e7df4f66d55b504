"""The one pipeline: context → Jinja2 → Markdown → model → transforms → bytes.

``Renderer`` renders one template (see templating/template.py) and holds
what is expensive to build (Jinja environment, theme, writers, fonts) so that
a process renders many documents with one of each.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import MarkupError, ReportgenError, UsageError
from .iofs import atomic_write, safe_component, shown
from .model import Document, Meta

if TYPE_CHECKING:
    from .templating.template import Template

FORMATS = ("pdf", "docx")


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
