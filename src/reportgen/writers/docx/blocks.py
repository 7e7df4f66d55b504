"""Ordinary blocks: title, heading, paragraph, list, image, page break, div."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx.oxml import OxmlElement
from docx.shared import Emu

from ...errors import RenderError
from ...model import Paragraph
from ...model.official import div_label
from . import oxml as ox
from .styles import LIST_STYLES, char_pt, role_style_id

# A Div role that opens with a printed label (编者按：…).
BULLETS = ("•", "◦", "▪", "•")


class BlockHandlers:
    """Mixin of DocxWriter: handlers for the ordinary block kinds."""

    def render_title(self, node, ctx):
        role = "title"
        if ctx.div_role and f"{ctx.div_role}_title" in self.theme.styles:
            role = f"{ctx.div_role}_title"
        self.para(ctx, role, node.children)

    def render_heading(self, node, ctx):
        level = min(max(node.level, 1), 4)
        role = f"heading{level}"
        lead = []
        if node.number:
            lead.append(self.text_run(node.number, replace(ctx, role=role, fmt={})))
        self.para(ctx, role, node.children, lead=lead)

    def render_paragraph(self, node, ctx, label: str | None = None):
        role = node.role
        if role == "body" and ctx.div_role:
            role = ctx.div_role
        lead = []
        if label:
            lead.append(self.text_run(label, replace(ctx, role=role, fmt={}), bold=True))
        self.para(ctx, role, node.children, align=node.align, lead=lead)

    def render_div(self, node, ctx):
        sub = replace(ctx, div_role=node.role)
        first = True
        for child in node.children:
            if first and isinstance(child, Paragraph):
                self.render_paragraph(child, sub, label=div_label(node.role, child))
                first = False
            else:
                self.block(child, sub)

    def render_part(self, node, ctx):
        """One document of a volume: its own section (new page, page numbers
        from 1) and a hidden Heading 1 with its label for the navigation pane."""
        body_sect = ctx.doc.element.body.find(ox.qn("w:sectPr"))
        ox.restart_numbering(body_sect)
        if ctx.prev is not None:
            ctx.add(ox.section_end(body_sect))
        p = ox.new_p(role_style_id("heading1"))
        mark = ox.child(ox.ppr(p), "w:rPr", ox.PPR_ORDER)  # hide the paragraph mark too
        ox.put(mark, ox.el("w:vanish"), ox.RPR_ORDER)
        run = self.text_run(node.label, ctx)
        ox.put(run[0], ox.el("w:vanish"), ox.RPR_ORDER)
        p.append(run)
        ctx.add(p)
        sub = replace(ctx, prev=None)
        for child in node.children:
            self.block(child, sub)
            sub.prev = child.kind
        ctx.prev = "part"

    def render_rule(self, node, ctx):
        """Markdown ``---``: an empty half-line paragraph with a thin bottom border."""
        p = self.spacer(ctx, self.theme.line_pitch("body") / 2)
        ox.set_bottom_rule(ox.ppr(p), 0.5)

    def render_page_break(self, node, ctx):
        p = ox.new_p("Normal")
        p.append(ox.br("page"))
        ctx.add(p)

    # ------------------------------------------------------------ lists

    def render_list(self, node, ctx):
        """Lists are text prefixes (• or 1.) with a tab and a hanging indent in
        the List Bullet / List Number styles (no numbering.xml): the numbers are
        fixed text, which is what a generated report wants."""
        sid = LIST_STYLES["number" if node.ordered else "bullet"][0]
        c = char_pt(self.theme, "list")
        hang = 2 * c
        left = 2 * c * (ctx.depth + 1) + hang
        for i, item in enumerate(node.items):
            prefix = f"{node.start + i}." if node.ordered else BULLETS[ctx.depth % len(BULLETS)]
            first = True
            for child in item.children:
                if child.kind == "list":
                    self.render_list(child, replace(ctx, depth=ctx.depth + 1))
                    continue
                if child.kind != "paragraph":
                    self.block(child, ctx)
                    continue
                p = ox.new_p(sid)
                pp = ox.ppr(p)
                ox.set_tabs(pp, [("left", left)])
                ox.set_ind(pp, left=left, hanging=hang if first else 0)
                if child.align:
                    ox.set_jc(pp, child.align)
                if first:
                    p.append(self.text_run(prefix, replace(ctx, role="list", fmt={})))
                    p.append(ox.tab_run())
                self.inlines(child.children, ctx, p, "list")
                ctx.add(p)
                first = False

    # ------------------------------------------------------------ images

    def render_image(self, node, ctx):
        path = Path(node.src)
        if not path.is_file():
            raise RenderError(f"image not found: {node.src}", file=getattr(node.pos, "file", None),
                              line=getattr(node.pos, "line", None))
        try:
            from docx.image.image import Image as DocxImage
            img = DocxImage.from_file(str(path))
        except Exception as exc:
            raise RenderError(f"cannot read image {node.src}: {exc}",
                              hint="use a PNG, JPEG, GIF, BMP or TIFF file") from None
        nat_w, nat_h = int(img.width), int(img.height)
        max_w = Emu(int(self.theme.page.type_width * 12700))
        want = Emu(int(node.width * 12700)) if node.width else Emu(nat_w)
        width = min(want, max_w)
        height = Emu(int(nat_h * width / nat_w)) if nat_w else Emu(nat_h)
        inline = ctx.doc.part.new_pic_inline(str(path), width, height)
        p = ox.new_p("Normal")
        pp = ox.ppr(p)
        ox.set_flag(pp, "w:snapToGrid", False)
        ox.set_spacing(pp, line=12, exact=False)
        ox.set_ind(pp, first=0, first_chars=0)
        ox.set_jc(pp, "center")
        r = OxmlElement("w:r")
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        r.append(drawing)
        p.append(r)
        if node.alt:
            for doc_pr in inline.iter(ox.qn("wp:docPr")):
                doc_pr.set("descr", node.alt)
        ctx.add(p)
