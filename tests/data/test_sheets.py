"""Sheets as offices make them: title and unit rows, merged two-row headers,
formats, 合计 rows, formulas, several sheets, .xlsx and .xls alike."""
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from office import FIXTURES, convert, make_towns, soffice
from reportgen.data import load_records
from reportgen.data.sheets import Options
from reportgen.data.sources import read_sheet, table_records
from reportgen.errors import DataError

TOWN_NAMES = ["城关镇", "东城街道", "河口镇", "山前乡"]


def printed(values):
    """The values as a template prints them."""
    return {k: printed(v) if isinstance(v, dict) else str(v) for k, v in values.items()}


@pytest.fixture(params=["towns.xlsx", "towns.xls"])
def towns(request) -> Path:
    return FIXTURES / request.param


def test_office_workbook_records(towns):
    recs = load_records(towns)
    assert [r.name for r in recs] == TOWN_NAMES  # named by 乡镇; 合计 is not a record
    first = recs[0].values
    assert printed({k: v for k, v in first.items() if k not in ("totals", "units")}) == {
        "序号": "1", "片区": "城区", "乡镇": "城关镇",
        "宣讲活动": {"场次": "12", "参与人数": "1,060"},
        "核查情况": {"抽查记录": "30", "差错": "2"},
        "完成率": "94.1%", "填报日期": "2026年10月9日"}
    assert recs[1].values["片区"] == "城区"  # a merged cell spreads down its rows
    assert str(recs[2].values["完成率"]) == "100.0%" and recs[2].values["完成率"] == 1
    # comparisons and sums see the numbers
    assert first["完成率"] > 0.9 and first["完成率"].value == 0.941
    assert sum(r.values["宣讲活动"]["参与人数"] for r in recs) == 19170
    assert first["填报日期"] == dt.date(2026, 10, 9)
    assert recs[0].line == 5 and recs[0].where("核查情况.差错") == (5, 7)


def test_totals_and_units_are_seen_by_every_record(towns):
    rec = load_records(towns)[3]
    totals = rec.values["totals"]
    assert printed(totals)["宣讲活动"] == {"场次": "34", "参与人数": "19,170"}  # formulas: the saved results
    assert str(totals["完成率"]) == "92.3%" and abs(totals["完成率"] - 0.923) < 1e-9
    units = rec.values["units"]
    assert units["单位"] == "场、人" and units["填报单位"] == "某区委宣传部"
    assert str(units) == "填报单位：某区委宣传部　单位：场、人"


def test_table_parts(towns):
    table = read_sheet(towns)
    assert table.title == "某区各乡镇党史学习教育情况统计表（2026年三季度）"
    assert table.header == (2, 3)
    assert [c.dotted for c in table.columns] == ["序号", "片区", "乡镇", "宣讲活动.场次", "宣讲活动.参与人数",
                                                 "核查情况.抽查记录", "核查情况.差错", "完成率", "填报日期"]
    assert table.name_column.dotted == "乡镇"
    assert [t.label for t in table.totals] == ["合计"]
    assert table.notes == ["注：完成率为已完成场次占计划场次的比例。"]


def test_second_sheet_by_name_or_number(towns):
    by_name = load_records_of(towns, sheet="2025年三季度")
    assert [r.name for r in by_name] == ["城关镇", "东城街道", "河口镇"]
    assert by_name[0].values["宣讲活动"] == {"场次": 10, "参与人数": 900}
    assert [r.name for r in load_records_of(towns, sheet=2)] == [r.name for r in by_name]


def load_records_of(path, sheet=None, **options):
    return table_records(read_sheet(path, sheet, Options(**options)), path.stem)


def test_unknown_sheet_lists_the_sheets(towns):
    with pytest.raises(DataError) as info:
        read_sheet(towns, "三季度")
    d = info.value.diagnostic
    assert "no sheet '三季度'" in d.message and d.file == str(towns)
    assert "2026年三季度, 2025年三季度" in d.hint


def test_formula_without_saved_result_is_an_error_naming_the_cell(tmp_path):
    path = make_towns(tmp_path / "raw.xlsx")  # openpyxl saves formulas without results
    with pytest.raises(DataError) as info:
        load_records(path)
    diags = info.value.diagnostics
    assert [d.message.split(":")[0] for d in diags] == [
        f"sheet 2026年三季度, cell {c}9" for c in "DEFGH"]
    assert diags[0].line == 9 and diags[0].col == 4
    assert "save it" in diags[0].hint and "Excel or WPS" in diags[0].hint


@pytest.mark.skipif(not soffice(), reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui): "
                                           "nothing here saves the results of formulas")
def test_a_workbook_saved_by_a_spreadsheet_application_reads_like_the_fixtures(tmp_path):
    towns = [("城区", "城关镇", 3, 1234, 1, 0, 0.5, dt.date(2026, 1, 2)),
             ("城区", "北关镇", 4, 20, 2, 1, 0.25, dt.date(2026, 1, 3))]
    raw = make_towns(tmp_path / "t.xlsx", towns)
    for fmt in ("xlsx", "xls"):
        recs = load_records(convert(raw, fmt, tmp_path / "out"))
        assert [r.name for r in recs] == ["城关镇", "北关镇"]
        assert printed(recs[0].values["totals"])["宣讲活动"] == {"场次": "7", "参与人数": "1,254"}
        assert str(recs[0].values["totals"]["完成率"]) == "37.5%"


def test_duplicate_name_names_both_rows(tmp_path):
    path = tmp_path / "dup.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    for row in (["乡镇", "人数"], ["城关镇", 1], ["河口镇", 2], ["城关镇", 3], ["山前乡", 4]):
        ws.append(row)
    wb.save(path)
    with pytest.raises(DataError) as info:
        load_records(path)
    d = info.value.diagnostic
    assert "sheet 表1, cell A4" in d.message and "'城关镇' appears twice" in d.message and "rows 2 and 4" in d.message
    assert (d.line, d.col) == (4, 1)


def test_explicit_settings_override_the_guess(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["表", None, None], ["甲", "乙", "丙"], ["负责人", "乡镇", "人数"], ["张三", "城关镇", 5],
                ["李四", "河口镇", 6], ["全县总计", None, 11]):
        ws.append(row)
    wb.save(path)
    guessed = read_sheet(path)
    assert guessed.header == (1, 1)  # the 甲乙丙 row looks like a header
    recs = load_records_of(path, skip_rows=2, header_rows=1, name_column="乡镇")
    assert [r.name for r in recs] == ["城关镇", "河口镇"]
    assert recs[0].values["totals"] == {"负责人": "全县总计", "人数": 11}  # 全县总计 ends in 总计
    assert [r.name for r in load_records_of(path, skip_rows=2, name_column="A")] == ["张三", "李四"]
    plain = load_records_of(path, skip_rows=2, totals=("合计",))
    assert [r.name for r in plain] == ["张三", "李四", "全县总计"]
    with pytest.raises(DataError, match="no column '地区' for name_column"):
        load_records_of(path, skip_rows=2, name_column="地区")


def test_csv_with_title_and_totals(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("某区统计表,,\n单位：人,,\n乡镇,人数,占比\n城关镇,5,0.5\n河口镇,6,0.6\n合计,11,\n", encoding="gbk")
    recs = load_records(p)
    assert [r.name for r in recs] == ["城关镇", "河口镇"]
    assert recs[0].values["totals"] == {"乡镇": "合计", "人数": 11}
    assert recs[0].values["units"] == {"单位": "人"}


def test_numbered_headers_stay_one_key(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("乡镇,1.党员人数,stats.lectures\n城关镇,5,3\n", encoding="utf-8")
    assert load_records(p)[0].values == {"乡镇": "城关镇", "1.党员人数": 5, "stats": {"lectures": 3}}


def test_error_cells_print_as_shown_with_a_warning(tmp_path):
    path = tmp_path / "e.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["乡镇", "比率"])
    ws.append(["城关镇", 1])
    ws["B2"].data_type = "e"
    ws["B2"].value = "#DIV/0!"
    wb.save(path)
    rec = load_records(path)[0]
    assert rec.values["比率"] == "#DIV/0!"
    assert "cell B2 shows the error #DIV/0!" in rec.warnings[0].message


@pytest.mark.parametrize("content, suffix, expected", [
    (b"not a workbook", ".xls", "not an Excel 97-2003 .xls workbook"),
    (b"not a workbook", ".xlsx", "not an Excel .xlsx workbook"),
])
def test_broken_workbooks(tmp_path, content, suffix, expected):
    p = tmp_path / f"bad{suffix}"
    p.write_bytes(content)
    with pytest.raises(DataError, match=expected):
        load_records(p)


def test_an_xlsx_named_xls_says_so(tmp_path):
    p = tmp_path / "t.xls"
    shutil.copy(FIXTURES / "towns.xlsx", p)
    with pytest.raises(DataError) as info:
        load_records(p)
    assert "rename it to .xlsx" in info.value.diagnostic.hint


def test_hidden_sheets_are_not_the_default(tmp_path):
    path = tmp_path / "h.xlsx"
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "说明"
    hidden.sheet_state = "hidden"
    hidden.append(["x", "y"])
    hidden.append(["a", "b"])
    ws = wb.create_sheet("数据")
    ws.append(["乡镇", "人数"])
    ws.append(["城关镇", 1])
    wb.save(path)
    assert [r.name for r in load_records(path)] == ["城关镇"]
    assert read_sheet(path, "说明").sheet == "说明"
