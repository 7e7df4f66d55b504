"""Official-document elements (GB/T 9704 版头, 署名, 版记; 简报 报头, 报尾).

Positions come from theme.elements (points).  Each element is a Placed
flowable: a fixed height and a list of draw steps (text at an x/baseline,
rules), computed once the available width is known."""
from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable

from ...model.official import colophon_last_line, issue_text
from .flowables import ASCENT, TextBlock, baseline_offset, draw_units
from .linebreak import Run, Unit


class Placed(Flowable):
    """Draw steps laid out for a width: ``build(width) -> (height, steps)``;
    a step is ("text", units, x, baseline_from_top) or
    ("rule", y_from_top, line_width, color)."""

    def __init__(self, build, *, space_before: float = 0.0, grid: bool = False, bottom: bool = False):
        super().__init__()
        self.build = build
        self.spaceBefore = space_before
        self.grid = grid
        self.bottom = bottom  # anchor to the frame bottom (版记)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.content_height, self.steps = self.build(availWidth)
        self.height = self.content_height
        if self.bottom and self.content_height <= availHeight:
            self.height = availHeight
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        canv = self.canv
        top = self.content_height  # content sits at the bottom when anchored
        canv.saveState()
        for step in self.steps:
            if step[0] == "text":
                _, units, x, base = step
                xs, acc = [], 0.0
                for u in units:
                    xs.append(acc)
                    acc += u.advance
                draw_units(canv, units, xs, x, top - base)
            elif step[0] == "rule":
                _, y, lw, color = step
                canv.setStrokeColorRGB(*color)
                canv.setLineWidth(lw)
                canv.line(0, top - y, self.width, top - y)
            elif step[0] == "block":
                _, tb, y = step
                tb.drawOn(canv, 0, top - y - tb.height)
        canv.restoreState()


def width_of(units: list[Unit]) -> float:
    return sum(u.advance for u in units)


def _fit_units(self, text: str, role: str, max_width: float, pos=None):
    """Units of ``text`` in ``role``, the size shrunk so they fit max_width."""
    style = self.run_style(role)
    units = self.units([Run(text, style)], role, pos)
    w = width_of(units)
    if w > max_width > 0:
        style = replace(style, size=style.size * max_width / w * 0.999)
        units = self.units([Run(text, style)], role, pos)
    return units, style.size


def render_masthead(self, node, ctx):
    if node.variant == "briefing":
        return [Placed(lambda w: _briefing_masthead(self, node, w))]
    return [Placed(lambda w: _document_masthead(self, node, w))]


def _text(self, text: str, role: str, pos=None, face: str | None = None) -> list[Unit]:
    style = self.run_style(role)
    if face:
        style = replace(style, face=face)
    return self.units([Run(text, style)], role, pos)


def _document_masthead(self, node, width):
    el = lambda k, d=0.0: self.element("masthead", k, default=d)  # noqa: E731
    meta = "masthead_meta"
    p, s = self.theme.line_pitch(meta), self.theme.style(meta).size
    cw = self.theme.char_width(meta)
    steps: list = []
    lines = [(node.copy_no, None), (node.secrecy, "secrecy"), (node.urgency, "secrecy")]
    for k, (value, role) in enumerate((v, r) for v, r in lines if v):
        face = self.theme.style(role).font if role else None  # 密级/紧急: 3号黑体
        steps.append(("text", _text(self, value, meta, node.pos, face=face), 0.0, k * p + baseline_offset(p, s)))
    top = el("issuer_top", 99.2)
    units, size = _fit_units(self, node.issuer, "masthead", el("issuer_max_width", width) or width, node.pos)
    steps.append(("text", units, (width - width_of(units)) / 2, top + ASCENT * size))
    bottom = top + size  # the mark's em box bottom
    if node.doc_no:
        box = bottom + el("doc_no_gap", 2 * p)
        base = box + baseline_offset(p, s)
        doc_no = _text(self, node.doc_no, meta, node.pos)
        if node.signers:
            steps.append(("text", doc_no, cw, base))
            kai = self.theme.style("signer").font  # 签发人 names: 3号楷体
            label = _text(self, "签发人：", meta, node.pos)
            names = _text(self, "　".join(node.signers), meta, node.pos, face=kai)
            x = width - cw - width_of(names) - width_of(label)
            steps.append(("text", label + names, x, base))
        else:
            steps.append(("text", doc_no, (width - width_of(doc_no)) / 2, base))
        bottom = box + (p - s) / 2 + s
    rule_y = bottom + el("rule_gap", 11.34)
    lw = el("rule_width", 1.0)
    steps.append(("rule", rule_y, lw, self.theme.color("red")))
    return rule_y + lw / 2 + el("title_gap", 2 * p), steps


def _briefing_masthead(self, node, width):
    el = lambda k, d=0.0: self.element("masthead", k, default=d)  # noqa: E731
    meta = "masthead_meta"
    p, s = self.theme.line_pitch(meta), self.theme.style(meta).size
    steps: list = []
    if node.secrecy:
        steps.append(("text", _text(self, node.secrecy, meta, node.pos), 0.0, baseline_offset(p, s)))
    if node.copy_no:
        u = _text(self, node.copy_no, meta, node.pos)
        steps.append(("text", u, width - width_of(u), baseline_offset(p, s)))
    top = el("issuer_top", 28.35)
    units, size = _fit_units(self, node.issuer, "masthead", el("issuer_max_width", width) or width, node.pos)
    steps.append(("text", units, (width - width_of(units)) / 2, top + ASCENT * size))
    y = top + size
    issue = issue_text(node.issue, node.total_issue)
    if issue:
        ip, isz = self.theme.line_pitch("issue_no"), self.theme.style("issue_no").size
        y += el("issue_gap", p / 2)
        u = _text(self, issue, "issue_no", node.pos)
        steps.append(("text", u, (width - width_of(u)) / 2, y + baseline_offset(ip, isz)))
        y += ip
    if node.editor or node.date:
        y += el("meta_gap", p)
        base = y + baseline_offset(p, s)
        if node.editor:
            steps.append(("text", _text(self, node.editor, meta, node.pos), 0.0, base))
        if node.date:
            u = _text(self, node.date, meta, node.pos)
            steps.append(("text", u, width - width_of(u), base))
        y += (p - s) / 2 + s
    rule_y = y + el("rule_gap", 8.5)
    lw = el("rule_width", 1.5)
    steps.append(("rule", rule_y, lw, self.theme.color("red")))
    return rule_y + lw / 2 + el("body_gap", p), steps


# --------------------------------------------------------------------------
# 发文机关署名 + 成文日期
# --------------------------------------------------------------------------


def render_signature(self, node, ctx):
    role = "signature"
    sealed = node.sealed
    p = self.theme.line_pitch(role)
    gap = self.element("signature", "sealed_gap_before" if sealed else "gap_before", default=p)
    return [Placed(lambda w: _signature(self, node, w), space_before=gap, grid=self.theme.on_line_grid(role))]


def _signature(self, node, width):
    """7.3.5.2 (unsealed): issuers right-inset right_chars; the date on the
    next line starts 2 characters right of the issuer's first character,
    or is itself right-inset right_chars when longer.  7.3.5.1 (sealed):
    the date right-inset sealed_right_chars, the issuers centred over it."""
    role = "signature"
    p, s = self.theme.line_pitch(role), self.theme.style(role).size
    cw = self.theme.char_width(role)
    issuers = [_text(self, name, role, node.pos) for name in node.issuers]
    date = _text(self, node.date, role, node.pos)
    wi = max((width_of(u) for u in issuers), default=0.0)
    wd = width_of(date)
    if node.sealed:
        date_x = width - self.element("signature", "sealed_right_chars", default=4) * cw - wd
        xs = [date_x + (wd - width_of(u)) / 2 for u in issuers]
    else:
        right = self.element("signature", "right_chars", default=2) * cw
        first = width - right - wi
        date_x = first + 2 * cw
        if date_x + wd > width - right + 0.01:
            date_x = width - right - wd
            first = date_x - 2 * cw
        xs = [first] * len(issuers)
    off = baseline_offset(p, s)
    steps = [("text", u, x, k * p + off) for k, (u, x) in enumerate(zip(issuers, xs))]
    steps.append(("text", date, date_x, len(issuers) * p + off))
    return (len(issuers) + 1) * p, steps


# --------------------------------------------------------------------------
# 版记 / 报尾
# --------------------------------------------------------------------------

ROW_PAD = 3.0  # points above and below the text of a 版记 row


def render_colophon(self, node, ctx):
    return [Placed(lambda w: _colophon(self, node, w), bottom=True)]


def _colophon(self, node, width):
    """Rows between rules, laid out from the top; the Placed flowable is
    bottom-anchored so the last (thick) rule lies on the type-area bottom."""
    role = "colophon"
    p, s = self.theme.line_pitch(role), self.theme.style(role).size
    cw = self.theme.char_width(role)
    inset = self.element("colophon", "inset", default=1) * cw
    thick = self.element("colophon", "thick", default=1.0)
    thin = self.element("colophon", "thin", default=0.7)
    style = self.run_style(role)
    rows: list[tuple[str, object]] = []
    for label, text in node.entries:
        lead = f"{label}：" if label else ""
        lead_w = width_of(self.units([Run(lead, style)], role, node.pos)) if lead else 0.0
        tb = TextBlock(self.units([Run(lead + text, style)], role, node.pos), align="left", size=s, leading=p,
                       first_indent=-lead_w, left_indent=inset + lead_w, right_indent=inset)
        tb.wrap(width, 1e6)
        rows.append(("block", tb))
    line = colophon_last_line(node)
    if line is not None:
        left, right = line
        rows.append(("pair", (_text(self, left, role, node.pos), _text(self, right, role, node.pos))))
    y, steps = thick / 2, []
    for k, (kind, item) in enumerate(rows):
        steps.append(("rule", y, thick if k == 0 else thin, (0, 0, 0)))
        y += ROW_PAD
        if kind == "block":
            steps.append(("block", item, y))
            y += item.height
        else:
            lu, ru = item
            base = y + baseline_offset(p, s)
            steps.append(("text", lu, inset, base))
            steps.append(("text", ru, width - inset - width_of(ru), base))
            y += p
        y += ROW_PAD
    steps.append(("rule", y, thick, (0, 0, 0)))
    return y, steps
