"""End to end: build the bundled sample project with the CLI and read both
formats back (pdfplumber/pypdf for PDF, python-docx/lxml for DOCX)."""
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from helpers import needs, run_cli, soffice_to_pdf

DISTRICTS = ["东西湖区", "临江区", "南湖区", "北山县"]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def built(sample_project: Path) -> Path:
    out = sample_project / "output"
    proc = run_cli("build", "--project", sample_project, "--format", "all", "--jobs", "2", cwd=sample_project)
    assert proc.returncode == 0, proc.stderr
    return out


def test_every_district_gets_both_formats(built: Path):
    for template in ("summary-report", "briefing"):
        for name in DISTRICTS:
            for ext in ("pdf", "docx"):
                f = built / template / f"{name}.{ext}"
                assert f.is_file() and f.stat().st_size > 1000, f


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_pdf_has_title_and_figures(built: Path):
    text = pdf_text(built / "summary-report" / "东西湖区.pdf").replace("\n", "")
    assert "东西湖区关于党史学习教育开展情况的报告" in text
    for figure in ("1060余场", "1.1万名", "29.31%", "729场次", "20余万人次"):
        assert figure in text, figure
    brief = pdf_text(built / "briefing" / "东西湖区.pdf").replace("\n", "")
    assert "党史学习教育简报" in brief and "第18期" in brief


def test_pdf_fonts_embedded_and_subset(built: Path):
    reader = PdfReader(built / "summary-report" / "东西湖区.pdf")
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert re.match(r"/?[A-Z]{6}\+", name), f"{name} is not subset"
        desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        desc = desc.get_object()
        assert any(k in desc for k in ("/FontFile2", "/FontFile3", "/FontFile")), f"{name} not embedded"


@needs("pdffonts")
def test_pdffonts_reports_embedded_subset(built: Path):
    out = subprocess.run(["pdffonts", str(built / "briefing" / "东西湖区.pdf")], capture_output=True,
                         text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        assert "+" in cols[0]
        assert "yes" in cols[-5:-3], row  # emb column


def test_docx_opens_with_heading_styles_and_east_asian_fonts(built: Path):
    doc = DocxDocument(str(built / "summary-report" / "东西湖区.docx"))
    styles = [p.style.name for p in doc.paragraphs]
    assert "Heading 1" in styles and "Heading 2" in styles
    heading1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert any("一、" in h for h in heading1)
    cjk_runs = [r for p in doc.paragraphs for r in p.runs if CJK.search(r.text)]
    assert cjk_runs
    for run in cjk_runs:
        rpr = run._element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text
    text = "\n".join(p.text for p in doc.paragraphs)
    for table in doc.tables:
        text += "\n".join(c.text for row in table.rows for c in row.cells)
    assert "1060余场" in text and "29.31%" in text


@needs("soffice")
def test_libreoffice_opens_docx(built: Path, tmp_path: Path):
    soffice_to_pdf(built / "summary-report" / "东西湖区.docx", tmp_path)
    pdf = tmp_path / "东西湖区.pdf"
    assert pdf.exists()
    assert "东西湖区" in pdf_text(pdf)


def test_second_build_rebuilds_nothing(sample_project: Path, built: Path):
    proc = run_cli("build", "--project", sample_project, "--format", "all", cwd=sample_project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("0 built, 18 skipped, 0 failed"), proc.stdout


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_markup_in_data_prints_literally(tmp_path: Path, fmt: str):
    tpl = tmp_path / "t.md.j2"
    tpl.write_text("# {{ title }}\n\n{{ body }}\n", encoding="utf-8")
    data = tmp_path / "d.yaml"
    value = "**x** # y | z ::: <b> 1. \\ [a](b)"
    data.write_text(f"title: 合同检查\nbody: '{value}'\n", encoding="utf-8")
    out = tmp_path / f"o.{fmt}"
    proc = run_cli("render", "--template", tpl, "--data", data, "--format", fmt, "--output", out)
    assert proc.returncode == 0, proc.stderr
    if fmt == "pdf":
        text = pdf_text(out).replace("\n", "")
    else:
        text = "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
    assert value.replace(" ", "") in text.replace(" ", "")
