"""SQL sources against a real PostgreSQL server (.ci/run starts one and sets
REPORTGEN_TEST_PG_URL; locally: `. .ci/postgres.sh; start_postgres`)."""
import datetime as dt
import os
import uuid

import pytest

from test_sources import docs, make
from reportgen import build, load_project
from reportgen.project import load_all_records

URL = os.environ.get("REPORTGEN_TEST_PG_URL")
if not URL and os.environ.get("CI"):
    pytest.fail("REPORTGEN_TEST_PG_URL is not set: .ci/run must start PostgreSQL", pytrace=False)
pytestmark = pytest.mark.skipif(not URL, reason="no PostgreSQL server: set REPORTGEN_TEST_PG_URL "
                                                "(`. .ci/postgres.sh; start_postgres` starts one)")


@pytest.fixture
def table():
    import sqlalchemy as sa

    name = f"towns_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as con:
        con.exec_driver_sql(f'create table {name} (乡镇 text, "宣讲活动.场次" integer, 完成率 numeric(5,4), '
                            f"填报日期 date, 金额 numeric(12,2))")
        con.exec_driver_sql(f"insert into {name} values ('城关镇', 12, 0.941, '2026-10-09', 1060.5), "
                            f"('河口镇', 8, 1, '2026-10-10', 20), ('合计', 20, null, null, 1080.5)")
    yield name
    with engine.begin() as con:
        con.exec_driver_sql(f"drop table {name}")
    engine.dispose()


TEMPLATE = "# {{ 乡镇 }}\n\n{{ 乡镇 }}{{ 宣讲活动.场次 }}场，{{ 填报日期|cn_date }}，合计{{ totals.宣讲活动.场次 }}场。\n"


def project(tmp_path, query: str, extra: str = ""):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "towns.sql").write_text(query, encoding="utf-8")
    return make(tmp_path, f"data:\n  - sql: data/towns.sql\n    url: ${{PG_URL}}\n{extra}", TEMPLATE)


def test_records_from_postgres(tmp_path, table, monkeypatch):
    monkeypatch.setenv("PG_URL", URL)
    root = project(tmp_path, f"select * from {table} order by 乡镇 = '合计', 乡镇\n")
    records, errors = load_all_records(load_project(root))
    assert errors == []
    assert [r.name for r in records] == ["城关镇", "河口镇"]
    v = records[0].values
    assert v["完成率"] == 0.941 and v["填报日期"] == dt.date(2026, 10, 9) and v["金额"] == 1060.5
    assert v["totals"]["宣讲活动"]["场次"] == 20
    result = build(str(root), jobs=1)
    assert not result.failed, result.failed
    assert docs(root)["城关镇"] == "城关镇\n城关镇12场，2026年10月9日，合计20场。"


@pytest.mark.parametrize("query, message, line, col", [
    ("-- towns\nselect 乡镇,\n       nope\nfrom {t}\n", 'column "nope" does not exist', 3, 8),
    ("-- towns\n\ndelete from {t} returning 乡镇\n", "read-only transaction", 3, None),
    ("select pg_sleep(3), 'x' as 乡镇\n", "took longer than 1 s", 1, None),
])
def test_query_errors_name_file_and_line(tmp_path, table, monkeypatch, query, message, line, col):
    monkeypatch.setenv("PG_URL", URL)
    root = project(tmp_path, query.format(t=table), "    timeout: 1\n")
    _, errors = load_all_records(load_project(root))
    d = errors[0].diagnostic
    assert message in d.message and d.file == str(root / "data" / "towns.sql") and d.line == line
    if col is not None:
        assert d.col == col
    assert "ci-only" not in str(errors[0])
