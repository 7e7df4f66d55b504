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
    return DocxWriter(load_theme(theme)).render(Document(Meta(title="测试"), tuple(blocks))).data


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
        assert ind.get(qn("w:firstLineChars")) is None, role  # points only: readers agree on them
        assert int(ind.get(qn("w:firstLine"))) == round(st.indent * th.char_width(role) * 20), role
        if not st.indent:
            assert ind.get(qn("w:firstLine")) == "0", role
        if not st.left_indent:
            assert ind.get(qn("w:left")) == "0", role
    if theme == "gongwen":
        title = style_el(doc, "Title").find(f"{W}pPr/{W}ind")
        assert title.get(qn("w:firstLine")) == "0"


# ------------------------------------------------------------------ tables


def _tbl(*columns, rows):
    from reportgen.model import Cell, Row, Table
    head = (Row(tuple(Cell(T(h)) for h in ("方面", "事项", "数量"))),)
    body = tuple(Row(tuple(Cell(T(x)) for x in r)) for r in rows)
    return Table(columns, head, body)


def _grid(data):
    tbl = open_docx(data).element.body.find(f"{W}tbl")
    tblw = int(tbl.find(f"{W}tblPr/{W}tblW").get(qn("w:w")))
    grid = [int(g.get(qn("w:w"))) for g in tbl.iter(f"{W}gridCol")]
    return tbl, tblw, grid


def test_table_columns_take_widths_from_their_content():
    from reportgen.model import Column
    rows = [("一领", "区委理论学习中心组开展党史专题学习", "10次"),
            ("三加强", "两新党员占在岗职工党员比例", "27.17%")]
    data = render("gongwen", _tbl(Column(), Column(align="left"), Column(align="right"), rows=rows))
    tbl, tblw, grid = _grid(data)
    th = load_theme("gongwen")
    assert tblw == round(th.page.type_width * 20) == sum(grid)
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(qn("w:type")) == "fixed"
    assert grid[1] > 4 * max(grid[0], grid[2])
    # the middle column holds its 17 字 on one line (14 pt 四号 + margins)
    assert grid[1] / 20 >= 17 * th.style("table").size
    assert min(grid) / 20 >= 2 * th.style("table").size
    for tr in tbl.iter(f"{W}tr"):
        assert [int(tc.find(f"{W}tcPr/{W}tcW").get(qn("w:w"))) for tc in tr.iter(f"{W}tc")] == grid
    rows_jc = [[tc.find(f"{W}p/{W}pPr/{W}jc").get(qn("w:val")) for tc in tr.iter(f"{W}tc")]
               for tr in tbl.iter(f"{W}tr")]
    assert rows_jc[0] == ["center"] * 3  # header cells centred
    assert rows_jc[1] == ["center", "left", "right"]  # no column alignment: the table role's (centred)


def test_explicit_column_widths_are_relative_weights():
    from reportgen.model import Column
    data = render("gongwen", _tbl(Column(width=1), Column(width=2), Column(width=1),
                                  rows=[("甲", "乙", "丙")]))
    _, tblw, grid = _grid(data)
    assert sum(grid) == tblw
    assert abs(grid[1] - 2 * grid[0]) <= 2 and abs(grid[0] - grid[2]) <= 2


def test_table_rowspan_does_not_shift_column_widths():
    from reportgen.model import Cell, Column, Row, Table
    head = (Row((Cell(T("方面")), Cell(T("事项")), Cell(T("数量")))),)
    body = (Row((Cell(T("联学"), rowspan=2), Cell(T("结对共学的机关党支部及其他单位")), Cell(T("1")))),
            Row((Cell(T("开展联合主题党日活动的次数")), Cell(T("2")))))
    _, _, grid = _grid(render("gongwen", Table((Column(),) * 3, head, body)))
    assert grid[1] > 3 * grid[0] and grid[1] > 3 * grid[2]


# ------------------------------------------------------------------ signature


@pytest.mark.parametrize("sealed", (False, True))
def test_signature_stays_with_its_date_and_the_last_line_of_text(sealed):
    from reportgen.model import Signature
    data = render("gongwen", Paragraph(T("正文第一段。")), Paragraph(T("特此报告。")),
                  Signature(("某某市人民政府办公室",), "2026年3月5日", sealed=sealed))
    ps = list(open_docx(data).element.body.iter(f"{W}p"))
    texts = ["".join(t.text for t in p.iter(f"{W}t")) for p in ps]
    keep = [p.find(f"{W}pPr/{W}keepNext") is not None for p in ps]
    i = texts.index("特此报告。")
    assert keep[i - 1:i + 3] == [False, True, True, False]
    assert texts[i + 1:i + 3] == ["某某市人民政府办公室", "2026年3月5日"]


def test_styles_forbid_hanging_punctuation():
    doc = open_docx(render("gongwen", Paragraph(T("正文"))))
    for sid in ("Normal", "Title", "RGNote", "RGSignature"):
        el = style_el(doc, sid).find(f"{W}pPr/{W}overflowPunct")
        assert el is not None and el.get(qn("w:val")) == "0", sid


@pytest.mark.parametrize("theme", THEMES)
def test_titles_and_captions_keep_with_next(theme):
    doc = open_docx(render(theme, Paragraph(T("正文"))))
    for role in ("title", "subtitle", "article_title", "caption"):
        assert style_el(doc, role_style_id(role)).find(f"{W}pPr/{W}keepNext") is not None, role
    assert style_el(doc, "Normal").find(f"{W}pPr/{W}keepNext") is None
