"""The public API: reportgen.load_project / render / build, called for real
and read back (DOCX with python-docx, PDF with pypdf)."""
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

import reportgen

TEMPLATE = "# {{ title }}\n\n{{ office }}：本期开展活动{{ n }}场。\n"


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in DocxDocument(BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages).replace("\n", "")


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "note.md.j2"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


@pytest.fixture
def project(sample_project, tmp_path) -> Path:
    """A private copy of the sample project, without what other tests built in it."""
    return Path(shutil.copytree(sample_project, tmp_path / "sample", ignore=shutil.ignore_patterns("output")))


def test_render_a_dict_to_bytes(template):
    data = reportgen.render(template, {"title": "东区情况", "office": "区办", "n": 12}, format="docx")
    text = docx_text(data)
    assert "东区情况" in text and "区办：本期开展活动12场。" in text


def test_render_a_data_file_to_a_path(template, tmp_path):
    src = tmp_path / "d.yaml"
    src.write_text("title: 西区情况\noffice: 西区办\nn: 7\n", encoding="utf-8")
    out = tmp_path / "out" / "d.pdf"
    data = reportgen.render(str(template), src, format="pdf", output=out)
    assert out.read_bytes() == data
    text = pdf_text(data)
    assert "西区情况" in text and "本期开展活动7场" in text
    assert not list(out.parent.glob("*.part"))


def test_render_in_a_project_names_the_record_and_sees_shared_data(project, monkeypatch):
    monkeypatch.chdir(project)  # "briefing" is found under ./templates/
    data = reportgen.render("briefing", project / "data" / "districts" / "nanhu.yaml", format="pdf")
    text = pdf_text(data)
    assert "党史学习教育简报" in text  # briefing.name comes from the shared data/common.yaml
    assert "南湖区" in text


def test_a_missing_field_names_the_template_line_and_the_record(template):
    with pytest.raises(reportgen.ReportgenError) as err:
        reportgen.render(template, {"title": "甲", "n": 1}, format="docx", record="甲区")
    d = err.value.diagnostic
    assert (Path(d.file).name, d.line, d.record) == ("note.md.j2", 3, "甲区")
    assert "'office' is undefined" in str(err.value)


def test_render_checks_the_record_against_the_schema_as_build_does(project, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("district:\n  name: 坏区\n", encoding="utf-8")
    with pytest.raises(reportgen.ReportgenError) as err:
        reportgen.render(project / "templates" / "briefing", bad, format="docx")
    assert err.value.diagnostics and {(d.file, d.record) for d in err.value.diagnostics} == {(str(bad), "坏区")}


def test_data_warnings_go_to_log_or_to_python_warnings(template):
    values = {"title": "甲\x07", "office": "区办", "n": 1}
    seen = []
    reportgen.render(template, values, format="docx", log=lambda kind, text: seen.append((kind, text)))
    assert [kind for kind, _ in seen if kind == "warning"] == ["warning"]
    assert "U+0007" in seen[0][1]
    with pytest.warns(UserWarning, match="U\\+0007"):
        reportgen.render(template, values, format="docx")


def test_load_project(project):
    p = reportgen.load_project(project)
    assert isinstance(p, reportgen.Project)
    assert [t.name for t in p.templates] == ["summary-report", "briefing", "district-overview"]
    assert p.out_dir == project / "output" and p.formats == ("pdf", "docx")


def test_build_and_its_result(project):
    result = reportgen.build(project, formats=["pdf", "docx"], only=["briefing"], jobs=2)
    assert isinstance(result, reportgen.BuildResult)
    assert (len(result.built), len(result.skipped), len(result.failed)) == (8, 0, 0)
    assert result.exit_code == 0 and result.diagnostics == []
    docx = project / "output" / "briefing" / "南湖区.docx"
    assert {job.out for job in result.built} >= {docx, docx.with_suffix(".pdf")}
    assert "南湖区" in docx_text(docx.read_bytes())
    assert "南湖区" in pdf_text(docx.with_suffix(".pdf").read_bytes())
    again = reportgen.build(reportgen.load_project(project), formats="docx", only=["briefing"], jobs=1)
    assert (len(again.built), len(again.skipped)) == (0, 4)


def test_a_bad_record_fails_alone_with_its_diagnostics(project, tmp_path):
    bad = project / "data" / "districts" / "zz.yaml"
    bad.write_text("district: {name: 坏区}\n", encoding="utf-8")  # lacks what the schema requires
    with pytest.raises(reportgen.errors.DataError) as err:  # the check stage: nothing is rendered
        reportgen.build(project, formats=["docx"], only=["briefing"], jobs=1, out_dir=tmp_path / "o")
    assert err.value.diagnostic.file == str(bad) and not (tmp_path / "o" / "briefing").exists()
    result = reportgen.build(project, formats=["docx"], only=["briefing"], jobs=1, out_dir=tmp_path / "o",
                             keep_going=True)
    assert (len(result.built), len(result.failed), result.exit_code) == (4, 1, 1)
    assert result.diagnostics and all(d.record == "坏区" and d.file == str(bad) for d in result.diagnostics)
    assert not (tmp_path / "o" / "briefing" / "坏区.docx").exists()


def test_unknown_format_is_a_usage_error(project):
    with pytest.raises(reportgen.ReportgenError, match="unknown format"):
        reportgen.build(project, formats=["odt"])


def test_import_is_cheap():
    """``import reportgen`` loads no third-party package and none of its own stages."""
    code = ("import sys, reportgen; print(reportgen.__version__); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('jinja2', 'reportlab', 'docx', 'yaml', 'markdown_it', 'reportgen')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines() == [reportgen.__version__, "['reportgen', 'reportgen.version']"]


def test_a_docx_rebuilt_from_the_same_build_stamp_is_the_same_bytes(monkeypatch):
    import time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = Path(__file__).resolve().parents[1]
    args = (root / "templates" / "briefing", root / "data" / "districts" / "nanhu.yaml")
    first = reportgen.render(*args, format="docx")
    time.sleep(2.1)  # zip members are dated to the even second
    assert reportgen.render(*args, format="docx") == first
