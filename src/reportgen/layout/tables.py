"""Tables: the model's rows and spans → one normalised grid both writers draw.

Every row gets a slot for every grid column: a cell that starts there, the
continuation of a cell spanning down from an earlier row, or an empty cell
filling a short row.  A row with more cells than the table has columns, or a
cell spanning past the table's end, is a MarkupError naming the source line.
"""
from __future__ import annotations

from ..errors import MarkupError
from ..model import nodes as m
from ..diagnostics import Diagnostic
from .items import Cell, Para, Slot, TableBox
from .widths import column_widths, placements


def table(node: m.Table, theme, width: float, left: float = 0.0) -> TableBox:
    rows = (*node.head, *node.body, *node.foot)
    ncols = len(node.columns) or max((sum(c.colspan for c in r.cells) for r in rows), default=1)
    columns = node.columns or tuple(m.Column() for _ in range(ncols))
    if not node.columns:
        node = m.Table(columns, node.head, node.body, node.foot, node.caption, node.repeat_head, pos=node.pos)
    _check_shape(node, rows, ncols)
    head = len(node.head)

    def cell_at(r: int, c: int, cell: m.Cell | None) -> Cell:
        # a cell's own alignment wins; body cells follow their column; head
        # cells follow the table_header role (centred in the built-in themes)
        role = "table_header" if r < head else "table"
        own = cell.align if cell else None
        align = own or (None if r < head else columns[c].align) or theme.style(role).align
        if cell is None:  # a short row: an empty cell, as a reader expects
            return Cell(r, c, (), role, align)
        return Cell(r, c, cell.children, role, align, cell.rowspan, min(cell.colspan, ncols - c))

    cells = {(r, c): cell_at(r, c, cell) for r, placed in enumerate(placements(rows)) for c, cell in placed}
    grid = _grid(cells, len(rows), ncols, cell_at)
    char = max(theme.style("table").size, theme.style("table_header").size)
    widths = tuple(column_widths(node, width - left, char))
    el = theme.elements.table
    narrowest = 2 * el.padding + char  # padding on both sides and one character
    if min(widths) < narrowest:
        fit = max(1, int((width - left) // narrowest))
        where = dict(file=node.pos.file, line=node.pos.line) if node.pos else {}
        raise MarkupError(Diagnostic(f"table: {ncols} columns do not fit across the type area "
                                     f"(at most {fit} fit at this size and cell padding)",
                                     hint="split the table, or make the theme's table text smaller "
                                          "(roles.table.size) or its padding (elements.table.padding)", **where))
    caption = Para("caption", node.caption, align="center", indent=0.0, keep_with_next=True,
                   pos=node.pos) if node.caption else None
    return TableBox(widths, grid, head, node.repeat_head, el.rule, el.padding, left, caption,
                    el.space_before, el.space_after, pos=node.pos)


def _check_shape(node: m.Table, rows, ncols: int) -> None:
    problems = []
    for r, placed in enumerate(placements(rows)):
        for c, cell in placed:
            if c + cell.colspan > ncols:
                problems.append(f"row {r + 1} has more cells than the table's {ncols} columns")
                break
            if r + cell.rowspan > len(rows):
                problems.append(f"a cell in row {r + 1} spans {cell.rowspan} rows, past the table's last row")
    if problems:
        where = dict(file=node.pos.file, line=node.pos.line) if node.pos else {}
        raise MarkupError(Diagnostic("table: " + "; ".join(dict.fromkeys(problems)),
                                     hint="give every row as many cells as the header row has", **where))


def _grid(cells: dict[tuple[int, int], Cell], nrows: int, ncols: int, empty) -> tuple[tuple[Slot, ...], ...]:
    covered: dict[tuple[int, int], Cell] = {}
    for cell in cells.values():
        for dr in range(1, cell.rowspan):
            covered[(cell.row + dr, cell.col)] = cell
    out = []
    for r in range(nrows):
        row, c = [], 0
        while c < ncols:
            if (r, c) in cells:
                cell = cells[(r, c)]
                row.append(Slot(c, cell.colspan, cell))
            elif (r, c) in covered:
                cell = covered[(r, c)]
                row.append(Slot(c, cell.colspan, cell, covered=True))
            else:
                row.append(Slot(c, 1, empty(r, c, None)))
            c += row[-1].colspan
        out.append(tuple(row))
    return tuple(out)
