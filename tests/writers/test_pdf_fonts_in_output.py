"""Rare characters survive into the PDF's text layer and every font is embedded."""
import io

import pdfplumber
from pypdf import PdfReader

from reportgen.model import Document, Meta, Paragraph, Text, Title
from reportgen.themes import load_theme
from reportgen.writers.pdf import PdfWriter

TEXT = "吉野家的𠮷字，㙍字，Latin ABC 123，①℃‰，温度25℃，增长3.5‰。"


def _pdf(theme="default") -> bytes:
    doc = Document(Meta(title="生僻字"), (Title((Text("生僻字检查"),)), Paragraph((Text(TEXT),))))
    return PdfWriter(load_theme(theme)).render(doc).data


def test_astral_characters_extract_correctly():
    with pdfplumber.open(io.BytesIO(_pdf())) as pdf:
        text = "".join(pdf.pages[0].extract_text().split())
    assert TEXT.replace(" ", "") in text  # 𠮷 is U+20BB7: a surrogate pair in ToUnicode


def test_no_unembedded_base14_font():
    reader = PdfReader(io.BytesIO(_pdf("gongwen")))
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            name = str(font.get_object()["/BaseFont"])
            assert "+" in name, f"{name} is not an embedded subset"
