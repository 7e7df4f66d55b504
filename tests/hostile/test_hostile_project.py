"""A project whose batch mixes good records, broken files, schema violations
and record names that try to climb out of the output folder: `build` still
builds every good record, inside the output folder; `validate` reports every
problem at once and writes nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.cli import main

EVIL_NAMES = ["../../etc/x", "/etc/passwd-copy", "..", "a/b\\c", "CON", "名\x00字"]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    tpl = root / "templates" / "notice"
    tpl.mkdir(parents=True)
    (tpl / "template.yaml").write_text("name: notice\nentry: notice.md.j2\n", encoding="utf-8")
    (tpl / "notice.md.j2").write_text("# {{ district.name }}通知\n\n{{ body }}\n", encoding="utf-8")
    (tpl / "schema.yaml").write_text(
        "type: object\nrequired: [district, body]\nproperties:\n"
        "  district: {type: object, required: [name], properties: {name: {type: string}}}\n"
        "  body: {type: string}\n  count: {type: number}\n", encoding="utf-8")
    data = root / "data"
    data.mkdir()
    (data / "good.yaml").write_text("district: {name: 东西湖区}\nbody: 正文一\n", encoding="utf-8")
    (data / "rows.csv").write_text("district.name,body,count\n北山县,正文二,12\n南湖区,正文三,600余\n", encoding="utf-8")
    (data / "broken.yaml").write_text("district: {name: 临江区}\nbody: 一\nbody: 二\n", encoding="utf-8")
    for i, name in enumerate(EVIL_NAMES):
        quoted = name.replace("\\", "\\\\").replace("\x00", "\\0")
        (data / f"evil{i}.yaml").write_text(f'district: {{name: "{quoted}"}}\nbody: 正文\n', encoding="utf-8")
    (root / "reportgen.yaml").write_text(
        "name: hostile\ndata: [data/*.yaml, data/*.csv]\ntemplates: [notice]\nformats: [docx]\n"
        "record_name: '{district.name}'\noutput: '{template}/{district.name}.{ext}'\n", encoding="utf-8")
    return root


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_validate_reports_every_problem_and_writes_nothing(project, capsys):
    before = all_files(project.parent)
    code = main(["validate", "--project", str(project)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{project / 'data' / 'broken.yaml'}:3:1: body: duplicate key 'body'" in err
    assert f"{project / 'data' / 'rows.csv'}:3:3: count: '600余' is not a number" in err
    assert "(record 南湖区)" in err and "write 600 and approx: true" in err
    assert "control character" in err  # the NUL in a name is removed with a warning
    assert "2 error(s)" in err and err.rstrip().splitlines()[-1].startswith("validate:")
    assert all_files(project.parent) == before


def test_validate_passes_a_clean_project(project, capsys):
    for name in ("broken.yaml", "rows.csv", *(f"evil{i}.yaml" for i in range(len(EVIL_NAMES)))):
        (project / "data" / name).unlink()
    code = main(["validate", "--project", str(project), "--format", "all"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "1 record(s), 1 template(s), 1 document(s) rendered (pdf, docx): 0 error(s)" in out.out


def test_build_keeps_good_records_and_stays_in_the_output_folder(project):
    before = all_files(project.parent)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", "--project", str(project), "-j", "1", "--keep-going"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "broken.yaml:3:1" in proc.stderr and "duplicate key" in proc.stderr
    new = all_files(project.parent) - before
    out = (project / "output").resolve()
    assert new and all(p.resolve().is_relative_to(out) for p in new), sorted(map(str, new))
    assert not list(out.rglob("*.part")) and not list(out.rglob(".*.part"))
    docs = {p.name for p in new if p.suffix == ".docx"}
    assert {"东西湖区.docx", "北山县.docx"} <= docs
    assert "南湖区.docx" not in docs  # fails its template's schema ('600余' is not a number)
    assert "rows.csv:3" in proc.stderr and "南湖区" in proc.stderr
    assert len(docs) == 2 + len(EVIL_NAMES)  # every evil name still builds, safely renamed
    assert not (project.parent / "etc").exists() and not Path("/etc/passwd-copy.docx").exists()


def test_build_with_a_sandbox_escape_template_fails_every_record_and_writes_nothing(project):
    tpl = project / "templates" / "notice" / "notice.md.j2"
    tpl.write_text("# {{ district.name }}\n\n{{ cycler.__init__.__globals__.os.system('id') }}\n", encoding="utf-8")
    before = all_files(project.parent)
    proc = subprocess.run([sys.executable, "-m", "reportgen", "build", "--project", str(project), "-j", "1", "--keep-going"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2  # a mistake of the template itself: found by the check stage
    assert "notice.md.j2:3" in proc.stderr and "not allowed in a template" in proc.stderr
    assert "uid=" not in proc.stdout + proc.stderr
    new = all_files(project.parent) - before
    assert not [p for p in new if p.suffix in (".docx", ".pdf", ".part")]
