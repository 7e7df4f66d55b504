"""Tables: a platypus Table of TextBlocks from the layout's normalised grid.
Head rows repeat on every page; spans become SPAN commands; grid lines all
round; the caption goes above."""
from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from .blocks import render_para


def render_table(self, item, ctx):
    ncols = len(item.widths)
    data = [["" for _ in range(ncols)] for _ in item.rows]
    cmds = [("GRID", (0, 0), (-1, -1), item.rule, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            # ReportLab sets each cell's font before drawing it; name ours so the
            # PDF never references an unembedded Helvetica
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.face(self.theme.style("table").font).name)]
    for side in ("LEFT", "RIGHT", "TOP", "BOTTOM"):
        cmds.append((f"{side}PADDING", (0, 0), (-1, -1), item.padding))
    for cell in item.cells:
        tb = self.inline_block(cell.inlines, cell.role, pos=item.pos, align=cell.align, indent_chars=0,
                               space_before=0.0, space_after=0.0, keep_with_next=False)
        data[cell.row][cell.col] = tb
        if cell.rowspan > 1 or cell.colspan > 1:
            cmds.append(("SPAN", (cell.col, cell.row), (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)))
    table = Table(data, colWidths=list(item.widths), repeatRows=item.head_rows if item.repeat_head else 0,
                  hAlign="RIGHT" if item.left else "CENTER")
    table.setStyle(TableStyle(cmds))
    table.spaceBefore, table.spaceAfter = 0.0, item.space_after
    out: list = render_para(self, item.caption, ctx) if item.caption is not None else []
    first = out[0] if out else table
    first.spaceBefore = first.getSpaceBefore() + item.space_before
    out.append(table)
    return out
