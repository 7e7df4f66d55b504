"""The DOCX and the PDF of one model print the same words for the official
elements whose wording the model decides (layout/wording.py)."""
import io

import pdfplumber
from docx import Document as DocxDocument

from reportgen.model import Colophon, Div, Document, Masthead, Meta, Paragraph, Text
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.pdf import PdfWriter


def both(doc: Document) -> tuple[str, str]:
    theme = load_theme("briefing")
    pdf = PdfWriter(theme).render(doc).data
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        pdf_text = "".join("".join(page.extract_text().split()) for page in p.pages)
    d = DocxDocument(io.BytesIO(DocxWriter(theme).render(doc).data))
    parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    return pdf_text, "".join("".join(parts).split())


def test_issue_copies_and_editor_note_say_the_same():
    doc = Document(Meta(), (
        Masthead("工作简报", variant="briefing", issue="二", total_issue="十二", editor="某办", date="2021年1月1日"),
        Div("editor_note", (Paragraph((Text("编者按：本期刊发。"),)),)),
        Colophon(entries=(("报", "市委"),), printer="某某办公室", copies="50", variant="briefing"),
    ))
    pdf, docx = both(doc)
    for words in ("第二期（总第十二期）", "共印50份", "某某办公室"):
        assert words in pdf and words in docx, words
    assert pdf.count("编者按") == 1 and docx.count("编者按") == 1
