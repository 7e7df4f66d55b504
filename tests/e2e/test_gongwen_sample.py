"""The built sample summary report against GB/T 9704-2012 (the spec sheet's
figures), measured on the real outputs: PDF with pdfplumber, DOCX as OOXML."""
import re
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn

from helpers import run_cli

MM = 72 / 25.4
TOP, BOTTOM, LEFT, RIGHT = 37 * MM, 35 * MM, 28 * MM, 26 * MM
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TYPE_BOTTOM = PAGE_H - BOTTOM  # from the page top, as pdfplumber measures
CJK_ONLY = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]+$")


@pytest.fixture(scope="module")
def out(sample_project: Path, tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("gongwen")
    proc = run_cli("build", "--project", sample_project, "--only", "summary-report", "--format", "all",
                   "--out", dst)
    assert proc.returncode == 0, proc.stderr
    return dst / "summary-report"


def lines(page):
    """Text lines by baseline (the text matrix), each a list of chars sorted by x."""
    rows: dict[int, list] = {}
    for c in page.chars:
        if c["text"].strip():
            rows.setdefault(round(page.height - c["matrix"][5]), []).append(c)
    return [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]


def test_pdf_page_body_title_and_grid(out: Path):
    with pdfplumber.open(out / "东西湖区.pdf") as pdf:
        pages = pdf.pages
        assert all(abs(p.width - PAGE_W) < 1.5 and abs(p.height - PAGE_H) < 1.5 for p in pages)
        first = lines(pages[0])
        title = next(ln for ln in first if "".join(c["text"] for c in ln).startswith("东西湖区关于"))
        assert {round(c["size"]) for c in title} == {22}
        counts = []
        for page in pages:
            for ln in lines(page):
                text = "".join(c["text"] for c in ln)
                if ln[0]["size"] == 16 and CJK_ONLY.match(text) and ln[0]["x0"] < LEFT + 2 \
                        and ln[-1]["x1"] > PAGE_W - RIGHT - 2:
                    counts.append(len(text))
                for c in ln:  # nothing outside the type area but the page number
                    if not text.startswith("—"):
                        assert LEFT - 1 <= c["x0"] and c["x1"] <= PAGE_W - RIGHT + 1, text
        # 每行28字, 撑满版心: a line differs only where a kinsoku push-out or
        # push-in (避头尾) moves one character
        assert len(counts) >= 2 and set(counts) <= {27, 28, 29}  # most sample lines hold digits
        assert counts.count(28) >= len(counts) / 2, counts
        body_page = max(pages[1:-1] or pages, key=lambda p: len(lines(p)))
        pitches = [b[0]["matrix"][5] - a[0]["matrix"][5] for a, b in zip(lines(body_page)[1:], lines(body_page)[:-1])]
        assert min(abs(p - 28.95) for p in pitches) < 0.05  # the 22-line grid pitch


def test_pdf_page_numbers_outside_7mm_below(out: Path):
    with pdfplumber.open(out / "东西湖区.pdf") as pdf:
        for i, page in enumerate(pdf.pages, 1):
            number = [c for c in page.chars if c["top"] > TYPE_BOTTOM]
            text = "".join(c["text"] for c in sorted(number, key=lambda c: c["x0"])).replace(" ", "")
            assert text == f"—{i}—"
            assert {round(c["size"]) for c in number} == {14}
            x0, x1 = min(c["x0"] for c in number), max(c["x1"] for c in number)
            if i % 2:  # 单页码居右空一字
                assert x1 == pytest.approx(PAGE_W - RIGHT - 14, abs=1.5)
            else:  # 双页码居左空一字
                assert x0 == pytest.approx(LEFT + 14, abs=1.5)
            top = min(c["top"] for c in number)
            assert 0 < top - TYPE_BOTTOM < 10 * MM  # the dash's ink is 7 mm below (pdftoppm-measured in writer tests)


def test_pdf_red_masthead_rule_and_colophon(out: Path):
    with pdfplumber.open(out / "东西湖区.pdf") as pdf:
        first, last = pdf.pages[0], pdf.pages[-1]
        red = [c for c in first.chars if tuple(c["non_stroking_color"] or ()) == (1, 0, 0)]
        assert "".join(c["text"] for c in red) == "东西湖区党史学习教育领导小组办公室"
        assert min(c["top"] for c in red) == pytest.approx(TOP + 35 * MM, abs=4)  # bbox top; ink top in writer tests
        rules = [ln for ln in first.lines if tuple(ln.get("stroking_color") or ()) == (1, 0, 0)]
        assert rules and rules[0]["x1"] - rules[0]["x0"] == pytest.approx(156 * MM, abs=0.5)
        doc_no = next(ln for ln in lines(first) if "".join(c["text"] for c in ln).startswith("东学办"))
        baseline = first.height - doc_no[0]["matrix"][5]
        assert 0 < rules[0]["top"] - baseline < 4 * MM + 4  # 4 mm below the 文号 (its glyph bottom)
        black = [ln for ln in last.lines if abs(ln["top"] - ln["bottom"]) < 0.01
                 and tuple(ln.get("stroking_color") or (0,)) in ((0,), (0, 0, 0))]
        assert max(ln["top"] for ln in black) == pytest.approx(TYPE_BOTTOM, abs=0.5 * MM)  # 版记末条线


def test_docx_page_setup_grid_and_footers(out: Path):
    doc = DocxDocument(str(out / "东西湖区.docx"))
    sect = doc.sections[0]._sectPr
    mar = sect.find(qn("w:pgMar"))
    for side, twips in (("top", 2098), ("left", 1587), ("right", 1474), ("bottom", 1984)):
        assert abs(int(mar.get(qn(f"w:{side}"))) - twips) <= 10
    grid = sect.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"
    settings = doc.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "—" in xml
    fonts = {s.name: s.element.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia"))
             for s in doc.styles if s.type == 1 and s.element.find(qn("w:rPr")) is not None
             and s.element.find(qn("w:rPr")).find(qn("w:rFonts")) is not None}
    assert fonts["Normal"] == "仿宋_GB2312" and fonts["Title"] == "方正小标宋简体"
    assert fonts["Heading 1"] == "黑体" and fonts["Heading 2"] == "楷体_GB2312"
