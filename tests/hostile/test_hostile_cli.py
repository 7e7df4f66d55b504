"""Broken and hostile input through the whole command line: each case exits
with status 1 or 2, names the right file and line, writes nothing outside
the output folder, and leaves no partial file behind."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.iofs import shown

from reportgen.cli import main

CORPUS = Path(__file__).parent / "corpus"
PLAIN = CORPUS / "plain" / "plain.md.j2"

# data file → (line or None, what the message must say)
DATA_CASES = {
    "alias_bomb.yaml": (2, "too many alias references"),
    "bad_date.yaml": (3, "'2021-02-30' is not a valid date"),
    "binary.yaml": (None, "binary file"),
    "broken.json": (3, "not valid JSON"),
    "comment_only.yaml": (None, "the file is empty"),
    "duplicate.json": (3, "duplicate key 'body' (lines 2 and 3)"),
    "duplicate_key.yaml": (4, "duplicate key 'body' (lines 2 and 4)"),
    "empty.yaml": (None, "the file is empty"),
    "gbk.yaml": (1, "not UTF-8 text"),
    "header_clash.csv": (1, "clashes with 'body'"),
    "list_of_scalars.yaml": (1, "must be a mapping"),
    "nan.json": (None, "NaN is not a number"),
    "not_a_workbook.xlsx": (None, "not an Excel .xlsx workbook"),
    "python_tag.yaml": (2, "is not supported"),
    "recursive_alias.yaml": (2, "refers to itself"),
    "scalar_root.yaml": (1, "must hold a mapping"),
    "tab_indent.yaml": (3, "indent with spaces"),
    "two_documents.yaml": (3, "expected a single document"),
    "unclosed_quote.yaml": (4, "a quote or bracket is not closed"),
    "zip_as_yaml.yaml": (None, "ZIP archive"),
}
# template → what the message must say (every hostile line is line 3)
TEMPLATE_CASES = {
    "mro.md.j2": "not allowed in a template",
    "globals.md.j2": "not allowed in a template",
    "lipsum.md.j2": "not allowed in a template",
    "format_escape.md.j2": "not allowed in a template",
    "include_passwd.md.j2": "not found",
    "include_parent.md.j2": "not found",
    "import_os.md.j2": "not found",
    "huge_range.md.j2": "Range too big",
    "image_absolute.md.j2": "outside",
    "image_parent.md.j2": "outside",
    "undefined.md.j2": "'district' is undefined",
    "syntax.md.j2": "",
}


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def run_main(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_the_corpus_is_complete():
    assert sorted(p.name for p in (CORPUS / "data").iterdir()) == sorted(DATA_CASES)
    assert sorted(p.name for p in (CORPUS / "templates").iterdir()) == sorted(TEMPLATE_CASES)


@pytest.mark.parametrize("name", sorted(DATA_CASES))
def test_broken_data_file(tmp_path, capsys, name):
    line, says = DATA_CASES[name]
    out = tmp_path / "out" / "x.docx"
    code, err = run_main(capsys, "render", "--template", PLAIN, "--data", CORPUS / "data" / name,
                         "--format", "docx", "--output", out)
    assert code == 1, err
    where = f"{shown(CORPUS / 'data' / name)}" + (f":{line}:" if line else ":")  # relative to the current folder
    assert where in err and says in err
    assert "Traceback" not in err and "internal error" not in err
    assert files_under(tmp_path) == set()


@pytest.mark.parametrize("name", sorted(TEMPLATE_CASES))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_hostile_template(tmp_path, capsys, name, fmt):
    data = tmp_path / "d.yaml"
    data.write_text("title: 报告\nbody: 正文\n", encoding="utf-8")
    out = tmp_path / "out" / f"x.{fmt}"
    code, err = run_main(capsys, "render", "--template", CORPUS / "templates" / name, "--data", data,
                         "--format", fmt, "--output", out)
    assert code == (2 if name == "syntax.md.j2" else 1), err  # a syntax error is found before rendering
    assert f"{name}:3" in err or f"{name} (rendered):3" in err, err
    assert TEMPLATE_CASES[name] in err
    assert "root:x:0:0" not in err and "uid=" not in err  # /etc/passwd or `id` never shown
    assert "Traceback" not in err and "internal error" not in err
    # nothing but the data file, and (for markup errors) the rendered Markdown
    # kept inside the output folder so the reported line can be opened
    kept = {p for p in files_under(tmp_path) if (tmp_path / "out" / ".reportgen" / "intermediate") in p.parents}
    assert files_under(tmp_path) - kept == {data}


def test_python_tag_runs_nothing(tmp_path, capsys):
    marker = Path("/tmp/reportgen-pwned")
    marker.unlink(missing_ok=True)
    run_main(capsys, "render", "--template", PLAIN, "--data", CORPUS / "data" / "python_tag.yaml",
             "--format", "docx", "--output", tmp_path / "x.docx")
    assert not marker.exists()


def run_cli(*args, env=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def test_alias_bomb_as_a_process(tmp_path):
    proc = run_cli("render", "--template", PLAIN, "--data", CORPUS / "data" / "alias_bomb.yaml",
                   "--format", "pdf", "--output", tmp_path / "x.pdf")
    assert proc.returncode == 1 and "alias_bomb.yaml:2:" in proc.stderr
    assert files_under(tmp_path) == set()


def test_huge_file_is_refused_by_size_default_and_env(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("title: 报告\nbody: |\n")
        line = "  " + "正文" * 50 + "\n"
        fh.write(line * (21 * 1024 * 1024 // len(line.encode()) + 1))
    proc = run_cli("render", "--template", PLAIN, "--data", big, "--format", "docx", "--output", tmp_path / "o.docx")
    assert proc.returncode == 1 and "file is too large" in proc.stderr and "20.0 MB" in proc.stderr
    small = tmp_path / "small.yaml"
    small.write_text("title: 报告\nbody: " + "字" * 1000 + "\n", encoding="utf-8")
    proc = run_cli("render", "--template", PLAIN, "--data", small, "--format", "docx",
                   "--output", tmp_path / "o.docx", env={"REPORTGEN_MAX_DATA_BYTES": "1000"})
    assert proc.returncode == 1 and "small.yaml: file is too large" in proc.stderr
    assert files_under(tmp_path) == {big, small}
