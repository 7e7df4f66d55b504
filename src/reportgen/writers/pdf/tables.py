"""Tables: a platypus Table whose cells hold TextBlocks.  Head rows repeat
on every page; colspan/rowspan become SPAN commands; grid lines all round;
the caption (role caption) goes above."""
from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from ...errors import RenderError
from ...model.tablewidth import column_widths, placements

PAD = 3.0  # cell padding, points
GRID = 0.5  # grid line width, points


def _widths(self, node, avail: float) -> list[float]:
    return column_widths(node, avail, self.theme.style("table").size)


def render_table(self, node, ctx):
    rows = list(node.head) + list(node.body) + list(node.foot)
    ncols = len(node.columns) or max((sum(c.colspan for c in r.cells) for r in rows), default=1)
    if not node.columns:
        from ...model.nodes import Column

        node = type(node)(columns=tuple(Column() for _ in range(ncols)), head=node.head, body=node.body,
                          foot=node.foot, caption=node.caption, repeat_head=node.repeat_head, pos=node.pos)
    avail = self.theme.page.type_width - ctx.indent
    widths = _widths(self, node, avail)
    data = [["" for _ in range(ncols)] for _ in rows]
    cmds = [("GRID", (0, 0), (-1, -1), GRID, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            # ReportLab sets each cell's font before drawing it; name ours so the
            # PDF never references an unembedded Helvetica
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.face(self.theme.style("table").font).name)]
    for side in ("LEFT", "RIGHT", "TOP", "BOTTOM"):
        cmds.append((f"{side}PADDING", (0, 0), (-1, -1), PAD))
    nhead = len(node.head)
    for r, placed in enumerate(placements(rows)):
        role = "table_header" if r < nhead else "table"
        for c, cell in placed:
            if c >= ncols:
                raise RenderError(f"table row {r + 1} has more cells than the table's {ncols} columns",
                                  file=node.pos.file if node.pos else None, line=node.pos.line if node.pos else None)
            # head cells centre (the table_header role); body cells follow their column
            column_align = None if r < nhead else node.columns[c].align
            align = cell.align or column_align or self.theme.style(role).align
            tb = self.inline_block(cell.children, role, pos=node.pos, align=align, indent_chars=0,
                                   space_before=0.0, space_after=0.0, keep_with_next=False)
            tb.grid = False
            data[r][c] = tb
            if cell.rowspan > 1 or cell.colspan > 1:
                cmds.append(("SPAN", (c, r), (min(c + cell.colspan, ncols) - 1, r + cell.rowspan - 1)))
    table = Table(data, colWidths=widths, repeatRows=nhead if node.repeat_head else 0, hAlign="CENTER")
    table.setStyle(TableStyle(cmds))
    out: list = []
    if node.caption:
        cap = self.inline_block(node.caption, "caption", pos=node.pos, keep_with_next=True, indent_chars=0)
        out.append(cap)
    out.append(table)
    return out
