"""Block handlers of the PDF writer (bound as PdfWriter.render_<kind>).

Each takes ``(self, node, ctx)`` and returns a list of flowables."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image as RLImage, PageBreak

from ...errors import RenderError
from ...model import nodes as m
from ...model.official import div_label
from .linebreak import Run, Unit
from .flowables import Rule

BULLET = "•"


def spacer_unit(width: float) -> Unit:
    """An invisible unit of fixed width (hanging indents)."""
    return Unit((), width)


def render_title(self, node, ctx):
    role = "title"  # an article's title inside a briefing uses article_title
    if ctx.role and f"{ctx.role}_title" in self.theme.styles:
        role = f"{ctx.role}_title"
    return [self.inline_block(node.children, role, pos=node.pos)]


def render_heading(self, node, ctx):
    role = f"heading{min(max(node.level, 1), 4)}"
    style = self.run_style(role)
    runs = ([Run(node.number, style)] if node.number else []) + self.runs(node.children, style)
    return [self.text_block(runs, role, pos=node.pos, left=ctx.indent)]


def _role(node_role: str, ctx) -> str:
    return ctx.role if node_role == "body" and ctx.role else node_role


def render_paragraph(self, node, ctx, prefix: list[Run] | None = None):
    role = _role(node.role, ctx)
    style = self.run_style(role)
    runs = list(prefix or []) + self.runs(node.children, style)
    return [self.text_block(runs, role, pos=node.pos, align=node.align, left=ctx.indent)]


def _hanging(self, label_runs: list[Run], role: str, hang: float, pos=None) -> list[Unit]:
    """The label's units padded to exactly ``hang`` points."""
    units = self.units(label_runs, role, pos)
    used = sum(u.advance for u in units)
    return units + [spacer_unit(max(hang - used, 0.0))]


def render_list(self, node, ctx):
    role = _role("list", ctx)
    cw = self.theme.char_width(role)
    hang = 2 * cw if not node.ordered or len(node.items) + node.start < 10 else 2.5 * cw
    style = self.run_style(role)
    out: list = []
    for i, item in enumerate(node.items):
        label = f"{node.start + i}." if node.ordered else BULLET
        inner = replace(ctx, indent=ctx.indent + hang, depth=ctx.depth + 1)
        children = list(item.children)
        first = children[0] if children and isinstance(children[0], m.Paragraph) else None
        if first is not None:
            children.pop(0)
            prefix = _hanging(self, [Run(label, style)], role, hang, node.pos)
            runs = self.runs(first.children, style)
            tb = self.text_block(runs, role, pos=first.pos, left=inner.indent, first=-hang, align=first.align)
            tb.units = prefix + tb.units
            out.append(tb)
        else:
            out.append(self.text_block([Run(label, style)], role, left=ctx.indent, first=0.0))
        out.extend(self.blocks(children, inner))
    return out


def render_image(self, node, ctx):
    path = Path(node.src)
    where = {"file": node.pos.file if node.pos else None, "line": node.pos.line if node.pos else None}
    if not path.is_file():
        raise RenderError(f"image not found: {path}", hint="check the image path in the template", **where)
    try:
        iw, ih = ImageReader(str(path)).getSize()
    except Exception as exc:  # reportlab/PIL raise many kinds
        raise RenderError(f"cannot read image {path}: {exc}", **where) from None
    avail = self.theme.page.type_width - ctx.indent
    width = min(node.width or iw, avail)
    height = ih * width / iw
    if height > self.theme.page.type_height:
        width, height = width * self.theme.page.type_height / height, self.theme.page.type_height
    img = RLImage(str(path), width=width, height=height)
    img.hAlign = "CENTER"
    return [img]


def render_rule(self, node, ctx):
    """Markdown ``---``: a thin rule with half a line of space either side."""
    half = self.theme.line_pitch("body") / 2
    return [Rule(0.5, space_before=half, space_after=half)]


def render_page_break(self, node, ctx):
    return [PageBreak()]


def render_addressee(self, node, ctx):
    role = "addressee"
    runs = [Run("、".join(node.names) + "：", self.run_style(role))]
    gap = self.element("addressee", "gap_before", default=self.theme.style(role).space_before)
    return [self.text_block(runs, role, pos=node.pos, space_before=gap, left=ctx.indent)]


def render_attachments(self, node, ctx):
    """附件说明: "附件：" then the names; numbered when more than one;
    a wrapped name aligns with its own first character."""
    role = "attachments"
    st = self.theme.style(role)
    style = self.run_style(role)
    cw = self.theme.char_width(role)
    lead = sum(u.advance for u in self.units([Run("附件：", style)], role, node.pos))
    start = ctx.indent + st.indent * cw + lead
    gap = self.element("attachments", "gap_before", default=st.space_before)
    out = []
    for i, name in enumerate(node.names):
        num = f"{i + 1}." if len(node.names) > 1 else ""
        num_w = sum(u.advance for u in self.units([Run(num, style)], role, node.pos)) if num else 0.0
        prefix = self.units([Run(("附件：" if i == 0 else "") + num, style)], role, node.pos)
        tb = self.text_block([Run(name, style)], role, pos=node.pos, left=start + num_w,
                             first=-(num_w + (lead if i == 0 else 0.0)),
                             space_before=gap if i == 0 else 0.0, space_after=0.0)
        tb.units = prefix + tb.units
        out.append(tb)
    return out


def render_div(self, node, ctx):
    inner = replace(ctx, role=node.role)
    out: list = []
    first = True
    for child in node.children:
        if first and isinstance(child, m.Paragraph):
            first = False
            label = div_label(node.role, child)
            if label:
                lead_style = replace(self.run_style(_role(child.role, inner)), bold=True)
                out.extend(render_paragraph(self, child, inner, prefix=[Run(label, lead_style)]))
                continue
        out.extend(self.block(child, inner))
    return out


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


def render_part(self, node, ctx):
    self.parts = getattr(self, "parts", 0) + 1
    out: list = [PageBreak()] if self.parts > 1 else []
    out.append(PartStart(self, node.label, f"part{self.parts}"))
    return out + self.blocks(node.children, ctx)
