"""A workbook as a district office makes it: a title row, a unit row, a
two-row merged header, a merged 片区 column, percentages, thousands and
Chinese date formats, a 合计 row of formulas, a note, and last year's
figures on a second sheet.

``make_towns(path)`` writes it with openpyxl, which does not calculate: its
formulas have no saved results.  ``fixtures/towns.xlsx`` and
``fixtures/towns.xls`` are the same workbook saved by LibreOffice (which
calculates and saves the results); regenerate them with
``python tests/data/office.py`` (needs soffice).
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TOWNS = [  # 片区, 乡镇, 场次, 参与人数, 抽查记录, 差错, 完成率, 填报日期
    ("城区", "城关镇", 12, 1060, 30, 2, 0.941, dt.date(2026, 10, 9)),
    ("城区", "东城街道", 9, 2310, 18, 0, 0.875, dt.date(2026, 10, 9)),
    ("山区", "河口镇", 8, 15320, 25, 0, 1.0, dt.date(2026, 10, 10)),
    ("山区", "山前乡", 5, 480, 12, 1, 0.876, dt.date(2026, 10, 10)),
]
LAST_YEAR = [("城关镇", 10, 900), ("东城街道", 7, 2100), ("河口镇", 7, 12000)]


def make_towns(path: Path, towns=TOWNS) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年三季度"
    ws["A1"] = "某区各乡镇党史学习教育情况统计表（2026年三季度）"
    ws.merge_cells("A1:I1")
    ws["A2"] = "填报单位：某区委宣传部"
    ws["I2"] = "单位：场、人"
    heads = {"A3": "序号", "B3": "片区", "C3": "乡  镇", "D3": "宣讲活动", "F3": "核查情况", "H3": "完成率",
             "I3": "填报日期", "D4": "场次", "E4": "参与人数", "F4": "抽查记录", "G4": "差错"}
    for ref, text in heads.items():
        ws[ref] = text
    for ref in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3", "H3:H4", "I3:I4"):
        ws.merge_cells(ref)
    first = 5
    for i, (area, town, talks, people, checks, errors, rate, day) in enumerate(towns):
        r = first + i
        for col, value in enumerate((i + 1, area, town, talks, people, checks, errors, rate, day), start=1):
            ws.cell(r, col, value)
        ws.cell(r, 5).number_format = "#,##0"
        ws.cell(r, 8).number_format = "0.0%"
        ws.cell(r, 9).number_format = 'yyyy"年"m"月"d"日"'
    last = first + len(towns) - 1
    r = first
    while r <= last:  # merge each 片区 over its rows
        end = r
        while end + 1 <= last and towns[end + 1 - first][0] == towns[r - first][0]:
            end += 1
        if end > r:
            for x in range(r + 1, end + 1):
                ws.cell(x, 2).value = None
            ws.merge_cells(start_row=r, start_column=2, end_row=end, end_column=2)
        r = end + 1
    t = last + 1
    ws.cell(t, 1, "合计")
    ws.merge_cells(start_row=t, start_column=1, end_row=t, end_column=3)
    for col in "DEFG":
        ws[f"{col}{t}"] = f"=SUM({col}{first}:{col}{last})"
    ws[f"E{t}"].number_format = "#,##0"
    ws[f"H{t}"] = f"=AVERAGE(H{first}:H{last})"
    ws[f"H{t}"].number_format = "0.0%"
    ws.cell(t + 1, 1, "注：完成率为已完成场次占计划场次的比例。")
    ws.merge_cells(start_row=t + 1, start_column=1, end_row=t + 1, end_column=9)
    _dress(ws, t)
    ws2 = wb.create_sheet("2025年三季度")
    ws2.append(["乡镇", "宣讲活动.场次", "宣讲活动.参与人数"])
    for row in LAST_YEAR:
        ws2.append(list(row))
    wb.save(path)
    return path


def _dress(ws, last: int) -> None:
    """Borders, widths, centred headers: as the office prints it."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["I2"].alignment = Alignment(horizontal="right")
    for row in ws.iter_rows(min_row=3, max_row=last, max_col=9):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.row <= 4 or cell.column <= 3:
                cell.alignment = Alignment(horizontal="center", vertical="center")
    for col, width in zip("ABCDEFGHI", (6, 7, 11, 8, 10, 10, 7, 9, 17)):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def soffice() -> str | None:
    """LibreOffice with its spreadsheet part (Debian: libreoffice-calc-nogui), or None."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    program = Path(exe).resolve().parent
    return exe if any(program.glob("libsclo.*")) else None


def convert(src: Path, fmt: str, out_dir: Path) -> Path:
    """``src`` opened and saved by LibreOffice as ``fmt`` (xlsx or xls): formulas get their results."""
    with tempfile.TemporaryDirectory() as home:
        subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{home}",
                        "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
                       check=True, capture_output=True, timeout=180)
    out = out_dir / f"{src.stem}.{fmt}"
    if not out.is_file():
        raise RuntimeError(f"LibreOffice did not write {out}")
    return out


if __name__ == "__main__":  # regenerate fixtures/towns.xlsx and fixtures/towns.xls
    with tempfile.TemporaryDirectory() as tmp:
        raw = make_towns(Path(tmp) / "towns.xlsx")
        conv = Path(tmp) / "conv"
        for fmt in ("xlsx", "xls"):
            shutil.copy(convert(raw, fmt, conv), FIXTURES / f"towns.{fmt}")
    print("wrote", FIXTURES / "towns.xlsx", FIXTURES / "towns.xls", file=sys.stderr)
