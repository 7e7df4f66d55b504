"""`reportgen validate` over the bundled sample project."""
import shutil
from pathlib import Path

from reportgen.cli import main

ROOT = Path(__file__).resolve().parents[2]


def copy_sample(tmp_path: Path) -> Path:
    dst = tmp_path / "sample"
    dst.mkdir()
    shutil.copy(ROOT / "reportgen.yaml", dst)
    shutil.copytree(ROOT / "data", dst / "data")
    shutil.copytree(ROOT / "templates", dst / "templates")
    return dst


def test_sample_templates_validate_cleanly_and_write_nothing(tmp_path, capsys):
    project = copy_sample(tmp_path)
    before = sorted(project.rglob("*"))
    code = main(["validate", "--project", str(project), "--only", "summary-report", "--only", "briefing",
                 "--format", "all"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "4 record(s), 2 template(s), 8 document(s) rendered (pdf, docx): 0 error(s)" in out.out
    # the one warning a machine without the official faces gets: they are substituted in the PDF
    assert "0 warning(s)" in out.out or ("1 warning(s)" in out.out and "not installed" in out.err)
    assert sorted(project.rglob("*")) == before


def test_a_broken_sample_record_is_reported_with_its_place(tmp_path, capsys):
    project = copy_sample(tmp_path)
    f = project / "data/districts/nanhu.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("report_date:", "report_dat:", 1), encoding="utf-8")
    code = main(["validate", "--project", str(project), "--schema-only"])
    err = capsys.readouterr().err
    assert code == 1
    assert "nanhu.yaml:" in err and ": missing required key 'report_date'" in err
    assert "schema of summary-report, briefing)" in err and "(record 南湖区)" in err
    assert err.rstrip().splitlines()[-1].endswith("1 error(s), 0 warning(s)")


def test_unknown_template_is_a_usage_error(tmp_path, capsys):
    project = copy_sample(tmp_path)
    assert main(["validate", "--project", str(project), "--only", "nope"]) == 2
    assert "no such template" in capsys.readouterr().err
