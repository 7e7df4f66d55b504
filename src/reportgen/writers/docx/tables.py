"""Tables: a real w:tbl from the layout's normalised grid.

Header rows carry w:tblHeader (repeated on each page when ``repeat_head``),
a column span becomes w:gridSpan and a row span a w:vMerge restart cell
followed by continue cells.  The caption sits above the table.
"""
from __future__ import annotations

from . import oxml as ox


class TableHandlers:
    """Mixin of DocxWriter: ``render_table``."""

    def render_table(self, item, ctx):
        if item.space_before > 0:
            self.spacer(ctx, item.space_before)
        if item.caption is not None:
            self.render_para(item.caption, ctx)
        widths = _twip_widths(item.widths)
        borders = {side: item.rule for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
        tbl = ox.tbl("TableGrid", sum(widths), widths, borders=borders, margin=item.padding)
        for r, row in enumerate(item.rows):
            tr = ox.tr(header=r < item.head_rows and item.repeat_head)
            for slot in row:
                width = sum(widths[slot.col:slot.col + slot.colspan])
                cell = slot.cell
                vmerge = "continue" if slot.covered else ("restart" if cell.rowspan > 1 else None)
                tc = ox.tc(width, span=slot.colspan, vmerge=vmerge)
                p = ox.new_p(self.style_id(cell.role))
                ox.set_jc(ox.ppr(p), cell.align)
                if not slot.covered:
                    self.inlines(cell.inlines, ctx, p, cell.role)
                tc.append(p)
                tr.append(tc)
            tbl.append(tr)
        ctx.add(tbl)
        # The space after the table is a paragraph of that height: it also
        # keeps two tables from merging in Word.
        self.spacer(ctx, max(item.space_after, 1.0))


def _twip_widths(widths) -> list[float]:
    """Widths rounded to whole twips (so tblW, gridCol and tcW agree), the
    rounding remainder given to the widest column."""
    total = ox.twips(sum(widths))
    tw = [int(round(w * 20)) for w in widths]
    tw[tw.index(max(tw))] += total - sum(tw)
    return [t / 20 for t in tw]
