"""Volumes (build --bundle): one Part per district, page numbers restart,
a PDF bookmark and a DOCX Heading 1 per part."""
import io

import pdfplumber
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from reportgen.model import Document, Meta, Paragraph, Part, Text, Title
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.pdf import PdfWriter


def volume(start=None):
    def part(name, n):
        return Part(name, (Title((Text(f"{name}报告"),)),) + tuple(Paragraph((Text("内容" * 40),)) for _ in range(n)),
                    start)
    return Document(Meta(title="汇编"), (part("甲区", 20), part("乙区", 5), part("丙区", 30)))


def pages_of(pdf: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(pg.extract_text() or "").splitlines() for pg in doc.pages]


def test_pdf_bookmarks_and_numbering_restart():
    pdf = PdfWriter(load_theme("gongwen")).render(volume()).data
    assert [o.title for o in PdfReader(io.BytesIO(pdf)).outline] == ["甲区", "乙区", "丙区"]
    firsts = pages_of(pdf)
    starts = [i for i, lines in enumerate(firsts) if lines and lines[0].endswith("报告")]
    assert len(starts) == 3
    for i in starts:
        assert firsts[i][-1] == "— 1 —"
        assert i % 2 == 0  # gongwen: every part on a recto (an odd page: index 0, 2, …)
    assert firsts[starts[1] - 1] == [] or firsts[starts[1] - 1][-1] != "— 1 —"
    blanks = [i for i, lines in enumerate(firsts) if not lines]
    assert blanks and all(i + 1 in starts for i in blanks)  # blank versos only, and without a number


def test_packed_parts_start_on_the_next_page():
    firsts = pages_of(PdfWriter(load_theme("gongwen")).render(volume("next")).data)
    assert all(firsts)  # no blank page
    starts = [i for i, lines in enumerate(firsts) if lines[0].endswith("报告")]
    assert len(starts) == 3 and any(i % 2 for i in starts)


def test_docx_sections_restart_and_headings():
    doc = DocxDocument(io.BytesIO(DocxWriter(load_theme("gongwen")).render(volume()).data))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == ["甲区", "乙区", "丙区"]
    assert len(doc.sections) == 3
    for section in doc.sections:
        pg = section._sectPr.find(qn("w:pgNumType"))
        assert pg is not None and pg.get(qn("w:start")) == "1"
        assert section._sectPr.find(qn("w:type")).get(qn("w:val")) == "oddPage"  # the reader adds blank versos
