"""Diagnostics as the page shows them: where (a sheet's cell as Excel names
it, ``C3``, or a line), what, and the hint the command line gives."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic
from ..iofs import shown

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv")


@dataclass(frozen=True)
class Problem:
    message: str
    where: str | None = None  # "C3", "第 3 行", "第 3 行第 5 列"
    file: str | None = None  # the file's name as the clerk knows it
    hint: str | None = None
    warning: bool = False


def column_letters(col: int) -> str:
    """1 → A, 26 → Z, 27 → AA, as Excel names columns."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(d: Diagnostic) -> str | None:
    """Where ``d`` points: a cell when the data layer names one (``cell``), or
    a sheet's row and column as ``C3``; else the line (and column) in Chinese."""
    cell = getattr(d, "cell", None)
    if cell:
        return str(cell)
    if d.line is None:
        return None
    if d.col is not None and d.file and Path(d.file).suffix.lower() in SHEET_SUFFIXES:
        return f"{column_letters(d.col)}{d.line}"
    return f"第 {d.line} 行" + (f"第 {d.col} 列" if d.col is not None else "")


def problem(d: Diagnostic, names: dict[str, str], root: Path | None) -> Problem:
    """``names`` maps files the page made (an upload) to what the clerk called them."""
    file = names.get(d.file, shown(d.file, root)) if d.file else None
    return Problem(d.message, cell_name(d), file, d.hint, d.severity == "warning")


def problems(exc: BaseException, names: dict[str, str], root: Path | None) -> list[Problem]:
    diags = getattr(exc, "diagnostics", None)
    if diags is None:  # not a ReportgenError: a bug, said plainly
        return [Problem(f"internal error: {type(exc).__name__}: {exc}",
                        hint="please report this; reportgen render --debug shows a traceback")]
    return [problem(d, names, root) for d in diags]


MISSING = re.compile(r"^(?:(?P<path>[^:']*): )?missing required key '(?P<key>[^']+)'")


def sheet_columns(records) -> dict[tuple[str, str], int]:
    """(sheet file, field path) → its column, from the records that have the field."""
    columns: dict[tuple[str, str], int] = {}
    for rec in records:
        if Path(rec.source).suffix.lower() in SHEET_SUFFIXES:
            for path, (_line, col) in rec.positions.items():
                if path and col is not None:
                    columns.setdefault((rec.source, path), col)
    return columns


def empty_cell(d, rec, columns: dict):
    """A sheet's empty cell is no field of its record, so "missing required
    key" points at the row; name the cell (the field's column in this row)
    when other rows have the field, else the row only."""
    m = MISSING.match(d.message) if d.file and Path(d.file).suffix.lower() in SHEET_SUFFIXES else None
    if m is None or getattr(d, "cell", None):
        return d
    path = f"{m['path']}.{m['key']}" if m["path"] else m["key"]
    return replace(d, line=rec.line if rec.line is not None else d.line, col=columns.get((rec.source, path)))
