"""CJK line breaking and justification for the PDF writer (pure functions).

Pipeline: styled runs → per-character faces (``shape``) → break units
(``segment``) → lines (``break_lines``, clreq basic kinsoku with "push in,
then push out") → x positions (``place``).  Widths come from
``pdfmetrics.stringWidth`` per face; on a character grid every CJK unit
advances exactly the grid pitch.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from ...errors import FontError
from ...text import (
    LINE_END_FORBIDDEN, LINE_START_FORBIDDEN, NUMBER_MAGNITUDES, NUMBER_SUFFIXES, UNBREAKABLE_PAIRS, is_cjk,
    is_cjk_text, is_han,
)

FORCED_BREAK = "\n"


@dataclass(frozen=True)
class RunStyle:
    """How a run is set.  ``face``/``latin`` are theme face names."""

    face: str
    latin: str | None
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    rise: float = 0.0  # points; sup > 0, sub < 0
    link: str | None = None


@dataclass(frozen=True)
class Run:
    text: str
    style: RunStyle


@dataclass(frozen=True)
class Piece:
    """Consecutive characters of one unit drawn with one font and style."""

    text: str
    font: str  # ReportLab registered name
    style: RunStyle
    width: float


@dataclass(frozen=True)
class Unit:
    pieces: tuple[Piece, ...]
    advance: float  # width it takes on the line
    no_start: bool = False
    no_end: bool = False
    space: bool = False  # dropped at line ends
    forced: bool = False  # a hard line break
    tracking: float = 0.0  # points added after each character (Word's character spacing)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class Line:
    units: list[Unit] = field(default_factory=list)
    indent: float = 0.0  # extra left offset of this line (first-line indent)
    last: bool = False  # last line of the paragraph (or before a hard break)

    @property
    def natural(self) -> float:
        return sum(u.advance for u in self.units)

    @property
    def text(self) -> str:
        return "".join(u.text for u in self.units)


# --------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------


def is_latin(ch: str) -> bool:
    """Letters, digits and ASCII/Latin-1 signs: set in the role's latin face."""
    return ord(ch) < 0x2000 and not ch.isspace() and ch not in "·"


def _wordish(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch) or ch in "'’-_@#&+=~/\\" and ord(ch) < 0x80 or ch == "’"


# --------------------------------------------------------------------------
# Faces
# --------------------------------------------------------------------------


def face_for_char(ch: str, style: RunStyle, fonts, pos=None):
    """The PdfFace that draws ``ch``: the latin face for Latin text when it
    has the glyph, else the role's face, else its fallback chain.  Raises
    FontError naming the character when no face has it."""
    if style.latin and is_latin(ch):
        f = fonts.face(style.latin)
        if f.has(ch):
            return f
    f = fonts.face_for(ch, style.face)
    if f is None:
        name = unicodedata.name(ch, "unnamed character")
        where = {"file": getattr(pos, "file", None), "line": getattr(pos, "line", None)}
        raise FontError(
            f"no font has a glyph for {ch!r} (U+{ord(ch):04X} {name}) in face {style.face!r}"
            f"{' at ' + str(pos) if pos else ''}",
            hint="give the theme a font file that covers it (fonts: in the theme) or change the text",
            **where,
        )
    return f


def shape(runs, fonts, pos=None) -> list[tuple[str, RunStyle, str]]:
    """Per character: (char, style, registered font name).  Line breaks
    inside runs become FORCED_BREAK entries with no font."""
    out: list[tuple[str, RunStyle, str]] = []
    cache: dict[tuple[str, RunStyle], str] = {}
    for run in runs:
        for ch in run.text:
            if ch == FORCED_BREAK:
                out.append((ch, run.style, ""))
                continue
            if ch in "\t\r":
                ch = " "
            key = (ch, run.style)
            if key not in cache:
                cache[key] = face_for_char(ch, run.style, fonts, pos).name
            out.append((ch, run.style, cache[key]))
    return out


# --------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------


def _spans(chars: list[tuple[str, RunStyle, str]]) -> list[tuple[int, int]]:
    """Break-unit boundaries as (start, end) index pairs."""
    text = "".join(c[0] for c in chars)
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if ch == FORCED_BREAK or ch == " ":
            pass
        elif any(text.startswith(p, i) for p in UNBREAKABLE_PAIRS):
            j = i + 2
        elif _wordish(ch):
            while j < n and (_wordish(text[j]) or (text[j] in ".,:" and j + 1 < n and text[j + 1].isdigit()
                                                     and text[j - 1].isdigit())):
                j += 1
            while j < n and text[j] in NUMBER_SUFFIXES and text[j - 1].isdigit():
                j += 1
            if text[j - 1].isdigit():  # a number keeps its unit: 600余次, 1.1万名, 2021年
                while j < n and text[j] in NUMBER_MAGNITUDES:
                    j += 1
                if j < n and is_han(text[j]):
                    j += 1
        spans.append((i, j))
        i = j
    return spans


def _pieces(chars, i: int, j: int) -> tuple[Piece, ...]:
    out: list[Piece] = []
    k = i
    while k < j:
        _, style, font = chars[k]
        m = k + 1
        while m < j and chars[m][1] == style and chars[m][2] == font:
            m += 1
        text = "".join(c[0] for c in chars[k:m])
        out.append(Piece(text, font, style, stringWidth(text, font, style.size) if font else 0.0))
        k = m
    return tuple(out)


def segment(chars, pitch: float | None = None, tracking: float = 0.0) -> list[Unit]:
    """Break units.  With ``pitch`` (a character grid), every CJK unit
    advances pitch × its character count instead of its natural width;
    ``tracking`` (points, ≤ 0) is added to every other character, as Word's
    character spacing does (Latin letters and digits keep their own widths)."""
    units: list[Unit] = []
    for i, j in _spans(chars):
        text = "".join(c[0] for c in chars[i:j])
        if text == FORCED_BREAK:
            units.append(Unit((), 0.0, forced=True))
            continue
        pieces = _pieces(chars, i, j)
        advance = sum(p.width for p in pieces)
        cell = bool(pitch) and all(is_cjk_text(ch) for ch in text)
        if cell:
            advance = pitch * len(text)
        elif tracking:
            advance += tracking * len(text)
        units.append(Unit(pieces, advance, no_start=text[0] in LINE_START_FORBIDDEN,
                          no_end=text[-1] in LINE_END_FORBIDDEN, space=text == " ",
                          tracking=0.0 if cell else tracking))
    return units


# --------------------------------------------------------------------------
# Line breaking
# --------------------------------------------------------------------------

MAX_STRETCH = 0.25  # em: the most a justified line opens each gap between units
# Full-width marks whose blank half may be taken away (clreq 标点挤压):
# closing marks and stops lose their right half, opening marks their left.
_CLOSING = frozenset("、，。；：！？）》」』】〕〉”’")
_OPENING = frozenset("（《「『【〔〈“‘")


def _compressible(unit: Unit) -> float:
    """How much ``unit`` may give up: half a full-width mark, else nothing."""
    text = unit.text
    return unit.advance / 2 if len(text) == 1 and text in (_CLOSING | _OPENING) else 0.0


def _em(units: list[Unit]) -> float:
    return max((p.style.size for u in units for p in u.pieces), default=0.0)


def _loose(line: Line, width: float, used: float) -> bool:
    """Would ``line``, ended here, open its gaps wider than MAX_STRETCH?"""
    gaps = len(line.units) - 1
    return gaps > 0 and width - used > gaps * MAX_STRETCH * _em(line.units)


def _squeeze_room(unit: Unit) -> float:
    """How much a forbidden line-start mark may overflow: half its width
    (clreq: a full-width mark at line end may be set half width)."""
    return unit.advance / 2 if unit.no_start else 0.0


def _trim(line: Line) -> Line:
    while line.units and line.units[-1].space:
        line.units.pop()
    return line


def _push_out(line: Line, carry: list[Unit]) -> list[Unit]:
    """Move units from the end of ``line`` onto ``carry`` (the start of the
    next line) until the next line does not start with a forbidden mark and
    this one does not end with an opening mark.  Keeps one unit on the line."""
    def starts_badly() -> bool:  # spaces at the start of a line are dropped: look past them
        solid = next((u for u in carry if not u.space), None)
        return solid is not None and solid.no_start

    while len(line.units) > 1 and (starts_badly() or line.units[-1].no_end or line.units[-1].space):
        carry.insert(0, line.units.pop())
    return carry


def _pull_back(prev: Line) -> list[Unit]:
    """Units taken from the end of the finished line ``prev`` to start the
    next one, so that it does not begin with a forbidden mark."""
    moved: list[Unit] = []
    _trim(prev)
    while len(prev.units) > 1 and (not moved or prev.units[-1].no_end or moved[0].no_start):
        moved.insert(0, prev.units.pop())
        _trim(prev)
    return moved


def break_lines(units: list[Unit], width: float, first_indent: float = 0.0) -> list[Line]:
    """Greedy lines of at most ``width`` points (the first line starts
    ``first_indent`` in), obeying the kinsoku rules: a forbidden line-start
    mark is first squeezed onto the line (up to half its width, summed over
    trailing marks), else the line's last unit moves down with it."""
    lines: list[Line] = []
    line = Line(indent=first_indent)
    used, squeeze = first_indent, 0.0
    eps = 0.01
    for u in units:
        if u.forced:
            _trim(line).last = True
            lines.append(line)
            line, used, squeeze = Line(), 0.0, 0.0
            continue
        if u.space and not line.units:
            continue
        fits = used + u.advance <= width + eps or not line.units
        if not fits and u.no_start and used + u.advance - width <= squeeze + _squeeze_room(u) + eps:
            fits = True  # push in
        if not fits and not u.space and _loose(line, width, used) and \
                used + u.advance - width <= sum(_compressible(x) for x in (*line.units, u)) + eps:
            fits = True  # compress the line's punctuation rather than spread it wide
        if fits and u.no_start and not line.units and lines and not lines[-1].last:
            line.units = _pull_back(lines[-1])  # a line broke at a space before this mark
            used = line.indent + line.natural
        if fits:
            line.units.append(u)
            used += u.advance
            squeeze = squeeze + _squeeze_room(u) if u.no_start else 0.0
            continue
        if u.space:  # a space at the break point is dropped
            _trim(line)
            carry = []
            while len(line.units) > 1 and line.units[-1].no_end:  # no opening mark at the line end
                carry.insert(0, line.units.pop())
            lines.append(_trim(line))
            line, squeeze = Line(units=carry), 0.0
            used = line.natural
            continue
        carry = _push_out(line, [u])  # push out
        lines.append(_trim(line))
        while carry and carry[0].space:
            carry.pop(0)
        line = Line(units=carry)
        used, squeeze = line.natural, 0.0
        while used > width + eps and len(line.units) > 1:  # a carried run too long: rare
            lines.append(Line(units=line.units[:-1]))
            line = Line(units=line.units[-1:])
            used = line.natural
    _trim(line).last = True
    lines.append(line)
    return lines


# --------------------------------------------------------------------------
# Placement
# --------------------------------------------------------------------------


def place(line: Line, width: float, align: str) -> list[float]:
    """The x offset of every unit of ``line`` (see :func:`placement`)."""
    return placement(line, width, align)[0]


def placement(line: Line, width: float, align: str) -> tuple[list[float], list[float]]:
    """The x offset of every unit of ``line`` in a measure of ``width``, and
    how much of its advance each unit gave up (so a unit ends at
    ``x + advance - cut``).
    Justified full lines end flush right: an overfull line first takes the
    blank halves of its full-width marks (closing marks and stops give up
    their right half, opening marks their left), then squeezes every gap; an
    underfull one opens its gaps by at most MAX_STRETCH em each and is left
    short when that is not enough.  A justified paragraph's last line, and
    anything too short to stretch, is set left."""
    units = line.units
    room = width - line.indent - line.natural
    start, gap = line.indent, 0.0
    cuts = [0.0] * len(units)
    stretch = align == "justify" and (not line.last or room < 0) and len(units) > 1
    if stretch or (room < 0 and len(units) > 1 and align not in ("center", "right")):
        if room < 0:
            room, cuts = _compress(units, -room)
        gap = room / (len(units) - 1)
        if gap > 0:
            gap = min(gap, MAX_STRETCH * _em(units))
    elif align == "center":
        start += room / 2
    elif align == "right":
        start += room
    xs, x = [], start
    for u, cut in zip(units, cuts):
        xs.append(x - cut if u.text in _OPENING else x)
        x += u.advance - cut + gap
    return xs, cuts


def _compress(units: list[Unit], over: float) -> tuple[float, list[float]]:
    """Take ``over`` points back from the units' full-width marks (each in
    proportion to what it may give); what they cannot give is returned as
    negative room for the gaps."""
    room = [_compressible(u) for u in units]
    total = sum(room)
    if total <= 0:
        return -over, [0.0] * len(units)
    share = min(over / total, 1.0)
    return -(over - total * share), [r * share for r in room]


def layout(units: list[Unit], width: float, align: str, first_indent: float = 0.0) -> list[tuple[Line, list[float]]]:
    """break_lines + place."""
    return [(ln, place(ln, width, align)) for ln in break_lines(units, width, first_indent)]
