"""The header of a sheet's table: the rows above it (title, 单位：…) and
the header block, where a merged cell heads the columns under it.  Used by
sheets.py; ``Grid`` is the sheet with merged ranges resolved."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import DataError
from .fieldpath import format_path
from .numfmt import general
from .sanitize import clean_text
from .values import Units
from .workbook import Sheet, cell_name

TOTALS = ("合计", "总计", "小计")
_META = re.compile(r"^\s*([^：:\s]{1,12}?)\s*[:：]\s*(.*)$", re.S)
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_SPACE = re.compile(r"\s+")
MAX_GUESSED_HEADER_ROWS = 4


@dataclass(frozen=True)
class Options:
    """How to read a sheet; None means: guess."""

    header_rows: int | None = None
    skip_rows: int | None = None
    name_column: str | None = None
    totals: tuple[str, ...] = TOTALS
    formats: tuple[tuple[str, str], ...] = ()  # (column, Excel number format) for cells without one


@dataclass
class Column:
    index: int  # 0-based
    path: tuple[str, ...]
    cell: str  # where its header is, e.g. C4

    def __post_init__(self) -> None:
        self.keys = [format_path(self.path[:i]) for i in range(1, len(self.path) + 1)]  # position paths

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def clean_header(text: Any) -> str:
    """Header text as one line: spaces between Chinese characters dropped (``乡  镇`` → ``乡镇``)."""
    text = _CJK_GAP.sub("", str(text).strip())
    return _SPACE.sub(" ", text)


def sheet_prefix(table_or_grid) -> str:
    return f"sheet {table_or_grid.sheet}: " if table_or_grid.sheet else ""


class Grid:
    """The sheet's cells with merged ranges resolved."""

    def __init__(self, sheet: Sheet, source: str):
        self.s = sheet
        self.source = source
        self.sheet = sheet.name
        self.rows = [[_norm(v) for v in row] for row in sheet.values]
        for (r, c), text in sheet.errors.items():
            if r < len(self.rows) and c < len(self.rows[r]):
                self.rows[r][c] = text
        self.width = max((len(r) for r in self.rows), default=0)
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self.span: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for r1, c1, r2, c2 in sheet.merges:
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000:
                continue
            self.span[(r1, c1)] = (r1, c1, r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self.anchor[(r, c)] = (r1, c1)
        self.anchor_rows = {r for r, _c in self.anchor}
        self.column_formats: dict[int, str] = {}  # Options.formats, by column index

    def raw(self, r: int, c: int) -> Any:
        row = self.rows[r] if r < len(self.rows) else ()
        return row[c] if c < len(row) else None

    def header(self, r: int, c: int) -> Any:
        """A header cell: merged cells spread across and down."""
        a = self.anchor.get((r, c))
        return self.raw(*a) if a else self.raw(r, c)

    def data(self, r: int, c: int) -> tuple[Any, tuple[int, int]]:
        """A data cell and the cell it comes from: merged cells spread down their first column."""
        if r not in self.anchor_rows:
            return self.raw(r, c), (r, c)
        a = self.anchor.get((r, c))
        if a and a[1] == c:
            return self.raw(*a), a
        return (None, (r, c)) if a else (self.raw(r, c), (r, c))

    def filled(self, r: int) -> list[int]:
        """Columns with a value of their own (not covered by a merge) in row ``r``."""
        row = self.rows[r] if r < len(self.rows) else ()
        if r not in self.anchor_rows:
            return [c for c, v in enumerate(row) if v is not None]
        return [c for c, v in enumerate(row) if v is not None and (r, c) not in self.anchor]

    def wide(self, r: int, c: int) -> bool:
        span = self.span.get((r, c))
        return bool(span) and (span[3] - span[1] + 1) * 2 >= max(self.width, 2)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value if value else None
    return value


def is_meta(values: list) -> bool:
    return bool(values) and all(isinstance(v, str) and _META.match(v) for v in values)


def header_start(grid: Grid, options: Options) -> tuple[int, list[int]]:
    """The first header row, and the non-empty rows above it."""
    n = len(grid.rows)
    if options.skip_rows is not None:
        start = options.skip_rows
        while start < n and not grid.filled(start):
            start += 1
        if start >= n:
            raise DataError(f"{sheet_prefix(grid)}nothing under the {options.skip_rows} skipped rows", file=grid.source,
                            hint="lower skip_rows")
        return start, [r for r in range(min(options.skip_rows, n)) if grid.filled(r)]
    first = None
    for r in range(n):
        cols = grid.filled(r)
        if not cols:
            continue
        first = r if first is None else first
        values = [grid.raw(r, c) for c in cols]
        texts = sum(isinstance(v, str) for v in values)
        if (len(cols) >= 2 and texts * 2 >= len(cols) and not is_meta(values)
                and not (len(cols) == 2 and any(grid.wide(r, c) for c in cols))):
            return r, [x for x in range(r) if grid.filled(x)]
    if first is None:
        raise DataError(f"{sheet_prefix(grid)}the table is empty", file=grid.source,
                        hint="a header row, then one row per record")
    return first, []


def header_end(grid: Grid, h0: int, options: Options) -> int:
    if options.header_rows is not None:
        return h0 + max(options.header_rows, 1) - 1
    end = h0
    while end - h0 + 1 < MAX_GUESSED_HEADER_ROWS and end + 1 < len(grid.rows):
        spans = [s for (r, _c), s in grid.span.items() if h0 <= r <= end]
        if any(s[2] > end for s in spans):  # a header cell merged down into the next row
            end = max(s[2] for s in spans if s[2] > end)
            continue
        below = end + 1
        below_cols = grid.filled(below)
        below_texts = [c for c in below_cols if isinstance(grid.raw(below, c), str)]
        if not below_cols or len(below_texts) != len(below_cols):
            break
        grouped = any(s[3] > s[1] and s[0] == end for s in spans)  # a group heading over several columns
        gaps = [c for c in below_cols if grid.header(end, c) is None]
        if grouped or gaps:
            end = below
            continue
        break
    return min(end, len(grid.rows) - 1)


def _split(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(".")]
    if len(parts) > 1 and all(p and not p.isdigit() for p in parts):
        return parts
    return [text]


def columns_of(grid: Grid, h0: int, h1: int) -> list[Column]:
    columns: list[Column] = []
    seen: dict[str, Column] = {}
    for c in range(grid.width):
        parts: list[str] = []
        where = None
        for r in range(h0, h1 + 1):
            value = grid.header(r, c)
            if value is None and r < h1 and c > 0 and grid.header(r + 1, c) is not None:
                left = grid.header(r, c - 1)  # a group heading centred across its columns, unmerged
                if left is not None and grid.header(r + 1, c - 1) is not None and (r, c - 1) not in grid.anchor:
                    value = left
            if value is None:
                continue
            text = clean_header(clean_text(general(value) if not isinstance(value, str) else value)[0])
            if text and (not parts or parts[-1] != text):
                parts.append(text)
                where = cell_name(r, c)
        if not parts:
            continue
        path = tuple(p for part in parts for p in _split(part))
        col = Column(c, path, where or cell_name(h0, c))
        dotted = col.dotted
        if dotted in seen:
            raise DataError(f"{sheet_prefix(grid)}column header {dotted!r} appears twice "
                            f"({seen[dotted].cell} and {col.cell})", file=grid.source, line=h1 + 1, col=c + 1,
                            hint="rename one of the columns")
        for other in seen.values():
            if other.dotted.startswith(dotted + ".") or dotted.startswith(other.dotted + "."):
                raise DataError(f"{sheet_prefix(grid)}column header {dotted!r} ({col.cell}) clashes with "
                                f"{other.dotted!r} ({other.cell}): one cannot be both a value and a group",
                                file=grid.source, line=h1 + 1, col=c + 1)
        seen[dotted] = col
        columns.append(col)
    if not columns:
        raise DataError(f"{sheet_prefix(grid)}row {h0 + 1} should hold the column headers, but it is empty",
                        file=grid.source, line=h0 + 1)
    return columns


def above(grid: Grid, rows: list[int]) -> tuple[str | None, Units, list[str]]:
    title, units, notes = None, Units(), []
    for r in rows:
        for c in grid.filled(r):
            value = grid.raw(r, c)
            text = value if isinstance(value, str) else general(value)
            m = _META.match(text)
            if m and m.group(2).strip():
                units[m.group(1)] = m.group(2).strip()
            elif title is None:
                title = clean_header(text)
            else:
                notes.append(text)
    if "单位" not in units:
        unit = next((v for k, v in units.items() if k.endswith("单位") and not k.startswith(("填", "报", "制"))), None)
        if unit is not None:
            units["单位"] = unit
    return title, units, notes
