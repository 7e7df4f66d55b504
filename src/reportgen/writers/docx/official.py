"""Official-document elements (版头, 主送, 附件说明, 署名, 版记) drawn from
the layout's lines.

A line becomes one paragraph: its first part sets the alignment and indents,
further parts follow at tab stops (left, centre or right at the part's x);
a wrapping line gets a hanging indent.  Gaps become exact-height spacer
paragraphs in the 版头 and space-before elsewhere; a rule is a spacer with a
bottom border.  The 版记 is a one-column floating table anchored to the
bottom of the type area, so its last rule lies on the 版心 bottom edge.
"""
from __future__ import annotations

from dataclasses import replace

from ...themes.units import color_hex
from . import oxml as ox

_CENTRE_TOLERANCE = 0.01


class OfficialHandlers:
    """Mixin of DocxWriter: ``render_official`` and ``render_colophon``."""

    def line_paragraph(self, line, ctx, *, before: float | None = None):
        """The paragraph of one layout TextLine (not yet added)."""
        width = self.theme.page.type_width
        p = ox.new_p(self.style_id(line.role))
        pp = ox.ppr(p)
        ox.set_flag(pp, "w:snapToGrid", False)
        ox.set_spacing(pp, line=line.pitch, before=before, after=0)
        first, rest = line.parts[0], line.parts[1:]
        left = right = 0.0
        if first.anchor == "left":
            left = first.x
        elif first.anchor == "right":
            right = width - first.x
        elif abs(first.x - width / 2) > _CENTRE_TOLERANCE:  # centred elsewhere than the middle
            left, right = max(0.0, 2 * first.x - width), max(0.0, width - 2 * first.x)
        if line.wrap and line.hang:
            ox.set_ind(pp, left=left + line.hang, right=line.right or right, hanging=line.hang)
        else:
            ox.set_ind(pp, left=left, right=line.right or right, first=0, first_chars=0)
        ox.set_jc(pp, first.anchor if not rest else "left")
        if rest:
            ox.set_tabs(pp, [(part.anchor, part.x) for part in rest])
        sub = replace(ctx, role=line.role, fmt={})
        for i, part in enumerate(line.parts):
            if i:
                p.append(ox.tab_run())
            for span in part.spans:
                p.append(self.span_run(span, sub))
        return p

    def span_run(self, span, ctx):
        """A run of a layout Span: its role's fonts (or another role's faces), size, bold."""
        extra: dict = {}
        if span.face:
            face = self.theme.style(span.face)
            extra.update(east=face.font, latin=face.latin)
        if span.size is not None:
            extra["size"] = span.size
        if span.bold:
            extra["bold"] = True
        return self.text_run(span.text, replace(ctx, role=span.role, fmt={}), **extra)

    def render_official(self, item, ctx):
        if item.keep_with_previous:  # 署名 never stands alone on a page
            last = _last_block(ctx)
            if last is not None and last.tag == ox.qn("w:p"):
                ox.set_flag(ox.ppr(last), "w:keepNext")
        spacers = item.element == "masthead"  # exact positions from the top of page 1
        pending = item.space_before
        paragraphs = []
        for line in item.lines:
            gap = pending + line.gap_before
            pending = 0.0
            if line.kind == "rule_line":
                p = self.spacer(ctx, max(gap, 1.0))
                ox.set_bottom_rule(ox.ppr(p), line.width, color_hex(line.color))
                continue
            if spacers and gap > 0:
                self.spacer(ctx, gap)
                gap = 0.0
            paragraphs.append(ctx.add(self.line_paragraph(line, ctx, before=gap if gap > 0 else None)))
        if item.keep_with_previous:  # the lines of a 署名 stay together
            for p in paragraphs[:-1]:
                ox.set_flag(ox.ppr(p), "w:keepNext")
        if item.keep_with_next and paragraphs:  # and with the 附注 under them
            ox.set_flag(ox.ppr(paragraphs[-1]), "w:keepNext")
        if item.space_after > 0:
            self.spacer(ctx, item.space_after)

    def render_colophon(self, item, ctx):
        """The 版记 on the page the layout chose: after ``breaks`` page
        breaks; when the pages before it carry no number, in a section of
        its own whose footers are empty (the blank page and the 版记 page)."""
        if item.breaks == 2 and self.unnumbered:
            self._unnumbered_section(ctx)  # the blank page starts the new section
            self.spacer(ctx, 1)
        for _ in range(item.breaks - (1 if item.breaks == 2 and self.unnumbered else 0)):
            # an empty paragraph that starts a page: the floating table after it
            # is anchored on that page (in Word and LibreOffice alike)
            ox.set_flag(ox.ppr(self.spacer(ctx, 1)), "w:pageBreakBefore")
        width = self.theme.page.type_width
        tbl = ox.tbl(None, width, [width], jc="left",
                     borders={"top": item.thick, "bottom": item.thick, "insideH": item.thin})
        ox.float_at_bottom(tbl, self.theme.page.left)
        for line in item.rows:
            p = self.line_paragraph(line, ctx)
            row = ox.tr(height_pt=line.pitch + 2 * item.pad)
            cell = ox.tc(width)
            cell.append(p)
            row.append(cell)
            tbl.append(row)
        ctx.add(tbl)
        self.spacer(ctx, 1)  # Word needs a paragraph after a (floating) table


    def _unnumbered_section(self, ctx):
        """End the numbered section here; the rest (from the next page on) has empty footers."""
        body_sect = ctx.doc.element.body.find(ox.qn("w:sectPr"))
        ctx.add(ox.section_end(body_sect))
        self._without_footers(ctx, body_sect)


def _last_block(ctx):
    """The block element last added to ``ctx`` (before a body's sectPr), or None."""
    kids = [e for e in ctx.container if e.tag != ox.qn("w:sectPr")]
    return kids[-1] if kids else None
