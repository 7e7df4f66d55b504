"""PDF writer tests: hand-built model Documents → PDF bytes → read back with
pdfplumber (and pdftoppm for ink positions)."""
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pdf_outline import dump, metadata, outline  # noqa: E402

from reportgen.errors import FontError  # noqa: E402
from reportgen.layout import ITEM_KINDS  # noqa: E402
from reportgen.model import nodes as m  # noqa: E402
from reportgen.text import LINE_END_FORBIDDEN as NO_END, LINE_START_FORBIDDEN as NO_START  # noqa: E402
from reportgen.themes.theme import load_theme  # noqa: E402
from reportgen.writers.pdf import PdfWriter  # noqa: E402

MM = 72 / 25.4
HANZI = "为深入贯彻落实党中央国务院关于优化营商环境决策部署进一步提升政务服务效能现将有关事项通知如下各地区部门要高度重视加强组织领导确保完成任务"
MARKS = list("，。、）》；：！？”") + ["（", "《", "“", "12.5%", "——", "……", "2025"]


def P(text, role="body", **kw):
    return m.Paragraph((m.Text(text),), role=role, **kw)


def rnd_text(seed: int, n: int) -> str:
    r = random.Random(seed)
    return "".join(r.choice(MARKS) if i and r.random() < 0.22 else r.choice(HANZI) for i in range(n))


def hanzi(seed: int, n: int) -> str:
    r = random.Random(seed)
    return "".join(r.choice(HANZI) for _ in range(n))


def type_area(theme):
    pg = theme.page
    return pg.left, pg.left + pg.type_width, pg.top, pg.height - pg.bottom  # left, right, top, bottom (from top)


def ink_top(pdf: bytes, page: int, x0: float, x1: float, y0: float, y1: float, tmp: Path) -> float:
    """The topmost dark pixel (points from the page top) in a box, from a
    300 dpi rendering by pdftoppm."""
    from PIL import Image

    (tmp / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "288", "-gray", "-png", "-f", str(page), "-l", str(page),
                    str(tmp / "doc.pdf"), str(tmp / "pg")], check=True)
    img = Image.open(next(tmp.glob("pg*.png"))).convert("L")
    s = 4.0  # px per point at 288 dpi
    for row in range(int(y0 * s), int(y1 * s)):
        for col in range(int(x0 * s), int(x1 * s)):
            if img.getpixel((col, row)) < 160:
                return row / s
    raise AssertionError("no ink in the box")


needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")


# ---------------------------------------------------------------- documents


@pytest.fixture(scope="module")
def default_pdf():
    theme = load_theme("default")
    body = [m.Title((m.Text("年度工作报告"),)), m.Heading(1, (m.Text("总体情况"),), number="一、")]
    body += [P(rnd_text(seed, 420)) for seed in range(5)]
    doc = m.Document(m.Meta(title="年度工作报告", author="市统计局", subject="统计"), tuple(body))
    return theme, doc, PdfWriter(theme).render(doc).data


@pytest.fixture(scope="module")
def grid_pdf():
    theme = load_theme("gongwen")
    body = tuple(P(hanzi(seed, 230)) for seed in range(4))
    return theme, m.Document(m.Meta(), body), PdfWriter(theme).render(m.Document(m.Meta(), body)).data


@pytest.fixture(scope="module")
def gongwen_pdf():
    theme = load_theme("gongwen")
    body = (
        m.Masthead(issuer="某某市人民政府文件", doc_no="某政发〔2025〕12号"),
        m.Title((m.Text("关于进一步优化营商环境的通知"),)),
        m.Addressee(("各区县人民政府", "市政府各部门")),
        P(rnd_text(11, 700)),
        m.Heading(1, (m.Text("总体要求"),), number="一、"),
        P(rnd_text(12, 300)),
        m.Signature(("某某市人民政府办公厅",), "2025年3月5日"),
        m.Colophon(entries=(("抄送", "市委办公厅，市人大常委会办公厅，市政协办公厅。"),),
                   printer="某某市人民政府办公室", print_date="2025年3月5日"),
    )
    doc = m.Document(m.Meta(title="通知"), body)
    return theme, doc, PdfWriter(theme).render(doc).data


@pytest.fixture(scope="module")
def briefing_pdf():
    theme = load_theme("briefing")
    body = (
        m.Masthead(issuer="党史学习教育简报", variant="briefing", issue="12", total_issue="45",
                   editor="市委党史学习教育领导小组办公室", date="2025年6月1日"),
        m.Div("editor_note", (P(rnd_text(21, 120)),)),
        m.Title((m.Text("我市扎实推进基层治理"),)),
        P(rnd_text(22, 300)),
        m.Colophon(entries=(("报", "省委办公厅"), ("送", "市委各部委")), copies="120", variant="briefing"),
    )
    return theme, body, PdfWriter(theme).render(m.Document(m.Meta(), body)).data


# ---------------------------------------------------------------- writer API


def test_every_node_kind_has_a_handler():
    w = PdfWriter(load_theme("default"))
    assert w.name == "pdf" and w.suffix == ".pdf"
    missing = [k for k in ITEM_KINDS + m.INLINE_KINDS if not w.handles(k)]
    assert missing == []


def test_register_replaces_a_handler():
    w = PdfWriter(load_theme("default"))
    doc = m.Document(m.Meta(), (P("甲"), m.PageBreak(), P("乙")))
    assert len(outline(w.render(doc).data)) == 2
    w.register("page_break", lambda node, ctx: [])
    assert len(outline(w.render(doc).data)) == 1


def test_missing_glyph_is_an_error_with_position():
    w = PdfWriter(load_theme("default"))
    doc = m.Document(m.Meta(), (m.Paragraph((m.Text("缺字\U0010FFFD"),), pos=m.SourcePos("r.md", 7)),))
    with pytest.raises(FontError, match=r"U\+10FFFD.*r\.md:7"):
        w.render(doc)


# ---------------------------------------------------------------- default theme


def test_default_text_metadata_and_sizes(default_pdf):
    theme, doc, pdf = default_pdf
    pages = outline(pdf)
    bottom = type_area(theme)[3]
    got = "".join(ln.text for p in pages for ln in p.lines if ln.baseline < bottom)
    for block in doc.body[2:]:
        assert m.plain_text(block.children) in got
    assert pages[0].find("年度工作报告").size == theme.style("title").size
    meta = metadata(pdf)
    assert meta["Title"] == "年度工作报告" and meta["Author"] == "市统计局"


def _body_lines(pages, theme):
    left, right, _, bottom = type_area(theme)
    return [[ln for ln in p.lines if ln.baseline < bottom and abs(ln.size - theme.style("body").size) < 0.01] for p in pages]


def test_kinsoku_and_flush_right_over_long_paragraphs(default_pdf):
    theme, _, pdf = default_pdf
    left, right, _, _ = type_area(theme)
    starts = full = 0
    for lines in _body_lines(outline(pdf), theme):
        for a, b in zip(lines, lines[1:]):
            assert b.text[0] not in NO_START, b.text
            starts += b.text[0] in "（《“"
            if abs(b.x0 - left) < 0.5:  # b continues a's paragraph: a is a full line
                assert a.text[-1] not in NO_END, a.text
                assert abs(a.x1 - right) <= 0.5, (a.text, a.x1, right)
                full += 1
    assert full > 40 and starts > 0


# ---------------------------------------------------------------- gongwen grid


def test_grid_28_chars_a_line_22_lines_a_page(grid_pdf):
    theme, _, pdf = grid_pdf
    pages = outline(pdf)
    left, right, top, bottom = type_area(theme)
    lines = _body_lines(pages, theme)[0]
    assert len(lines) == 22, dump(pages)
    pitch = theme.grid.line_pitch
    for a, b in zip(lines, lines[1:]):
        assert b.baseline - a.baseline == pytest.approx(pitch, abs=0.01)
    for ln in lines:
        assert ln.size == 16
        if abs(ln.x1 - right) <= 0.5:
            assert len(ln.text) == (26 if ln.x0 > left + 1 else 28), ln.text
    assert sum(abs(ln.x1 - right) <= 0.5 for ln in lines) >= 18


def test_gongwen_title_masthead_and_red_rule(gongwen_pdf, tmp_path):
    theme, _, pdf = gongwen_pdf
    p1 = outline(pdf)[0]
    left, right, top, _ = type_area(theme)
    assert p1.find("关于进一步优化营商环境的通知").size == 22
    mark = p1.find("某某市人民政府文件")
    assert mark.colors() == {(1.0, 0.0, 0.0)}
    assert p1.find("各区县人民政府、市政府各部门：").x0 == pytest.approx(left, abs=0.5)
    red = [r for r in p1.rules if r.color == (1.0, 0.0, 0.0)]
    assert len(red) == 1
    rule = red[0]
    assert rule.x0 == pytest.approx(left, abs=0.01) and rule.x1 == pytest.approx(right, abs=0.01)
    doc_no = p1.find("某政发〔2025〕12号")
    assert (doc_no.x0 + doc_no.x1) / 2 == pytest.approx((left + right) / 2, abs=1)
    # the rule's top edge 4 mm under the 文号's em box bottom (baseline + 0.12 em); a 1 pt rule
    assert rule.y - 0.5 - (doc_no.baseline + 0.12 * 16) == pytest.approx(4 * MM, abs=0.3)
    assert mark.baseline < doc_no.baseline < rule.y < p1.find("关于进一步").baseline


@needs_pdftoppm
def test_masthead_top_edge_35mm_below_type_area(gongwen_pdf, tmp_path):
    theme, _, pdf = gongwen_pdf
    p1 = outline(pdf)[0]
    left, right, top, _ = type_area(theme)
    mark = p1.find("某某市人民政府文件")
    y = ink_top(pdf, 1, mark.x0, mark.x1, top + 20 * MM, mark.baseline, tmp_path)
    assert y - top == pytest.approx(35 * MM, abs=1 * MM)


def test_page_numbers_outside(gongwen_pdf):
    theme, _, pdf = gongwen_pdf
    pages = outline(pdf)
    assert len(pages) >= 2
    left, right, _, bottom = type_area(theme)
    inset = theme.style("page_number").size
    for p in pages:
        num = p.find(f"—{p.number}—")
        assert num.size == 14
        if p.number % 2:
            assert num.x1 == pytest.approx(right - inset, abs=0.5)
        else:
            assert num.x0 == pytest.approx(left + inset, abs=0.5)
        assert 0 < num.baseline - bottom < 12 * MM


@needs_pdftoppm
def test_page_number_dash_7mm_below_type_area(gongwen_pdf, tmp_path):
    theme, _, pdf = gongwen_pdf
    p2 = outline(pdf)[1]
    _, _, _, bottom = type_area(theme)
    dash = p2.find("—2—").chars[0]
    y = ink_top(pdf, 2, dash["x0"] + 1, dash["x1"] - 1, bottom + 1, bottom + 15 * MM, tmp_path)
    assert y - bottom == pytest.approx(7 * MM, abs=0.5 * MM)


def test_signature_unsealed_positions(gongwen_pdf):
    theme, _, pdf = gongwen_pdf
    pages = outline(pdf)
    last = pages[-1]
    _, right, _, _ = type_area(theme)
    pitch = theme.grid.char_pitch
    issuer, date = last.find("某某市人民政府办公厅"), last.find("2025年3月5日")
    assert issuer.x1 == pytest.approx(right - 2 * pitch, abs=0.5)  # 右空二字
    assert date.x0 == pytest.approx(issuer.x0 + 2 * pitch, abs=0.5)  # 首字右移二字
    assert date.baseline - issuer.baseline == pytest.approx(theme.grid.line_pitch, abs=0.01)


def test_colophon_last_rule_on_type_area_bottom(gongwen_pdf):
    theme, _, pdf = gongwen_pdf
    last = outline(pdf)[-1]
    left, right, _, bottom = type_area(theme)
    black = sorted((r for r in last.rules if r.color in ((0.0,), (0.0, 0.0, 0.0))), key=lambda r: r.y)
    assert len(black) == 3
    assert black[-1].y == pytest.approx(bottom, abs=0.5 * MM)
    assert black[0].width == pytest.approx(0.35 * MM, abs=0.01) and black[1].width == pytest.approx(0.25 * MM, abs=0.01)
    printer, date = last.find("某某市人民政府办公室"), last.find("2025年3月5日印发")
    inset = 14  # one 四号 character
    assert printer.x0 == pytest.approx(left + inset, abs=0.5) and date.x1 == pytest.approx(right - inset, abs=0.5)
    assert black[1].y < printer.baseline < black[2].y


def test_gongwen_body_kinsoku(gongwen_pdf):
    theme, _, pdf = gongwen_pdf
    for lines in _body_lines(outline(pdf), theme):
        for ln in lines[1:]:
            assert ln.text[0] not in NO_START, ln.text


# ---------------------------------------------------------------- briefing


def test_briefing_masthead_and_colophon(briefing_pdf):
    theme, _, pdf = briefing_pdf
    pages = outline(pdf)
    p1 = pages[0]
    left, right, _, bottom = type_area(theme)
    name = p1.find("党史学习教育简报")
    assert name.colors() == {(1.0, 0.0, 0.0)} and name.size == 42
    issue = p1.find("第12期（总第45期）")
    assert (issue.x0 + issue.x1) / 2 == pytest.approx((left + right) / 2, abs=1)
    editor, date = p1.find("市委党史学习教育领导小组办公室"), p1.find("2025年6月1日")
    assert editor.x0 == pytest.approx(left, abs=0.5) and date.x1 == pytest.approx(right, abs=0.5)
    assert editor.baseline == pytest.approx(date.baseline)
    red = [r for r in p1.rules if r.color == (1.0, 0.0, 0.0)]
    assert len(red) == 1 and editor.baseline < red[0].y < p1.find("编者按：").baseline
    last = pages[-1]
    assert last.find("共印120份").x1 == pytest.approx(right - 14, abs=0.5)
    black = [r for r in last.rules if r.color in ((0.0,), (0.0, 0.0, 0.0))]
    assert max(r.y for r in black) == pytest.approx(bottom, abs=0.5 * MM)


# ---------------------------------------------------------------- blocks


def test_table_spans_repeat_head_and_caption():
    theme = load_theme("default")
    head = (m.Row((m.Cell((m.Text("地区"),)), m.Cell((m.Text("指标合计"),), colspan=2))),)
    body = tuple(m.Row((m.Cell((m.Text(f"区{i}"),)), m.Cell((m.Text(f"{i}.5%"),)), m.Cell((m.Text("达标"),))))
                 for i in range(80))
    table = m.Table(columns=(m.Column(width=1), m.Column(width=1), m.Column(width=1)), head=head, body=body,
                    caption=(m.Text("表1 分区指标"),))
    pages = outline(PdfWriter(theme).render(m.Document(m.Meta(), (table,))).data)
    assert len(pages) >= 2
    for p in pages:
        p.find("地区")
    left, right, _, _ = type_area(theme)
    x0, x1 = pages[0].find("指标合计").span("指标合计")
    third = left + (right - left) / 3
    assert (x0 + x1) / 2 == pytest.approx((third + right) / 2, abs=1)  # centred over the 2 merged columns
    cap, hd = pages[0].find("表1"), pages[0].find("地区")
    assert cap.baseline < hd.baseline
    assert any("79.5%" in ln.text for ln in pages[-1].lines)


def test_list_image_attachments_and_inlines(tmp_path):
    from PIL import Image

    png = tmp_path / "chart.png"
    Image.new("RGB", (2000, 500), (0, 120, 200)).save(png)
    theme = load_theme("gongwen")
    items = (m.ListItem((P(hanzi(1, 60)),)), m.ListItem((P("第二项"),)))
    body = (
        m.List(items, ordered=True),
        m.Image(str(png)),
        m.Paragraph((m.Text("含"), m.Strong((m.Text("加粗"),)), m.Text("H"), m.Sub((m.Text("2"),)), m.Text("O，"),
                     m.Link("https://example.org", (m.Text("链接"),)), m.LineBreak(), m.Text("下一行"))),
        m.Attachments(("实施方案", "某某名单很长很长的附件名称需要回行时应当与上一行附件名称的首字对齐才符合规范")),
    )
    pdf = PdfWriter(theme).render(m.Document(m.Meta(), body)).data
    with __import__("pdfplumber").open(__import__("io").BytesIO(pdf)) as doc:
        imgs = doc.pages[0].images
        assert len(imgs) == 1 and imgs[0]["x1"] - imgs[0]["x0"] <= theme.page.type_width + 0.01
    p1 = outline(pdf)[0]
    left = theme.page.left
    pitch = theme.grid.char_pitch
    first = p1.find("1.")
    assert first.x0 == pytest.approx(left + 2 * pitch, abs=0.5)  # the marker where a paragraph starts
    cont = p1.lines[p1.lines.index(first) + 1]
    assert cont.x0 == pytest.approx(left + 4 * pitch, abs=0.5)  # hanging indent: under the text
    assert p1.find("含加粗H2O，链接").x0 > left and p1.find("下一行").x0 == pytest.approx(left, abs=0.5)
    a1, a2 = p1.find("附件：1.实施方案"), p1.find("2.某某名单")
    wrapped = p1.lines[p1.lines.index(a2) + 1]
    assert a1.x0 == pytest.approx(left + 2 * pitch, abs=0.5)
    assert a2.x0 == pytest.approx(left + 5 * pitch, abs=0.5)  # under "1."
    assert wrapped.x0 > a2.x0 + 5  # aligned with the name, after "2."
    assert re.search(r"附件", "".join(ln.text for ln in p1.lines))


def _content(pdf: bytes, page: int = 0) -> bytes:
    import io

    import pdfplumber
    from pdfminer.pdftypes import resolve1

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        c = resolve1(doc.pages[page].page_obj.attrs["Contents"])
        parts = c if isinstance(c, list) else [c]
        return b"".join(resolve1(x).get_data() for x in parts)


def test_upward_masthead_shrunk_mark_sealed_signature_and_faux_bold():
    theme = load_theme("gongwen")
    body = (m.Masthead(issuer="某某省人民政府某某厅某某局某某处某某科联合文件", doc_no="某发〔2025〕3号", signers=("张三", "李四")),
            m.Paragraph((m.Text("正文"), m.Strong((m.Text("粗体"),)))),
            m.Signature(("某某市人民政府",), "2025年3月5日", sealed=True))
    pdf = PdfWriter(theme).render(m.Document(m.Meta(), body)).data
    p1 = outline(pdf)[0]
    left, right, _, _ = type_area(theme)
    pitch = theme.grid.char_pitch
    mark = p1.find("联合文件")
    assert mark.size < 36 and left - 0.5 <= mark.x0 and mark.x1 <= right + 0.5  # shrunk to the type width
    line = p1.find("签发人：张三")
    assert line.span("某发")[0] == pytest.approx(left + pitch, abs=0.5)  # 居左空一字
    assert line.span("李四")[1] == pytest.approx(right - pitch, abs=0.5)  # 居右空一字
    issuer, date = p1.find("某某市人民政府"), p1.find("2025年3月5日")
    assert date.x1 == pytest.approx(right - 4 * pitch, abs=0.5)  # sealed: 右空四字
    assert (issuer.x0 + issuer.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=0.5)
    assert b" 2 Tr" in _content(pdf)  # faux bold: fill + stroke


def test_caption_and_heading_stay_with_what_follows():
    theme = load_theme("gongwen")
    fill = P(hanzi(5, 26 + 28 * 20))  # 21 of the 22 grid lines
    table = m.Table(columns=(m.Column(), m.Column()), head=(m.Row((m.Cell((m.Text("项目"),)), m.Cell((m.Text("数值"),)))),),
                    body=(m.Row((m.Cell((m.Text("甲"),)), m.Cell((m.Text("1"),)))),), caption=(m.Text("表1 汇总"),))
    heading = m.Heading(1, (m.Text("总体要求"),), number="一、")
    pages = outline(PdfWriter(theme).render(m.Document(m.Meta(), (fill, table, fill, heading, P(hanzi(6, 80))))).data)
    page_of = {t: next(p.number for p in pages if any(t in ln.text for ln in p.lines)) for t in ("表1", "项目", "一、")}
    assert page_of["表1"] == page_of["项目"] == 2
    assert page_of["一、"] == 3
