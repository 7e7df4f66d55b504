"""Workbooks (.xlsx, .xlsm, .xls) → sheets as grids of cells.

``.xlsx``: python-calamine reads the values (cached formula results, dates)
and merged ranges; reportgen reads, from the same sheet XML, only what
calamine does not give: each cell's number format (its style index, looked
up in styles.xml), formulas saved without a result, and error cells
(``#DIV/0!``).  ``.xls``: xlrd, with formatting info.  Every library error
becomes a DataError naming the file (and sheet).
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from .limits import Limits, human_bytes
from .numfmt import BUILTIN

XLSX_SUFFIXES = (".xlsx", ".xlsm")
XLS_SUFFIXES = (".xls",)


@dataclass
class Sheet:
    """One worksheet: 0-based ``values[row][col]`` (None when empty), the
    number format of each formatted cell, merged ranges (r1, c1, r2, c2,
    inclusive), formula cells without a saved result, and error cells."""

    name: str | None  # None: a CSV file or a query result
    values: list[list[Any]]
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    query: bool = False  # the result of an SQL query (row 1: the column names)


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) → ``C3``."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def column_letter(col: int) -> str:
    return cell_name(0, col)[:-1]


class Workbook:
    """An open workbook: ``names`` (visible worksheets, in order) and ``sheet(name)``."""

    def __init__(self, path: Path, limits: Limits | None = None):
        self.path = Path(path)
        self.source = str(path)
        limits = limits or Limits.from_env()
        suffix = self.path.suffix.lower()
        self._cache: dict[str, Sheet] = {}
        if suffix in XLS_SUFFIXES:
            self._reader = _XlsReader(self.path, limits)
        else:
            self._reader = _XlsxReader(self.path, limits)
        self.names: list[str] = self._reader.names
        self.hidden: list[str] = self._reader.hidden

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def pick(self, sheet: str | int | None) -> str:
        """The sheet's name: ``sheet`` (a name or a 1-based number), else the first visible sheet."""
        if not self.names:
            raise DataError("the workbook has no visible worksheet", file=self.source)
        if sheet is None:
            return self.names[0]
        if isinstance(sheet, int) and not isinstance(sheet, bool):
            if 1 <= sheet <= len(self.names):
                return self.names[sheet - 1]
        elif str(sheet) in self.names or str(sheet) in self.hidden:
            return str(sheet)
        else:
            wanted = _squash(str(sheet))
            close = [n for n in self.names + self.hidden if _squash(n) == wanted]
            if len(close) == 1:
                return close[0]
        raise DataError(f"no sheet {sheet!r} in the workbook", file=self.source,
                        hint=f"its sheets are: {', '.join(self.names)}" + (
                            f" (hidden: {', '.join(self.hidden)})" if self.hidden else ""))

    def sheet(self, sheet: str | int | None = None) -> Sheet:
        name = self.pick(sheet)
        if name not in self._cache:
            try:
                self._cache[name] = self._reader.read(name)
            except DataError:
                raise
            except Exception as exc:  # noqa: BLE001 - a damaged sheet, whatever the library raises
                raise DataError(f"sheet {name}: cannot read it ({type(exc).__name__}: {exc})", file=self.source,
                                hint="open and re-save the workbook in Excel or WPS") from None
        return self._cache[name]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _plain(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


class _XlsxReader:
    def __init__(self, path: Path, limits: Limits):
        self.source = str(path)
        try:
            self.zip = zipfile.ZipFile(path)
            unpacked = sum(i.file_size for i in self.zip.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DataError(f"not an Excel .xlsx workbook ({exc})", file=self.source,
                            hint="save it from Excel or WPS as .xlsx (an old .xls must end in .xls)") from None
        if unpacked > 5 * limits.max_bytes:
            raise DataError(f"the workbook unpacks to {human_bytes(unpacked)} "
                            f"(limit {human_bytes(5 * limits.max_bytes)})", file=self.source,
                            hint="a zip bomb? raise REPORTGEN_MAX_DATA_BYTES if the workbook is genuine")
        from python_calamine import CalamineWorkbook

        try:
            self.book = CalamineWorkbook.from_path(str(path))
            meta = self.book.sheets_metadata
            self.names = [m.name for m in meta if _enum(m.typ) == "worksheet" and _enum(m.visible) == "visible"]
            self.hidden = [m.name for m in meta if _enum(m.typ) == "worksheet" and _enum(m.visible) != "visible"]
            self.parts = _sheet_parts(self.zip)
            self.styles = _styles(self.zip)
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - calamine and the XML parser raise many kinds
            raise DataError(f"cannot read the workbook: {type(exc).__name__}: {exc}", file=self.source,
                            hint="open and re-save it in Excel or WPS") from None

    def close(self) -> None:
        self.zip.close()
        self.book.close()

    def read(self, name: str) -> Sheet:
        cal = self.book.get_sheet_by_name(name)
        values = [[_plain(v) for v in row] for row in cal.to_python(skip_empty_area=False)]
        merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (cal.merged_cell_ranges or [])]
        sheet = Sheet(name, values, merges=merges)
        part = self.parts.get(name)
        if part and part in self.zip.namelist():
            _scan_cells(self.zip.read(part), self.styles, sheet)
        return sheet


def _enum(value: Any) -> str:
    return str(getattr(value, "name", value)).rsplit(".", 1)[-1].lower()


_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part) of ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in zf.namelist():
        return {}
    out = {}
    for el in ET.fromstring(zf.read(rels)):
        target = el.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[el.get("Id", "")] = (el.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _workbook_part(zf: zipfile.ZipFile) -> str:
    for kind, target in _rels(zf, "").values():
        if kind == "officeDocument":
            return target
    return "xl/workbook.xml"


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part."""
    wb = _workbook_part(zf)
    rels = _rels(zf, wb)
    out = {}
    for el in ET.fromstring(zf.read(wb)).iter():
        if el.tag.rsplit("}", 1)[-1] == "sheet" and el.get(_NS_REL) in rels:
            out[el.get("name", "")] = rels[el.get(_NS_REL)][1]
    return out


def _styles(zf: zipfile.ZipFile) -> list[str]:
    """Style index → number format code."""
    wb = _workbook_part(zf)
    part = next((t for k, t in _rels(zf, wb).values() if k == "styles"), None)
    if not part or part not in zf.namelist():
        return []
    root = ET.fromstring(zf.read(part))
    custom: dict[int, str] = {}
    codes: list[str] = []
    for el in root:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "numFmts":
            for f in el:
                custom[int(f.get("numFmtId", "0"))] = f.get("formatCode", "General")
        elif tag == "cellXfs":
            for xf in el:
                fid = int(xf.get("numFmtId", "0"))
                codes.append(custom.get(fid) or BUILTIN.get(fid, "General"))
    return codes


_START = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(/?)>")
_FAST = re.compile(rb'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?')
_ATTR = re.compile(rb'\b([rst])="([^"]*)"')
_REF = re.compile(rb"([A-Z]+)(\d+)$")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)<")
_END = re.compile(rb"</(?:[\w.-]+:)?c>")


def _scan_cells(xml: bytes, styles: list[str], sheet: Sheet) -> None:
    """Number formats, formulas without a result and error cells, from the sheet XML."""
    codes = {str(i).encode(): code for i, code in enumerate(styles) if code != "General"}
    columns: dict[bytes, int] = {}
    formats = sheet.formats
    fast = _FAST.findall(xml)  # <c r="B5" s="3" …>: how Excel, WPS, LibreOffice and openpyxl write cells
    plain = len(fast) == xml.count(b"<c ") + xml.count(b"<c\t") + xml.count(b"<c\n") and b":c " not in xml
    cells = fast if plain else [_slow(m.group(1)) for m in _START.finditer(xml)]
    for letters, number, style in cells:
        code = codes.get(style) if style else None
        if code is None:
            continue
        col = columns.get(letters)
        if col is None:
            col = columns[letters] = _col_index(letters.decode("ascii"))
        formats[(int(number) - 1, col)] = code
    if _FORMULA.search(xml) is None and b't="e"' not in xml:
        return
    for m in _START.finditer(xml):  # formulas and errors: look inside the cells
        if m.group(2):
            continue
        end = _END.search(xml, m.end())
        inner = xml[m.end():end.start()] if end else b""
        attrs = dict(_ATTR.findall(m.group(1)))
        ref = _REF.match(attrs.get(b"r", b""))
        if not ref:
            continue
        row, col = int(ref.group(2)) - 1, _col_index(ref.group(1).decode("ascii"))
        kind = attrs.get(b"t", b"n")
        value = _VALUE.search(inner)
        if kind == b"e" and value:
            sheet.errors[(row, col)] = value.group(1).decode("utf-8", "replace")
        elif _FORMULA.search(inner) and (
                value is None or (not value.group(1) and kind not in (b"str", b"s", b"inlineStr"))):
            sheet.uncached.add((row, col))


def _slow(attrs_text: bytes) -> tuple[bytes, bytes, bytes]:
    attrs = dict(_ATTR.findall(attrs_text))
    ref = _REF.match(attrs.get(b"r", b""))
    return (ref.group(1), ref.group(2), attrs.get(b"s", b"")) if ref else (b"A", b"1", b"")  # no r=: skipped


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class _XlsReader:
    def __init__(self, path: Path, limits: Limits):
        import xlrd

        self.source = str(path)
        try:
            if path.stat().st_size > limits.max_bytes:
                raise DataError(f"the workbook is larger than {human_bytes(limits.max_bytes)}", file=self.source,
                                hint="raise REPORTGEN_MAX_DATA_BYTES if the workbook is genuine")
            self.book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Quiet())
            sheets = [self.book.sheet_by_index(i) for i in range(self.book.nsheets)]
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - xlrd raises XLRDError, struct errors, …
            hint = ("it is an .xlsx workbook: rename it to .xlsx" if zipfile.is_zipfile(path)
                    else "open and re-save it in Excel or WPS")
            raise DataError(f"not an Excel 97-2003 .xls workbook ({exc})", file=self.source, hint=hint) from None
        self.names = [s.name for s in sheets if s.visibility == 0]
        self.hidden = [s.name for s in sheets if s.visibility != 0]

    def close(self) -> None:
        self.book.release_resources()

    def read(self, name: str) -> Sheet:
        import xlrd

        book = self.book
        sh = book.sheet_by_name(name)
        sheet = Sheet(name, [], merges=[(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sh.merged_cells])
        for r in range(sh.nrows):
            row = []
            for c, cell in enumerate(sh.row(r)):
                value: Any = cell.value
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        pass
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    sheet.errors[(r, c)] = xlrd.error_text_from_code.get(value, "#ERROR")
                    value = None
                if value is not None and cell.ctype not in (xlrd.XL_CELL_TEXT,):
                    fmt = _xls_format(book, cell.xf_index)
                    if fmt and fmt != "General":
                        sheet.formats[(r, c)] = fmt
                row.append(_plain(value))
            sheet.values.append(row)
        return sheet


def _xls_format(book: Any, xf_index: int | None) -> str | None:
    if xf_index is None or xf_index >= len(book.xf_list):
        return None
    key = book.xf_list[xf_index].format_key
    fmt = book.format_map.get(key)
    code = fmt.format_str if fmt is not None else ""
    return code or BUILTIN.get(key)


class _Quiet:
    """xlrd's log file: its warnings about odd records are not the user's business."""

    def write(self, _text: str) -> None:
        pass
