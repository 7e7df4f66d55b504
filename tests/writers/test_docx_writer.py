"""DOCX writer: render hand-built model Documents, read the files back."""
from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from docx_outline import W, body_lines, open_docx, outline, para_text, run_fonts, style_el

from reportgen.model import (
    INLINE_KINDS, Addressee, Cell, Code, Column, Div, Document, Emph, Heading, Image,
    LineBreak, Link, List, ListItem, Meta, PageBreak, Paragraph, Row, Strong, Styled, Sub, Sup, Table,
    Text, Title, Underline,
)
from dataclasses import replace

from reportgen.layout import ITEM_KINDS
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.docx.styles import base_document

THEMES = ("default", "gongwen", "briefing")


def render(theme: str, *blocks, meta=Meta(title="测试")) -> bytes:
    return DocxWriter(load_theme(theme)).render(Document(meta, tuple(blocks))).data


def T(s):
    return (Text(s),)


RICH = (
    Title(T("关于2026年工作的报告")),
    Heading(1, T("总体情况"), number="一、"),
    Heading(2, T("主要做法"), number="（一）"),
    Heading(3, T("细化措施"), number="1."),
    Heading(4, T("落实责任"), number="（1）"),
    Paragraph((Text("全年完成投资"), Strong(T("120亿元")), Emph(T("同比")), Underline(T("增长")),
               Text("m"), Sup(T("2")), Text("H"), Sub(T("2")), Text("O"), LineBreak(),
               Styled("lead", T("楷体强调")), Link("https://example.org", T("链接")), Code("x=1"))),
    List((ListItem((Paragraph(T("第一项")),)), ListItem((Paragraph(T("第二项")),))), ordered=True),
    List((ListItem((Paragraph(T("要点")),)),)),
    PageBreak(),
    Paragraph(T("右对齐的说明"), role="note", align="right"),
)


# ------------------------------------------------------------------ structure


def test_every_node_kind_has_a_handler():
    w = DocxWriter(load_theme("default"))
    missing = [k for k in ITEM_KINDS + INLINE_KINDS if not callable(w.handlers.get(k))]
    assert missing == []
    assert (w.name, w.suffix) == ("docx", ".docx")


def test_register_replaces_a_handler():
    w = DocxWriter(load_theme("default"))
    w.register("para", lambda item, ctx: w.render_para(replace(item, inlines=T("替换后的段落")), ctx))
    data = w.render(Document(Meta(), (Paragraph(T("原文")),))).data
    texts = [para_text(p) for p in open_docx(data).element.body.iter(f"{W}p")]
    assert "替换后的段落" in texts and "原文" not in texts


def test_base_document_is_built_once_per_theme():
    theme = load_theme("gongwen")
    assert base_document(theme) is base_document(theme)
    assert base_document(theme) is not base_document(load_theme("default"))


def test_core_properties_carry_the_title():
    d = open_docx(render("default", Paragraph(T("正文")), meta=Meta(title="年度报告", author="办公室")))
    assert d.core_properties.title == "年度报告"
    assert d.core_properties.author == "办公室"


# ------------------------------------------------------------------ styles and fonts


@pytest.mark.parametrize("theme", THEMES)
def test_heading_styles_have_outline_levels_and_theme_fonts(theme):
    th = load_theme(theme)
    data = render(theme, *RICH)
    for level in range(1, 5):
        s = style_el(data, f"Heading{level}")
        assert s.find(f"{W}name").get(qn("w:val")) == f"heading {level}"
        assert s.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == str(level - 1)
        st = th.style(f"heading{level}")
        f = s.find(f"{W}rPr/{W}rFonts")
        assert f.get(qn("w:eastAsia")) == st.font
        assert f.get(qn("w:ascii")) == f.get(qn("w:hAnsi")) == (st.latin or st.font)
        assert s.find(f"{W}rPr/{W}sz").get(qn("w:val")) == str(int(st.size * 2))
        assert f.get(qn("w:asciiTheme")) is None


def test_gongwen_body_and_custom_styles():
    data = render("gongwen", Paragraph(T("正文")))
    normal = style_el(data, "Normal")
    assert normal.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.find(f"{W}rPr/{W}rFonts").get(qn("w:ascii")) == "Times New Roman"
    assert normal.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "32"
    ind = normal.find(f"{W}pPr/{W}ind")
    assert ind.get(qn("w:firstLineChars")) is None
    assert int(ind.get(qn("w:firstLine"))) == 632  # 2 字 of the grid: 2 × 15.79 pt, as in the PDF
    assert normal.find(f"{W}rPr/{W}spacing").get(qn("w:val")) == "-6"
    sp = normal.find(f"{W}pPr/{W}spacing")
    assert (sp.get(qn("w:line")), sp.get(qn("w:lineRule"))) == ("579", "exact")
    assert normal.find(f"{W}pPr/{W}jc").get(qn("w:val")) == "both"
    assert normal.find(f"{W}pPr/{W}kinsoku") is not None
    # Not snapped to the grid (LibreOffice would give each 16 pt glyph two cells).
    assert normal.find(f"{W}pPr/{W}snapToGrid").get(qn("w:val")) == "0"
    title = style_el(data, "Title")
    assert title.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.find(f"{W}pPr/{W}snapToGrid").get(qn("w:val")) == "0"
    h1 = style_el(data, "Heading1")
    assert h1.find(f"{W}pPr/{W}keepNext") is not None
    for sid, name, font in (("RGAddressee", "RG Addressee", "仿宋_GB2312"),
                            ("RGSignature", "RG Signature", "仿宋_GB2312"),
                            ("RGColophon", "RG Colophon", "仿宋_GB2312"),
                            ("RGEditorNote", "RG Editor Note", "楷体_GB2312"),
                            ("RGMasthead", "RG Masthead", "方正小标宋简体")):
        s = style_el(data, sid)
        assert s.find(f"{W}name").get(qn("w:val")) == name
        assert s.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == font
    assert style_el(data, "RGMasthead").find(f"{W}rPr/{W}color").get(qn("w:val")) == "FF0000"
    assert style_el(data, "RGColophon").find(f"{W}rPr/{W}sz").get(qn("w:val")) == "28"


@pytest.mark.parametrize("theme", THEMES)
def test_every_chinese_run_has_east_asian_font(theme):
    data = render(theme, *RICH)
    d = open_docx(data)
    runs = [r for r in d.element.body.iter(f"{W}r") if any(
        "\u4e00" <= ch <= "\u9fff" for t in r.iter(f"{W}t") for ch in (t.text or ""))]
    assert len(runs) > 15
    assert all(run_fonts(r).get("eastAsia") for r in runs)


def test_inline_formatting_reaches_runs():
    d = open_docx(render("default", *RICH))
    body = d.element.body
    by_text = {"".join(t.text for t in r.iter(f"{W}t")): r for r in body.iter(f"{W}r")}
    assert by_text["120亿元"].find(f"{W}rPr/{W}b") is not None
    assert by_text["同比"].find(f"{W}rPr/{W}i") is not None
    assert by_text["增长"].find(f"{W}rPr/{W}u") is not None
    assert by_text["2"].find(f"{W}rPr/{W}vertAlign").get(qn("w:val")) in ("superscript", "subscript")
    assert run_fonts(by_text["楷体强调"])["eastAsia"] == "楷体"
    assert run_fonts(by_text["x=1"])["ascii"] == "Courier New"
    link = body.find(f".//{W}hyperlink")
    rid = link.get(qn("r:id"))
    assert d.part.rels[rid].target_ref == "https://example.org"
    assert any(br.get(qn("w:type")) == "page" for br in body.iter(f"{W}br"))
    lines = outline(render("default", *RICH))
    assert "p Heading1 fonts=黑体 | 一、总体情况" in lines
    assert "p Heading4 fonts=宋体 | （1）落实责任" in lines
    assert "p RGList fonts=宋体 | 1.\\t第一项" in lines
    assert "p RGList fonts=宋体 | •\\t要点" in lines
    assert "p RGNote jc=right fonts=宋体 | 右对齐的说明" in lines
    assert "p Title fonts=黑体 | 关于2026年工作的报告" in lines


# ------------------------------------------------------------------ section and page numbers


def test_gongwen_section_geometry():
    lines = outline(render("gongwen", Paragraph(T("正文"))))
    sect = open_docx(render("gongwen", Paragraph(T("正文")))).element.body.find(f"{W}sectPr")
    mar = {k: int(sect.find(f"{W}pgMar").get(qn("w:" + k))) for k in ("top", "left", "right", "bottom")}
    for k, want in (("top", 2098), ("left", 1587), ("right", 1474), ("bottom", 1984)):
        assert abs(mar[k] - want) <= 10, (k, mar[k])
    assert "pgSz w=11906 h=16838" in lines
    grid = sect.find(f"{W}docGrid")
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    assert abs(int(grid.get(qn("w:charSpace"))) + 848) <= 5
    assert sect.find(f"{W}pgMar").get(qn("w:footer")) == str(round(24 / 25.4 * 1440))


def test_gongwen_page_numbers_outside_with_page_fields():
    lines = outline(render("gongwen", Paragraph(T("正文"))))
    assert "evenAndOddHeaders True" in lines
    assert "footer ind[left=0 right=280] p RGPageNumber jc=right fonts=宋体 | — {PAGE} —" in lines
    assert "even ind[left=280 right=0] p RGPageNumber jc=left fonts=宋体 | — {PAGE} —" in lines


def test_default_page_number_is_one_centred_footer():
    lines = outline(render("default", Paragraph(T("正文"))))
    assert "evenAndOddHeaders False" in lines
    assert "footer ind[left=0 right=0] p RGPageNumber jc=center fonts=宋体 | — {PAGE} —" in lines
    assert "docGrid linePitch=360" in lines


def test_empty_page_number_format_gives_no_footer(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text("extends: default\nname: plain\npage_number: {format: ''}\n", encoding="utf-8")
    data = DocxWriter(load_theme(path)).render(Document(Meta(), (Paragraph(T("正文")),))).data
    assert "{PAGE}" not in outline(data)
    assert "instrText" not in open_docx(data).sections[0].footer._element.xml


# ------------------------------------------------------------------ tables and images


def _table():
    return Table(
        columns=(Column(align="left", width=2), Column(), Column(align="right")),
        head=(Row((Cell(T("地区"), rowspan=2), Cell(T("指标"), colspan=2))),
              Row((Cell(T("一季度")), Cell(T("二季度"))))),
        body=(Row((Cell(T("东区")), Cell(T("12")), Cell(T("15")))),
              Row((Cell(T("西区"), align="center"), Cell(T("9"), colspan=2)))),
        caption=T("表1 分区指标"),
    )


def test_table_header_rows_spans_and_merges():
    data = render("gongwen", _table())
    lines = outline(data)
    assert "p Caption jc=center fonts=黑体 | 表1 分区指标\ntbl\n" in lines
    assert "  tr header | [vmerge=restart]地区 | [span=2]指标" in lines
    assert "  tr header | [vmerge=continue] | 一季度 | 二季度" in lines
    assert "  tr | 东区 | 12 | 15" in lines
    assert "  tr | 西区 | [span=2]9" in lines
    tbl = open_docx(data).element.body.find(f"{W}tbl")
    grid = [int(g.get(qn("w:w"))) for g in tbl.iter(f"{W}gridCol")]
    assert abs(sum(grid) - 8844) <= 4 and grid[0] > grid[1]
    assert tbl.find(f"{W}tblPr/{W}tblBorders/{W}insideH").get(qn("w:val")) == "single"
    cells = list(tbl.iter(f"{W}tc"))
    styles = [c.find(f"{W}p/{W}pPr/{W}pStyle").get(qn("w:val")) for c in cells]
    assert styles[:2] == ["RGTableHeader", "RGTableHeader"] and styles[-1] == "RGTable"
    jcs = {para_text(c.find(f"{W}p")): c.find(f"{W}p/{W}pPr/{W}jc") for c in cells}
    assert jcs["东区"].get(qn("w:val")) == "left" and jcs["15"].get(qn("w:val")) == "right"
    assert jcs["西区"].get(qn("w:val")) == "center"


def test_image_is_inline_and_capped_to_text_width(tmp_path):
    from PIL import Image as PILImage
    png = tmp_path / "wide.png"
    PILImage.new("RGB", (3000, 300), "blue").save(png, dpi=(72, 72))
    data = render("gongwen", Image(str(png), alt="示意图"))
    ext = open_docx(data).element.body.find(f".//{{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}}extent")
    width_pt = int(ext.get("cx")) / 12700
    assert abs(width_pt - 156 / 25.4 * 72) < 1
    assert abs(int(ext.get("cy")) / int(ext.get("cx")) - 0.1) < 0.01


def test_missing_image_is_a_render_error():
    from reportgen.errors import RenderError
    with pytest.raises(RenderError, match="image not found"):
        render("default", Image("/nonexistent/x.png"))


def test_div_editor_note_gets_role_and_lead_label():
    data = render("briefing", Div("editor_note", (Paragraph(T("本期刊发两篇经验材料。")),
                                                  Paragraph(T("供参考。")))))
    lines = body_lines(open_docx(data).element.body)
    assert lines == ["p RGEditorNote fonts=楷体_GB2312 | 编者按：本期刊发两篇经验材料。",
                     "p RGEditorNote fonts=楷体_GB2312 | 供参考。"]
    first_run = open_docx(data).element.body.find(f"{W}p/{W}r")
    assert first_run.find(f"{W}rPr/{W}b") is not None


def test_addressee_joins_names():
    lines = body_lines(open_docx(render("gongwen", Addressee(("各区县人民政府", "市政府各部门")))).element.body)
    assert lines == ["p RGAddressee jc=left fonts=仿宋_GB2312 | 各区县人民政府、市政府各部门："]
