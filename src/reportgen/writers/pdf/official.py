"""Official-document elements (版头, 主送, 附件说明, 署名; 版记 / 报尾) drawn
from the layout's lines.

Each element is a Placed flowable: a fixed height and a list of draw steps
(text at an x and a baseline, rules, wrapped text blocks), computed once the
available width is known.  Every position comes from the layout; this module
only measures text to anchor it (right or centre) at the layout's x.
"""
from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable, PageBreak

from .flowables import TextBlock, baseline_offset, draw_units
from .linebreak import Run, Unit


class Placed(Flowable):
    """Draw steps laid out for a width: ``build(width) -> (height, steps)``;
    a step is ("text", units, x, baseline_from_top), ("rule", y_from_top,
    line_width, color) or ("block", TextBlock, top_from_top)."""

    def __init__(self, build, *, space_before: float = 0.0, space_after: float = 0.0, bottom: bool = False):
        super().__init__()
        self.build = build
        self.spaceBefore = space_before
        self.spaceAfter = space_after
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


def span_units(self, spans, role: str, pos=None) -> list[Unit]:
    """Break units of layout Spans (each in its role, face, size, weight)."""
    runs = []
    for span in spans:
        style = self.run_style(span.role)
        if span.face:
            face = self.theme.style(span.face)
            style = replace(style, face=face.font, latin=face.latin)
        if span.size is not None:
            style = replace(style, size=span.size)
        if span.bold:
            style = replace(style, bold=True)
        runs.append(Run(span.text, style))
    return self.units(runs, role, pos)


def _line_steps(self, line, y: float, width: float, pos) -> tuple[list, float]:
    """Steps drawing one TextLine whose box starts ``y`` below the top; its height."""
    if line.wrap:
        part = line.parts[0]
        tb = TextBlock(span_units(self, part.spans, line.role, pos), align="left",
                       size=self.theme.style(line.role).size, leading=line.pitch,
                       first_indent=-line.hang, left_indent=part.x + line.hang, right_indent=line.right)
        tb.wrap(width, 1e6)
        return [("block", tb, y)], tb.height
    size = max((s.size or self.theme.style(s.role).size) for p in line.parts for s in p.spans)
    base = y + baseline_offset(line.pitch, size)
    steps = []
    for part in line.parts:
        units = span_units(self, part.spans, line.role, pos)
        w = width_of(units)
        x = part.x - w if part.anchor == "right" else part.x - w / 2 if part.anchor == "center" else part.x
        steps.append(("text", units, x, base))
    return steps, line.pitch


def _lines(self, item, width):
    y, steps = 0.0, []
    for line in item.lines:
        y += line.gap_before
        if line.kind == "rule_line":
            steps.append(("rule", y + line.width / 2, line.width, line.color))
            y += line.width
            continue
        more, h = _line_steps(self, line, y, width, item.pos)
        steps += more
        y += h
    return y, steps


def render_official(self, item, ctx):
    placed = Placed(lambda w: _lines(self, item, w), space_before=item.space_before, space_after=item.space_after)
    placed.keepWithNext = item.keep_with_next
    return [placed]


def render_colophon(self, item, ctx):
    placed = Placed(lambda w: _colophon(self, item, w), bottom=True)
    placed.is_colophon = True
    return [PageBreak() for _ in range(item.breaks)] + [placed]


def _colophon(self, item, width):
    """Rows between rules, laid out from the top; the Placed flowable is
    bottom-anchored so the last (thick) rule lies on the type-area bottom."""
    y, steps = item.thick / 2, []
    for k, line in enumerate(item.rows):
        steps.append(("rule", y, item.thick if k == 0 else item.thin, (0, 0, 0)))
        y += item.pad
        more, h = _line_steps(self, line, y, width, item.pos)
        steps += more
        y += h + item.pad
    steps.append(("rule", y, item.thick, (0, 0, 0)))
    return y, steps
