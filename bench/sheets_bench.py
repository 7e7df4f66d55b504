"""Reading a 5,000-row office sheet: title and unit rows, a two-row merged
header, ten columns with thousands, percentage and date formats, a 合计 row.

    python bench/sheets_bench.py [ROWS]

Prints the time `load_records` takes for the .xlsx (and for the same data as
.xls when LibreOffice can convert it); the goal is under a second.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make(path: Path, rows: int) -> Path:
    import openpyxl

    rnd = random.Random(7)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws["A1"] = "各乡镇情况统计表"
    ws.merge_cells("A1:J1")
    ws["J2"] = "单位：人、%"
    heads = ["序号", "乡镇", "宣讲活动", None, "核查情况", None, "完成率", "人口", "面积", "填报日期"]
    for col, text in enumerate(heads, start=1):
        ws.cell(3, col, text)
    for col, text in ((3, "场次"), (4, "参与人数"), (5, "抽查记录"), (6, "差错")):
        ws.cell(4, col, text)
    for ref in ("A3:A4", "B3:B4", "C3:D3", "E3:F3", "G3:G4", "H3:H4", "I3:I4", "J3:J4"):
        ws.merge_cells(ref)
    for i in range(rows):
        ws.append([i + 1, f"第{i + 1}镇", rnd.randint(1, 50), rnd.randint(100, 90000), rnd.randint(0, 40),
                   rnd.randint(0, 5), rnd.random(), rnd.randint(1000, 200000), round(rnd.uniform(10, 500), 2),
                   dt.date(2026, 1, 1) + dt.timedelta(days=i % 365)])
        r = ws.max_row
        ws.cell(r, 4).number_format = "#,##0"
        ws.cell(r, 7).number_format = "0.0%"
        ws.cell(r, 8).number_format = "#,##0"
        ws.cell(r, 10).number_format = 'yyyy"年"m"月"d"日"'
    ws.append(["合计", None, 1, 2, 3, 4, 0.5, 6, 7.5, None])
    wb.save(path)
    return path


def timed(path: Path, repeat: int = 3) -> tuple[float, int]:
    from reportgen.data import load_records

    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = len(load_records(path))
        best = min(best, time.perf_counter() - t0)
    return best, n


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = make(Path(tmp) / "towns.xlsx", rows)
        seconds, n = timed(xlsx)
        print(f"xlsx: {n:,} records ({rows:,} rows x 10 columns) read in {seconds:.3f} s (best of 3)")
        soffice = shutil.which("soffice")
        if soffice:
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
                            "--convert-to", "xls", "--outdir", f"{tmp}/xls", str(xlsx)],
                           capture_output=True, timeout=300)
            xls = Path(tmp) / "xls" / "towns.xls"
            if xls.is_file():
                seconds, n = timed(xls)
                print(f"xls:  {n:,} records read in {seconds:.3f} s (best of 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
