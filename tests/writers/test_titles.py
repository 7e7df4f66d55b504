"""Titles break between words into balanced lines (GB/T 9704 7.3.1), the same in both formats."""
from __future__ import annotations

import pytest
from docx_outline import W, open_docx
from pdf_outline import outline

from reportgen.layout import lay_out
from reportgen.layout.titles import _good_shape, balance, words
from reportgen.model import nodes as m
from reportgen.text import text_width
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.pdf import PdfWriter

TITLES = [
    "关于进一步加强新时代中小学思想政治理论课建设的意见",
    "某某市人民政府关于做好2026年度全市安全生产工作的通知",
    "关于某某区教育系统党史学习教育教学情况的报告",
    "国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见",
    "中共某某市委办公厅某某市人民政府办公厅关于印发《某某市推进数字政府建设三年行动方案（2026—2028年）》的通知",
    "某某县农业农村局关于2026年第一季度高标准农田建设项目推进情况的报告",
]


def boundaries(text: str) -> set[int]:
    out, at = {0}, 0
    for w in words(text):
        at += len(w)
        out.add(at)
    return out


@pytest.mark.parametrize("title", TITLES)
def test_lines_end_at_word_boundaries_and_form_a_good_shape(title):
    lines = balance(title, 20)
    assert "".join(lines) == title and len(lines) >= 2
    ends = boundaries(title)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        assert at in ends, f"{lines} breaks inside a word"
    widths = [text_width(ln) for ln in lines]
    assert max(widths) <= 20 and _good_shape(widths), lines
    assert max(widths) - min(widths) <= 8, lines  # 长短适宜


def test_a_number_keeps_its_unit_and_a_short_title_stays_whole():
    assert balance("关于2026年工作的报告", 20) == ["关于2026年工作的报告"]
    lines = balance("某某市人民政府关于做好2026年度全市安全生产工作的通知", 20)
    assert not any(ln.endswith("2026") for ln in lines)


def test_forced_breaks_are_kept():
    inl = (m.Text("某某市人民政府办公室"), m.LineBreak(), m.Text("关于做好2026年度全市安全生产工作的通知"))
    item = lay_out(m.Document(m.Meta(), (m.Title(inl),)), load_theme("gongwen")).items[0]
    assert item.inlines == inl  # both parts fit: the author's lines stand


@pytest.mark.parametrize("theme_name", ["gongwen", "default"])
def test_both_formats_print_the_same_title_lines(theme_name):
    theme = load_theme(theme_name)
    title = TITLES[1]
    doc = m.Document(m.Meta(), (m.Title((m.Text(title),)), m.Paragraph((m.Text("正文。"),))))
    item = lay_out(doc, theme).items[0]
    expected = "".join(n.text if isinstance(n, m.Text) else "|" for n in item.inlines).split("|")
    pdf_lines = [ln.text for ln in outline(PdfWriter(theme).render(doc).data)[0].lines]
    assert pdf_lines[:len(expected)] == expected
    p = open_docx(DocxWriter(theme).render(doc).data).element.body.find(f"{W}p")
    docx_text = "".join("|" if e.tag == f"{W}br" else e.text or "" for e in p.iter(f"{W}t", f"{W}br"))
    assert docx_text.split("|") == expected
