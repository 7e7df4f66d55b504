"""Official-document elements as lines (GB/T 9704 §7; 简报 conventions).

Every horizontal position is decided here, in points from the type area's
left edge, from text widths in 字 (``reportgen.text``) times the
role's character width; every vertical distance is a gap between line boxes.
The figures come from the theme's typed elements (``theme.elements``).
"""
from __future__ import annotations

from ..model import nodes as m
from .items import ColophonBox, Official, Part, RuleLine, Span, TextLine
from ..text import is_wide, text_width
from .wording import colophon_last_line, issue_text

META = "masthead_meta"


def _line(role: str, theme, *parts: Part, gap: float = 0.0, pitch: float | None = None, **kw) -> TextLine:
    return TextLine(parts, role, theme.line_pitch(role) if pitch is None else pitch, gap, **kw)


def _width(text: str, role: str, theme) -> float:
    """The width of ``text`` in ``role`` as set on a line: a wide character
    takes its size, a narrow one (digits, Latin) half of it, as the Latin
    faces draw them; on the character grid each less its tracking."""
    wide = sum(1 for ch in text if is_wide(ch))
    size = theme.style(role).size
    return wide * size + (len(text) - wide) * size / 2 + len(text) * theme.char_tracking(role)


def _issuer_line(node: m.Masthead, theme, width: float, gap: float) -> TextLine:
    """The big red mark, centred, shrunk to fit; its line box is its em box."""
    size = theme.style("masthead").size
    limit = theme.elements.masthead.issuer_max_width or width
    want = text_width(node.issuer) * size
    if want > limit:
        size = size * limit / want * 0.999
    span = Span(node.issuer, "masthead", size=size)
    return _line("masthead", theme, Part((span,), width / 2, "center"), gap=max(gap, 0.0), pitch=size)


def masthead(node: m.Masthead, theme, width: float) -> Official:
    el = theme.elements.masthead
    p = theme.line_pitch(META)
    size = theme.style(META).size
    lines: list = []
    if node.variant == "briefing":
        lines += _briefing_corner(node, theme, width)
    else:
        for value, face in ((node.copy_no, None), (node.secrecy, "secrecy"), (node.urgency, "secrecy")):
            if value:  # 份号, 密级, 紧急程度 top left, one line each, in that order
                lines.append(_line(META, theme, Part((Span(value, META, face=face),), 0.0)))
    lines.append(_issuer_line(node, theme, width, el.issuer_top - len(lines) * p))
    if node.variant == "briefing":
        lines += _briefing_lines(node, theme, width)
        after = el.body_gap
    else:
        lines += _doc_no_lines(node, theme, width)
        after = el.title_gap
    last = lines[-1]
    last_size = size if last.role == META else (last.parts[0].spans[0].size or theme.style(last.role).size)
    slack = max((last.pitch - last_size) / 2, 0.0)
    lines.append(RuleLine(max(el.rule_gap - slack, 0.0), el.rule_width, theme.color("red")))
    return Official("masthead", tuple(lines), space_after=after, pos=node.pos)


def _briefing_corner(node: m.Masthead, theme, width: float) -> list[TextLine]:
    """简报: 密级 and 紧急程度 top left (a line each), 份号 top right."""
    left = [v for v in (node.secrecy, node.urgency) if v]
    rows = max(len(left), 1 if node.copy_no else 0)
    out = []
    for i in range(rows):
        parts = []
        if i < len(left):
            parts.append(Part((Span(left[i], META, face="secrecy"),), 0.0))
        if i == 0 and node.copy_no:
            parts.append(Part((Span(node.copy_no, META),), width, "right"))
        out.append(_line(META, theme, *parts))
    return out


def _doc_no_lines(node: m.Masthead, theme, width: float) -> list[TextLine]:
    """发文字号 centred two lines under the mark; for 上行文 the 文号 left
    (左空一字) on the line of the last 签发人, 签发人：names right (右空一字),
    two names a line, later lines aligned with the first name."""
    el = theme.elements.masthead
    if not (node.doc_no or node.signers):
        return []
    gap = el.doc_no_gap
    if not node.signers:
        return [_line(META, theme, Part((Span(node.doc_no or "", META),), width / 2, "center"), gap=gap)]
    c = theme.char_width(META)
    side = el.side_chars * c
    per = el.signers_per_line
    rows = ["\u3000".join(node.signers[i:i + per]) for i in range(0, len(node.signers), per)]
    names_x = width - side - max(_width(r, META, theme) for r in rows)
    label = "签发人："
    out = []
    for i, names in enumerate(rows):
        parts = []
        if i == len(rows) - 1 and node.doc_no:
            parts.append(Part((Span(node.doc_no, META),), side))
        if i == 0:
            parts.append(Part((Span(label, META),), names_x - _width(label, META, theme)))
        parts.append(Part((Span(names, META, face="signer"),), names_x))
        out.append(_line(META, theme, *parts, gap=gap if i == 0 else 0.0))
    return out


def _briefing_lines(node: m.Masthead, theme, width: float) -> list[TextLine]:
    """简报: 第N期 centred under the name; 编印单位 left and date right above the rule."""
    el = theme.elements.masthead
    out = []
    issue = issue_text(node.issue, node.total_issue)
    if issue:
        out.append(_line("issue_no", theme, Part((Span(issue, "issue_no"),), width / 2, "center"), gap=el.issue_gap))
    if node.editor or node.date:
        parts = []
        if node.editor:
            parts.append(Part((Span(node.editor, META),), 0.0))
        if node.date:
            parts.append(Part((Span(node.date, META),), width, "right"))
        out.append(_line(META, theme, *parts, gap=el.meta_gap))
    return out


def addressee(node: m.Addressee, theme, prev: str | None) -> Official:
    """主送机关 flush left, closed by one full-width colon.  The gap before it
    is left out right after a title or masthead (they bring their own)."""
    text = "、".join(n.strip() for n in node.names).rstrip("：:") + "："
    role = "addressee"
    gap = 0.0 if prev in ("title", "masthead") else theme.elements.addressee.gap_before
    return Official("addressee", (_line(role, theme, Part((Span(text, role),), 0.0), wrap=True),),
                    space_before=gap, grid=theme.on_line_grid(role), pos=node.pos)


def attachments(node: m.Attachments, theme) -> Official | None:
    """附件说明: 正文下空一行左空二字 "附件：", then the names, numbered when
    more than one; later names align under the first name's number, and a
    wrapped name aligns with its own first character."""
    if not node.names:
        return None
    role = "attachments"
    c = theme.char_width(role)
    label = "附件："
    start = theme.style(role).indent * c + _width(label, role, theme)
    lines = []
    for i, name in enumerate(node.names):
        number = f"{i + 1}." if len(node.names) > 1 else ""
        spans = ((Span(label, role),) if i == 0 else ()) + (Span(number + name, role),)
        x = start - (_width(label, role, theme) if i == 0 else 0.0)
        lines.append(_line(role, theme, Part(spans, x), wrap=True, hang=start + _width(number, role, theme) - x))
    return Official("attachments", tuple(lines), space_before=theme.elements.attachments.gap_before,
                    grid=theme.on_line_grid(role), pos=node.pos)


def signature(node: m.Signature, theme, width: float) -> Official:
    """发文机关署名 and 成文日期.  7.3.5.2 (no seal): the issuer 右空二字, the
    date on the next line with its first character 二字 right of the
    issuer's; a date longer than that is itself 右空二字 and the issuer
    moves left with it.  7.3.5.1 (sealed): the date 右空四字, each issuer
    centred over the date.  Each line is anchored where the standard
    measures it (the right end for 右空N字), so real glyph widths cannot
    move it."""
    el = theme.elements.signature
    role = "signature"
    c = theme.char_width(role)
    wi = max((_width(name, role, theme) for name in node.issuers), default=0.0)
    wd = _width(node.date, role, theme)
    if node.sealed:
        end = width - el.sealed_right_chars * c
        issuers = [Part((Span(name, role),), end - wd / 2, "center") for name in node.issuers]
        date = Part((Span(node.date, role),), end, "right")
        gap = el.sealed_gap_before
    else:
        end = width - el.right_chars * c
        shift = el.date_shift * c
        if end - wi + shift + wd <= end + 0.01:  # the usual case: the date fits under the issuer
            issuers = [Part((Span(name, role),), end, "right") for name in node.issuers]
            date = Part((Span(node.date, role),), end - wi + shift)
        else:  # a long date: it is 右空二字, the issuer starts 二字 left of it
            issuers = [Part((Span(name, role),), end - wd - shift) for name in node.issuers]
            date = Part((Span(node.date, role),), end, "right")
        gap = el.gap_before
    lines = [_line(role, theme, part) for part in (*issuers, date)]
    return Official("signature", tuple(lines), space_before=gap, grid=theme.on_line_grid(role),
                    keep_with_previous=True, pos=node.pos)


def colophon(node: m.Colophon, theme, width: float) -> ColophonBox:
    """版记 / 报尾 rows: each entry "抄送：…" with later lines aligned after
    the label, 左右各空一字; the last row 印发机关 left and 印发日期 (or 共印N份) right."""
    el = theme.elements.colophon
    role = "colophon"
    c = theme.char_width(role)
    inset = el.inset * c
    rows = []
    for label, text in node.entries:
        lead = f"{label}：" if label else ""
        rows.append(_line(role, theme, Part((Span(lead + text, role),), inset), wrap=True,
                          hang=_width(lead, role, theme), right=inset))
    last = colophon_last_line(node)
    if last is not None:
        left, right = last
        parts = []
        if left:
            parts.append(Part((Span(left, role),), inset))
        if right:
            parts.append(Part((Span(right, role),), width - inset, "right"))
        rows.append(_line(role, theme, *parts))
    return ColophonBox(tuple(rows), el.thick, el.thin, el.row_pad, even_page=el.even_page and node.variant != "briefing",
                       pos=node.pos)
