"""The ``data:`` entries of reportgen.yaml → sources of records.

An entry is a glob (``data/districts/*.yaml``) or a mapping::

    - path: data/towns.xlsx     # a file or a glob
      sheet: 三季度              # a sheet name or number (default: the first visible sheet)
      header_rows: 2            # rows in the header block (default: guessed)
      skip_rows: 2              # rows above the header (default: guessed)
      name_column: 乡镇          # names the records (default: the first text column with unique values)
      totals: [合计, 小计]       # labels of totals rows (default: 合计, 总计, 小计)
      lookup: {去年: 2025年}     # other sheets joined by name: each record gets 去年 = its row there
      as: table                 # one record for the whole table: rows, totals, units
      formats: {完成率: "0.0%"}  # Excel number formats for cells that have none (CSV, SQL)
    - sql: data/towns.sql       # a query file, or query: "select …"
      url: ${STATS_DB_URL}      # a SQLAlchemy URL; ${NAME} is taken from the environment

Sheets (.xlsx, .xls, .csv) become one record per row, named by their name
column; see sheets.py for how the table is found and docs/sheets.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import did_you_mean
from ..errors import ConfigError, DataError, ReportgenError
from .limits import Limits
from .sheets import TOTALS, Options, Table, find_column, read_table
from .values import Units

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv")
FILE_KEYS = {"path", "sheet", "header_rows", "skip_rows", "name_column", "totals", "lookup", "as", "formats"}
SQL_KEYS = {"sql", "query", "url", "name_column", "totals", "as", "timeout", "formats"}


@dataclass(frozen=True)
class FileSource:
    """Files matching ``pattern`` (relative to the project root), read with ``options``."""

    pattern: str
    sheet: str | int | None = None
    options: Options = Options()
    whole: bool = False  # as: table
    lookup: tuple[tuple[str, Any], ...] = ()  # (key, sheet name or {path, sheet, name_column})
    line: int | None = None  # of the entry in reportgen.yaml

    def files(self, root: Path) -> list[Path]:
        p = Path(self.pattern)
        if p.is_absolute():
            return [p] if p.is_file() else sorted(x for x in p.parent.glob(p.name) if x.is_file())
        return sorted(x for x in root.glob(self.pattern) if x.is_file())

    def matches(self, path: Path, root: Path) -> bool:
        resolved = path.resolve()
        return any(f.resolve() == resolved for f in self.files(root))

    def read(self, path: Path) -> list:
        """The records of one of this source's files."""
        from .load import load_records

        if path.suffix.lower() not in SHEET_SUFFIXES:
            if self.sheet is not None or self.whole or self.lookup or self.options != Options():
                raise DataError("sheet settings (sheet, header_rows, as, …) apply to .xlsx, .xls and .csv files",
                                file=str(path))
            return load_records(path)
        table = read_sheet(path, sheet=self.sheet, options=self.options)
        lookups = {key: _lookup_table(path, spec, self) for key, spec in self.lookup}
        if self.whole:
            return [table_record(table, path.stem, lookups)]
        return table_records(table, path.stem, lookups)

    def records(self, root: Path, skip: set[Path]) -> tuple[list, list[ReportgenError]]:
        records: list = []
        errors: list[ReportgenError] = []
        for path in self.files(root):
            key = path.resolve() if self.sheet is None and not self.whole else (path.resolve(), self.sheet, self.whole)
            if key in skip:  # a file matched by two entries is read once (another sheet of it may be read again)
                continue
            skip.add(key)
            try:
                records.extend(self.read(path))
            except ReportgenError as exc:
                errors.append(exc)
        return records, errors


def read_sheet(path: Path | str, sheet: str | int | None = None, options: Options = Options(),
               limits: Limits | None = None) -> Table:
    """The table in a sheet of a workbook (.xlsx, .xls) or in a CSV file."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".tsv"):
        from .tables import csv_sheet
        from .text import read_bytes

        if sheet is not None:
            raise DataError(f"a CSV file has no sheets (sheet: {sheet})", file=str(path))
        return read_table(csv_sheet(path, read_bytes(path, limits or Limits.from_env())), str(path), options)
    from .workbook import Workbook

    with Workbook(path, limits) as wb:
        return read_table(wb.sheet(sheet), str(path), options)


def table_records(table: Table, stem: str, lookups: dict[str, Table] | None = None) -> list:
    """One record per row: named by the name column (else ``stem[i]``); each sees
    ``totals`` (the last totals row) and ``units`` unless a column has that name."""
    from .load import Record

    extra, extra_pos = _shared(table)
    records = []
    for i, row in enumerate(table.rows):
        values = dict(row.values)
        positions = dict(row.positions)
        name = table.name_of(row) or f"{stem}[{i}]"
        for key, other in (lookups or {}).items():
            match = _row_named(other, name) if table.name_column is not None else None
            if match is not None and key not in values:
                values[key] = match.values
        for key, value in extra.items():
            if key not in values:
                values[key] = value
                positions.update({f"{key}.{p}" if p else key: pos for p, pos in extra_pos[key].items()})
        records.append(Record(name, values, table.source, row.row + 1, positions, tuple(row.warnings)))
    return records


def table_record(table: Table, name: str, lookups: dict[str, Table] | None = None):
    """The whole table as one record: ``rows``, ``totals``, ``units``, ``title``, ``notes``, ``columns``."""
    from .load import Record

    values: dict = {"rows": [r.values for r in table.rows], "title": table.title or "", "notes": list(table.notes),
                    "columns": [c.dotted for c in table.columns]}
    extra, _ = _shared(table)
    values.update(totals=extra.get("totals", {}), units=extra.get("units", Units()))
    for key, other in (lookups or {}).items():
        values[key] = {other.name_of(r): r.values for r in other.rows if other.name_of(r)}
    warnings = tuple(w for r in table.rows + table.totals for w in r.warnings)
    return Record(name, values, table.source, table.header[0] + 1, {"": (table.header[0] + 1, 1)}, warnings)


def _shared(table: Table) -> tuple[dict, dict]:
    extra: dict = {}
    positions: dict = {}
    total = table.totals_row
    if total is not None:
        extra["totals"] = total.values
        positions["totals"] = total.positions
    if table.units:
        extra["units"] = table.units
        positions["units"] = {}
    return extra, positions


def _row_named(table: Table, name: str):
    return next((r for r in table.rows if table.name_of(r) == name), None)


def _lookup_table(path: Path, spec: Any, source: FileSource) -> Table:
    """A sheet (of this workbook, or ``{path, sheet, name_column}``) whose rows are joined by name."""
    spec = spec if isinstance(spec, dict) else {"sheet": spec}
    other = Path(str(spec["path"])) if spec.get("path") else path  # made absolute by parse_sources
    options = Options(header_rows=spec.get("header_rows"), skip_rows=spec.get("skip_rows"),
                      name_column=spec.get("name_column"), totals=source.options.totals)
    table = read_sheet(other, sheet=spec.get("sheet"), options=options)
    if options.name_column is None and source.options.name_column:
        table.name_column = find_column(table, source.options.name_column) or table.name_column
    if table.name_column is None:
        raise DataError(f"sheet {table.sheet}: no name column to join the records by", file=table.source,
                        hint="give the lookup sheet a column of unique names, or set its name_column")
    return table


def parse_sources(value: Any, root: Path, cfg_path: Path) -> tuple:
    """``data:`` (a glob, a mapping, or a list of them) → sources.  Raises
    ConfigError naming reportgen.yaml and the entry's line."""
    entries = [value] if isinstance(value, (str, dict)) else value
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise ConfigError("data must be a list of globs or entries", file=str(cfg_path),
                          line=_line(cfg_path, "data"), hint="e.g. data: [data/*.yaml]")
    out = []
    for i, entry in enumerate(entries):
        key = f"data[{i}]" if isinstance(value, list) else "data"
        if isinstance(entry, str):
            out.append(FileSource(entry))
        elif isinstance(entry, dict):
            out.append(_entry(entry, key, root, cfg_path))
        else:
            raise ConfigError(f"{key}: each entry is a glob or a mapping (path: …, sheet: …), not {entry!r}",
                              file=str(cfg_path), line=_line(cfg_path, key))
    return tuple(out)


def _entry(entry: dict, key: str, root: Path, cfg_path: Path):
    def bad(message: str, sub: str = "", hint: str | None = None) -> ConfigError:
        return ConfigError(f"{key}{'.' + sub if sub else ''}: {message}", file=str(cfg_path),
                           line=_line(cfg_path, f"{key}.{sub}" if sub else key), hint=hint)

    is_sql = "sql" in entry or "query" in entry or "url" in entry
    known = SQL_KEYS if is_sql else FILE_KEYS
    unknown = sorted(set(map(str, entry)) - known)
    if unknown:
        raise bad(f"unknown key(s): {', '.join(unknown)}", unknown[0], hint=did_you_mean(unknown[0], known))
    whole = entry.get("as")
    if whole not in (None, "table", "rows"):
        raise bad(f"as must be 'table' (one record for the whole table) or 'rows', not {whole!r}", "as")
    totals = entry.get("totals", list(TOTALS))
    if isinstance(totals, str):
        totals = [totals]
    if not isinstance(totals, list) or not all(isinstance(t, str) and t for t in totals):
        raise bad("totals must be a list of row labels, e.g. [合计, 小计]", "totals")
    numbers = {}
    for k in ("header_rows", "skip_rows", "timeout"):
        v = entry.get(k)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0
                              or (k != "timeout" and not isinstance(v, int)) or (k == "header_rows" and v < 1)):
            raise bad(f"must be a whole number{' of at least 1' if k == 'header_rows' else ''}, not {v!r}", k)
        numbers[k] = v
    name_column = entry.get("name_column")
    if name_column is not None and not isinstance(name_column, str):
        name_column = str(name_column)
    formats = entry.get("formats") or {}
    if not isinstance(formats, dict) or not all(isinstance(v, str) for v in formats.values()):
        raise bad("formats maps columns to Excel number formats, e.g. {完成率: '0.0%'}", "formats")
    options = Options(header_rows=numbers["header_rows"], skip_rows=numbers["skip_rows"],
                      name_column=name_column, totals=tuple(totals),
                      formats=tuple((str(k), v) for k, v in formats.items()))
    if is_sql:
        from .sql import SqlSource

        return SqlSource.from_entry(entry, options, whole == "table", root, cfg_path, _line(cfg_path, key), bad)
    path = entry.get("path")
    if not isinstance(path, str) or not path:
        raise bad("give the data file as path: data/towns.xlsx (or sql: / query: with url:)")
    sheet = entry.get("sheet")
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, (str, int))):
        raise bad(f"sheet must be a sheet name or number, not {sheet!r}", "sheet")
    lookup = entry.get("lookup") or {}
    if not isinstance(lookup, dict) or not all(isinstance(v, (str, int, dict)) for v in lookup.values()):
        raise bad("lookup maps a name to a sheet, e.g. lookup: {去年: 2025年}", "lookup")
    lookup = {k: dict(v, path=str(root / v["path"])) if isinstance(v, dict) and v.get("path") else v
              for k, v in lookup.items()}
    return FileSource(path, sheet, options, whole == "table", tuple((str(k), v) for k, v in lookup.items()),
                      _line(cfg_path, key))


def _line(cfg_path: Path, key: str) -> int | None:
    """The line of ``key`` (``data[1].sheet``) in reportgen.yaml, read again only when an error needs it."""
    from .fieldpath import parents
    from .yamlsrc import read_mapping

    positions: dict = {}
    try:
        read_mapping(cfg_path, "reportgen.yaml", positions)
    except ReportgenError:
        return None
    for path in [key, *parents(key)]:
        if path in positions:
            return positions[path][0]
    return None
