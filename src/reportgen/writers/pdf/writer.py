"""PdfWriter: Layout → PDF bytes with reportlab platypus.

The writer translates the layout stage's decisions (``reportgen.layout``)
into flowables and decides nothing itself.  One handler per layout item kind
and per inline kind.  Item handlers take ``(item, ctx)`` and return
flowables; inline handlers take ``(node, style)`` and return styled runs.
Text is laid out by ``linebreak`` and drawn by ``flowables.TextBlock``;
reportlab's Paragraph is not used for Chinese text (ARCHITECTURE.md §5).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ...errors import RenderError, ReportgenError
from ...layout import ITEM_KINDS, Layout, Pagination, lay_out
from ...model import nodes as m
from . import blocks as _blocks, official as _official, rlfixes as _rlfixes, tables as _tables  # noqa: F401
from .flowables import TextBlock
from .keep import chain_kept
from .linebreak import Run, RunStyle, segment, shape
from .. import WriterResult
from .pages import draw_page_number


def _note_page(facts: dict, flowable, tpl) -> None:
    """Record where the 版记 and the last text before it were drawn, the room
    left under that text, and the 版记's own height."""
    if getattr(flowable, "is_colophon", False):
        facts.setdefault("colophon", tpl.page)
        facts.setdefault("colophon_height", flowable.content_height)
    elif "colophon" not in facts and getattr(flowable, "height", 0) > 0:
        facts["text"] = tpl.page
        facts["room"] = tpl.frame._y - tpl.frame._y1p  # platypus' frame: its current y and bottom


@dataclass(frozen=True)
class Ctx:
    """Where an item is rendered (nothing yet: every position is in the item)."""


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
        for kind in ITEM_KINDS + m.INLINE_KINDS:
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

    def blocks(self, items, ctx: Ctx | None = None) -> list:
        out: list = []
        for item in items:
            if getattr(item, "keep_with_previous", False) and out:
                out[-1].keepWithNext = True  # 署名 with the last lines of the text
            out.extend(self.block(item, ctx))
        return out

    def runs(self, inlines, style: RunStyle) -> list[Run]:
        out: list[Run] = []
        for node in inlines:
            out.extend(self.handlers[node.kind](node, style))
        return out

    # ---------------------------------------------------------------- render

    def render(self, doc: m.Document | Layout) -> WriterResult:
        """The PDF of a Layout (a Document is laid out first), its page count
        (from the doc template after the build) and the font files of the
        faces its text was set in."""
        buf = io.BytesIO()
        self.pagination = self._build(doc, buf, save=True)  # where the 版记 fell, for Renderer.layout
        return WriterResult(buf.getvalue(), self.pagination.pages, self._font_files())

    def paginate(self, doc: m.Document | Layout) -> Pagination:
        """``doc`` laid out exactly as ``render`` does it, without writing the
        PDF (no font subsetting, no compression): its page count, and where
        the text before the 版记 and the 版记 fell."""
        return self._build(doc, io.BytesIO(), save=False)

    def _build(self, doc: m.Document | Layout, buf, save: bool) -> Pagination:
        layout = doc if isinstance(doc, Layout) else lay_out(doc, self.theme)
        self.page_numbers = layout.page_numbers
        self.unnumbered = set(layout.unnumbered)
        self.part_pages: list[int] = []  # where each volume part starts (PartStart)
        facts: dict[str, int] = {}
        self._used = set()  # registered font names text was set in (see units)
        story = chain_kept(self.blocks(layout.items), self.theme.page.type_height)
        page = self.theme.page
        title = layout.meta.title or next((m.plain_text(b.inlines) for b in layout.items
                                        if getattr(b, "role", None) == "title"), "")
        tpl = BaseDocTemplate(
            buf, pagesize=(page.width, page.height), leftMargin=page.left, rightMargin=page.right,
            topMargin=page.top, bottomMargin=page.bottom, title=title, author=layout.meta.author,
            subject=layout.meta.subject, keywords=", ".join(layout.meta.keywords), creator="reportgen",
            invariant=1,
            # start each page in the body face, not ReportLab's default Helvetica,
            # so the PDF references no unembedded base-14 font
            initialFontName=self.fonts.face(self.theme.style("body").font).name,
            initialFontSize=self.theme.style("body").size,
        )
        tpl._doSave = save  # ReportLab's own switch (multiBuild's passes): build without writing
        tpl.afterFlowable = lambda f: _note_page(facts, f, tpl)
        # spaces add up (one block's space after, the next one's space before),
        # as in Word and LibreOffice; platypus would keep only the larger
        frame = Frame(page.left, page.bottom, page.type_width, page.type_height, id="type-area",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, overlapAttachedSpace=0)
        # page numbers are drawn when a page ends, after a part's start marker has
        # reset the count (volumes number every part from 1)
        self.parts, self.page_base = 0, 0
        tpl.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._on_page)])
        try:
            tpl.build(story)
        except ReportgenError:
            raise
        except LayoutError as exc:
            raise RenderError(layout_failure(str(exc)), hint="give the page a larger type area (page.margin in the "
                              "theme) or split what is too large (a long table cell, a large image)") from None
        return Pagination(tpl.page, facts.get("text"), facts.get("colophon"), facts.get("room"),
                          facts.get("colophon_height"), tuple(self.part_pages),
                          tuple(sorted(self.unnumbered - set(layout.unnumbered))))

    def _font_files(self) -> tuple[str, ...]:
        """The files of the registered fonts the last build set text in."""
        from reportlab.pdfbase import pdfmetrics

        return tuple(sorted({pdfmetrics.getFont(name).face.filename for name in self._used}))

    def _on_page(self, canv, doc) -> None:
        if doc.page not in self.unnumbered:
            draw_page_number(self, self.page_numbers, canv, doc.page - self.page_base)

    # ---------------------------------------------------------------- text helpers

    def run_style(self, role: str) -> RunStyle:
        st = self.theme.style(role)
        return RunStyle(face=st.font, latin=st.latin, size=st.size, bold=st.bold, italic=st.italic,
                        color=st.color)

    def units(self, runs: list[Run], role: str, pos=None):
        chars = shape(runs, self.fonts, pos)
        self._used.update(c[2] for c in chars if c[2])
        # the advance Word gives a grid-set character (size + tracking): lines
        # break where Word breaks them; justification then fills the grid
        tracking = self.theme.char_tracking(role)
        cell = self.theme.style(role).size + tracking if tracking else self.theme.char_pitch(role)
        return segment(chars, cell, tracking)

    def text_block(self, runs: list[Run], role: str, *, pos=None, align: str | None = None,
                   indent_chars: float | None = None, left: float | None = None, right: float | None = None,
                   first: float | None = None, space_before: float | None = None,
                   space_after: float | None = None, keep_with_next: bool | None = None) -> TextBlock:
        """A TextBlock of ``runs`` set in ``role``.  ``first``, ``left`` and
        ``right`` (points) override the role's indents (given in characters)."""
        st = self.theme.style(role)
        cw = self.theme.char_width(role)
        first_indent = first if first is not None else (st.indent if indent_chars is None else indent_chars) * cw
        return TextBlock(
            self.units(runs, role, pos), align=align or st.align, size=st.size,
            leading=self.theme.line_pitch(role), first_indent=first_indent,
            left_indent=st.left_indent * cw if left is None else left,
            right_indent=st.right_indent * cw if right is None else right,
            space_before=st.space_before if space_before is None else space_before,
            space_after=st.space_after if space_after is None else space_after,
            keep_with_next=st.keep_with_next if keep_with_next is None else keep_with_next,
        )

    def inline_block(self, inlines, role: str, pos=None, **kw) -> TextBlock:
        return self.text_block(self.runs(inlines, self.run_style(role)), role, pos=pos, **kw)

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

    render_para = _blocks.render_para
    render_image = _blocks.render_image
    render_page_break = _blocks.render_page_break
    render_rule = _blocks.render_rule
    render_part_start = _blocks.render_part_start
    render_table = _tables.render_table
    render_official = _official.render_official
    render_colophon = _official.render_colophon


_TOO_LARGE = re.compile(r"Flowable <(\w+)[^>]*>.*?\(([\d.]+) x ([\d.]+)\)[^()]*?too large on page (\d+)"
                        r".*?\(([\d.]+) x ([\d.]+)\*?\)", re.S)
_WHAT = {"Table": "a table row", "PdfTable": "a table row", "Image": "an image", "ImageBox": "an image",
         "Placed": "an official-document element (版头, 署名 or 版记)", "TextBlock": "a paragraph"}


def layout_failure(message: str) -> str:
    """ReportLab's LayoutError in words a user can act on (no class names or addresses)."""
    m = _TOO_LARGE.search(message)
    if not m:
        return "the PDF layout failed: a block does not fit in the type area"
    kind, w, h, page, fw, fh = m.groups()
    mm = 25.4 / 72
    what = _WHAT.get(kind, "a block")
    if float(w) > float(fw) + 0.01:
        return (f"page {page}: {what} is {float(w) * mm:.0f} mm wide, wider than the type area "
                f"({float(fw) * mm:.0f} mm)")
    return (f"page {page}: {what} is {float(h) * mm:.0f} mm tall, taller than the room on the page "
            f"({float(fh) * mm:.0f} mm)")
