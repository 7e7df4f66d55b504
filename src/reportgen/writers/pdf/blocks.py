"""Layout item handlers of the PDF writer (bound as PdfWriter.render_<kind>).

Each takes ``(self, item, ctx)`` and returns a list of flowables."""
from __future__ import annotations

from reportlab.platypus import Flowable, Image as RLImage, PageBreak
from reportlab.platypus.doctemplate import ActionFlowable

from ...errors import RenderError
from ...model.nodes import plain_text
from .flowables import Rule
from .linebreak import Unit
from .official import span_units


def render_para(self, item, ctx):
    """A TextBlock in the item's role; the layout's overrides win over the style.
    A hanging lead (a list marker) is padded to the hang, so the text starts at ``left``."""
    st = self.theme.style(item.role)
    cw = self.theme.char_width(item.role)
    runs = self.runs(item.inlines, self.run_style(item.role))
    tb = self.text_block(
        runs, item.role, pos=item.pos, align=item.align,
        first=item.indent if item.indent is not None else st.indent * cw,
        left=item.left if item.left is not None else st.left_indent * cw,
        right=item.right if item.right is not None else st.right_indent * cw,
        space_before=item.space_before, space_after=item.space_after, keep_with_next=item.keep_with_next)
    if item.lead:
        lead = span_units(self, item.lead, item.role, item.pos)
        if item.indent is not None and item.indent < 0:
            used = sum(u.advance for u in lead)
            lead.append(Unit((), max(-item.indent - used, 0.0)))
        tb.units = lead + tb.units
    if item.outline is not None:
        title = "".join(s.text for s in item.lead) + plain_text(item.inlines).replace("\n", "")
        tb.outline = (item.outline, title)
    return [tb]


def render_image(self, item, ctx):
    try:
        img = RLImage(item.src, width=item.width, height=item.height)
    except Exception as exc:  # noqa: BLE001 - reportlab/PIL raise many kinds
        raise RenderError(f"cannot read image {item.src}: {exc}", file=getattr(item.pos, "file", None),
                          line=getattr(item.pos, "line", None)) from None
    img.hAlign = "CENTER"
    img.spaceBefore, img.spaceAfter = item.space_before, item.space_after
    return [img]


def render_rule(self, item, ctx):
    """Markdown ``---``: a thin rule with ``gap`` either side."""
    return [Rule(item.width, space_before=item.gap, space_after=item.gap)]


def render_page_break(self, item, ctx):
    return [PageBreak()]


class PartStart(Flowable):
    """Marks where a volume's part begins: a bookmark (outline entry) and the
    page from which page numbers count again at 1."""

    def __init__(self, writer, label: str, key: str):
        super().__init__()
        self.writer, self.label, self.key = writer, label, key
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        canv = self.canv
        canv.bookmarkPage(self.key)
        canv.addOutlineEntry(self.label, self.key, level=0)
        self.writer.page_base = canv.getPageNumber() - 1
        self.writer.part_pages.append(canv.getPageNumber())


class OddPage(ActionFlowable):
    """On an even page (a part just began there), leave it blank and
    unnumbered and go on to the next, odd page."""

    def __init__(self, writer):
        super().__init__()
        self.writer = writer

    def apply(self, doc):
        if doc.page % 2 == 0:
            self.writer.unnumbered.add(doc.page)
            doc.handle_pageBreak()


def render_part_start(self, item, ctx):
    self.parts = getattr(self, "parts", 0) + 1
    out: list = [] if item.first else [PageBreak()]
    if item.blank_before:  # decided after pagination: the blank verso is part of the layout
        out.append(PageBreak())
    elif item.odd_page and not item.first:
        out.append(OddPage(self))
    out.append(PartStart(self, item.label, f"part{self.parts}"))
    return out
