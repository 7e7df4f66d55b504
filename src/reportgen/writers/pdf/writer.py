"""PdfWriter: Document → PDF bytes with reportlab platypus.

One handler per node kind.  Block handlers take ``(node, ctx)`` and return
flowables; inline handlers take ``(node, style)`` and return styled runs.
Text is laid out by ``linebreak`` and drawn by ``flowables.TextBlock``;
reportlab's Paragraph is not used for Chinese text (ARCHITECTURE.md §5).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, replace

from reportlab.platypus import BaseDocTemplate, CondPageBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ...errors import RenderError, ReportgenError
from ...model import nodes as m
from . import blocks as _blocks, official as _official, rlfixes as _rlfixes, tables as _tables  # noqa: F401
from .flowables import GridFrame, TextBlock
from .linebreak import Run, RunStyle, segment, shape
from .. import WriterResult
from .pages import draw_page_number


def keep_with_next(story: list, width: float, lines: int = 2) -> list:
    """Keep a heading with the first lines of what follows by a conditional
    page break before it (platypus' own keepWithNext moves the whole next
    paragraph, leaving half a page empty)."""
    out: list = []
    for i, f in enumerate(story):
        if getattr(f, "keepWithNext", False) and i + 1 < len(story):
            f.keepWithNext = False
            _, h = f.wrap(width, 1e6)
            nxt = story[i + 1]
            h += f.getSpaceAfter() + f.getSpaceBefore() + getattr(nxt, "spaceBefore", 0.0)
            if hasattr(nxt, "leading"):
                h += lines * nxt.leading
            else:  # a table: its head rows and first body row; anything else: all of it
                _, nh = nxt.wrap(width, 1e6)
                rows = getattr(nxt, "_rowHeights", None)
                h += sum(rows[: getattr(nxt, "repeatRows", 0) + 1]) if rows else nh
            out.append(CondPageBreak(h))
        out.append(f)
    return out


@dataclass(frozen=True)
class Ctx:
    """Where a block is rendered: the role its paragraphs take (a Div sets
    it) and its left indent in points (lists nest)."""

    role: str | None = None
    indent: float = 0.0
    depth: int = 0


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"
    paginates = True

    def __init__(self, theme, fonts=None):
        from ...fonts import fontset_for

        self.theme = theme
        self.fonts = fonts if fonts is not None else fontset_for(theme)
        self._used: set[str] = set()
        self.handlers: dict[str, object] = {}
        for kind in m.BLOCK_KINDS + m.INLINE_KINDS:
            fn = getattr(self, f"render_{kind}", None)
            if fn is not None:
                self.handlers[kind] = fn

    @classmethod
    def create(cls, theme, *, fonts: dict | None = None, stamp=None) -> "PdfWriter":
        """The writer for ``theme`` with the project's face → file mapping
        ``fonts``.  ``stamp`` is not used: the PDF's dates are ReportLab's
        invariant ones (or ``SOURCE_DATE_EPOCH``), so a PDF rebuilds byte for byte."""
        from ...fonts import fontset_for

        return cls(theme, fontset_for(theme, fonts))

    # ---------------------------------------------------------------- dispatch

    def register(self, kind: str, handler) -> None:
        """Use ``handler`` for nodes of ``kind``: blocks ``(node, ctx) ->
        [flowables]``, inlines ``(node, RunStyle) -> [Run]``."""
        self.handlers[kind] = handler

    def handles(self, kind: str) -> bool:
        return kind in self.handlers

    def block(self, node, ctx: Ctx | None = None) -> list:
        handler = self.handlers.get(node.kind)
        if handler is None:
            raise RenderError(f"the PDF writer has no handler for {node.kind!r} nodes",
                              file=getattr(getattr(node, "pos", None), "file", None))
        return list(handler(node, ctx or Ctx()))

    def blocks(self, nodes, ctx: Ctx | None = None) -> list:
        out: list = []
        for n in nodes:
            out.extend(self.block(n, ctx))
        return out

    def runs(self, inlines, style: RunStyle) -> list[Run]:
        out: list[Run] = []
        for node in inlines:
            out.extend(self.handlers[node.kind](node, style))
        return out

    # ---------------------------------------------------------------- render

    def render(self, doc: m.Document) -> WriterResult:
        """The PDF, its page count (from the doc template after the build)
        and the font files of the faces its text was set in."""
        buf = io.BytesIO()
        pages = self._build(doc, buf, save=True)
        return WriterResult(buf.getvalue(), pages, self._font_files())

    def paginate(self, doc: m.Document) -> int:
        """The page count of ``doc``, laid out exactly as ``render`` does it
        but without writing the PDF (no font subsetting, no compression)."""
        return self._build(doc, io.BytesIO(), save=False)

    def _build(self, doc: m.Document, buf, save: bool) -> int:
        self._used = set()  # registered font names text was set in (see units)
        story = keep_with_next(self.blocks(doc.body), self.theme.page.type_width)
        page = self.theme.page
        title = doc.meta.title or next((m.plain_text(b.children) for b in doc.body if isinstance(b, m.Title)), "")
        tpl = BaseDocTemplate(
            buf, pagesize=(page.width, page.height), leftMargin=page.left, rightMargin=page.right,
            topMargin=page.top, bottomMargin=page.bottom, title=title, author=doc.meta.author,
            subject=doc.meta.subject, keywords=", ".join(doc.meta.keywords), creator="reportgen",
            invariant=1,
            # start each page in the body face, not ReportLab's default Helvetica,
            # so the PDF references no unembedded base-14 font
            initialFontName=self.fonts.face(self.theme.style("body").font).name,
            initialFontSize=self.theme.style("body").size,
        )
        tpl._doSave = save  # ReportLab's own switch (multiBuild's passes): build without writing
        grid = self.theme.grid
        frame = GridFrame(page.left, page.bottom, page.type_width, page.type_height, id="type-area",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                          pitch=grid.line_pitch if grid else None)
        # page numbers are drawn when a page ends, after a part's start marker has
        # reset the count (volumes number every part from 1)
        self.parts, self.page_base = 0, 0
        tpl.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._on_page)])
        try:
            tpl.build(story)
        except ReportgenError:
            raise
        except LayoutError as exc:
            raise RenderError(f"PDF layout failed: {exc}", hint="a table row or image is larger than a page") from None
        return tpl.page

    def _font_files(self) -> tuple[str, ...]:
        """The files of the registered fonts the last build set text in."""
        from reportlab.pdfbase import pdfmetrics

        return tuple(sorted({pdfmetrics.getFont(name).face.filename for name in self._used}))

    def _on_page(self, canv, doc) -> None:
        draw_page_number(self, canv, doc.page - self.page_base)

    # ---------------------------------------------------------------- text helpers

    def run_style(self, role: str) -> RunStyle:
        st = self.theme.style(role)
        return RunStyle(face=st.font, latin=st.latin, size=st.size, bold=st.bold, italic=st.italic,
                        color=st.color)

    def units(self, runs: list[Run], role: str, pos=None):
        chars = shape(runs, self.fonts, pos)
        self._used.update(c[2] for c in chars if c[2])
        return segment(chars, self.theme.char_pitch(role))

    def text_block(self, runs: list[Run], role: str, *, pos=None, align: str | None = None,
                   indent_chars: float | None = None, left: float = 0.0, right: float = 0.0,
                   first: float | None = None, space_before: float | None = None,
                   space_after: float | None = None, keep_with_next: bool | None = None) -> TextBlock:
        """A TextBlock of ``runs`` set in ``role``.  ``first`` (points)
        overrides the first-line indent given by the role in characters."""
        st = self.theme.style(role)
        cw = self.theme.char_width(role)
        first_indent = first if first is not None else (st.indent if indent_chars is None else indent_chars) * cw
        return TextBlock(
            self.units(runs, role, pos), align=align or st.align, size=st.size,
            leading=self.theme.line_pitch(role), first_indent=first_indent,
            left_indent=left + st.left_indent * cw, right_indent=right + st.right_indent * cw,
            space_before=st.space_before if space_before is None else space_before,
            space_after=st.space_after if space_after is None else space_after,
            keep_with_next=st.keep_with_next if keep_with_next is None else keep_with_next,
            grid=self.theme.on_line_grid(role),
        )

    def inline_block(self, inlines, role: str, pos=None, **kw) -> TextBlock:
        return self.text_block(self.runs(inlines, self.run_style(role)), role, pos=pos, **kw)

    def element(self, *keys, default=0.0):
        """A measurement from theme.elements (points), or ``default``."""
        d = self.theme.elements
        for k in keys:
            if not isinstance(d, dict) or k not in d:
                return default
            d = d[k]
        return d

    # ---------------------------------------------------------------- inlines

    def render_text(self, node, style):
        return [Run(node.text, style)]

    def render_code(self, node, style):
        return [Run(node.text, style)]

    def render_linebreak(self, node, style):
        return [Run("\n", style)]

    def render_strong(self, node, style):
        return self.runs(node.children, replace(style, bold=True))

    def render_emph(self, node, style):
        return self.runs(node.children, replace(style, italic=True))

    def render_underline(self, node, style):
        return self.runs(node.children, replace(style, underline=True))

    def render_sup(self, node, style):
        return self.runs(node.children, replace(style, size=style.size * 0.6, rise=style.rise + style.size * 0.35))

    def render_sub(self, node, style):
        return self.runs(node.children, replace(style, size=style.size * 0.6, rise=style.rise - style.size * 0.15))

    def render_link(self, node, style):
        return self.runs(node.children, replace(style, link=node.href, underline=True))

    def render_styled(self, node, style):
        st = self.theme.style(node.role)
        return self.runs(node.children, replace(style, face=st.font, latin=st.latin, size=st.size,
                                                bold=style.bold or st.bold, italic=style.italic or st.italic,
                                                color=st.color))

    # ---------------------------------------------------------------- blocks

    render_title = _blocks.render_title
    render_heading = _blocks.render_heading
    render_paragraph = _blocks.render_paragraph
    render_list = _blocks.render_list
    render_image = _blocks.render_image
    render_page_break = _blocks.render_page_break
    render_rule = _blocks.render_rule
    render_addressee = _blocks.render_addressee
    render_attachments = _blocks.render_attachments
    render_div = _blocks.render_div
    render_part = _blocks.render_part
    render_table = _tables.render_table
    render_masthead = _official.render_masthead
    render_signature = _official.render_signature
    render_colophon = _official.render_colophon
