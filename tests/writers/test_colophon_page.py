"""The 版记 ends a 公文 on an even page (GB/T 9704 7.4.1); a blank page
before the 版记 page, and that page, carry no number (7.5); both formats
are paginated alike (LibreOffice reads the DOCX as the PDF shows it)."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from helpers import needs, soffice_to_pdf
from reportgen.model import nodes as m
from reportgen.pipeline import Renderer
from reportgen.templating.template import load_template

COLOPHON = m.Colophon(entries=(("抄送", "市委各部门。"),), printer="某某市人民政府办公室", print_date="2026年3月5日")


def renderer(tmp_path) -> Renderer:
    (tmp_path / "t.md.j2").write_text("x\n", encoding="utf-8")
    return Renderer(load_template(tmp_path / "t.md.j2"), "gongwen")


def document(lines: int, colophon=COLOPHON) -> m.Document:
    """About ``lines`` grid lines of text, a 署名, then the 版记."""
    paras = tuple(m.Paragraph((m.Text("文" * 20 + "。"),)) for _ in range(lines))  # one line each, anywhere
    return m.Document(m.Meta(), (*paras, m.Signature(("某某市人民政府",), "2026年3月5日"), colophon))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lines", [3, 14, 17, 18, 19, 20, 22, 36, 38, 40, 41])
def test_the_colophon_is_on_the_last_even_page(tmp_path, lines):
    r = renderer(tmp_path)
    doc = document(lines)
    pdf = r.write(doc, "pdf").data
    pages = page_texts(pdf)
    assert len(pages) % 2 == 0, len(pages)
    assert "印发" in pages[-1] and not any("印发" in p for p in pages[:-1])
    text_end = max(i for i, p in enumerate(pages) if "文文" in p)  # the 署名 goes with the text's last lines
    blank = len(pages) - 2 > text_end  # a page with nothing between the text and the 版记
    numbers = [re.search(r"—\s*(\d+)\s*—", p) for p in pages]
    if blank:
        assert pages[-2].strip() == "" and numbers[-1] is None  # neither the blank page nor the 版记 page numbered
    else:
        assert numbers[-1] is not None and int(numbers[-1].group(1)) == len(pages)
    layout = r.layout(doc)
    assert layout.unnumbered == ((len(pages) - 1, len(pages)) if blank else ())
    assert r.write(doc, "docx").pages == len(pages)


def test_a_briefing_tail_stays_where_it_falls(tmp_path):
    tail = m.Colophon(entries=(("报", "市委"),), printer="某办", copies="60", variant="briefing")
    r = renderer(tmp_path)
    pages = page_texts(r.write(document(3, tail), "pdf").data)
    assert len(pages) == 1 and "共印60份" in pages[0]


@needs("soffice")
@pytest.mark.parametrize("lines", [3, 20, 40])
def test_libreoffice_puts_the_colophon_on_the_same_page(tmp_path, lines):
    r = renderer(tmp_path)
    doc = document(lines)
    pdf, docx = r.write(doc, "pdf").data, r.write(doc, "docx").data
    (tmp_path / "d.docx").write_bytes(docx)
    lo = page_texts(soffice_to_pdf(tmp_path / "d.docx", tmp_path).read_bytes())
    ours = page_texts(pdf)
    assert len(lo) == len(ours)
    assert "印发" in lo[-1].replace(" ", "") and not any("印发" in p.replace(" ", "") for p in lo[:-1])
    assert [bool(re.search(r"—\s*\d+\s*—", p)) for p in lo] == [bool(re.search(r"—\s*\d+\s*—", p)) for p in ours]


def test_a_tail_that_nearly_fits_is_pulled_back_by_tighter_rows(tmp_path):
    """A 报尾 that would fall alone onto a new page for want of a few points
    fits under the text with less space around its rows, in both formats."""
    from reportgen.layout.pages import MIN_GAP, place_colophon
    from reportgen.layout.items import Pagination

    tail = m.Colophon(entries=(("报", "市委"), ("送", "各区"), ("发", "各街道")), printer="某办", copies="60",
                      variant="briefing")
    r = renderer(tmp_path)
    layout = r.layout(document(3, tail))
    box = next(i for i in layout.items if i.kind == "colophon")
    height = 4 * (20 + 2 * box.pad) + 2  # four rows and the rules, about
    short = Pagination(pages=2, text_end=1, colophon=2, room=height - 10 + MIN_GAP, colophon_height=height)
    moved = next(i for i in place_colophon(layout, short).items if i.kind == "colophon")
    assert moved.pad < box.pad and moved.breaks == 0
    far = Pagination(pages=2, text_end=1, colophon=2, room=height - 40, colophon_height=height)
    assert next(i for i in place_colophon(layout, far).items if i.kind == "colophon").pad == box.pad
