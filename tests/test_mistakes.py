"""The mistakes people make in every file of a project, each built with
``reportgen build`` on a copy of the sample project: the build stops before
rendering, writes no document, and says once, at the file (and key line)
that holds the mistake, what is wrong — no internal error, no traceback, no
library internals.  docs/errors.md lists these checks."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reportgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = "templates/summary-report/template.yaml"
BRIEF_SCHEMA = "templates/briefing/schema.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _theme(root: Path, body: str) -> None:
    """A project theme used by the summary report."""
    _write(root / "themes/my.yaml", body)
    _edit(root / SUMMARY, "theme: gongwen", "theme: ../../themes/my.yaml")


CFG = "reportgen.yaml"
# name: (mistake, exit status, where the message must point, what it must say)
MISTAKES = {
    "data entry with an unknown key": (lambda r: _edit(r / CFG, "data:\n  - data/districts/*.yaml",
                                                      "data: {path: data/districts/*.yaml, sheeet: 1}"),
                                       2, "reportgen.yaml:4", "did you mean 'sheet'"),
    "data entry not a glob": (lambda r: _edit(r / CFG, "  - data/districts/*.yaml", "  - 3"), 2,
                              "reportgen.yaml:5", "each entry is a glob or a mapping"),
    "out names a file": (lambda r: _append(r / CFG, "out: data/common.yaml\n"), 2, "reportgen.yaml:14", "is a file"),
    "record_name field nobody has": (lambda r: _edit(r / CFG, '"{district.name}"', '"{nosuch.field}"'),
                                     2, "reportgen.yaml:12", "no record has"),
    "record_name unbalanced": (lambda r: _edit(r / CFG, '"{district.name}"', '"{district.name"'),
                               2, "reportgen.yaml:12", "expected '}'"),
    "output field nobody has": (lambda r: _edit(r / CFG, '"{template}/{name}.{ext}"', '"{template}/{x}.{ext}"'),
                                2, "reportgen.yaml:13", "no record has"),
    "unknown config key": (lambda r: _append(r / CFG, "templatez: [x]\n"), 2, "reportgen.yaml:14",
                           "did you mean 'templates'"),
    "misspelt template": (lambda r: _edit(r / CFG, "  - briefing\n", "  - briefng\n"), 2, "reportgen.yaml:9",
                          "did you mean 'briefing'"),
    "unknown format": (lambda r: _edit(r / CFG, "[pdf, docx]", "[pdf, odt]"), 2, "reportgen.yaml:11", "odt"),
    "jobs 0": (lambda r: _append(r / CFG, "jobs: 0\n"), 2, "reportgen.yaml:14", "at least 1"),
    "missing project font": (lambda r: _append(r / CFG, "fonts:\n  仿宋_GB2312: fonts/none.ttf\n"), 2,
                             "reportgen.yaml:15", "not found"),
    "project font not a font": (lambda r: _append(r / CFG, "fonts:\n  仿宋_GB2312: data/common.yaml\n"), 2,
                                "reportgen.yaml:15", "not a font file"),
    "missing shared file": (lambda r: _edit(r / CFG, "data/common.yaml ", "data/commn.yaml "), 2,
                            "reportgen.yaml:6", "not found"),
    "config YAML syntax": (lambda r: _edit(r / CFG, "[pdf, docx]", "[pdf, docx"), 2, "reportgen.yaml:", "YAML"),
    "empty config": (lambda r: _write(r / CFG, ""), 2, "reportgen.yaml", "empty"),
    "theme role as text": (lambda r: _theme(r, "extends: gongwen\nroles:\n  body: 仿宋\n"), 2, "my.yaml:3",
                           "roles.body"),
    "theme role as list": (lambda r: _theme(r, "extends: gongwen\nroles:\n  body: [a]\n"), 2, "my.yaml:3",
                           "roles.body"),
    "negative size": (lambda r: _theme(r, "extends: gongwen\nroles:\n  body:\n    size: -3\n"), 2, "my.yaml:4",
                      "out of range"),
    "grid 0 x 0": (lambda r: _theme(r, "extends: gongwen\ngrid:\n  lines: 0\n  chars: 0\n"), 2, "my.yaml:3",
                   "grid.lines"),
    "unknown theme key": (lambda r: _theme(r, "extends: gongwen\nrolez: {}\n"), 2, "my.yaml:2",
                          "did you mean 'roles'"),
    "empty theme": (lambda r: _theme(r, ""), 2, "my.yaml", "empty"),
    "margins leave no room": (lambda r: _theme(r, "extends: gongwen\npage:\n  margin: {left: 110mm, right: 110mm}\n"),
                              2, "my.yaml:3", "type area"),
    "margins leave no height": (lambda r: _theme(r, "extends: default\npage:\n  margin: {top: 140mm, bottom: 150mm}\n"),
                                2, "my.yaml:3", "type area"),
    "extends loop": (lambda r: (_write(r / "themes/b.yaml", "extends: my.yaml\n"), _theme(r, "extends: b.yaml\n")),
                     2, "b.yaml:1", "loop"),
    "extends a missing theme": (lambda r: _theme(r, "extends: gongwn\n"), 2, "my.yaml:1", "did you mean 'gongwen'"),
    "bad colour": (lambda r: _theme(r, "extends: gongwen\ncolors:\n  red: '#GG0000'\n"), 2, "my.yaml:3", "colour"),
    "unknown page size": (lambda r: _theme(r, "extends: gongwen\npage:\n  size: B9\n"), 2, "my.yaml:3", "page size"),
    "theme font not a font": (lambda r: _theme(r, "extends: gongwen\nfonts:\n  仿宋_GB2312: ../data/common.yaml\n"),
                              2, "my.yaml:3", "not a font file"),
    "page number field": (lambda r: _theme(r, "extends: gongwen\npage_number:\n  format: '{pgae}'\n"), 2,
                          "my.yaml:3", "{page}"),
    "misspelt theme name": (lambda r: _edit(r / SUMMARY, "theme: gongwen", "theme: gongwn"), 2, "template.yaml:3",
                            "did you mean 'gongwen'"),
    "unknown template.yaml key": (lambda r: _append(r / SUMMARY, "themee: x\n"), 2, "template.yaml:5",
                                  "did you mean 'theme'"),
    "missing entry": (lambda r: _edit(r / SUMMARY, "entry: report.md.j2", "entry: reprt.md.j2"), 2,
                      "template.yaml:4", "did you mean 'report.md.j2'"),
    "missing schema": (lambda r: _append(r / SUMMARY, "schema: nope.yaml\n"), 2, "template.yaml:5", "not found"),
    "empty template.yaml": (lambda r: _write(r / SUMMARY, ""), 2, "template.yaml", "empty"),
    "Jinja syntax": (lambda r: _append(r / "templates/summary-report/report.md.j2", "\n{% if %}\n"), 2,
                     "report.md.j2:", "Expected an expression"),
    "misspelt variable": (lambda r: _edit(r / "templates/summary-report/report.md.j2", "district.name",
                                          "district.nmae"), 2, "report.md.j2:", "did you mean 'district.name'"),
    "schema $ref to a URL": (lambda r: _write(r / BRIEF_SCHEMA, "$ref: 'https://example.com/s.json'\n"), 2,
                             "schema.yaml:1", "never fetches"),
    "schema $ref to file:": (lambda r: _write(r / BRIEF_SCHEMA, "$ref: 'file:///etc/passwd'\n"), 2,
                             "schema.yaml:1", "never fetches"),
    "schema $ref outside": (lambda r: _write(r / BRIEF_SCHEMA, "$ref: '../../../../etc/x.json'\n"), 2,
                            "schema.yaml:1", "outside the project"),
    "schema $ref to nowhere": (lambda r: _write(r / BRIEF_SCHEMA, "$ref: '#/$defs/nope'\n"), 2, "schema.yaml:1",
                               "#/$defs/nope"),
    "schema bad type": (lambda r: _write(r / BRIEF_SCHEMA, "type: objekt\n"), 2, "schema.yaml:1", "JSON Schema"),
    "shared data a list": (lambda r: _write(r / "data/common.yaml", "- a\n"), 2, "common.yaml:1", "mapping"),
    "no formats": (lambda r: _edit(r / CFG, "[pdf, docx]", "[]"), 2, "reportgen.yaml:11", "at least one format"),
    "empty record_name": (lambda r: _edit(r / CFG, '"{district.name}"', '""'), 2, "reportgen.yaml:12",
                          "write a text"),
    "unquoted glob": (lambda r: _edit(r / CFG, "data/districts/*.yaml", "*.yaml"), 2, "reportgen.yaml:5",
                      "must be quoted"),
    "output without {template}": (lambda r: _edit(r / CFG, '"{template}/{name}.{ext}"', '"{name}.{ext}"'), 2,
                                  "reportgen.yaml:13", "put {template} in the output name pattern"),
    "numbering field": (lambda r: _theme(r, "extends: gongwen\nnumbering:\n  headings: ['{cn}、', '{nope}']\n"),
                        2, "my.yaml:3", "{cn}"),
    "page number format spec": (lambda r: _theme(r, "extends: gongwen\npage_number:\n  format: '{page:q}'\n"), 2,
                                "my.yaml:3", "only {page}"),
    "template output field": (lambda r: _append(r / SUMMARY, "output: '{nosuch}.{ext}'\n"), 2, "template.yaml:5",
                              "no record has"),
    "entry outside the folder": (lambda r: _edit(r / SUMMARY, "entry: report.md.j2", "entry: ../../reportgen.yaml"),
                                 2, "template.yaml:4", "in the template folder"),
    "data YAML syntax": (lambda r: _append(r / "data/districts/nanhu.yaml", "\nfoo: [\n"), 1, "nanhu.yaml:",
                         "YAML"),
    "data breaks the schemas": (lambda r: _edit(r / "data/districts/nanhu.yaml", "name: 南湖区", "name: 12"), 1,
                                "nanhu.yaml:4", "not text"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src") / "sample"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "output", "src", "tests", "bench", "docs", "*.md", "Makefile", "pyproject.toml"))
    return src


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_stops_the_build_once_where_it_is(name, sample, tmp_path, capsys, monkeypatch):
    mistake, code, where, says = MISTAKES[name]
    root = tmp_path / "p"
    shutil.copytree(sample, root)
    mistake(root)
    monkeypatch.chdir(root)
    assert main(["build", "--format", "all", "--jobs", "1"]) == code
    out = capsys.readouterr()
    text = out.out + out.err
    assert where in text and says in text, text
    assert "internal error" not in text and "Traceback" not in text
    assert not re.search(r"0x[0-9a-fA-F]{6,}|reportlab|jsonschema|referencing|Flowable", text), text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines)), text  # each problem once
    assert not [p for p in (root / "output").rglob("*") if p.suffix in (".pdf", ".docx")]


def test_a_glob_that_matches_nothing_warns_at_its_line(sample, tmp_path, capsys, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(sample, root)
    _edit(root / CFG, "data:\n  - data/districts/*.yaml", "data:\n  - data/districts/*.yaml\n  - data/nowhere/*.yaml")
    monkeypatch.chdir(root)
    assert main(["build", "--format", "docx", "--jobs", "1", "--only", "briefing"]) == 0
    err = capsys.readouterr().err
    assert "reportgen.yaml:6: warning: data 'data/nowhere/*.yaml' matches no file" in err


def test_a_problem_shared_by_every_record_is_printed_once_with_the_records(sample, tmp_path, capsys, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(sample, root)
    for f in (root / "data/districts").glob("*.yaml"):  # every district breaks the schema the same way
        _edit(f, "report_date:", "report_dat:")
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and all("schema of summary-report, briefing" in e for e in errors)  # not per template


def test_check_command_reports_every_problem_of_the_project_at_once(sample, tmp_path, capsys, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(sample, root)
    _append(root / CFG, "jobs: 0\ntemplatez: []\n")
    _append(root / SUMMARY, "themee: x\n")
    monkeypatch.chdir(root)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "reportgen.yaml:14" in err and "reportgen.yaml:15" in err and "template.yaml:5" in err


def test_a_schema_may_refer_to_a_file_inside_the_project(sample, tmp_path, capsys, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(sample, root)
    _write(root / "schemas/common.yaml", "$defs:\n  name: {type: string, minLength: 1}\n")
    _write(root / BRIEF_SCHEMA, "type: object\nproperties:\n  district:\n    type: object\n    properties:\n"
                                "      name: {$ref: '../../schemas/common.yaml#/$defs/name'}\n")
    monkeypatch.chdir(root)
    assert main(["check"]) == 0, capsys.readouterr().err
    _edit(root / "data/districts/nanhu.yaml", "name: 南湖区", "name: ''")  # the referenced rule applies
    assert main(["check"]) == 1 and "nanhu.yaml:4" in capsys.readouterr().err
    _edit(root / "data/districts/nanhu.yaml", "name: ''", "name: 南湖区")
    _write(root / "schemas/common.yaml", "$defs: {}\n")
    assert main(["check"]) == 2
    assert "#/$defs/name" in capsys.readouterr().err
