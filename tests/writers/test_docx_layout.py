"""DOCX layout regressions seen in LibreOffice: style indents, table widths,
signature and colophon placement.  Read the XML back; LibreOffice checks are
in test_docx_soffice.py."""
from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from docx_outline import W, open_docx, style_el

from reportgen.model import Document, Meta, Paragraph, Text
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.docx.styles import role_style_id, theme_roles

THEMES = ("default", "gongwen", "briefing")


def render(theme: str, *blocks) -> bytes:
    return DocxWriter(load_theme(theme)).render(Document(Meta(title="测试"), tuple(blocks)))


def T(s):
    return (Text(s),)


def twips_pt(v) -> float:
    return int(v) / 20


@pytest.mark.parametrize("theme", THEMES)
def test_every_style_writes_its_own_indents(theme):
    """A style based on Normal must not inherit the body's first-line indent
    (the gongwen title wrapped to two lines in LibreOffice because of it)."""
    th = load_theme(theme)
    doc = open_docx(render(theme, Paragraph(T("正文"))))
    for role in theme_roles(th):
        st = th.style(role)
        ind = style_el(doc, role_style_id(role)).find(f"{W}pPr/{W}ind")
        assert ind is not None, role
        assert int(ind.get(qn("w:firstLineChars"))) == round(st.indent * 100), role
        if not st.indent:
            assert ind.get(qn("w:firstLine")) == "0", role
        if not st.left_indent:
            assert ind.get(qn("w:left")) == "0", role
    if theme == "gongwen":
        title = style_el(doc, "Title").find(f"{W}pPr/{W}ind")
        assert (title.get(qn("w:firstLine")), title.get(qn("w:firstLineChars"))) == ("0", "0")
