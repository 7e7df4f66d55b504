"""Keep rules in the PDF (as Word applies keepNext with widow and orphan
control): no heading ends a page, the 署名 takes the last lines of the text
with it, and a paragraph split across pages leaves two lines on each side."""
from __future__ import annotations

import pytest
from pdf_outline import outline

from reportgen.model import nodes as m
from reportgen.themes import load_theme
from reportgen.writers.pdf import PdfWriter

THEME = load_theme("gongwen")
CHARS = 28  # a gongwen line


def P(n_chars: int, mark: str = "文") -> m.Paragraph:
    return m.Paragraph((m.Text(mark * (n_chars - 1) + "。"),))


def pages(body) -> list[list[str]]:
    pdf = PdfWriter(THEME).render(m.Document(m.Meta(), tuple(body))).data
    return [[ln.text for ln in pg.lines if not ln.text.startswith("—")] for pg in outline(pdf)]


@pytest.mark.parametrize("fill", range(14, 22))
def test_a_heading_never_ends_a_page(fill):
    body = [P(CHARS * fill - 2), m.Heading(1, (m.Text("工作要求"),), number="二、"), P(CHARS * 5)]
    out = pages(body)
    for page in out:
        assert not page[-1].endswith("工作要求"), out
    heading_page = next(p for p in out if any("工作要求" in t for t in p))
    after = heading_page[[i for i, t in enumerate(heading_page) if "工作要求" in t][0] + 1:]
    assert len(after) >= 2  # with at least two lines of its text


@pytest.mark.parametrize("fill", range(15, 22))
def test_the_signature_takes_the_last_lines_of_the_text_along(fill):
    body = [P(CHARS * fill - 2), m.Signature(("某某市人民政府",), "2026年3月5日")]
    out = pages(body)
    last = out[-1]
    assert last[-1].startswith("2026年3月5日")
    assert any(t.startswith("文") for t in last), out  # never alone on a page
    for page in out:
        body_lines = [t for t in page if t.startswith("文")]
        assert not body_lines or len(body_lines) >= 2 or page is out[0]


@pytest.mark.parametrize("fill", range(18, 24))
@pytest.mark.parametrize("size", [3, 4, 5])  # lines of the second paragraph (2字 indent: +1)
def test_a_split_paragraph_leaves_and_takes_two_lines(fill, size):
    body = [P(CHARS * fill - 2, "甲"), P(CHARS * size - 2, "乙")]
    out = pages(body)
    parts = [len([t for t in page if t.startswith("乙")]) for page in out]
    parts = [n for n in parts if n]
    assert sum(parts) == size
    assert all(n >= 2 for n in parts), parts  # no orphan, no widow
