"""YAML and JSON loaders: positions, and a DataError with file:line:col for
every kind of broken or hostile input."""
from pathlib import Path

import pytest

from reportgen.data import load_records
from reportgen.data.limits import Limits
from reportgen.errors import DataError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


def error_of(path: Path, **limits) -> DataError:
    with pytest.raises(DataError) as info:
        load_records(path, **limits)
    return info.value


def test_positions_of_the_sample_record():
    rec = load_records(ROOT / "data/districts/dongxihu.yaml")[0]
    text = (ROOT / "data/districts/dongxihu.yaml").read_text(encoding="utf-8").splitlines()
    line, col = rec.where("sections[0].topics[0].facts[3].value")
    assert text[line - 1][col - 1:].startswith("600")
    line, col = rec.where("district.name")
    assert text[line - 1][col - 1:].startswith("东西湖区")
    # a missing field falls back to its nearest parent
    assert rec.where("sections[0].topics[0].facts[3].nothing") == rec.where("sections[0].topics[0].facts[3]")


def test_list_of_records_has_one_record_per_item_with_its_line(tmp_path):
    p = write(tmp_path, "many.yaml", "- name: a\n  n: 1\n- name: b\n  n: 2\n")
    recs = load_records(p)
    assert [(r.name, r.values, r.line) for r in recs] == [("many[0]", {"name": "a", "n": 1}, 1),
                                                          ("many[1]", {"name": "b", "n": 2}, 3)]
    assert recs[1].where("n") == (4, 6)


def test_duplicate_key_names_both_lines(tmp_path):
    err = error_of(write(tmp_path, "d.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n"))
    d = err.diagnostic
    assert (d.file, d.line, d.col) == (str(tmp_path / "d.yaml"), 4, 3)
    assert "b.c: duplicate key 'c' (lines 3 and 4)" in d.message


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [{','.join([f'*{prev}'] * 9)}]")
    err = error_of(write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert "too many alias references" in err.diagnostic.message
    assert err.diagnostic.line is not None


def test_alias_limits_are_configurable(tmp_path):
    p = write(tmp_path, "a.yaml", "u: &u 次\nx: [*u, *u, *u]\n")
    assert load_records(p)[0].values["x"] == ["次", "次", "次"]
    assert "more than 2" in str(error_of(p, max_aliases=2))


def test_alias_expansion_size_is_limited(tmp_path):
    big = "[" + ",".join(str(i) for i in range(300)) + "]"
    p = write(tmp_path, "a.yaml", f"base: &b {big}\nc1: *b\nc2: *b\n")
    assert "expand to too many values" in str(error_of(p, max_alias_nodes=500))
    assert len(load_records(p)[0].values["c2"]) == 300


def test_recursive_alias(tmp_path):
    assert "refers to itself" in str(error_of(write(tmp_path, "r.yaml", "a: &x [1, *x]\n")))


def test_merge_keys_work_and_explicit_keys_win(tmp_path):
    p = write(tmp_path, "m.yaml", "d: &d {unit: 次, approx: true}\nf: {<<: *d, unit: 场, value: 3}\n")
    assert load_records(p)[0].values["f"] == {"unit": "场", "approx": True, "value": 3}


@pytest.mark.parametrize("content, expected, line", [
    ("a: 1\n  b: 2\n", "not valid YAML: mapping values are not allowed", 2),
    ("a:\n\t- 1\n", "found character '\\t' that cannot start any token", 2),
    ("a: [1, 2\n", "not valid YAML", 2),
    ("a: *nowhere\n", "found undefined alias", 1),
    ("a: 1\n---\nb: 2\n", "expected a single document", 2),
    ("x: !!python/object/apply:os.system [echo hi]\n", "is not supported", 1),
    ("x: !custom 3\n", "not supported", 1),
    ("d: 2021-13-45\n", "'2021-13-45' is not a valid date", 1),
    ("- 1\n- 2\n", "each record in the list must be a mapping", 1),
    ("just text\n", "must hold a mapping (one record) or a list of mappings, not a single value", 1),
    ("[]\n", "empty list", 1),
    ("? [a, b]\n: c\n", "a key must be plain text", 1),
    ("b: !!binary aGVsbG8=\n", "binary", 1),
])
def test_broken_yaml_names_line(tmp_path, content, expected, line):
    err = error_of(write(tmp_path, "bad.yaml", content))
    assert expected in str(err)
    assert err.diagnostic.file == str(tmp_path / "bad.yaml")
    assert err.diagnostic.line == line


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "~\n"])
def test_empty_yaml(tmp_path, content):
    err = error_of(write(tmp_path, "e.yaml", content))
    assert "empty" in str(err) or "not nothing" in str(err) or "nothing" in str(err)


def test_deep_nesting_is_refused(tmp_path):
    err = error_of(write(tmp_path, "deep.yaml", "a: " + "[" * 150 + "]" * 150 + "\n"))
    assert "nested" in str(err)


def test_size_limit_from_parameter_and_environment(tmp_path, monkeypatch):
    p = write(tmp_path, "big.yaml", "a: " + "x" * 5000 + "\n")
    assert "too large" in str(error_of(p, max_bytes=1000))
    monkeypatch.setenv("REPORTGEN_MAX_DATA_BYTES", "1000")
    assert "the limit is 1,000 bytes" in str(error_of(p))
    monkeypatch.setenv("REPORTGEN_MAX_DATA_BYTES", "lots")
    with pytest.raises(Exception, match="REPORTGEN_MAX_DATA_BYTES='lots' is not a whole number"):
        load_records(p)


def test_limits_from_env(monkeypatch):
    monkeypatch.setenv("REPORTGEN_MAX_YAML_ALIASES", "7")
    assert Limits.from_env().max_aliases == 7
    assert Limits.from_env(max_aliases=9).max_aliases == 9


def test_gbk_yaml_is_refused_with_a_hint(tmp_path):
    p = write(tmp_path, "g.yaml", "name: 东西湖区党史学习教育领导小组办公室\n".encode("gbk"))
    err = error_of(p)
    assert "not UTF-8" in str(err) and "save the file as UTF-8" in str(err)
    assert (err.diagnostic.line, err.diagnostic.col) == (1, 7)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings_are_read(tmp_path, encoding):
    p = write(tmp_path, "b.yaml", "name: 东西湖区\n".encode(encoding))
    assert load_records(p)[0].values == {"name": "东西湖区"}


@pytest.mark.parametrize("content, what", [
    (b"PK\x03\x04rest", "ZIP archive"), (b"%PDF-1.7\n", "PDF"), (b"a: 1\x00\x00\x01", "binary"),
])
def test_binary_files(tmp_path, content, what):
    assert what in str(error_of(write(tmp_path, "x.yaml", content)))


def test_control_characters_are_removed_with_a_warning(tmp_path):
    p = write(tmp_path, "c.yaml", 'a: "x\\x01y\\x0bz\\ttab"\nb: "line\\r\\nnext"\nc: "\\uFFFE"\n')
    rec = load_records(p)[0]
    assert rec.values == {"a": "xyz\ttab", "b": "line\nnext", "c": ""}
    assert [(w.severity, w.line) for w in rec.warnings] == [("warning", 1), ("warning", 3)]
    assert "U+0001, U+000B" in rec.warnings[0].message


def test_unknown_suffix_and_folder(tmp_path):
    assert "unknown data file type" in str(error_of(write(tmp_path, "x.txt", "a: 1")))
    (tmp_path / "d.yaml").mkdir()
    assert "folder" in str(error_of(tmp_path / "d.yaml"))
    assert "cannot read" in str(error_of(tmp_path / "missing.yaml"))
    assert "not a regular file" in str(error_of(fifo(tmp_path)))  # would block forever if opened


def fifo(tmp_path: Path) -> Path:
    import os

    p = tmp_path / "pipe.yaml"
    os.mkfifo(p)
    return p


# JSON -------------------------------------------------------------------

def test_json_records_have_positions(tmp_path):
    p = write(tmp_path, "r.json", '[\n {"name": "a", "v": 1e3},\n {"name": "b", "v": 2}\n]\n')
    recs = load_records(p)
    assert [r.values for r in recs] == [{"name": "a", "v": 1000.0}, {"name": "b", "v": 2}]
    assert recs[1].line == 3 and recs[1].where("v") == (3, 21)


@pytest.mark.parametrize("content, expected", [
    ('{"a": 1, "a": 2}', "duplicate key 'a' (line 1, columns 2 and 10)"),
    ('{"a": [1, 2,]}', "not valid JSON: Expecting value"),
    ('{"a": NaN}', "NaN is not a number JSON allows"),
    ('[1, 2]', "not a single value (1)"),
    ('"text"', "not a single value"),
    ("", "empty"),
    ("[" * 5000 + "]" * 5000, "nested"),
])
def test_broken_json(tmp_path, content, expected):
    assert expected in str(error_of(write(tmp_path, "bad.json", content)))


def test_load_mapping_wants_one_record(tmp_path):
    from reportgen.data import load_mapping

    assert load_mapping(write(tmp_path, "s.yaml", "a: 1\n")) == {"a": 1}
    with pytest.raises(DataError, match="expected one mapping, found 2"):
        load_mapping(write(tmp_path, "l.yaml", "- a: 1\n- a: 2\n"))
