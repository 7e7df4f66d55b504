"""Vertical rhythm decided once: what keeps with what, and the line grid.

``keep`` links a 附注 to the 署名 above it (GB/T 9704 7.3.6: the note sits
on the line after the 成文日期, never alone on a page).

``on_grid`` keeps grid-set text on the page's line grid (公文: 22 lines of
28.95 pt from the type area's top).  A block off the grid whose height the
layout knows (a title broken into lines here, the 版头, an image, a rule)
moves the grid-set text after it down by what it takes to reach the next
grid line: the space is written into that text's space before, so Word,
LibreOffice and the PDF put the text at the same height.  After a block of
unknown height (a table) the text follows it directly in both formats.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import nodes as m
from ..text import text_width
from .items import ImageBox, Official, PageBreak, Para, PartStart, RuleBox, RuleLine, TextLine

EPS = 0.01


def keep(items: list) -> list:
    out = list(items)
    for i in range(1, len(out)):
        prev, item = out[i - 1], out[i]
        if isinstance(prev, Official) and prev.element == "signature" and \
                isinstance(item, Para) and item.role == "note":
            out[i - 1] = replace(prev, keep_with_next=True)
    return out


def on_grid(items: list, theme) -> list:
    if theme.grid is None:
        return items
    pitch = theme.grid.line_pitch
    offset: float | None = 0.0  # height since the last grid line (None: unknown)
    out = []
    for item in items:
        if _grid_set(item, theme):
            rem = offset % pitch if offset is not None else 0.0
            if EPS < rem < pitch - EPS:
                before = _space_before(item, theme) + pitch - rem
                item = replace(item, space_before=before)
            offset = 0.0  # grid-set blocks are whole lines (and whole-line spaces)
        elif isinstance(item, (PageBreak, PartStart)):
            offset = 0.0
        else:
            h = _height(item, theme)
            offset = None if h is None or offset is None else offset + h
        out.append(item)
    return out


def _grid_set(item, theme) -> bool:
    if isinstance(item, Official):
        return item.grid
    return isinstance(item, Para) and theme.on_line_grid(item.role)


def _space_before(item, theme) -> float:
    if isinstance(item, Para) and item.space_before is None:
        return theme.style(item.role).space_before
    return item.space_before


def _height(item, theme) -> float | None:
    """The height a block takes in both formats, when the layout knows it."""
    if isinstance(item, Para):
        lines = _para_lines(item, theme)
        if lines is None:
            return None
        st = theme.style(item.role)
        before = st.space_before if item.space_before is None else item.space_before
        after = st.space_after if item.space_after is None else item.space_after
        return before + lines * theme.line_pitch(item.role) + after
    if isinstance(item, Official):
        if any(isinstance(ln, TextLine) and ln.wrap for ln in item.lines):
            return None
        body = sum(ln.gap_before + (ln.width if isinstance(ln, RuleLine) else ln.pitch) for ln in item.lines)
        return item.space_before + body + item.space_after
    if isinstance(item, ImageBox):
        return item.space_before + item.height + item.space_after
    if isinstance(item, RuleBox):
        return 2 * item.gap + item.width
    return None


def _para_lines(item: Para, theme) -> int | None:
    """How many lines a paragraph takes, when each of its (explicitly
    broken) lines fits its measure; None when the line breaker decides."""
    if not all(isinstance(n, (m.Text, m.LineBreak)) for n in item.inlines):
        return None
    st = theme.style(item.role)
    c = theme.char_width(item.role)
    left = st.left_indent * c if item.left is None else item.left
    right = st.right_indent * c if item.right is None else item.right
    first = st.indent * c if item.indent is None else item.indent
    width = theme.page.type_width - left - right
    text = "".join(s.text for s in item.lead) + \
        "".join(n.text if isinstance(n, m.Text) else "\n" for n in item.inlines)
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if text_width(line) * c > width - (first if k == 0 else 0.0) + EPS:
            return None
    return len(lines)
