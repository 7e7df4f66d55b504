"""``reportgen data inspect FILE``: what reportgen finds in a sheet."""
from __future__ import annotations

from pathlib import Path

from .numfmt import general
from .sheets import Options, Table
from .sources import read_sheet
from .values import plain
from .workbook import cell_name, column_letter


def describe(path: Path | str, sheet: str | int | None = None, options: Options = Options()) -> str:
    """A report of the table in ``path`` (its sheet ``sheet``), as settings would read it."""
    from ..errors import DataError

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".csv", ".tsv"):
        raise DataError("reportgen data inspect reads sheets: .xlsx, .xls, .csv or .tsv files", file=str(path),
                        hint="YAML and JSON files are read as they are written; reportgen check checks them")
    lines = [str(path)]
    if path.suffix.lower() not in (".csv", ".tsv"):
        from .workbook import Workbook

        with Workbook(path) as wb:
            picked = wb.pick(sheet)
            names = [f"{n} (read)" if n == picked else n for n in wb.names]
            lines.append("sheets: " + ", ".join(names) + (f"; hidden: {', '.join(wb.hidden)}" if wb.hidden else ""))
    table = read_sheet(path, sheet, options)
    lines += _table(table)
    return "\n".join(lines)


def _table(t: Table) -> list[str]:
    h0, h1 = t.header
    last = max([r.row for r in t.rows + t.totals] or [h1])
    right = max(c.index for c in t.columns)
    out = [f"{'sheet ' + t.sheet + ': ' if t.sheet else ''}table {cell_name(h0, 0)}:{cell_name(last, right)}"]
    if t.title:
        out.append(f"  title: {t.title}")
    if t.units:
        out.append(f"  units: {t.units}  (units.{', units.'.join(t.units)})")
    out.append(f"  header: row {h0 + 1}" if h0 == h1 else f"  header: rows {h0 + 1}–{h1 + 1}")
    out.append(f"    (as settings: skip_rows: {h0}, header_rows: {h1 - h0 + 1})")
    out.append("  columns (as paths):")
    for c in t.columns:
        mark = "   ← names the records" if t.name_column is c else ""
        out.append(f"    {column_letter(c.index):>3}  {c.dotted}{mark}")
    if t.name_column is None:
        out.append("  no name column (no text column with unique values): records are named FILE[0], FILE[1], …")
    names = [f"{t.name_of(r) or '?'} (row {r.row + 1})" for r in t.rows]
    out.append(f"  records ({len(t.rows)}): " + ", ".join(names[:20]) + (", …" if len(names) > 20 else ""))
    if t.rows:
        out.append("  first record, as printed (value):")
        out += [f"    {k} = {v}" for k, v in _flat(t.rows[0].values)]
    for r in t.totals:
        out.append(f"  totals: {r.label} (row {r.row + 1})" + ("  ← totals" if r is t.totals_row else ""))
    if t.totals_row is not None:
        out += [f"    totals.{k} = {v}" for k, v in _flat(t.totals_row.values)]
    for n in t.notes:
        out.append(f"  note: {n}")
    return out


def _flat(values: dict, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for k, v in values.items():
        if isinstance(v, dict):
            out += _flat(v, f"{prefix}{k}.")
        else:
            raw = plain(v)
            text = str(v)
            shown = text if raw is v or text == general(raw) else f"{text}  ({raw!r})"
            out.append((f"{prefix}{k}", shown))
    return out
