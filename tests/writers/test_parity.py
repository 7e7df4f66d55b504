"""One layout, two drawings: the DOCX and the PDF of one document print the
same words in the same order, and every line of every official element sits
at the same place (DOCX twips against PDF x positions, within 0.5 pt), in
every built-in theme.

The DOCX side is read as a reader of the file would: a paragraph's first
piece is placed by its justification and indents (direct, else its style's),
later pieces by its tab stops.  The PDF side is read back with pdfplumber.
"""
from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn
from docx_outline import W, open_docx
from pdf_outline import outline

from reportgen.model import nodes as m
from reportgen.themes import builtin_themes, load_theme
from reportgen.writers.docx import DocxWriter
from reportgen.writers.pdf import PdfWriter

TOLERANCE = 0.5  # points


def T(text):
    return (m.Text(text),)


def P(text, role="body"):
    return m.Paragraph(T(text), role=role)


LONG = "某某名单很长很长的附件名称需要回行时应当与上一行附件名称的首字对齐"
COLOPHON = m.Colophon(entries=(("抄送", "市委各部门，市人大常委会办公厅，市政协办公厅，市法院，市检察院。"),),
                      printer="某某市人民政府办公室", print_date="2026年3月5日")
DOCUMENTS = {
    "upward": (  # 上行文: 份号 密级 紧急程度, 文号 with three 签发人, a colon already on the 主送
        m.Masthead("某某市人民政府文件", copy_no="000012", secrecy="机密★1年", urgency="特急",
                   doc_no="某政发〔2026〕3号", signers=("张三", "李四", "王五")),
        m.Title(T("关于某某工作情况的报告")),
        m.Addressee(("省人民政府：",)),
        P("现将有关情况报告如下。"),
        m.Heading(1, T("总体情况"), number="一、"),
        m.List((m.ListItem((P("第一项"),)), m.ListItem((P("第二项"),))), ordered=True),
        m.Attachments(("工作方案", LONG)),
        m.Signature(("某某市人民政府",), "2026年3月5日"),
        m.Div("note", (P("（此件公开发布）"),)),
        COLOPHON,
    ),
    "downward": (  # 文号 centred; a joint, sealed signature; bullets
        m.Masthead("某某市人民政府办公室文件", doc_no="某政办发〔2026〕12号"),
        m.Title(T("关于做好某某工作的通知")),
        m.Addressee(("各区人民政府", "市政府各部门")),
        P("为做好有关工作，现通知如下。"),
        m.List((m.ListItem((P("要点一"),)), m.ListItem((P("要点二"),)))),
        m.Attachments(("实施方案",)),
        m.Signature(("某某市农业农村局", "某某市财政局"), "2026年12月25日", sealed=True),
        COLOPHON,
    ),
    "long-date": (  # a date longer than the issuer: the date 右空二字, the issuer moves left
        P("正文。"),
        m.Signature(("某局",), "2026年12月25日"),
    ),
    "briefing": (
        m.Masthead("党史学习教育简报", variant="briefing", secrecy="内部资料", urgency="加急", copy_no="000035",
                   issue="18", total_issue="120", editor="某某领导小组办公室编", date="2026年10月12日"),
        m.Div("editor_note", (P("本期刊发各区做法，供学习借鉴。"),)),
        m.Div("article", (m.Title(T("某某区坚持示范引领")), P("领导干部带头学、带头讲。"))),
        m.Colophon(entries=(("报", "市委领导"), ("送", "各区委")), printer="某某领导小组办公室", copies="60",
                   variant="briefing"),
    ),
}


def words(text: str) -> str:
    return "".join(ch for ch in text if "\u3001" <= ch <= "\u9fff" or ch.isalnum())


# ------------------------------------------------------------------ reading the DOCX


def _ind(p, styles) -> dict:
    """The paragraph's indents in points: its style's, then its own (attribute by attribute)."""
    out = {"left": 0.0, "right": 0.0, "firstLine": 0.0, "hanging": 0.0}
    chain = []
    ppr = p.find(f"{W}pPr")
    sid = ppr.find(f"{W}pStyle").get(qn("w:val")) if ppr is not None and ppr.find(f"{W}pStyle") is not None else None
    while sid:
        st = styles.get(sid)
        if st is None:
            break
        chain.append(st.find(f"{W}pPr"))
        based = st.find(f"{W}basedOn")
        sid = based.get(qn("w:val")) if based is not None else None
    for source in [*reversed(chain), ppr]:
        ind = source.find(f"{W}ind") if source is not None else None
        if ind is None:
            continue
        for key in out:
            if ind.get(qn(f"w:{key}")) is not None:
                out[key] = int(ind.get(qn(f"w:{key}"))) / 20
        if ind.get(qn("w:hanging")) is not None:
            out["firstLine"] = 0.0
    return out


def _jc(p, styles) -> str:
    ppr = p.find(f"{W}pPr")
    jc = ppr.find(f"{W}jc") if ppr is not None else None
    if jc is None and ppr is not None and ppr.find(f"{W}pStyle") is not None:
        st = styles.get(ppr.find(f"{W}pStyle").get(qn("w:val")))
        jc = st.find(f"{W}pPr/{W}jc") if st is not None else None
    return {"both": "left", "start": "left", "end": "right"}.get(jc.get(qn("w:val")), jc.get(qn("w:val"))) \
        if jc is not None else "left"


def docx_pieces(data: bytes, width: float) -> list[tuple[str, str, float]]:
    """Every piece of text of the body in order: (text, anchor, x in points
    from the type area's left edge) — a paragraph split at its tabs."""
    doc = open_docx(data)
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.iter(f"{W}style")}
    out = []
    for p in doc.element.body.iter(f"{W}p"):
        texts, cur = [], []
        for e in p.iter(f"{W}t", f"{W}tab"):
            if e.tag == f"{W}tab" and e.getparent().tag == f"{W}r":
                texts.append("".join(cur))
                cur = []
            elif e.tag == f"{W}t":
                cur.append(e.text or "")
        texts.append("".join(cur))
        if not "".join(texts).strip():
            continue
        ind, jc = _ind(p, styles), _jc(p, styles)
        tabs = [(t.get(qn("w:val")), int(t.get(qn("w:pos"))) / 20) for t in p.iter(f"{W}tab")
                if t.getparent().tag == f"{W}tabs"]
        if jc == "right":
            first = ("right", width - ind["right"])
        elif jc == "center":
            first = ("center", (ind["left"] + width - ind["right"]) / 2)
        else:
            first = ("left", ind["left"] + ind["firstLine"] - ind["hanging"])
        anchors = [first] + [(val, pos) for val, pos in tabs]
        for i, text in enumerate(texts):
            if text.strip():
                anchor, x = anchors[min(i, len(anchors) - 1)]
                out.append((text, anchor, x))
    return out


# ------------------------------------------------------------------ the test


def _render(theme_name: str, body):
    theme = load_theme(theme_name)
    doc = m.Document(m.Meta(), tuple(body))
    return theme, DocxWriter(theme).render(doc).data, PdfWriter(theme).render(doc).data


@pytest.mark.parametrize("theme_name", builtin_themes())
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_same_words_same_order_same_places(theme_name, name):
    theme, docx, pdf = _render(theme_name, DOCUMENTS[name])
    pages = outline(pdf)
    before, _, after = theme.page_number.format.partition("{page}")
    number = re.compile(rf"^{re.escape(before.replace(' ', ''))}\d+{re.escape(after.replace(' ', ''))}$")  # "— 1 —"
    pdf_lines = [ln for pg in pages for ln in pg.lines if not number.match(ln.text)]
    assert words("".join(ln.text for ln in pdf_lines)) == words("".join(t for t, _, _ in docx_pieces(docx, 0)))

    left, width = theme.page.left, theme.page.type_width
    at = 0  # pieces are found in order
    for text, anchor, x in docx_pieces(docx, width):
        text = "".join(text.split())  # the PDF outline drops spaces (U+3000 between names too)
        probe = text[:6]
        k = next((i for i in range(at, len(pdf_lines)) if probe in pdf_lines[i].text), None)
        assert k is not None, f"{probe!r} not found in the PDF after line {at}: {[ln.text for ln in pdf_lines]}"
        at = k
        x0, x1 = pdf_lines[k].span(probe if anchor == "left" else text)
        got = {"left": x0, "right": x1, "center": (x0 + x1) / 2}[anchor] - left
        assert got == pytest.approx(x, abs=TOLERANCE), f"{text!r} ({anchor}): PDF {got:.2f} pt, DOCX {x:.2f} pt"


# ------------------------------------------------------------------ the drift cases, each once


def test_signature_date_shift_does_not_follow_the_right_inset(tmp_path):
    """right_chars: 3 moves the issuer; the date still starts 二字 right of it, in both formats."""
    theme_file = tmp_path / "t.yaml"
    theme_file.write_text("extends: gongwen\nelements:\n  signature: {right_chars: 3}\n", encoding="utf-8")
    theme = load_theme(str(theme_file))
    doc = m.Document(m.Meta(), (P("正文。"), m.Signature(("某某市人民政府办公室",), "2026年3月5日")))
    docx, pdf = DocxWriter(theme).render(doc).data, PdfWriter(theme).render(doc).data
    p1 = outline(pdf)[0]
    issuer, date = p1.find("某某市人民政府办公室"), p1.find("2026年3月5日")
    c = theme.char_width("signature")
    assert issuer.x1 == pytest.approx(theme.page.left + theme.page.type_width - 3 * c, abs=TOLERANCE)
    assert date.x0 - issuer.x0 == pytest.approx(2 * c, abs=TOLERANCE)
    pieces = {t: (a, x) for t, a, x in docx_pieces(docx, theme.page.type_width)}
    assert pieces["2026年3月5日"] == ("left", pytest.approx(date.x0 - theme.page.left, abs=TOLERANCE))


def _table(*rows):
    cells = [m.Row(tuple(m.Cell(T(t)) for t in row)) for row in rows]
    return m.Table((m.Column(), m.Column()), head=(cells[0],), body=tuple(cells[1:]))


def test_a_row_with_too_many_cells_is_the_same_error_in_both_formats():
    from reportgen.errors import MarkupError

    doc = m.Document(m.Meta(), (_table(("甲", "乙"), ("1", "2", "3")),))
    theme = load_theme("default")
    for writer in (DocxWriter(theme), PdfWriter(theme)):
        with pytest.raises(MarkupError, match="more cells than the table's 2 columns"):
            writer.render(doc)


def test_table_rules_and_head_alignment_agree(tmp_path):
    theme_file = tmp_path / "t.yaml"
    theme_file.write_text("extends: default\nroles:\n  table_header: {align: left}\n", encoding="utf-8")
    theme = load_theme(str(theme_file))
    doc = m.Document(m.Meta(), (_table(("项目名称", "数量"), ("宣讲", "12")),))
    docx, pdf = DocxWriter(theme).render(doc).data, PdfWriter(theme).render(doc).data
    tbl = open_docx(docx).element.body.find(f"{W}tbl")
    sizes = {b.get(qn("w:sz")) for b in tbl.find(f"{W}tblPr/{W}tblBorders")}
    assert sizes == {"4"}  # eighths of a point: 0.5 pt
    import io

    import pdfplumber
    with pdfplumber.open(io.BytesIO(pdf)) as d:
        widths = {round(e.get("linewidth", 0), 2) for e in d.pages[0].edges}
    assert widths == {0.5}
    head_jc = [tc.find(f"{W}p/{W}pPr/{W}jc").get(qn("w:val")) for tc in tbl.find(f"{W}tr").iter(f"{W}tc")]
    assert head_jc == ["left", "left"]  # the theme's table_header role, not forced centred
    head = outline(pdf)[0].find("项目名称")
    assert head.x0 < theme.page.left + theme.page.type_width / 4  # left in its (wide) column in the PDF too


def test_a_tall_image_is_capped_to_the_page_in_both_formats(tmp_path):
    path = tmp_path / "tall.png"
    path.write_bytes(open_png(20, 4000))  # 20 × 4000 pt (no dpi: 72): far taller than a page
    theme = load_theme("gongwen")
    doc = m.Document(m.Meta(), (m.Image(str(path)),))
    docx, pdf = DocxWriter(theme).render(doc).data, PdfWriter(theme).render(doc).data
    extent = open_docx(docx).element.body.find(".//{http://schemas.openxmlformats.org/drawingml/2006/"
                                                "wordprocessingDrawing}extent")
    docx_h = int(extent.get("cy")) / 12700
    import io

    import pdfplumber
    with pdfplumber.open(io.BytesIO(pdf)) as d:
        img = d.pages[0].images[0]
        pdf_h = img["bottom"] - img["top"]
    assert docx_h == pytest.approx(pdf_h, abs=TOLERANCE)
    assert pdf_h <= theme.page.type_height + 0.01


def test_headings_and_article_titles_are_the_same_outline_in_both_formats():
    """Word's navigation pane (w:outlineLvl) and the PDF's bookmarks list the same entries."""
    import io

    from pypdf import PdfReader

    body = (m.Div("article", (m.Title(T("某区坚持示范引领")), m.Heading(1, T("做法"), number="一、"), P("正文。"))),
            m.Div("article", (m.Title(T("某县丰富学习内容")), P("正文。"))))
    theme, docx, pdf = _render("briefing", body)

    def flat(items, level=0):
        for o in items:
            yield from flat(o, level + 1) if isinstance(o, list) else [(level, o.title)]
    bookmarks = list(flat(PdfReader(io.BytesIO(pdf)).outline))
    doc = open_docx(docx)
    levels = []
    for p in doc.element.body.iter(f"{W}p"):
        lvl = p.find(f"{W}pPr/{W}outlineLvl")
        if lvl is not None:
            levels.append((int(lvl.get(qn("w:val"))), "".join(t.text for t in p.iter(f"{W}t"))))
    assert bookmarks == levels == [(0, "某区坚持示范引领"), (1, "一、做法"), (0, "某县丰富学习内容")]


def test_text_after_a_title_is_back_on_the_line_grid_in_both_formats():
    """The layout writes the space that brings the text back to the 22-line
    grid into the text's space before: the PDF lines sit on the grid, and
    the DOCX carries the same space (no snapping left to either writer)."""
    from reportgen.layout import lay_out

    body = (m.Masthead("某某市人民政府文件", doc_no="某政发〔2026〕3号"),
            m.Title(T("某某市人民政府关于做好2026年度全市安全生产工作的通知")),
            m.Addressee(("各区人民政府",)), P("现通知如下。" * 12))
    theme, docx, pdf = _render("gongwen", body)
    pitch, top = theme.grid.line_pitch, theme.page.top
    lines = outline(pdf)[0].lines
    start = next(i for i, ln in enumerate(lines) if ln.text.startswith("各区人民政府"))
    assert len(lines[start:]) >= 4
    for ln in lines[start:-1]:  # the addressee and the body (not the page number)
        k = (ln.baseline - top - (pitch - 16) / 2 - 0.88 * 16) / pitch
        assert k == pytest.approx(round(k), abs=0.01), ln.text
    gap = lay_out(m.Document(m.Meta(), body), theme).items[2].space_before
    assert gap > 0
    addressee = next(p for p in open_docx(docx).element.body.iter(f"{W}p")
                     if "各区人民政府" in "".join(t.text for t in p.iter(f"{W}t")))
    assert int(addressee.find(f"{W}pPr/{W}spacing").get(qn("w:before"))) == round(gap * 20)


def test_nothing_touches_a_table_and_both_formats_leave_the_same_room(tmp_path):
    """An image or text after a table starts below the table's bottom rule
    (by the theme's table space_after), in the PDF and in the DOCX."""
    import io

    import pdfplumber

    path = tmp_path / "dot.png"
    path.write_bytes(open_png(40, 40))
    body = (_table(("项目", "数量"), ("宣讲", "12"), ("展演", "3")), m.Image(str(path)), P("表后正文。"))
    theme, docx, pdf = _render("gongwen", body)
    with pdfplumber.open(io.BytesIO(pdf)) as d:
        page = d.pages[0]
        bottom_rule = max(e["top"] for e in page.edges if e["orientation"] == "h")
        image_top = page.images[0]["top"]
    el = theme.elements
    assert image_top - bottom_rule == pytest.approx(el.table.space_after + el.image.space_before, abs=1.0)
    spacer = open_docx(docx).element.body.find(f"{W}tbl").getnext()
    assert int(spacer.find(f"{W}pPr/{W}spacing").get(qn("w:line"))) == round(el.table.space_after * 20)


def open_png(w, h):
    """A real, tiny, grey PNG written by hand (no Pillow needed)."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\x80" * w for _ in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
