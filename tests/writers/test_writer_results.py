"""Writers say what they made: WriterResult's page count and embedded font
files are checked against the PDF itself (pypdf, fontTools); the registry
maps format names to writer classes and takes new ones."""
from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reportgen import writers
from reportgen.errors import UsageError
from reportgen.model import Document, Heading, Meta, Paragraph, Table, Text, Title, plain_text
from reportgen.model.nodes import Cell, Column, Row
from reportgen.pipeline import Renderer
from reportgen.templating.template import load_template
from reportgen.themes import load_theme
from reportgen.writers import WriterResult, formats, register, writer_class
from reportgen.writers.docx import DocxWriter
from reportgen.writers.pdf import PdfWriter


def T(s):
    return (Text(s),)


def long_document(paragraphs: int = 40) -> Document:
    """A document of several pages with text in several faces (黑体 title,
    heading and table head, 宋体 body, Latin in Arial and Times New Roman)."""
    body = [Title(T("关于2026年工作的报告")), Heading(1, T("总体情况 Overview"), number="一、")]
    for i in range(paragraphs):
        body.append(Paragraph(T(f"第{i + 1}段：全年完成投资120亿元，同比增长3.5%，GDP与CPI保持平稳。" * 3)))
    body.append(Table(columns=(Column(), Column()), head=(Row((Cell(T("事项")), Cell(T("数量")))),),
                      body=(Row((Cell(T("活动 Events")), Cell(T("1060")))),)))
    return Document(Meta(title="测试"), tuple(body))


def embedded_fonts(pdf: bytes) -> set[str]:
    """PostScript names of the fonts the PDF's pages use, without the subset tag."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def ps_name(path: str) -> str:
    font = TTFont(path, lazy=True)
    try:
        return str(font["name"].getDebugName(6))
    finally:
        font.close()


@pytest.mark.parametrize("theme", ["default", "gongwen"])
def test_pdf_result_counts_the_real_pages(theme):
    result = PdfWriter(load_theme(theme)).render(long_document())
    assert isinstance(result, WriterResult)
    assert result.pages == len(PdfReader(io.BytesIO(result.data)).pages) > 1


@pytest.mark.parametrize("theme", ["default", "gongwen"])
def test_pdf_result_names_the_embedded_font_files(theme):
    result = PdfWriter(load_theme(theme)).render(long_document())
    assert result.fonts == tuple(sorted(result.fonts)) and len(set(result.fonts)) == len(result.fonts)
    assert {ps_name(f) for f in result.fonts} == embedded_fonts(result.data)


def test_fonts_are_those_of_this_document_only():
    w = PdfWriter(load_theme("default"))
    big = w.render(long_document())
    small = w.render(Document(Meta(), (Paragraph(T("正文")),)))  # no Latin text, no 黑体
    assert set(small.fonts) < set(big.fonts)
    assert {ps_name(f) for f in small.fonts} == embedded_fonts(small.data)


def test_paginate_lays_out_as_render_does():
    w = PdfWriter(load_theme("gongwen"))
    for n in (1, 25, 60):
        doc = long_document(n)
        assert w.paginate(doc).pages == w.render(doc).pages


def test_docx_result_embeds_no_fonts_and_keeps_the_page_count_given():
    w = DocxWriter(load_theme("default"))
    assert w.render(long_document(), pages=7) == WriterResult(w.render(long_document(), pages=7).data, 7, ())
    assert w.render(long_document()).pages is None  # outside the pipeline: not known


def test_registry_maps_formats_to_writer_classes():
    assert formats()[:2] == ("pdf", "docx")
    assert writer_class("pdf") is PdfWriter and writer_class("docx") is DocxWriter
    assert [writer_class(f).name for f in formats()] == list(formats())
    with pytest.raises(UsageError, match="unknown format 'ofd'"):
        writer_class("ofd")


class TextWriter:
    """A third writer, plugged in by registering it: the layout's paragraphs as plain text."""

    name, suffix, paginates = "txt", ".txt", True

    @classmethod
    def create(cls, theme, *, fonts=None, stamp=None):
        return cls()

    def render(self, layout) -> WriterResult:
        text = "\n".join(plain_text(i.inlines) for i in layout.items if i.kind == "para")
        return WriterResult(text.encode("utf-8"), 1)


def test_a_registered_writer_is_used_by_the_pipeline_and_the_command_line(tmp_path):
    from reportgen.cli import main

    (tmp_path / "note.md.j2").write_text("# {{ title }}\n\n正文。\n", encoding="utf-8")
    (tmp_path / "data.yaml").write_text("title: 通知\n", encoding="utf-8")
    register("txt", TextWriter)
    try:
        renderer = Renderer(load_template(tmp_path / "note.md.j2"))
        assert renderer.render({"title": "通知"}, "txt").data.decode("utf-8") == "通知\n正文。"
        out = tmp_path / "note.txt"
        assert main(["render", "--template", str(tmp_path / "note.md.j2"), "--data", str(tmp_path / "data.yaml"),
                     "--format", "txt", "--output", str(out), "-q"]) == 0
        assert out.read_text(encoding="utf-8") == "通知\n正文。"
    finally:
        del writers._REGISTRY["txt"]
    with pytest.raises(SystemExit):  # no longer a choice
        main(["render", "--template", "x", "--data", "y", "--format", "txt", "--output", "z"])
