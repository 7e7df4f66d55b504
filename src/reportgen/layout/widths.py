"""Column widths from content, shared by both writers.

Widths are measured in 字 (one CJK character = 1, an ASCII character = ½),
so the same table gets the same proportions in DOCX and PDF.  A column asks
for its longest cell; columns that ask for less than a fair share keep what
they ask, the rest share what is left in proportion to their content
(the "auto" table layout of HTML and Word, simplified).
"""
from __future__ import annotations

from ..model.nodes import Table, plain_text
from ..text import text_width

PADDING = 1.0  # 字 of cell padding and breathing room per column
MIN_WIDTH = 2.0  # 字


def placements(rows) -> list[list[tuple[int, object]]]:
    """The grid column of every cell, row by row, skipping the slots that
    row and column spans from earlier cells cover."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c, placed = 0, []
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            placed.append((c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        out.append(placed)
    return out


def _natural(table: Table) -> list[float]:
    """Per column, what its longest one-column cell asks for, in 字."""
    n = len(table.columns)
    want = [MIN_WIDTH] * n
    for placed in placements((*table.head, *table.body, *table.foot)):
        for col, cell in placed:
            if col < n and cell.colspan == 1:
                longest = max((text_width(line.strip()) for line in plain_text(cell.children).split("\n")), default=0)
                want[col] = max(want[col], longest + PADDING)
    return want


def column_widths(table: Table, avail: float, char: float) -> list[float]:
    """Widths for every column, summing to ``avail``; ``char`` is the width
    of one 字 in the same unit (e.g. the table font size in points).
    Explicit ``Column.width`` values are relative weights (1 where missing) and win."""
    n = len(table.columns)
    if not n:
        return []
    if any(c.width for c in table.columns):  # relative weights, 1 where missing
        weights = [c.width or 1.0 for c in table.columns]
        return [avail * w / sum(weights) for w in weights]
    want = [w * char for w in _natural(table)]
    if sum(want) <= avail:  # room to spare: widen every column in proportion
        return [avail * w / sum(want) for w in want]
    # Too wide: columns narrower than a fair share keep their width; the
    # others share what is left in proportion to their content.
    keep: set[int] = set()
    while True:
        rest = [i for i in range(n) if i not in keep]
        fair = (avail - sum(want[i] for i in keep)) / len(rest)
        narrow = {i for i in rest if want[i] <= fair}
        if not narrow or len(narrow) == len(rest):
            break
        keep |= narrow
    left = avail - sum(want[i] for i in keep)
    wide = sum(want[i] for i in range(n) if i not in keep)
    return [want[i] if i in keep else want[i] * left / wide for i in range(n)]
