"""A second reader: LibreOffice converts a 公文 DOCX to PDF; check where things land."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from reportgen.model import (
    Addressee, Attachments, Colophon, Div, Document, Heading, Masthead, Meta, Paragraph, Signature, Text, Title,
)
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter

from helpers import soffice_to_pdf

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
MM = 72 / 25.4


def _cjk_dir() -> str | None:
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    return os.path.dirname(pylopdf_fonts_zh_cn.__file__)


CJK_DIR = _cjk_dir()


def gongwen_sample() -> Document:
    para = "为深入贯彻落实市委、市政府决策部署，切实做好2026年安全生产工作，保障人民群众生命财产安全，现就有关事项通知如下。"
    return Document(Meta(title="关于开展安全生产检查的通知"), (
        Masthead(issuer="某某市人民政府办公室文件", doc_no="某政办发〔2026〕3号"),
        Title((Text("关于开展2026年安全生产大检查的通知"),)),
        Addressee(("各区县人民政府", "市政府各部门")),
        Paragraph((Text(para),)),
        Heading(1, (Text("检查范围"),), number="一、"),
        Paragraph((Text(para),)),
        Attachments(("检查表", "联系人名单")),
        Signature(("某某市人民政府办公室",), "2026年3月5日"),
        Colophon(entries=(("抄送", "市委办公厅，市人大常委会办公厅，市政协办公厅。"),),
                 printer="某某市人民政府办公室", print_date="2026年3月5日"),
    ))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("soffice")
    src = out / "gongwen.docx"
    src.write_bytes(DocxWriter(load_theme("gongwen")).render(gongwen_sample()).data)
    return soffice_to_pdf(src, out)


# Without a CJK font LibreOffice draws fallback glyphs whose text pdfplumber
# cannot map back, so most checks use colours, counts and positions.


@pytest.mark.skipif(CJK_DIR is None, reason="no bundled CJK font (pylopdf-fonts-zh-cn)")
def test_body_lines_hold_28_characters(pdf):
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        text = doc.pages[0].extract_text()
    assert "某某市人民政府办公室文件" in text
    full = [ln for ln in text.splitlines() if ln.startswith("安全生产工作")]
    assert full and len(full[0].replace(" ", "")) == 28, full


def test_masthead_red_mark_and_position(pdf):
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        red = [c for c in page.chars if c["non_stroking_color"] and tuple(c["non_stroking_color"])[:3] == (1, 0, 0)]
        assert len(red) == len("某某市人民政府办公室文件")
        top_mm = min(c["top"] for c in red) / MM
        assert 68 <= top_mm <= 76, top_mm  # 37 mm margin + 35 mm, glyph box tolerance
        rules = [r for r in page.rects + page.lines if r["width"] > 150 * MM]
        assert rules, "no full-width red rule on page 1"
        number = [c for c in page.chars if c["top"] > 262 * MM]
        assert "1" in "".join(c["text"] for c in number)  # the PAGE field, below the type area
        assert min(c["x0"] for c in number) > page.width / 2  # odd page: right side


def test_colophon_sits_on_the_type_area_bottom(pdf):
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[-1]
        rules = sorted(r["bottom"] / MM for r in page.rects + page.lines if r["width"] > 150 * MM)
        assert len(rules) >= 3, rules  # thick, thin, thick
        assert abs(rules[-1] - 262) < 1.5, rules  # 版心 bottom edge = 297 − 35 mm
        body = [c for c in page.chars if c["bottom"] < 262 * MM]
        last_line = max(c["bottom"] for c in body) / MM
        assert rules[-2] < last_line < rules[-1]  # 印发 line between the last two rules


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_page_one_png_has_red_masthead(pdf):
    from PIL import Image
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(pdf.with_suffix(""))],
                   check=True, timeout=60)
    png = next(pdf.parent.glob("gongwen-*1.png"))
    img = Image.open(png).convert("RGB")
    band = img.crop((0, int(img.height * 0.2), img.width, int(img.height * 0.45)))
    raw = band.tobytes()  # RGB triples
    red = sum(1 for i in range(0, len(raw), 3) if raw[i] > 200 and raw[i + 1] < 80 and raw[i + 2] < 80)
    assert red > 200


# ------------------------------------------------------------------ a longer report (layout regressions)


def _convert(doc: Document, out, name: str):
    src = out / f"{name}.docx"
    src.write_bytes(DocxWriter(load_theme("gongwen")).render(doc).data)
    return soffice_to_pdf(src, out)


LONG_TITLE = "东西湖区关于党史学习教育开展情况的报告"  # 19 字 of 22 pt: fits the 442 pt line


def report_sample(fill: int) -> Document:
    from reportgen.model import Cell, Column, Row, Table
    para = "区委理论学习中心组开展党史专题学习10次，四套班子赴八七会址开展现场教学1次。"
    head = (Row(tuple(Cell((Text(x),)) for x in ("方面", "事项", "数量"))),)
    body = tuple(Row((Cell((Text("一领"),)), Cell((Text(f"区委理论学习中心组开展党史专题学习{i}"),)),
                      Cell((Text(f"{i}次"),)))) for i in range(3))
    return Document(Meta(title="报告"), (
        Masthead(issuer="东西湖区党史学习教育领导小组办公室", doc_no="东学办〔2021〕12号"),
        Title((Text(LONG_TITLE),)),
        Addressee(("市党史学习教育领导小组办公室",)),
        *[Paragraph((Text(para),)) for _ in range(fill)],
        Table((Column(), Column(), Column(align="right")), head, body),
        Paragraph((Text("特此报告。"),)),
        Signature(("东西湖区党史学习教育领导小组办公室",), "2021年10月25日"),
        Div("note", (Paragraph((Text("（本报告所用数据为演示用示例数据。）"),)),)),
        Colophon(entries=(("抄送", "市委宣传部，市委组织部。"),), printer="东西湖区党史学习教育领导小组办公室",
                 print_date="2021年10月25日"),
    ))


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    return _convert(report_sample(fill=6), tmp_path_factory.mktemp("report"), "report")


@pytest.mark.skipif(CJK_DIR is None, reason="no bundled CJK font (pylopdf-fonts-zh-cn)")
def test_report_title_table_signature_and_colophon(report_pdf):
    import pdfplumber
    with pdfplumber.open(report_pdf) as doc:
        pages = [(p.extract_text() or "").replace(" ", "") for p in doc.pages]
        last = doc.pages[-1]
        rules = sorted(r["bottom"] / MM for r in last.rects + last.lines if r["width"] > 150 * MM)
    assert LONG_TITLE in pages[0].splitlines()  # the title on one line (no inherited first-line indent)
    lines = "\n".join(pages).splitlines()
    assert any(ln.startswith("一领区委理论学习中心组开展党史专题学习0") for ln in lines)  # a wide middle column
    # text ends on page 2; signature, note and colophon fit below it on that page
    assert len(pages) == 2, [p[-60:] for p in pages]
    for piece in ("特此报告。", "东西湖区党史学习教育领导小组办公室\n2021年10月25日", "（本报告", "抄送："):
        assert piece in pages[1], piece
    assert abs(rules[-1] - 262) < 1.5, rules
