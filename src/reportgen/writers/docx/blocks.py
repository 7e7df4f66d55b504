"""Ordinary layout items: paragraphs, images, rules, page breaks, volume parts."""
from __future__ import annotations

from dataclasses import replace

from docx.oxml import OxmlElement
from docx.shared import Emu

from ...errors import RenderError
from . import oxml as ox
from .styles import role_style_id


class BlockHandlers:
    """Mixin of DocxWriter: handlers for the ordinary layout items."""

    def render_para(self, item, ctx):
        """A paragraph in its role's style; the layout's overrides as direct formatting."""
        p = ox.new_p(self.style_id(item.role))
        pp = ox.ppr(p)
        if item.align:
            ox.set_jc(pp, item.align)
        if item.indent is not None and item.indent < 0:
            ox.set_ind(pp, left=item.left or 0.0, hanging=-item.indent)
        elif item.indent is not None or item.left is not None or item.right is not None:
            ox.set_ind(pp, left=item.left, right=item.right, first=item.indent,
                       first_chars=0 if item.indent is not None else None)
        if item.space_before is not None or item.space_after is not None:
            ox.set_spacing(pp, before=item.space_before, after=item.space_after)
        if item.keep_with_next is not None:
            ox.set_flag(pp, "w:keepNext", item.keep_with_next)
        if item.outline is not None:  # the navigation pane's level (headings, article titles)
            ox.put(pp, ox.el("w:outlineLvl", val=item.outline), ox.PPR_ORDER)
        sub = replace(ctx, role=item.role, fmt={})
        for span in item.lead:
            p.append(self.span_run(span, sub))
        if item.lead and item.indent is not None and item.indent < 0:  # a hanging label: text at the tab
            ox.set_tabs(pp, [("left", item.left or 0.0)])
            p.append(ox.tab_run())
        self.inlines(item.inlines, ctx, p, item.role)
        return ctx.add(p)

    def render_part_start(self, item, ctx):
        """One document of a volume: its own section (new page, page numbers
        from 1) and a hidden Heading 1 with its label for the navigation pane."""
        body_sect = ctx.doc.element.body.find(ox.qn("w:sectPr"))
        # an odd start the layout has not resolved: Word and LibreOffice add the blank verso
        ox.restart_numbering(body_sect, odd=item.odd_page and not item.blank_before)
        if not item.first:
            ctx.add(ox.section_end(body_sect))
        if item.blank_before:  # the blank verso: an empty page in a section without page numbers
            ctx.add(ox.new_p("Normal"))
            blank = ox.section_end(body_sect)
            self._without_footers(ctx, blank.find(f"{ox.qn('w:pPr')}/{ox.qn('w:sectPr')}"))
            ctx.add(blank)
        p = ox.new_p(role_style_id("heading1"))
        mark = ox.child(ox.ppr(p), "w:rPr", ox.PPR_ORDER)  # hide the paragraph mark too
        ox.put(mark, ox.el("w:vanish"), ox.RPR_ORDER)
        run = self.text_run(item.label, ctx)
        ox.put(run[0], ox.el("w:vanish"), ox.RPR_ORDER)
        p.append(run)
        ctx.add(p)

    def _without_footers(self, ctx, sect):
        """Give section ``sect`` empty footers of its own (no page number)."""
        from docx.section import Section

        for ref in sect.findall(ox.qn("w:footerReference")):
            sect.remove(ref)
        section = Section(sect, ctx.doc.part)
        for footer in (section.footer, section.even_page_footer, section.first_page_footer):
            footer.is_linked_to_previous = False

    def render_rule(self, item, ctx):
        """Markdown ``---``: a spacer of ``gap`` with the rule as its bottom border, then ``gap``."""
        p = self.spacer(ctx, item.gap)
        ox.set_bottom_rule(ox.ppr(p), item.width)
        self.spacer(ctx, item.gap)

    def render_page_break(self, item, ctx):
        p = ox.new_p("Normal")
        p.append(ox.br("page"))
        ctx.add(p)

    def render_image(self, item, ctx):
        try:
            inline = ctx.doc.part.new_pic_inline(item.src, Emu(int(item.width * 12700)),
                                                 Emu(int(item.height * 12700)))
        except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds
            raise RenderError(f"cannot read image {item.src}: {exc}", hint="use a PNG, JPEG, GIF, BMP or TIFF file",
                              file=getattr(item.pos, "file", None), line=getattr(item.pos, "line", None)) from None
        p = ox.new_p("Normal")
        pp = ox.ppr(p)
        ox.set_flag(pp, "w:snapToGrid", False)
        ox.set_spacing(pp, line=12, exact=False, before=item.space_before, after=item.space_after)
        ox.set_ind(pp, first=0, first_chars=0)
        ox.set_jc(pp, "center")
        r = OxmlElement("w:r")
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        r.append(drawing)
        p.append(r)
        if item.alt:
            for doc_pr in inline.iter(ox.qn("wp:docPr")):
                doc_pr.set("descr", item.alt)
        ctx.add(p)
