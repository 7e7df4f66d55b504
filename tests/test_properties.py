"""Property-based tests: arbitrary text — markup characters, any Unicode —
parses and renders, or fails with a reportgen error; never another exception."""
import io

from docx import Document as DocxDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import ReportgenError
from reportgen.markup import parse
from reportgen.model import Document, Heading, Meta, Paragraph, Text, plain_text
from reportgen.templating.escape import _BREAKS
from reportgen.templating import make_environment
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.pdf import PdfWriter

MARKUP = st.sampled_from(list("#*_|:`[]()<>\\!-+.~{}\n ") + [":::", "**", "# ", "| --- |", ":::{note}", "1. "])
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TEXT = st.lists(st.one_of(MARKUP, CJK, st.characters()), max_size=60).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_parser_never_crashes(text):
    try:
        doc = parse(text, source="prop.md")
    except ReportgenError:
        return
    assert isinstance(doc, Document)


@FAST
@given(TEXT)
def test_escaped_value_is_one_literal_paragraph(value):
    env = make_environment([])
    tpl = env.from_string("前缀{{ v }}")
    md = tpl.render(v=value)
    doc = parse(md, source="prop.md")  # an escaped value never makes bad markup
    assert len(doc.body) == 1 and isinstance(doc.body[0], Paragraph)
    expected = "前缀" + _BREAKS.sub(" ", value).strip().replace("\x00", "\ufffd")
    assert plain_text(doc.body[0].children) == expected  # printed literally


def _doc(text: str) -> Document:
    return Document(Meta(title=text[:20]), (Heading(1, (Text(text),)), Paragraph((Text(text),))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_docx_writer_renders_or_reports(text):
    try:
        data = DocxWriter(load_theme("default")).render(_doc(text)).data
    except ReportgenError:
        return
    DocxDocument(io.BytesIO(data))  # opens


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_pdf_writer_renders_or_reports(text):
    try:
        data = PdfWriter(load_theme("gongwen")).render(_doc(text)).data
    except ReportgenError:
        return
    assert data.startswith(b"%PDF")
