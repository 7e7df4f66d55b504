"""Official-document elements (GB/T 9704 §7; 简报 conventions): masthead,
addressee, attachments, signature, colophon.

Vertical placement uses exact-height paragraphs: an empty "spacer" of N
points, or a line whose exact height equals its font size so the glyph's top
edge sits at the paragraph's top.  Horizontal placement uses indents and tab
stops computed in 字 (one character of the role's size, or the grid pitch for
grid-set text); ASCII letters and digits count as half a 字.
"""
from __future__ import annotations

from dataclasses import replace

from ...model.official import colophon_last_line, issue_text
from ...text import text_width
from ...themes.units import color_hex
from . import oxml as ox
from .styles import char_pt, role_style_id


class OfficialHandlers:
    """Mixin of DocxWriter: GB/T 9704 and 简报 elements."""

    def _el(self, group: str) -> dict:
        return self.theme.elements.get(group, {}) or {}

    def _line(self, ctx, role: str, parts, align: str | None = None, *, ind=None, tabs=None, before=None):
        """A one-line paragraph of ``role`` from (text, run-props) parts; "\\t" is a tab."""
        p = ox.new_p(self.style_id(role))
        pp = ox.ppr(p)
        if tabs:
            ox.set_tabs(pp, tabs)
        if before is not None:
            ox.set_spacing(pp, before=before)
        if ind is not None:
            ox.set_ind(pp, **ind)
        if align:
            ox.set_jc(pp, align)
        sub = replace(ctx, role=role, fmt={})
        for text, extra in parts:
            p.append(ox.tab_run() if text == "\t" else self.text_run(text, sub, **extra))
        return ctx.add(p)

    def _keep(self, p):
        """Keep ``p`` on the page of the next paragraph (署名 with its 成文日期)."""
        ox.set_flag(ox.ppr(p), "w:keepNext")
        return p

    def _flush(self, left=0.0, right=0.0):
        return dict(left=left, right=right, first=0, first_chars=0)

    # ------------------------------------------------------------ masthead (版头 / 报头)

    def render_masthead(self, node, ctx):
        if node.variant == "briefing":
            self._briefing_head(node, ctx)
        else:
            self._document_head(node, ctx)

    def _meta_lines(self, node, ctx) -> int:
        """份号, 密级, 紧急程度 top-left, one grid line each (密级/紧急 in the
        ``secrecy`` role, 3号黑体 in gongwen)."""
        hei = self.theme.style("secrecy")
        lines = [(node.copy_no, {}), (node.secrecy, {"east": hei.font, "latin": hei.latin}),
                 (node.urgency, {"east": hei.font, "latin": hei.latin})]
        n = 0
        for text, extra in lines:
            if text:
                self._line(ctx, "masthead_meta", [(text, extra)], "left", ind=self._flush())
                n += 1
        return n

    def _issuer(self, ctx, text: str, top_gap: float, max_width: float):
        """The big red mark: top edge ``top_gap`` below the current position, shrunk to fit."""
        st = self.theme.style("masthead")
        size = st.size
        if max_width and text_width(text) * size > max_width:
            size = max_width / text_width(text)
        if top_gap > 0:
            self.spacer(ctx, top_gap)
        p = self._line(ctx, "masthead", [(text, {"size": size})], "center", ind=self._flush())
        pp = ox.ppr(p)
        ox.set_flag(pp, "w:snapToGrid", False)
        ox.set_spacing(pp, line=size * 1.0, before=0, after=0)
        return size

    def _rule(self, ctx, gap: float, width: float, color=(1.0, 0.0, 0.0)):
        """A rule ``gap`` points below the previous line, across the type area."""
        p = self.spacer(ctx, gap)
        ox.set_bottom_rule(ox.ppr(p), width, color_hex(color))
        return p

    def _document_head(self, node, ctx):
        m = self._el("masthead")
        pitch = self.theme.line_pitch("masthead_meta")
        n = self._meta_lines(node, ctx)
        self._issuer(ctx, node.issuer, m.get("issuer_top", 0) - n * pitch, m.get("issuer_max_width", 0))
        if node.doc_no or node.signers:
            self.spacer(ctx, m.get("doc_no_gap", 2 * pitch))
            if node.signers:
                self._doc_no_with_signers(node, ctx)
            else:
                self._line(ctx, "masthead_meta", [(node.doc_no, {})], "center", ind=self._flush())
        self._rule(ctx, m.get("rule_gap", 0), m.get("rule_width", 1.0), self.theme.color("red"))
        if m.get("title_gap"):
            self.spacer(ctx, m["title_gap"])

    def _doc_no_with_signers(self, node, ctx):
        """上行文: 文号 left (左空一字), 签发人：names right (右空一字), names in 楷体;
        two names a line, the 文号 on the last line."""
        c = char_pt(self.theme, "masthead_meta")
        right_tab = [("right", self.theme.page.type_width - c)]
        kai = self.theme.style("signer")
        kai_props = {"east": kai.font, "latin": kai.latin}
        rows = [node.signers[i:i + 2] for i in range(0, len(node.signers), 2)]
        for i, names in enumerate(rows):
            parts = []
            if i == len(rows) - 1 and node.doc_no:
                parts.append((node.doc_no, {}))
            parts.append(("\t", {}))
            parts.append(("签发人：" if i == 0 else "\u3000" * 4, {}))
            parts.append(("\u3000".join(names), kai_props))
            self._line(ctx, "masthead_meta", parts, "left", ind=self._flush(left=c), tabs=right_tab)

    def _briefing_head(self, node, ctx):
        m = self._el("masthead")
        pitch = self.theme.line_pitch("masthead_meta")
        n = self._meta_lines(node, ctx)
        self._issuer(ctx, node.issuer, m.get("issuer_top", 0) - n * pitch, m.get("issuer_max_width", 0))
        issue = issue_text(node.issue, node.total_issue)
        if issue:
            if m.get("issue_gap"):
                self.spacer(ctx, m["issue_gap"])
            self._line(ctx, "issue_no", [(issue, {})], "center", ind=self._flush())
        if node.editor or node.date:
            if m.get("meta_gap"):
                self.spacer(ctx, m["meta_gap"])
            tabs = [("right", self.theme.page.type_width)]
            self._line(ctx, "masthead_meta", [(node.editor or "", {}), ("\t", {}), (node.date or "", {})],
                       "left", ind=self._flush(), tabs=tabs)
        self._rule(ctx, m.get("rule_gap", 0), m.get("rule_width", 1.5), self.theme.color("red"))
        if m.get("body_gap"):
            self.spacer(ctx, m["body_gap"])

    # ------------------------------------------------------------ addressee, attachments

    def render_addressee(self, node, ctx):
        gap = self._el("addressee").get("gap_before")
        before = gap if gap and ctx.prev not in ("title", "masthead") else None
        text = "、".join(node.names).rstrip("：:") + "："
        self._line(ctx, "addressee", [(text, {})], "left", ind=self._flush(), before=before)

    def render_attachments(self, node, ctx):
        """附件：1.XXX — later names aligned under the first name's number; a
        wrapped name aligns with its own first character (hanging indent)."""
        if not node.names:
            return
        c = char_pt(self.theme, "attachments")
        indent = self.theme.style("attachments").indent or 2
        label = "附件："
        start = (indent + text_width(label)) * c
        before = self._el("attachments").get("gap_before")
        numbered = len(node.names) > 1
        for i, name in enumerate(node.names):
            prefix = f"{i + 1}." if numbered else ""
            pw = text_width(prefix) * c
            parts = ([(label, {})] if i == 0 else []) + [(prefix + name, {})]
            hang = pw + (start - indent * c if i == 0 else 0)
            self._line(ctx, "attachments", parts, "left", ind=dict(left=start + pw, hanging=hang),
                       before=before if i == 0 else None)

    # ------------------------------------------------------------ signature

    def render_signature(self, node, ctx):
        # 署名 never stands alone on a page: the last line of text goes with it.
        last = _last_block(ctx)
        if last is not None and last.tag == ox.qn("w:p"):
            self._keep(last)
        s = self._el("signature")
        c = char_pt(self.theme, "signature")
        width = self.theme.page.type_width
        li = max((text_width(x) for x in node.issuers), default=0)
        ld = text_width(node.date)
        if node.sealed:
            # 7.3.5.1: date 右空四字; issuer centred over the date.
            rd = s.get("sealed_right_chars", 4) * c
            centre = width - rd - ld * c / 2
            before = s.get("sealed_gap_before", s.get("gap_before"))
            for i, name in enumerate(node.issuers):
                left = max(0.0, centre - text_width(name) * c / 2)
                self._keep(self._line(ctx, "signature", [(name, {})], "left", ind=self._flush(left=left),
                                      before=before if i == 0 else None))
            self._line(ctx, "signature", [(node.date, {})], "right", ind=self._flush(right=rd),
                       before=None if node.issuers else before)
            return
        # 7.3.5.2: issuer 右空二字; the date's first character two 字 right of the issuer's.
        right = s.get("right_chars", 2)
        ri = right if ld <= li - right else 2 * right + ld - li
        start = width - (ri + li) * c
        before = s.get("gap_before")
        for i, name in enumerate(node.issuers):
            self._keep(self._line(ctx, "signature", [(name, {})], "right", ind=self._flush(right=ri * c),
                                  before=before if i == 0 else None))
        self._line(ctx, "signature", [(node.date, {})], "left",
                   ind=self._flush(left=start + right * c), before=None if node.issuers else before)

    # ------------------------------------------------------------ colophon (版记 / 报尾)

    def render_colophon(self, node, ctx):
        """Rows of a one-column floating table anchored to the bottom of the
        type area (tblpPr vertAnchor=margin, tblpYSpec=bottom), so its last
        (thick) rule lies on the 版心 bottom edge of the page it lands on."""
        el = self._el("colophon")
        c = self.theme.style("colophon").size
        inset = el.get("inset", 1) * c
        width = self.theme.page.type_width
        thick, thin = el.get("thick", 1.0), el.get("thin", 0.75)
        tbl = ox.tbl(None, width, [width], jc="left",
                     borders={"top": thick, "bottom": thick, "insideH": thin})
        ox.float_at_bottom(tbl, self.theme.page.left)
        row_h = self.theme.line_pitch("colophon") + 8
        for label, text in node.entries:
            lw = text_width(label + "：") * c
            p = self._cell_p(ctx, [(f"{label}：{text}", {})], ind=dict(left=inset + lw, hanging=lw, right=inset))
            tbl.append(self._row(p, width, row_h))
        last = self._colophon_last(node, ctx, width, inset)
        if last is not None:
            tbl.append(self._row(last, width, row_h))
        ctx.add(tbl)
        anchor = self.spacer(ctx, 1)  # Word needs a paragraph after a (floating) table
        return anchor

    def _colophon_last(self, node, ctx, width, inset):
        line = colophon_last_line(node)
        if line is None:
            return None
        left, right = line
        if not left:
            return self._cell_p(ctx, [(right, {})], align="right", ind=self._flush(right=inset))
        return self._cell_p(ctx, [(left, {}), ("\t", {}), (right, {})],
                            ind=self._flush(left=inset), tabs=[("right", width - inset)])

    def _cell_p(self, ctx, parts, align="left", ind=None, tabs=None):
        p = ox.new_p(role_style_id("colophon") if "colophon" in self._roles else "Normal")
        pp = ox.ppr(p)
        if tabs:
            ox.set_tabs(pp, tabs)
        ox.set_flag(pp, "w:snapToGrid", False)
        if ind:
            ox.set_ind(pp, **ind)
        ox.set_jc(pp, align)
        sub = replace(ctx, role="colophon", fmt={})
        for text, extra in parts:
            p.append(ox.tab_run() if text == "\t" else self.text_run(text, sub, **extra))
        return p

    def _row(self, p, width, height):
        row = ox.tr(height_pt=height)
        cell = ox.tc(width)
        cell.append(p)
        row.append(cell)
        return row


def _last_block(ctx):
    """The block element last added to ``ctx`` (before a body's sectPr), or None."""
    kids = [e for e in ctx.container if e.tag != ox.qn("w:sectPr")]
    return kids[-1] if kids else None
