"""The one pipeline: context → Jinja2 → Markdown → model → transforms → bytes.

``Renderer`` renders one template (see templating/template.py) and holds
what is expensive to build (Jinja environment, theme, writers, fonts) so that
a process renders many documents with one of each.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import MarkupError, ReportgenError
from .iofs import atomic_write, safe_component, shown
from .model import Document
from .writers import WriterResult, build_stamp, formats, writer_class

if TYPE_CHECKING:
    from .layout import Layout
    from .templating.template import Template
    from .themes import Theme

FORMATS = formats()  # the registered writers (reportgen.writers)
PAGE_MEMO = 64  # documents whose Layout and page count a process remembers


def _project_root(folder: Path) -> Path:
    """The project a template folder lives in (the nearest folder with a
    reportgen.yaml), else the folder itself: images may come from anywhere inside it."""
    for parent in (folder, *folder.parents):
        if (parent / "reportgen.yaml").is_file():
            return parent
    return folder


def kept_markdown(keep_dir: Path, template: str, record: str | None) -> Path:
    """Where the rendered Markdown of a document with a markup error is kept."""
    return keep_dir / template / f"{safe_component(record or template)}.md"


class Renderer:
    """Renders one template to Markdown, the model and bytes, reusing its
    Jinja environment, theme and writers across documents."""

    def __init__(self, template: Template, theme: Theme | str | Path | None = None, keep_dir: Path | None = None,
                 fonts: dict | None = None, stamp: datetime | None = None):
        """``theme``: a loaded Theme, a built-in theme name or a theme file;
        None: the template's theme."""
        from .templating import make_environment
        from .themes import Theme, load_theme

        self.template = template
        self.keep_dir = keep_dir  # where rendered Markdown is kept when it has a markup error
        self.fonts = dict(fonts or {})  # the project's face → font file mapping (PDF)
        self.stamp = stamp or build_stamp()  # every document's creation time
        self.theme = theme if isinstance(theme, Theme) else load_theme(theme or template.theme,
                                                                       relative_to=template.dir)
        from .plugins import plugins_for

        self.plugins = plugins_for(template.dir)  # the project's filters, globals and directives
        self.env = make_environment([template.dir])
        self.env.filters.update(self.plugins.filters)
        self.env.globals.update(self.plugins.globals)
        self._writers: dict[str, Any] = {}
        self._memo: dict[bytes, _Laid] = {}  # document digest → its Layout, page count, first PDF

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
        from .transforms.notes import bracket_notes
        from .transforms.numbering import number_headings
        from .transforms.typography import typography
        from .model.meta import describe

        try:
            doc = parse(text, source=f"{self.template.entry} (rendered)", base_dir=self.template.dir,
                        confine=_project_root(self.template.dir), directives=self.plugins.directives)
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
            kept = kept_markdown(self.keep_dir, self.template.name, record)
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
        text = self.markdown(context, record)
        return self.write(self.document(text, record, log), fmt, text, record)

    def write(self, doc: Document, fmt: str, text: str | None = None, record: str | None = None) -> WriterResult:
        """``doc`` in format ``fmt``.  A writer that does not paginate (DOCX)
        is given the page count of the paginating PDF writer for the same
        document.  A markup error the layout finds (a table of a bad shape)
        points at the template line, given the rendered Markdown ``text``."""
        try:
            return self._write(doc, fmt)
        except MarkupError as exc:
            raise (self._locate(exc, text, record) if text is not None else exc) from None
        except ReportgenError as exc:
            raise exc.with_record(record) if record else exc

    def _write(self, doc: Document, fmt: str) -> WriterResult:
        laid = self._laid(doc)
        if fmt == "pdf" and laid.pdf is not None:  # drawn already while placing the 版记
            result, laid.pdf = laid.pdf, None  # handed out once: the memo keeps no bytes
            return result
        w = self.writer(fmt)
        if w.paginates:
            result = w.render(laid.layout)
            if fmt == "pdf":
                laid.pages = result.pages
            return result
        return w.render(laid.layout, pages=self._pages(laid))

    def layout(self, doc: Document) -> Layout:
        """``doc``'s Layout, with the decisions that need its pages made (where
        the 版记 goes).  Remembered, so a record's formats share one Layout."""
        return self._laid(doc).layout

    def pages(self, doc: Document) -> int | None:
        """The PDF writer's page count for ``doc`` (see ``_pages``)."""
        return self._pages(self._laid(doc))

    def _laid(self, doc: Document) -> "_Laid":
        """The remembered Layout of ``doc``.  When its 版记 (or a volume's
        parts) need the pages, the PDF is drawn a first time: kept, with its
        page count, when nothing moves; else the Layout is placed anew."""
        from .layout import lay_out, needs_pages, place
        from .model.sanitize import xml_safe

        key = _digest(doc)
        if key not in self._memo:
            laid = _Laid(lay_out(xml_safe(doc), self.theme))  # control characters: none in either format
            if needs_pages(laid.layout):
                pdf = self.writer("pdf")
                try:
                    drawn = pdf.render(laid.layout)
                except ReportgenError:  # the PDF fails on its own; the DOCX keeps the natural place
                    drawn = None
                if drawn is not None:
                    placed = place(laid.layout, pdf.pagination)
                    laid = _Laid(laid.layout, drawn.pages, drawn) if placed is laid.layout else _Laid(placed)
            if len(self._memo) >= PAGE_MEMO:
                self._memo.clear()
            self._memo[key] = laid
        return self._memo[key]

    def _pages(self, laid: "_Laid") -> int | None:
        """The PDF writer's page count of a Layout: remembered from drawing
        its PDF in this process (``build --format all`` renders a record's
        formats together, PDF first), else laid out without writing a PDF.
        None when the PDF writer cannot lay it out (a character no font has,
        a table row taller than a page): that fails the PDF, not the DOCX."""
        if laid.pages is None:
            try:
                laid.pages = self.writer("pdf").paginate(laid.layout).pages
            except ReportgenError:
                return None
        return laid.pages


@dataclass
class _Laid:
    """A document's Layout, its page count and its drawn PDF, once known."""

    layout: Layout
    pages: int | None = None
    pdf: WriterResult | None = None


def _digest(doc: Document) -> bytes:
    """A document's identity for the page-count memo (its repr holds every node)."""
    return hashlib.sha256(repr(doc).encode("utf-8")).digest()


def _join(*parts: str | None) -> str | None:
    text = "; ".join(p for p in parts if p)
    return text or None
