"""data: entries with settings, as a user runs them: build, render --record,
lookup sheets, as: table, config errors, incremental builds."""
import shutil
import sqlite3
from pathlib import Path

import docx
import pytest

from office import FIXTURES
from reportgen import build, load_project
from reportgen.errors import ConfigError
from reportgen.project import load_all_records

TEMPLATE = """# {{ 乡镇 }}宣讲情况

{{ 乡镇 }}开展宣讲{{ 宣讲活动.场次 }}场，参与{{ 宣讲活动.参与人数 }}人，完成率{{ 完成率 }}\
{% if 完成率 > 0.9 %}（较好）{% endif %}；全区合计{{ totals.宣讲活动.参与人数 }}人（单位：{{ units.单位 }}）。\
{% if 去年 is defined %}去年{{ 去年.宣讲活动.场次 }}场。{% endif %}
"""
OVERVIEW = """# {{ title }}

{% for r in rows %}- {{ r.乡镇 }}：{{ r.完成率 }}
{% endfor %}
合计：{{ totals.宣讲活动.场次 }}场（{{ units }}）
"""


def make(root: Path, data: str, template: str = TEMPLATE) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    tdir = root / "templates" / "town"
    tdir.mkdir(parents=True)
    (tdir / "template.yaml").write_text("name: town\ntheme: default\n", encoding="utf-8")
    (tdir / "town.md.j2").write_text(template, encoding="utf-8")
    (root / "reportgen.yaml").write_text(f"name: t\ntemplates: [town]\nformats: [docx]\n{data}", encoding="utf-8")
    return root


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def docs(root: Path) -> dict[str, str]:
    return {p.stem: text_of(p) for p in sorted((root / "output" / "town").glob("*.docx"))}


SHEET_ENTRY = """data:
  - path: data/towns.{ext}
    sheet: 2026年三季度
    lookup: {{去年: 2025年三季度}}
"""


@pytest.mark.parametrize("ext", ["xlsx", "xls"])
def test_build_one_document_per_town_named_after_it(tmp_path, ext):
    root = make(tmp_path, SHEET_ENTRY.format(ext=ext))
    shutil.copy(FIXTURES / f"towns.{ext}", root / "data" / f"towns.{ext}")
    result = build(str(root), jobs=1)
    assert not result.failed, result.failed
    out = docs(root)
    assert sorted(out) == sorted(["城关镇", "东城街道", "河口镇", "山前乡"])  # none for 合计
    assert "城关镇开展宣讲12场，参与1,060人，完成率94.1%（较好）；全区合计19,170人（单位：场、人）。去年10场。" in out["城关镇"]
    assert "完成率87.6%；" in out["山前乡"]
    assert "去年" not in out["山前乡"]  # no row for it on the lookup sheet


def test_render_record_by_name_and_unknown_name_lists_them(tmp_path, capsys):
    from reportgen.cli import main as run_main_

    root = make(tmp_path, SHEET_ENTRY.format(ext="xlsx"))
    shutil.copy(FIXTURES / "towns.xlsx", root / "data" / "towns.xlsx")
    out = tmp_path / "c.docx"
    assert run_main_(["render", "--template", str(root / "templates" / "town"), "--data",
                    str(root / "data" / "towns.xlsx"), "--record", "河口镇", "--format", "docx",
                    "--output", str(out)]) == 0
    assert "河口镇开展宣讲8场，参与15,320人，完成率100.0%（较好）" in text_of(out)
    code = run_main_(["render", "--template", str(root / "templates" / "town"), "--data",
                    str(root / "data" / "towns.xlsx"), "--record", "西山镇", "--format", "docx", "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "no record named '西山镇'" in err and "城关镇, 东城街道, 河口镇, 山前乡" in err


def test_as_table_gives_rows_totals_and_units(tmp_path):
    root = make(tmp_path, "data:\n  - path: data/towns.xlsx\n    as: table\n", OVERVIEW)
    shutil.copy(FIXTURES / "towns.xlsx", root / "data" / "towns.xlsx")
    result = build(str(root), jobs=1)
    assert not result.failed, result.failed
    text = docs(root)["towns"]
    assert "城关镇：94.1%" in text and "山前乡：87.6%" in text
    assert "合计：34场（填报单位：某区委宣传部　单位：场、人）" in text


@pytest.mark.parametrize("entry, message, line", [
    ("data:\n  - path: data/t.xlsx\n    sheets: 一\n", "data[0].sheets: unknown key(s): sheets", 6),
    ("data:\n  - data/*.yaml\n  - path: data/t.xlsx\n    header_rows: 0\n", "data[1].header_rows: must be", 7),
    ("data:\n  - path: data/t.xlsx\n    as: list\n", "as must be 'table'", 6),
    ("data:\n  - sql: q.sql\n", "data[0].url: give the database as url", 5),
])
def test_config_errors_name_the_entry_and_line(tmp_path, entry, message, line):
    root = make(tmp_path, entry)
    with pytest.raises(ConfigError) as info:
        load_project(root)
    d = info.value.diagnostic
    assert message in d.message and d.file.endswith("reportgen.yaml") and d.line == line


def stats_db(path: Path, rows=(("城关镇", 12, 0.941), ("河口镇", 8, 1.0), ("合计", 20, None))) -> Path:
    con = sqlite3.connect(path)
    con.execute('create table towns (乡镇 text, "宣讲活动.场次" integer, "宣讲活动.参与人数" integer, 完成率 real)')
    con.executemany("insert into towns values (?, ?, ?, ?)", [(n, c, c * 100, r) for n, c, r in rows])
    con.commit()
    con.close()
    return path


SQL_TEMPLATE = "# {{ 乡镇 }}\n\n{{ 乡镇 }}开展宣讲{{ 宣讲活动.场次 }}场，合计{{ totals.宣讲活动.场次 }}场。\n"


def test_sqlite_records_and_incremental_builds(tmp_path, monkeypatch):
    root = make(tmp_path, "data:\n  - sql: data/towns.sql\n    url: ${STATS_DB_URL}\n", SQL_TEMPLATE)
    stats_db(root / "data" / "stats.db")
    (root / "data" / "towns.sql").write_text("-- 各乡镇\nselect * from towns\norder by rowid\n", encoding="utf-8")
    monkeypatch.setenv("STATS_DB_URL", "sqlite:///data/stats.db")
    result = build(str(root), jobs=1)
    assert not result.failed, result.failed
    assert docs(root) == {"城关镇": "城关镇\n城关镇开展宣讲12场，合计20场。", "河口镇": "河口镇\n河口镇开展宣讲8场，合计20场。"}
    assert [d.status for d in build(str(root), list_only=True).decisions] == ["up to date", "up to date"]
    con = sqlite3.connect(root / "data" / "stats.db")
    con.execute("update towns set \"宣讲活动.场次\" = 9 where 乡镇 = '河口镇'")
    con.commit()
    con.close()
    decisions = {d.job.record.name: d.status for d in build(str(root), list_only=True).decisions}
    assert decisions == {"城关镇": "up to date", "河口镇": "changed"}
    manifest = (root / "output" / "manifest.json").read_text(encoding="utf-8")
    assert "sqlite" not in manifest and "towns.sql" in manifest


@pytest.mark.parametrize("query, line, col, text", [
    ("select *\nfrom townz\n", 3, 6, "no such table: townz"),
    ("-- x\nselect 乡镇,\n  nope from towns\n", 4, 3, "no such column: nope"),
    ("delete from towns returning *\n", 2, None, "readonly"),
])
def test_bad_query_names_the_file_and_line(tmp_path, query, line, col, text):
    root = make(tmp_path, "data:\n  - sql: q.sql\n    url: sqlite:///stats.db\n", SQL_TEMPLATE)
    stats_db(root / "stats.db")
    (root / "q.sql").write_text("-- header\n" + query, encoding="utf-8")
    records, errors = load_all_records(load_project(root))
    d = errors[0].diagnostic
    assert records == [] and text in d.message and d.file == str(root / "q.sql") and (d.line, d.col) == (line, col)


def test_inline_query_and_missing_environment_variable(tmp_path, monkeypatch):
    root = make(tmp_path, 'data:\n  - url: ${NO_SUCH_DB_URL}\n    query: "select 1 as x"\n', SQL_TEMPLATE)
    monkeypatch.delenv("NO_SUCH_DB_URL", raising=False)
    _, errors = load_all_records(load_project(root))
    d = errors[0].diagnostic
    assert "NO_SUCH_DB_URL" in d.message and d.line == 5 and "export NO_SUCH_DB_URL" in d.hint


def test_passwords_never_appear_in_messages(tmp_path):
    root = make(tmp_path, 'data:\n  - url: postgresql://reader:s3cret-pw@127.0.0.1:9/stats\n    query: select 1\n'
                          '    timeout: 2\n', SQL_TEMPLATE)
    _, errors = load_all_records(load_project(root))
    text = str(errors[0])
    assert "cannot connect" in text and "s3cret-pw" not in text and "reader:***@127.0.0.1:9" in text


def test_two_sheets_of_one_workbook_and_formats_for_sql(tmp_path, monkeypatch):
    root = make(tmp_path, "data:\n  - path: data/towns.xlsx\n  - path: data/towns.xlsx\n    sheet: 2\n"
                          "    name_column: 乡镇\n", SQL_TEMPLATE)
    shutil.copy(FIXTURES / "towns.xlsx", root / "data" / "towns.xlsx")
    records, errors = load_all_records(load_project(root))
    assert errors == [] and len(records) == 4 + 3


def test_formats_apply_to_query_results(tmp_path):
    root = make(tmp_path, 'data:\n  - sql: q.sql\n    url: sqlite:///stats.db\n'
                          '    formats: {完成率: "0.0%", 宣讲活动.参与人数: "#,##0", 日期: \'yyyy"年"m"月"d"日"\'}\n',
                SQL_TEMPLATE)
    stats_db(root / "stats.db")
    (root / "q.sql").write_text("select *, '2026-10-09' as 日期 from towns", encoding="utf-8")
    records, errors = load_all_records(load_project(root))
    assert errors == []
    v = records[0].values
    assert (str(v["完成率"]), str(v["宣讲活动"]["参与人数"]), str(v["日期"])) == ("94.1%", "1,200", "2026年10月9日")
    assert v["完成率"] == 0.941


def test_data_inspect_command(capsys):
    from reportgen.cli import main

    assert main(["data", "inspect", str(FIXTURES / "towns.xls")]) == 0
    out = capsys.readouterr().out
    for text in ("sheets: 2026年三季度 (read), 2025年三季度", "table A3:I9", "header: rows 3–4",
                 "核查情况.抽查记录", "C  乡镇   ← names the records", "records (4): 城关镇 (row 5)",
                 "完成率 = 94.1%  (0.941)", "totals: 合计 (row 9)", "units: 填报单位：某区委宣传部　单位：场、人"):
        assert text in out
    assert main(["data", "inspect", str(FIXTURES / "towns.xlsx"), "--sheet", "九月"]) == 1
    assert "no sheet '九月'" in capsys.readouterr().err
