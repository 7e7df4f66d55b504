"""Tables: a real w:tbl after the Pandoc model (head/body/foot rows, spans).

Header rows carry w:tblHeader (repeated on each page when ``repeat_head``),
``colspan`` becomes w:gridSpan and ``rowspan`` w:vMerge restart/continue
cells.  Cell text is set in the table / table_header roles; the caption sits
above the table, centred, in the caption role.
"""
from __future__ import annotations

from ...errors import RenderError
from ...model import plain_text
from . import oxml as ox
from .official import units

RULE = 0.75  # points: a ¾ pt grid line (w:sz 6)
PAD = 2 * ox.CELL_MARGIN + 2  # points: left and right cell margins plus a little air


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
        """Column widths in points, summing to the type-area width (whole twips,
        so tblW, gridCol and tcW agree).  Explicit Column.width values are
        relative weights (1 where missing), as in the PDF writer; otherwise
        each column gets a share proportional to its longest cell text in 字
        (ASCII counts half), never less than 2 字 plus the cell margins."""
        total = ox.twips(self.theme.page.type_width)
        c = max(self.theme.style("table").size, self.theme.style("table_header").size)
        least = 2 * c + PAD
        if any(col.width for col in node.columns):
            weights = [col.width or 1.0 for col in node.columns]
            floor = 0.0
        else:
            weights = [max(u, 2) * c + PAD for u in _longest(node)]
            floor = least
        widths = _share(weights, total / 20, floor)
        tw = [int(round(w * 20)) for w in widths]
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


def _longest(node) -> list[float]:
    """Per column, the width in 字 of the longest line of its one-column cells
    (grid columns taken by a cell spanning rows from above are skipped)."""
    ncols = len(node.columns)
    longest = [0.0] * ncols
    below: dict[int, int] = {}  # grid column → rows still covered by a rowspan
    for row in node.head + node.body + node.foot:
        col, cells = 0, list(row.cells)
        while col < ncols and cells:
            if below.get(col):
                below[col] -= 1
                col += 1
                continue
            cell = cells.pop(0)
            span = max(1, cell.colspan)
            for k in range(col, min(ncols, col + span)):
                below[k] = cell.rowspan - 1
            if span == 1:
                lines = plain_text(cell.children).split("\n")
                longest[col] = max(longest[col], max(units(x.strip()) for x in lines))
            col += span
        for k in range(col, ncols):
            if below.get(k):
                below[k] -= 1
    return longest


def _share(weights: list[float], total: float, floor: float) -> list[float]:
    """``total`` split in proportion to ``weights``, no share below ``floor``
    (when the floors fit)."""
    floor = min(floor, total / len(weights))
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        rest = total - sum(fixed.values())
        s = sum(weights[i] for i in free) or 1.0
        out = {i: rest * weights[i] / s for i in free}
        low = [i for i in free if out[i] < floor]
        if not low:
            out.update(fixed)
            return [out[i] for i in range(len(weights))]
        for i in low:
            fixed[i] = floor
