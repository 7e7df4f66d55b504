"""DOCX writer: GB/T 9704 and 简报 elements (masthead, signature, colophon, attachments)."""
from __future__ import annotations

from docx.oxml.ns import qn
from docx_outline import W, body_lines, open_docx, para_text, run_fonts, style_el

from reportgen.model import Attachments, Colophon, Document, Masthead, Meta, Paragraph, Signature, Text
from reportgen.themes import load_theme
from reportgen.writers.docx import DocxWriter

TYPE_W = 156 / 25.4 * 72  # 版心 width, points
GRID_C = TYPE_W / 28  # one 字 of grid-set 三号 text: the grid's character pitch (the layout's unit)
SLACK = (28.95 - 16) / 2  # a 三号 line box's space above and below the glyphs
SET_C = 16 - 0.3  # a grid-set 三号 character as set on a line (its size less the grid's tracking)
DIGIT = 8 - 0.3  # a digit: half the size, less the tracking


_LAST: dict = {}


def body(theme: str, *blocks):
    data = DocxWriter(load_theme(theme)).render(Document(Meta(), tuple(blocks))).data
    _LAST["data"] = data
    return [p for p in open_docx(data).element.body if p.tag in (f"{W}p", f"{W}tbl")]


def attr(p, path, name):
    e = p.find(f"{W}pPr/{path}")
    return None if e is None else e.get(qn(f"w:{name}"))


def exact_height(p) -> float:
    """The paragraph's exact line height: direct formatting, else its style's."""
    line = attr(p, f"{W}spacing", "line")
    if line is None:
        st = style_el(_LAST["data"], attr(p, f"{W}pStyle", "val"))
        assert st.find(f"{W}pPr/{W}spacing").get(qn("w:lineRule")) == "exact"
        line = st.find(f"{W}pPr/{W}spacing").get(qn("w:line"))
    return int(line) / 20


def twips_pt(v) -> float:
    return int(v) / 20


# ------------------------------------------------------------------ 版头


def test_document_masthead_stack():
    ps = body("gongwen", Masthead(issuer="某某市人民政府文件", doc_no="某政发〔2026〕3号",
                                  copy_no="000001", secrecy="机密★1年", urgency="特急"))
    texts = [para_text(p) for p in ps]
    mark = texts.index("某某市人民政府文件")
    assert texts[:3] == ["000001", "机密★1年", "特急"]
    assert run_fonts(ps[1].find(f"{W}r"))["eastAsia"] == "黑体"
    # Everything above the mark adds up to 35 mm (its top edge below the 版心 top).
    above = sum(exact_height(p) for p in ps[:mark])
    assert abs(above - 35 / 25.4 * 72) < 0.2
    assert attr(ps[mark], f"{W}pStyle", "val") == "RGMasthead"
    assert attr(ps[mark], f"{W}jc", "val") == "center"
    assert exact_height(ps[mark]) == 36  # 小初, exact line = the mark's size
    # 发文字号 two grid lines below the mark, centred.
    no = texts.index("某政发〔2026〕3号")
    assert no == mark + 2 and abs(exact_height(ps[mark + 1]) - 2 * 28.95) < 0.1
    assert attr(ps[no], f"{W}jc", "val") == "center"
    # Red rule 4 mm below the 文号's glyphs: a paragraph bottom border.
    rule = ps[no + 1]
    assert abs(exact_height(rule) - (4 / 25.4 * 72 - SLACK)) < 0.1
    bottom = rule.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (bottom.get(qn("w:color")), bottom.get(qn("w:sz"))) == ("FF0000", "8")
    assert rule.find(f"{W}pPr/{W}ind").get(qn("w:left")) == "0"
    # Title two lines below the rule.
    assert abs(exact_height(ps[no + 2]) - 2 * 28.95) < 0.1


def test_masthead_mark_shrinks_to_the_type_width():
    name = "中华人民共和国某某部某某司某某处某某科文件"
    ps = body("gongwen", Masthead(issuer=name))
    mark = next(p for p in ps if para_text(p) == name)
    size = int(mark.find(f"{W}r/{W}rPr/{W}sz").get(qn("w:val"))) / 2
    assert size < 36 and len(name) * size <= TYPE_W + 0.5
    assert mark.find(f"{W}r/{W}rPr/{W}color") is None  # red comes from the RG Masthead style


def test_upward_document_puts_signer_on_the_doc_no_line():
    ps = body("gongwen", Masthead(issuer="某某市人民政府文件", doc_no="某政〔2026〕5号", signers=("张三",)))
    line = next(p for p in ps if "签发人" in para_text(p))
    assert para_text(line) == "某政〔2026〕5号\\t签发人：\\t张三"
    assert abs(twips_pt(attr(line, f"{W}ind", "left")) - GRID_C) < 0.1  # 居左空一字
    label, names = line.findall(f"{W}pPr/{W}tabs/{W}tab")
    assert label.get(qn("w:val")) == names.get(qn("w:val")) == "left"
    # the names end one 字 from the right edge; the label just before them
    assert abs(twips_pt(names.get(qn("w:pos"))) - (TYPE_W - GRID_C - 2 * SET_C)) < 0.1
    assert abs(twips_pt(label.get(qn("w:pos"))) - (TYPE_W - GRID_C - 6 * SET_C)) < 0.1
    name_run = [r for r in line.iter(f"{W}r") if "".join(t.text for t in r.iter(f"{W}t")) == "张三"][0]
    assert run_fonts(name_run)["eastAsia"] == "楷体_GB2312"


def test_briefing_masthead():
    ps = body("briefing", Masthead(issuer="工作动态", variant="briefing", issue="3", total_issue="45",
                                   editor="市委办公室", date="2026年3月5日"))
    lines = body_lines(ps[0].getparent())
    assert "p RGMasthead jc=center fonts=方正小标宋简体 | 工作动态" in lines
    assert "p RGIssueNo jc=center fonts=楷体_GB2312 | 第3期（总第45期）" in lines
    meta = next(p for p in ps if para_text(p) == "市委办公室\\t2026年3月5日")
    tab = meta.find(f"{W}pPr/{W}tabs/{W}tab")
    assert tab.get(qn("w:val")) == "right" and abs(twips_pt(tab.get(qn("w:pos"))) - TYPE_W) < 0.1
    rule = ps[ps.index(meta) + 1]
    bottom = rule.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (bottom.get(qn("w:color")), bottom.get(qn("w:sz"))) == ("FF0000", "12")  # 1.5 pt
    assert abs(exact_height(rule) - (3 / 25.4 * 72 - SLACK)) < 0.1  # 3 mm below the glyphs
    assert abs(exact_height(ps[0]) - 10 / 25.4 * 72) < 0.1  # issuer_top spacer


# ------------------------------------------------------------------ 署名, 附件说明


def test_unsealed_signature_date_starts_two_chars_right_of_issuer():
    issuer, date = "某某市人民政府办公室", "2026年3月5日"
    ps = body("gongwen", Signature((issuer,), date))
    sig, dt = ps
    assert attr(sig, f"{W}jc", "val") == "right"
    right = twips_pt(attr(sig, f"{W}ind", "right"))
    assert abs(right - 2 * GRID_C) < 0.1
    issuer_start = TYPE_W - right - len(issuer) * SET_C
    assert attr(dt, f"{W}jc", "val") == "left"
    assert abs(twips_pt(attr(dt, f"{W}ind", "left")) - (issuer_start + 2 * GRID_C)) < 0.2
    assert abs(twips_pt(attr(sig, f"{W}spacing", "before")) - 28.95) < 0.1


def test_unsealed_signature_long_date_keeps_two_chars_right():
    ps = body("gongwen", Signature(("某某局",), "2026年12月25日"))
    sig, dt = ps
    date_w = 3 * SET_C + 8 * DIGIT  # 年月日 and 8 digits
    assert attr(dt, f"{W}jc", "val") == "right"  # the long date is itself 右空二字
    assert abs(twips_pt(attr(dt, f"{W}ind", "right")) - 2 * GRID_C) < 0.1
    date_start = TYPE_W - 2 * GRID_C - date_w
    assert abs(twips_pt(attr(sig, f"{W}ind", "left")) - (date_start - 2 * GRID_C)) < 0.2


def test_sealed_signature_centres_issuer_over_date():
    issuer, date = "某某市人民政府", "2026年3月5日"
    sig, dt = body("gongwen", Signature((issuer,), date, sealed=True))
    assert attr(dt, f"{W}jc", "val") == "right"
    assert abs(twips_pt(attr(dt, f"{W}ind", "right")) - 4 * GRID_C) < 0.1
    date_w = 3 * SET_C + 6 * DIGIT  # 2026年3月5日
    date_centre = TYPE_W - 4 * GRID_C - date_w / 2
    assert attr(sig, f"{W}jc", "val") == "center"
    ind = sig.find(f"{W}pPr/{W}ind")
    issuer_centre = (twips_pt(ind.get(qn("w:left"))) + TYPE_W - twips_pt(ind.get(qn("w:right")))) / 2
    assert abs(date_centre - issuer_centre) < 0.2
    assert abs(twips_pt(attr(sig, f"{W}spacing", "before")) - 3 * 28.95) < 0.1


def test_attachments_align_names():
    ps = body("gongwen", Attachments(("工作方案", "联系人名单")))
    assert [para_text(p) for p in ps] == ["附件：1.工作方案", "2.联系人名单"]
    ind1, ind2 = (p.find(f"{W}pPr/{W}ind") for p in ps)
    first_start = twips_pt(ind1.get(qn("w:left"))) - twips_pt(ind1.get(qn("w:hanging")))
    assert abs(first_start - 2 * GRID_C) < 0.1  # 左空二字
    # "2." starts under "1." (after 附件：), and wrapped lines align with the name.
    second_start = twips_pt(ind2.get(qn("w:left"))) - twips_pt(ind2.get(qn("w:hanging")))
    assert abs(second_start - (2 * GRID_C + 3 * SET_C)) < 0.1  # 左空二字 + 附件：
    assert ind1.get(qn("w:left")) == ind2.get(qn("w:left"))


# ------------------------------------------------------------------ 版记 / 报尾


def _borders(tbl):
    b = tbl.find(f"{W}tblPr/{W}tblBorders")
    return {e.tag.replace(W, ""): (e.get(qn("w:val")), e.get(qn("w:sz"))) for e in b}


def test_colophon_rules_and_bottom_anchor():
    ps = body("gongwen", Paragraph((Text("正文"),)),
              Colophon(entries=(("抄送", "市委办公厅，市人大常委会办公厅。"),),
                       printer="某某市人民政府办公室", print_date="2026年3月5日"))
    tbl = next(p for p in ps if p.tag == f"{W}tbl")
    pos = tbl.find(f"{W}tblPr/{W}tblpPr")
    assert (pos.get(qn("w:vertAnchor")), pos.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    assert abs(twips_pt(pos.get(qn("w:tblpX"))) - 28 / 25.4 * 72) < 0.1
    b = _borders(tbl)
    assert b["top"] == ("single", "8") and b["bottom"] == ("single", "8")  # 0.35 mm
    assert b["insideH"] == ("single", "6")  # 0.25 mm
    assert b["left"][0] == "nil" and b["right"][0] == "nil"
    assert abs(twips_pt(tbl.find(f"{W}tblPr/{W}tblW").get(qn("w:w"))) - TYPE_W) < 0.1
    rows = [[para_text(p) for p in tr.iter(f"{W}p")] for tr in tbl.iter(f"{W}tr")]
    assert rows == [["抄送：市委办公厅，市人大常委会办公厅。"], ["某某市人民政府办公室\\t2026年3月5日印发"]]
    cc = next(tbl.iter(f"{W}p"))
    assert cc.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == "RGColophon"
    ind = cc.find(f"{W}pPr/{W}ind")
    assert abs(twips_pt(ind.get(qn("w:left"))) - twips_pt(ind.get(qn("w:hanging"))) - 14) < 0.1  # 左空一字 (四号)
    assert abs(twips_pt(ind.get(qn("w:right"))) - 14) < 0.1
    assert ps[-1].tag == f"{W}p"  # a paragraph follows the floating table


def test_briefing_colophon():
    ps = body("briefing", Colophon(entries=(("报", "市委、市政府领导。"), ("送", "各区委办公室。")),
                                   copies="80", variant="briefing"))
    tbl = next(p for p in ps if p.tag == f"{W}tbl")
    rows = [[para_text(p) for p in tr.iter(f"{W}p")] for tr in tbl.iter(f"{W}tr")]
    assert rows == [["报：市委、市政府领导。"], ["送：各区委办公室。"], ["共印80份"]]
    last = list(tbl.iter(f"{W}p"))[-1]
    assert last.find(f"{W}pPr/{W}jc").get(qn("w:val")) == "right"
    assert tbl.find(f"{W}tblPr/{W}tblpPr").get(qn("w:tblpYSpec")) == "bottom"
    assert _borders(tbl)["top"] == ("single", "8")
