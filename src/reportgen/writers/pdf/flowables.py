"""Flowables that draw text laid out by ``linebreak``: TextBlock (a
paragraph)
and the drawing helpers shared with the official-document elements."""
from __future__ import annotations

import math

from reportlab.platypus import Flowable

from .linebreak import Line, Unit, break_lines, place

ASCENT = 0.88  # CJK ideographic em box: top at 0.88 em above the baseline
MIN_LINES = 2  # a paragraph split across pages leaves and takes at least two lines
FAUX_BOLD = 1 / 30  # stroke width per point of size
ITALIC_SKEW = math.tan(math.radians(12))


def baseline_offset(pitch: float, size: float) -> float:
    """From a line box's top to its baseline: the em box centred in the box."""
    return (pitch - size) / 2 + ASCENT * size


def draw_units(canv, units: list[Unit], xs: list[float], x0: float, baseline: float) -> None:
    """Draw each unit at its own x (x0 + xs[i]), piece by piece, in one PDF
    text object per call (fonts, colours and render modes switch inside it)."""
    bold = next((p.style.size for u in units for p in u.pieces if p.style.bold and p.text), None)
    if bold is not None:  # faux bold strokes the outlines with this width
        canv.setLineWidth(bold * FAUX_BOLD)
    t = canv.beginText()
    font = color = mode = None
    spacing = 0.0
    marks = []  # underlines and links, drawn after the text
    for unit, ux in zip(units, xs):
        natural = sum(p.width for p in unit.pieces)
        x = x0 + ux
        if unit.tracking:  # Latin letters and digits: each followed by the tracking
            if unit.tracking != spacing:
                spacing = unit.tracking
                t.setCharSpace(spacing)
        else:  # centred in a grid cell (0 off the grid)
            x += (unit.advance - natural) / 2
            if spacing:
                spacing = 0.0
                t.setCharSpace(0.0)
        for p in unit.pieces:
            st = p.style
            if p.text:
                y = baseline + st.rise
                if st.italic:
                    t.setTextTransform(1, 0, ITALIC_SKEW, 1, x, y)
                else:
                    t.setTextOrigin(x, y)
                if (p.font, st.size) != font:
                    font = (p.font, st.size)
                    t.setFont(p.font, st.size)
                if st.color != color:
                    color = st.color
                    t.setFillColorRGB(*st.color)
                    t.setStrokeColorRGB(*st.color)
                if st.bold != mode:  # faux bold: fill and stroke the outlines
                    mode = st.bold
                    t.setTextRenderMode(2 if st.bold else 0)
                t.textOut(p.text)
                if st.underline or st.link:
                    marks.append((p, x, y))
            x += p.width + unit.tracking * len(p.text)
    canv.drawText(t)
    for p, x, y in marks:
        _mark(canv, p, x, y)


def _mark(canv, p, x: float, y: float) -> None:
    st = p.style
    if st.underline:
        canv.setStrokeColorRGB(*st.color)
        canv.setLineWidth(st.size / 20)
        canv.line(x, y - 0.12 * st.size, x + p.width, y - 0.12 * st.size)
    if st.link:
        canv.linkURL(st.link, (x, y - 0.12 * st.size, x + p.width, y + ASCENT * st.size), relative=1)


class TextBlock(Flowable):
    """A paragraph of break units, wrapped to the available width, split
    across frames at line boundaries, drawn unit by unit."""

    def __init__(self, units: list[Unit], *, align: str = "justify", size: float = 12.0,
                 leading: float = 18.0, first_indent: float = 0.0, left_indent: float = 0.0,
                 right_indent: float = 0.0, space_before: float = 0.0, space_after: float = 0.0,
                 keep_with_next: bool = False, lines: list[Line] | None = None,
                 lines_width: float | None = None, outline: tuple[int, str] | None = None):
        super().__init__()
        self.units = units
        self.align = align
        self.size = size
        self.leading = leading
        self.first_indent = first_indent
        self.left_indent = left_indent
        self.right_indent = right_indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self._lines = lines
        self._lines_width = lines_width
        self.outline = outline  # (level, title): a bookmark to this block's first line

    def _kw(self) -> dict:
        return dict(align=self.align, size=self.size, leading=self.leading, left_indent=self.left_indent,
                    right_indent=self.right_indent, keep_with_next=self.keepWithNext)

    def measure(self, avail_width: float) -> float:
        return avail_width - self.left_indent - self.right_indent

    def lines(self, avail_width: float) -> list[Line]:
        w = self.measure(avail_width)
        if self._lines is None or self._lines_width is None or abs(self._lines_width - w) > 1e-6:
            self._lines = break_lines(list(self.units), w, self.first_indent)
            self._lines_width = w
        return self._lines

    def wrap(self, availWidth, availHeight):
        self._avail = availWidth
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        """Lines that fit here, and the rest: never fewer than MIN_LINES on
        either side (widow and orphan control, as Word's widowControl)."""
        lines = self.lines(availWidth)
        n = min(int((availHeight + 1e-6) // self.leading), len(lines) - MIN_LINES)
        if n < MIN_LINES:
            return []
        w = self.measure(availWidth)
        head, tail = lines[:n], lines[n:]
        units_head = [u for ln in head for u in ln.units]
        units_tail = [u for ln in tail for u in ln.units]
        a = TextBlock(units_head, first_indent=self.first_indent, space_before=self.spaceBefore,
                      lines=head, lines_width=w, outline=self.outline, **self._kw())
        a.keepWithNext = False
        b = TextBlock(units_tail, space_after=self.spaceAfter, lines=tail, lines_width=w, **self._kw())
        return [a, b]

    def draw(self):
        canv = self.canv
        if self.outline is not None:
            level, title = self.outline
            key = f"o{id(self)}"
            canv.bookmarkHorizontal(key, 0, self.height)
            canv.addOutlineEntry(title, key, level=level)
        w = self.measure(self.width)
        off = baseline_offset(self.leading, self.size)
        canv.saveState()
        for i, ln in enumerate(self.lines(self.width)):
            xs = place(ln, w, self.align)
            draw_units(canv, ln.units, xs, self.left_indent, self.height - i * self.leading - off)
        canv.restoreState()


class Rule(Flowable):
    """A horizontal rule across the available width."""

    def __init__(self, width: float, color=(0, 0, 0), space_before: float = 0.0, space_after: float = 0.0):
        super().__init__()
        self.line_width = width
        self.color = color
        self.spaceBefore = space_before
        self.spaceAfter = space_after

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.line_width
        return availWidth, self.height

    def draw(self):
        self.canv.setStrokeColorRGB(*self.color)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, self.line_width / 2, self.width, self.line_width / 2)
