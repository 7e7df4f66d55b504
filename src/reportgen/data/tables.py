"""Tables (CSV, XLSX) → one record per row.

The first row holds the column headers; a dotted header such as
``stats.lectures`` becomes a nested key.  Empty cells are left out (so a
schema's ``required`` catches them), numbers become numbers, fully empty
rows are skipped.  A record's line is its row number, and each field's
position is (row, column).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Iterable

from ..errors import DataError
from .fieldpath import format_path
from .limits import Limits, human_bytes
from .text import decode_table

_NUMBER = re.compile(r"^[+-]?(0|[1-9]\d*)(\.\d+)?$")
Row = tuple[int, list[Any]]  # (row number, cell values)


def number_or_text(text: str) -> Any:
    """``'600'`` → 600, ``'29.31'`` → 29.31; anything else (``'007'``,
    ``'600余'``, ``'1,060'``) stays text for the schema to judge."""
    text = text.strip()
    if _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return number_or_text(value) if value.strip() else None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def _headers(cells: list[Any], source: str, row: int) -> list[list[str] | None]:
    heads: list[list[str] | None] = []
    seen: dict[str, int] = {}
    for col, cell in enumerate(cells, start=1):
        text = "" if cell is None else str(cell).strip()
        if not text:
            heads.append(None)
            continue
        parts = [p.strip() for p in text.split(".")]
        if any(not p for p in parts):
            raise DataError(f"column header {text!r} has an empty part", file=source, line=row, col=col,
                            hint="write dotted headers like stats.lectures")
        dotted = ".".join(parts)
        if dotted in seen:
            raise DataError(f"column header {text!r} appears twice (columns {seen[dotted]} and {col})",
                            file=source, line=row, col=col)
        for other, other_col in seen.items():
            if other.startswith(dotted + ".") or dotted.startswith(other + "."):
                raise DataError(f"column header {text!r} clashes with {other!r} (column {other_col}): "
                                f"one cannot be both a value and a group", file=source, line=row, col=col)
        seen[dotted] = col
        heads.append(parts)
    if not seen:
        raise DataError("the first row must hold column headers, but it is empty", file=source, line=row)
    return heads


def rows_to_records(rows: Iterable[Row], source: str, stem: str):
    """(values, row, positions) for each non-empty data row."""
    from .load import Record  # the dataclass lives with the loaders' entry point

    it = iter(rows)
    heads = None
    for row, cells in it:
        if any(_cell(c) is not None for c in cells):
            heads = _headers(cells, source, row)
            break
    if heads is None:
        raise DataError("the table is empty", file=source, hint="the first row holds headers, then one row per record")
    records = []
    for row, cells in it:
        values: dict = {}
        positions: dict = {"": (row, 1)}
        for col, cell in enumerate(cells, start=1):
            value = _cell(cell)
            if value is None:
                continue
            if col > len(heads) or heads[col - 1] is None:
                raise DataError(f"a value in column {col} has no header ({value!r})", file=source, line=row, col=col,
                                hint="give the column a header in the first row, or delete the value")
            parts = heads[col - 1]
            node = values
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = value
            for i in range(1, len(parts) + 1):
                positions.setdefault(format_path(parts[:i]), (row, col))
        if values:
            records.append(Record(name=f"{stem}[{len(records)}]", values=values, source=source,
                                  line=row, positions=positions))
    if not records:
        raise DataError("the table has headers but no data rows", file=source)
    return records


def csv_rows(path: Path, data: bytes) -> Iterable[Row]:
    text, _encoding = decode_table(data, path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise DataError(f"not a valid CSV table: {exc}", file=str(path), line=reader.line_num + 1) from None
    return rows


def xlsx_rows(path: Path, limits: Limits) -> Iterable[Row]:
    source = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataError(f"not an Excel .xlsx workbook ({exc})", file=source,
                        hint="save it from Excel or WPS as .xlsx (an old .xls must be re-saved)") from None
    if unpacked > 5 * limits.max_bytes:
        raise DataError(f"the workbook unpacks to {human_bytes(unpacked)} (limit {human_bytes(5 * limits.max_bytes)})",
                        file=source, hint="a zip bomb? raise REPORTGEN_MAX_DATA_BYTES if the workbook is genuine")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            return [(n, list(cells)) for n, cells in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
    except DataError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise DataError(f"cannot read the workbook: {type(exc).__name__}: {exc}", file=source,
                        hint="open and re-save it in Excel or WPS") from None
