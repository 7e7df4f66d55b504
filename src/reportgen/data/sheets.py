"""A sheet as offices make it → a table: records, totals, units.

Above the table: title rows (one cell, or one cell merged across the
table) and unit rows (``单位：万元``, ``填报单位：…``), which become ``title``
and ``units``.  Then a header block of one or more rows: a merged cell heads
the columns under it (``核查情况`` over ``抽查记录`` → ``核查情况.抽查记录``).
Then one record per row.  Rows whose first cell is 合计, 总计 or 小计 are
totals, not records; notes under the table (``注：…``) are ``notes``.
Explicit options (``header_rows``, ``skip_rows``, ``name_column``,
``totals``) override the guesses.  Every problem names the sheet and cell.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import DataError
from .headers import (TOTALS, Column, Grid, Options, above, columns_of, header_end, header_start, is_meta,
                      sheet_prefix, clean_header)
from .numfmt import general, is_date_format, show
from .sanitize import _BAD as _ODD, clean_text
from .tables import number_or_text
from .values import Units, shown
from .workbook import Sheet, cell_name, column_letter

__all__ = ["TOTALS", "Column", "Options", "Row", "Table", "clean_header", "find_column", "read_table"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")
_NOTE = re.compile(r"^\s*(注|说明|备注|附注|数据来源|资料来源|填表|制表|审核|负责人|联系)")


@dataclass
class Row:
    row: int  # 0-based
    values: dict
    positions: dict
    label: str = ""  # totals: the row's label (合计)
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass
class Table:
    source: str
    sheet: str | None
    title: str | None
    units: Units
    notes: list[str]
    header: tuple[int, int]  # first and last header row, 0-based
    columns: list[Column]
    rows: list[Row]
    totals: list[Row]
    name_column: Column | None
    query: bool = False

    def where(self, row: int, col: int | None = None) -> str:
        """``sheet 三季度, cell C3`` (or ``row 3`` for a whole row)."""
        if self.query:
            column = next((c.dotted for c in self.columns if c.index == col), None)
            return f"result row {row}" + (f", column {column}" if column else "")
        place = f"cell {cell_name(row, col)}" if col is not None else f"row {row + 1}"
        return f"sheet {self.sheet}, {place}" if self.sheet else place

    def name_of(self, row: Row) -> str | None:
        if self.name_column is None:
            return None
        return _text(_get(row.values, self.name_column.path))

    @property
    def totals_row(self) -> Row | None:
        return self.totals[-1] if self.totals else None


def read_table(sheet: Sheet, source: str, options: Options = Options()) -> Table:
    grid = Grid(sheet, source)
    h0, pre = header_start(grid, options)
    h1 = header_end(grid, h0, options)
    columns = columns_of(grid, h0, h1)
    title, units, notes = above(grid, pre)
    table = Table(source, sheet.name, title, units, notes, (h0, h1), columns, [], [], None, sheet.query)
    for name, code in options.formats:
        col = find_column(table, name)
        if col is None:
            raise DataError(f"{sheet_prefix(table)}formats: no column {name!r}", file=source, line=h1 + 1,
                            hint=f"the columns are: {', '.join(c.dotted for c in table.columns)}")
        grid.column_formats[col.index] = code
    _body(grid, table, options)
    if not table.rows and not table.totals:
        rows = f"row {h0 + 1}" if h0 == h1 else f"rows {h0 + 1}–{h1 + 1}"
        raise DataError(f"{sheet_prefix(table)}the table has headers but no data rows (headers: {rows})",
                        file=source, line=h1 + 1,
                        hint="check header_rows / skip_rows, or the sheet: data rows come under the headers")
    table.name_column = _name_column(table, options)
    return table


def _label(grid: Grid, r: int, words: tuple[str, ...], first: int) -> str | None:
    """合计/总计/小计 when the row's first value (in the first columns) is one of ``words``."""
    for c in range(0, first + 1):
        value, _ = grid.data(r, c)
        if value is None:
            continue
        text = re.sub(r"\s+", "", value) if isinstance(value, str) else ""
        for word in words:
            if text == word or (text.endswith(word) and len(text) <= len(word) + 4):
                return text
        return None
    return None


def _body(grid: Grid, table: Table, options: Options) -> None:
    h1 = table.header[1]
    last_col = max(col.index for col in table.columns)
    name_limit = min(2, last_col)
    words = tuple(w for w in options.totals)
    uncached: list[Diagnostic] = []
    headed = {col.index for col in table.columns}
    keys = [("", 1)]  # field path → its column (1-based): every field's position in a row, a group's at its first
    for col in table.columns:
        keys += [(k, col.index + 1) for k in col.keys if k not in dict(keys)]
    odd_rows = {r for r, _c in grid.s.uncached} | {r for r, _c in grid.s.errors}
    for r in range(h1 + 1, len(grid.rows)):
        odd = r in odd_rows
        cols = grid.filled(r)
        if not cols:
            continue
        values = [grid.rows[r][c] for c in cols]
        if (table.rows or table.totals) and len(cols) <= 2 and all(isinstance(v, str) for v in values) and (
                _NOTE.match(values[0]) or any(grid.wide(r, c) for c in cols) or is_meta(values)):
            for x in range(r, len(grid.rows)):  # notes under the table, and everything after them
                table.notes.extend(str(grid.raw(x, c)) for c in grid.filled(x))
            break
        headless = [c for c in cols if c not in headed]
        if headless:
            c = headless[0]
            raise DataError(f"{table.where(r, c)}: a value in column {column_letter(c)} has no header "
                            f"({grid.raw(r, c)!r})", file=grid.source, line=r + 1, col=c + 1,
                            hint="give the column a header, delete the value, or set header_rows / skip_rows")
        line = r + 1
        row = Row(r, {}, {key: (line, c) for key, c in keys})
        cells = grid.rows[r]
        plain_row = r not in grid.anchor_rows and not odd
        for col in table.columns:
            c = col.index
            if plain_row:
                value, vr, vc = cells[c] if c < len(cells) else None, r, c
            else:
                value, (vr, vc) = grid.data(r, c)
                if (vr, vc) in grid.s.uncached:
                    uncached.append(Diagnostic(
                        f"{table.where(vr, vc)}: the formula has no saved result", file=grid.source, line=vr + 1,
                        col=vc + 1, hint="open the workbook in Excel or WPS and save it: reportgen reads the "
                                         "results a spreadsheet saves, it does not calculate formulas"))
                    continue
                if value is not None and (vr, vc) in grid.s.errors:
                    row.warnings.append(Diagnostic(f"{table.where(vr, vc)} shows the error {value}",
                                                   file=grid.source, line=vr + 1, col=vc + 1, severity="warning",
                                                   hint="fix the formula in the workbook"))
            if value is None:
                continue
            if len(col.path) == 1:
                row.values[col.path[0]] = _value(grid, value, vr, vc, row)
            else:
                _put(row.values, col.path, _value(grid, value, vr, vc, row))
        label = _label(grid, r, words, name_limit)
        if label is not None:
            row.label = label
            table.totals.append(row)
        elif row.values:
            table.rows.append(row)
    if uncached:
        raise DataError(uncached[:20])


def _value(grid: Grid, value: Any, r: int, c: int, row: Row) -> Any:
    kind = type(value)
    if kind is int and not grid.column_formats and (r, c) not in grid.s.formats:
        return value  # a General count: prints as it is
    if kind is str:
        if (r, c) in grid.s.errors:
            return value
        if "\r" in value or _ODD.search(value):
            value, found = clean_text(value)
        else:
            found = []
        if found:
            row.warnings.append(Diagnostic(
                f"{grid_where(grid, r, c)}: removed control character(s) {', '.join(found)}", file=grid.source,
                line=r + 1, col=c + 1, severity="warning",
                hint="they cannot appear in a DOCX; check the data for pasted garbage"))
        fmt = grid.column_formats.get(c)
        if fmt and is_date_format(fmt) and _ISO_DATE.match(value):  # a date from a database or a CSV file
            return _value(grid, _iso(value), r, c, row)
        return number_or_text(value)
    if isinstance(value, bool):
        return value
    fmt = grid.s.formats.get((r, c)) or grid.column_formats.get(c)
    return shown(value, show(value, fmt) if fmt else general(value))


def _iso(text: str) -> Any:
    value = dt.datetime.fromisoformat(text.replace("/", "-"))
    return value.date() if len(text) <= 10 else value


def grid_where(grid: Grid, r: int, c: int) -> str:
    return f"sheet {grid.sheet}, cell {cell_name(r, c)}" if grid.sheet else f"cell {cell_name(r, c)}"


def _put(values: dict, path: tuple[str, ...], value: Any) -> None:
    node = values
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _get(values: dict, path: tuple[str, ...]) -> Any:
    node: Any = values
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def find_column(table: Table, name: str) -> Column | None:
    """The column ``name`` names: its header path (``乡镇``, ``核查情况.差错``) or its letter (``B``)."""
    wanted = ".".join(clean_header(p) for p in name.split("."))
    for col in table.columns:
        if col.dotted == wanted or col.path[-1] == wanted and len(col.path) > 1 and \
                sum(c.path[-1] == wanted for c in table.columns) == 1:
            return col
    if re.fullmatch(r"[A-Za-z]{1,3}", name):
        return next((c for c in table.columns if column_letter(c.index) == name.upper()), None)
    return None


def _name_column(table: Table, options: Options) -> Column | None:
    if options.name_column:
        col = find_column(table, options.name_column)
        if col is None:
            raise DataError(f"{sheet_prefix(table)}no column {options.name_column!r} for name_column", file=table.source,
                            line=table.header[1] + 1,
                            hint=f"the columns are: {', '.join(c.dotted for c in table.columns)}")
        _check_names(table, col, explicit=True)
        return col
    for col in table.columns:
        names = [_get(r.values, col.path) for r in table.rows]
        if not all(isinstance(v, str) and v.strip() for v in names):
            continue
        if len(set(names)) == len(names):
            return col
        if not _grouping(names):  # repeats scattered: the name column, with a mistake in it
            _check_names(table, col, explicit=False)
    return None


def _grouping(values: list) -> bool:
    """Whether each repeated value fills one run of consecutive rows (a 片区 column, merged or sorted)."""
    first: dict = {}
    for i, v in enumerate(values):
        if v in first and values[i - 1] != v:
            return False
        first.setdefault(v, i)
    return True


def _check_names(table: Table, col: Column, explicit: bool) -> None:
    seen: dict[str, Row] = {}
    for row in table.rows:
        name = _text(_get(row.values, col.path))
        if name is None:
            raise DataError(f"{table.where(row.row, col.index)}: no {col.dotted} in this row: "
                            f"{col.dotted} names the records", file=table.source, line=row.row + 1,
                            col=col.index + 1, hint="fill in the name, or set name_column to another column")
        if name in seen:
            first = seen[name].row
            raise DataError(f"{table.where(row.row, col.index)}: {name!r} appears twice in column {col.dotted} "
                            f"(rows {first + 1} and {row.row + 1}); each record needs its own name",
                            file=table.source, line=row.row + 1, col=col.index + 1,
                            hint="correct one of the names" + ("" if explicit else
                                                               ", or set name_column to another column"))
        seen[name] = row
