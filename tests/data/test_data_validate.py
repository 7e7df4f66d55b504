"""Schema checking: messages name file:line:col, record and field, and say
what to write instead."""
from pathlib import Path

import pytest

from reportgen.data import load_records
from reportgen.data.validate import check_record, load_schema, number_hint
from reportgen.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = [ROOT / "templates/summary-report/schema.yaml", ROOT / "templates/briefing/schema.yaml"]
FACT_600 = "{what: 全区各级理论学习中心组开展党史学习, value: 600, unit: 次, approx: true}"


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("data", sorted((ROOT / "data/districts").glob("*.yaml")), ids=lambda p: p.stem)
def test_sample_records_pass(schema, data):
    assert check_record(load_records(data)[0], schema) == []


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "data/districts/dongxihu.yaml").read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "dongxihu.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def only_message(path: Path, schema=SCHEMAS[0]) -> str:
    problems = check_record(load_records(path)[0], schema)
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_600yu_is_not_a_number(tmp_path):
    p = broken_copy(tmp_path, FACT_600, FACT_600.replace("value: 600", "value: 600余").replace(", approx: true", ""))
    line = next(i for i, t in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "600余" in t)
    col = p.read_text(encoding="utf-8").splitlines()[line - 1].index("600余") + 1
    assert only_message(p) == (f"{p}:{line}:{col}: sections[0].topics[0].facts[3].value: '600余' is not a number "
                               f"(record dongxihu) (write 600 and approx: true)")


def test_missing_required_key_is_named(tmp_path):
    p = broken_copy(tmp_path, "  profile:", "  description:")
    msg = only_message(p)
    assert ":4:3: district: missing required key 'profile'" in msg and "add 'profile: …'" in msg


def test_wrong_type_says_expected_type(tmp_path):
    p = broken_copy(tmp_path, "goals:\n", "goals: 争创一流\nold_goals:\n")
    assert "goals: '争创一流' is not a list" in only_message(p)


def test_unknown_key_in_a_fact(tmp_path):
    p = broken_copy(tmp_path, FACT_600, FACT_600.replace("approx: true", "aprox: true"))
    assert "unknown key 'aprox'" in only_message(p)
    assert "known keys: approx, subset, unit, value, what" in only_message(p)


def test_bad_date_text(tmp_path):
    p = broken_copy(tmp_path, "report_date: 2021-10-25", 'report_date: "2021年10月25日"')
    assert "report_date: '2021年10月25日' is not a valid date" in only_message(p)


def test_every_problem_is_reported(tmp_path):
    p = broken_copy(tmp_path, "approach: 一领两用三加强\n", "approach: 42\n")
    text = p.read_text(encoding="utf-8").replace("\ngoals:\n", "\ngoals: 争创一流\nold_goals:\n", 1)
    p.write_text(text, encoding="utf-8")
    messages = [d.message for d in check_record(load_records(p)[0], SCHEMAS[0])]
    assert messages == ["approach: 42 is not text", "goals: '争创一流' is not a list"]


@pytest.mark.parametrize("text, hint", [
    ("600余", "write 600 and approx: true"), ("约1,060", "write 1060 and approx: true"),
    ("200多", "write 200 and approx: true"), ("600人", "write 600 and put '人' in the unit field"),
    ("1,060", "write 1060 (digits only, no separators)"), ("六百", "write digits only, e.g. 600"),
])
def test_number_hints(text, hint):
    assert number_hint(text) == hint


def test_broken_schema_is_a_config_error(tmp_path):
    p = tmp_path / "schema.yaml"
    p.write_text("type: object\nproperties:\n  a: {type: nummber}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_schema(p)
    assert "not a valid JSON Schema" in str(info.value) and info.value.diagnostic.line == 3
