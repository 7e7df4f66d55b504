"""CSV and XLSX: one record per row, dotted headers nest, numbers become
numbers, (row, column) positions, Excel's Chinese encodings."""
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from reportgen.data import load_records
from reportgen.errors import DataError

TABLE = "district.name,stats.lectures,stats.share,code,note\n东西湖区,600,29.31,007,\n北山县,12,,100,约600余\n"


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content)
    return p


def test_csv_rows_become_nested_records(tmp_path):
    recs = load_records(write(tmp_path, "t.csv", TABLE.encode("utf-8")))
    assert [r.values for r in recs] == [
        {"district": {"name": "东西湖区"}, "stats": {"lectures": 600, "share": 29.31}, "code": "007"},
        {"district": {"name": "北山县"}, "stats": {"lectures": 12}, "code": 100, "note": "约600余"},
    ]
    assert [(r.name, r.line) for r in recs] == [("东西湖区", 2), ("北山县", 3)]  # named by the name column
    assert recs[1].where("note") == (3, 5)
    assert recs[1].where("stats.share") == (3, 3)  # missing: the empty cell where it belongs


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_excel_writes(tmp_path, encoding):
    text = TABLE + "䶮山镇,1,,,\n" if encoding == "gb18030" else TABLE
    recs = load_records(write(tmp_path, "t.csv", text.encode(encoding)))
    assert recs[0].values["district"]["name"] == "东西湖区"
    assert recs[1].values["note"] == "约600余"


@pytest.mark.parametrize("rows", [
    "district.name,stats.lectures,stats.people\n东西湖区,1060,11000\n江夏区,350,52000\n",
    "名称,数量\n黄陂区,3\n",
])
def test_short_gbk_tables_are_not_mistaken_for_korean(tmp_path, rows):
    recs = load_records(write(tmp_path, "t.csv", rows.encode("gbk")))
    names = [(r.values.get("district") or {}).get("name") or r.values.get("名称") for r in recs]
    assert names[0] in ("东西湖区", "黄陂区")


def test_tab_separated_and_crlf(tmp_path):
    recs = load_records(write(tmp_path, "t.csv", "a\tb.c\r\n1\t\"x\r\ny\"\r\n".encode()))
    assert recs[0].values == {"a": 1, "b": {"c": "x\ny"}}


@pytest.mark.parametrize("content, expected, line, col", [
    (b"", "the table is empty", None, None),
    (b",,\n,,\n", "the table is empty", None, None),
    (b"a,b\n", "headers but no data rows", None, None),
    (b"a,b,a\n1,2,3\n", "appears twice (A1 and C1)", 1, 3),
    (b"a,a.b\n1,2\n", "clashes with 'a'", 1, 2),
    (b"a,\n1,2\n", "cell B2: a value in column B has no header", 2, 2),
    (b"a\n1,2\n", "cell B2: a value in column B has no header", 2, 2),
    (b'a,b\n"1,2\n', "not a valid CSV table", None, None),
])
def test_broken_csv(tmp_path, content, expected, line, col):
    with pytest.raises(DataError) as info:
        load_records(write(tmp_path, "bad.csv", content))
    d = info.value.diagnostic
    assert expected in d.message
    if line is not None:
        assert (d.line, d.col) == (line, col)


def test_control_characters_in_cells_are_removed(tmp_path):
    rec = load_records(write(tmp_path, "t.csv", "a,b\nx\x07y,ok\n".encode()))[0]
    assert rec.values == {"a": "xy", "b": "ok"}
    assert rec.warnings[0].line == 2 and rec.warnings[0].col == 1


def make_xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_xlsx_rows(tmp_path):
    p = make_xlsx(tmp_path / "t.xlsx", [
        ["district.name", "stats.lectures", "stats.share", "report_date", "text_number"],
        ["东西湖区", 600, 29.31, dt.datetime(2021, 10, 25), "1060"],
        [None, None, None, None, None],
        ["北山县", 12.0, None, None, "600余"],
    ])
    recs = load_records(p)
    assert [r.values for r in recs] == [
        {"district": {"name": "东西湖区"}, "stats": {"lectures": 600, "share": 29.31},
         "report_date": dt.date(2021, 10, 25), "text_number": 1060},
        {"district": {"name": "北山县"}, "stats": {"lectures": 12}, "text_number": "600余"},
    ]
    assert recs[1].line == 4 and recs[1].where("text_number") == (4, 5)


def test_broken_xlsx(tmp_path):
    with pytest.raises(DataError, match="not an Excel .xlsx workbook"):
        load_records(write(tmp_path, "bad.xlsx", b"this is not a zip"))
    import zipfile

    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    with pytest.raises(DataError, match="cannot read the workbook"):
        load_records(tmp_path / "empty.xlsx")


def test_xlsx_that_unpacks_too_large_is_refused(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/big.xml", b"0" * 2_000_000)
    with pytest.raises(DataError, match="unpacks to"):
        load_records(tmp_path / "bomb.xlsx", max_bytes=100_000)
