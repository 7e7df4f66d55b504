"""CSV tables → a sheet grid (sheets.py finds the table in it).

Numbers written as text become numbers (``'600'`` → 600) unless they could
be codes (``'007'``); Excel's Chinese encodings are read (text.py).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from ..errors import DataError
from .text import decode_table
from .workbook import Sheet

_NUMBER = re.compile(r"^[+-]?(0|[1-9]\d*)(\.\d+)?$")


def number_or_text(text: str) -> Any:
    """``'600'`` → 600, ``'29.31'`` → 29.31; anything else (``'007'``,
    ``'600余'``, ``'1,060'``) stays text for the schema to judge."""
    text = text.strip()
    if _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text


def csv_rows(path: Path, data: bytes) -> list[list[str]]:
    text, _encoding = decode_table(data, path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for cells in reader:
            rows.append(cells)
    except csv.Error as exc:
        raise DataError(f"not a valid CSV table: {exc}", file=str(path), line=reader.line_num + 1) from None
    return rows


def csv_sheet(path: Path, data: bytes) -> Sheet:
    """A CSV file as a sheet without a name, formats or merged cells."""
    return Sheet(None, [[number_or_text(c) if c.strip() else None for c in row] for row in csv_rows(path, data)])
