"""Tables: a real w:tbl after the Pandoc model (head/body/foot rows, spans).

Header rows carry w:tblHeader (repeated on each page when ``repeat_head``),
``colspan`` becomes w:gridSpan and ``rowspan`` w:vMerge restart/continue
cells.  Cell text is set in the table / table_header roles; the caption sits
above the table, centred, in the caption role.
"""
from __future__ import annotations

from ...errors import RenderError
from ...model.tablewidth import column_widths
from . import oxml as ox

RULE = 0.75  # points: a ¾ pt grid line (w:sz 6)


class TableHandlers:
    """Mixin of DocxWriter: ``render_table``."""

    def render_table(self, node, ctx):
        ncols = len(node.columns)
        if ncols == 0:
            raise RenderError("a table needs at least one column", file=getattr(node.pos, "file", None),
                              line=getattr(node.pos, "line", None))
        if node.caption:
            self.para(ctx, "caption", node.caption, align="center")
        widths = self._col_widths(node)
        borders = {side: RULE for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
        tbl = ox.tbl("TableGrid", sum(widths), widths, borders=borders)
        pending: dict[int, tuple[int, int]] = {}  # grid column → (rows left, span) of a rowspan
        for section, rows in (("head", node.head), ("body", node.body), ("foot", node.foot)):
            for row in rows:
                header = section == "head"
                tr = ox.tr(header=header and node.repeat_head)
                self._fill_row(tr, row, node, widths, pending, header, ctx)
                tbl.append(tr)
        ctx.add(tbl)
        # A paragraph after a table keeps two tables from merging in Word.
        ctx.add(ox.new_p("Normal"))

    def _col_widths(self, node) -> list[float]:
        """Column widths in points (model/tablewidth.py, as in the PDF writer),
        rounded to whole twips so that tblW, gridCol and tcW agree."""
        total = ox.twips(self.theme.page.type_width)
        c = max(self.theme.style("table").size, self.theme.style("table_header").size)
        tw = [int(round(w * 20)) for w in column_widths(node, total / 20, c)]
        tw[tw.index(max(tw))] += total - sum(tw)
        return [t / 20 for t in tw]

    def _fill_row(self, tr, row, node, widths, pending, header, ctx):
        ncols = len(widths)
        col = 0
        cells = list(row.cells)
        while col < ncols:
            if col in pending:
                left, span = pending[col]
                tr.append(self._empty_cell(sum(widths[col:col + span]), span))
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (left - 1, span)
                col += span
                continue
            if not cells:
                tr.append(self._empty_cell(widths[col], 1, vmerge=None))
                col += 1
                continue
            cell = cells.pop(0)
            span = max(1, min(cell.colspan, ncols - col))
            vmerge = "restart" if cell.rowspan > 1 else None
            if cell.rowspan > 1:
                pending[col] = (cell.rowspan - 1, span)
            tc = ox.tc(sum(widths[col:col + span]), span=span, vmerge=vmerge)
            role = "table_header" if header else "table"
            align = "center" if header else (cell.align or node.columns[col].align or "left")
            p = ox.new_p(self.style_id(role))
            ox.set_jc(ox.ppr(p), align)
            self.inlines(cell.children, ctx, p, role)
            tc.append(p)
            tr.append(tc)
            col += span

    def _empty_cell(self, width, span, vmerge="continue"):
        tc = ox.tc(width, span=span, vmerge=vmerge)
        tc.append(ox.new_p(self.style_id("table")))
        return tc


