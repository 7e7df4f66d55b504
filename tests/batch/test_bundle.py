"""build --bundle: one volume per template and format, one part per record."""
import pdfplumber
from docx import Document as DocxDocument
from pypdf import PdfReader

from helpers import run_cli

NAMES = {"东西湖区", "临江区", "南湖区", "北山县"}


def test_bundle_has_a_part_per_district(sample_project, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("build", "--project", sample_project, "--bundle", "--format", "all", "--only", "briefing",
                   "--out", out)
    assert proc.returncode == 0, proc.stderr
    outline = PdfReader(out / "bundles" / "briefing.pdf").outline
    assert {o.title for o in outline if not isinstance(o, list)} == NAMES
    # each issue's article titles one level below its district's entry
    nested = [o for o in outline if isinstance(o, list)]
    assert len(nested) == 4 and all(any("：" in a.title for a in kids) for kids in nested)
    with pdfplumber.open(out / "bundles" / "briefing.pdf") as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    firsts = [i for i, text in enumerate(texts) if "党史学习教育简报" in text]
    assert len(firsts) == 4
    for i in firsts:  # every issue starts on a page numbered 1
        assert texts[i].splitlines()[-1] == "— 1 —"
    doc = DocxDocument(str(out / "bundles" / "briefing.docx"))
    assert {p.text for p in doc.paragraphs if p.style.name == "Heading 1"} == NAMES
    blanks = sum(1 for t in texts if not t.strip())  # blank versos before issues on even pages
    assert len(doc.sections) == 4 + blanks  # a section per issue, and one per blank verso (no number)
    assert not (out / "briefing").exists()  # volumes only


def test_bundle_stops_on_a_broken_record_or_leaves_it_out_with_keep_going(sample_project, tmp_path):
    import shutil

    proj = tmp_path / "proj"
    shutil.copytree(sample_project, proj, ignore=shutil.ignore_patterns("output"))
    bad = proj / "data" / "districts" / "nanhu.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("value: 8,", "value: 8余,"), encoding="utf-8")
    proc = run_cli("build", "--project", proj, "--bundle", "--format", "pdf", "--only", "summary-report")
    assert proc.returncode == 1 and "nanhu.yaml" in proc.stderr and "--keep-going" in proc.stderr
    assert not (proj / "output" / "bundles").exists()  # the check stage stops before rendering
    proc = run_cli("build", "--project", proj, "--bundle", "--format", "pdf", "--only", "summary-report",
                   "--keep-going")
    assert proc.returncode == 1
    assert "nanhu.yaml" in proc.stderr and "南湖区" in proc.stderr
    pdf = PdfReader(proj / "output" / "bundles" / "summary-report.pdf")
    assert {o.title for o in pdf.outline if not isinstance(o, list)} == NAMES - {"南湖区"}
