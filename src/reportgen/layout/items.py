"""What the layout stage hands the writers: plain, frozen values.

A ``Layout`` is a sequence of items, each a decision both formats share:
which words, in which role, on which line, indented how far (points from the
type area's left edge), with what space around, kept with what.  A writer
translates items into OOXML or PDF drawing and decides nothing a reader could
see differently in the other format.  Inline content (bold, links, …) stays
the model's inline nodes: both writers set those the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..model.nodes import Inline, Meta, SourcePos


def _pos() -> SourcePos | None:
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Span:
    """Text set in a theme role.  ``face`` takes the fonts of another role
    (密级 in the ``secrecy`` role's 黑体); ``size`` overrides the role's size
    (a red mark shrunk to fit the type width)."""

    text: str
    role: str
    face: str | None = None
    bold: bool = False
    size: float | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """Spans on a line anchored at ``x`` (points from the type area's left
    edge): ``left`` starts there, ``right`` ends there, ``center`` is
    centred on it."""

    spans: tuple[Span, ...]
    x: float
    anchor: str = "left"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of an official element (several when ``wrap`` and the text
    is long: wrapped lines start ``hang`` points right of the first).
    ``gap_before`` is the space between the previous line's box and this
    one's; ``pitch`` the height of each line box."""

    parts: tuple[Part, ...]
    role: str
    pitch: float
    gap_before: float = 0.0
    wrap: bool = False
    hang: float = 0.0
    right: float = 0.0  # wrapped text stops this far from the right edge
    kind = "text_line"


@dataclass(frozen=True, slots=True)
class RuleLine:
    """A rule across the type width, ``gap_before`` below the previous box;
    it takes ``width`` points of height."""

    gap_before: float
    width: float
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    kind = "rule_line"


Line = Union[TextLine, RuleLine]


@dataclass(frozen=True, slots=True)
class Official:
    """An official element drawn as lines (版头, 报头, 主送, 附件说明, 署名):
    ``space_before`` above the first line, ``space_after`` below the last;
    ``grid``: its lines are on the page's line grid; ``keep_with_previous``
    keeps it on the page of the text before it (署名 never alone),
    ``keep_with_next`` with what follows (署名 with its 附注)."""

    element: str
    lines: tuple[Line, ...]
    space_before: float = 0.0
    space_after: float = 0.0
    grid: bool = False
    keep_with_previous: bool = False
    keep_with_next: bool = False
    pos: SourcePos | None = _pos()
    kind = "official"


@dataclass(frozen=True, slots=True)
class ColophonBox:
    """版记 / 报尾: ``rows`` between rules (``thick`` first and last, ``thin``
    between), each row padded by ``pad`` above and below, the whole box
    anchored to the bottom of the type area on the last page.  A 版记 with
    ``even_page`` must end the document on an even page (GB/T 9704 7.4.1);
    ``breaks`` is how many page breaks come before it (0, or 1 to reach the
    next page, or 2 with a blank page between), decided after pagination
    (``layout.pages``)."""

    rows: tuple[TextLine, ...]
    thick: float
    thin: float
    pad: float
    even_page: bool = False
    breaks: int = 0
    pos: SourcePos | None = _pos()
    kind = "colophon"


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph in a theme role.  ``lead`` spans come before the text
    (a heading's number, 编者按：, a list marker).  None means "as the role's
    style says"; numbers are points: ``indent`` the first line's indent
    relative to ``left``.  ``outline`` is the outline level (0 = top) for
    headings and the navigation pane / bookmarks."""

    role: str
    inlines: tuple[Inline, ...]
    lead: tuple[Span, ...] = ()
    align: str | None = None
    indent: float | None = None
    left: float | None = None
    right: float | None = None
    space_before: float | None = None
    space_after: float | None = None
    keep_with_next: bool | None = None
    outline: int | None = None
    pos: SourcePos | None = _pos()
    kind = "para"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell placed on the grid: row and column of its top-left slot."""

    row: int
    col: int
    inlines: tuple[Inline, ...]
    role: str
    align: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Slot:
    """One entry of a row as Word sees it: a cell starting here, or the
    continuation of a cell spanning down from above (``cell`` is then the
    spanning cell and ``covered`` True)."""

    col: int
    colspan: int
    cell: Cell
    covered: bool = False


@dataclass(frozen=True, slots=True)
class TableBox:
    """A normalised table: column widths in points (summing to the width),
    rows of slots covering every grid column, ``head_rows`` heading rows
    (repeated on each page when ``repeat_head``), the caption above."""

    widths: tuple[float, ...]
    rows: tuple[tuple[Slot, ...], ...]
    head_rows: int
    repeat_head: bool
    rule: float
    padding: float
    left: float = 0.0
    caption: Para | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    pos: SourcePos | None = _pos()
    kind = "table"

    @property
    def cells(self) -> list[Cell]:
        return [s.cell for row in self.rows for s in row if not s.covered]


@dataclass(frozen=True, slots=True)
class ImageBox:
    src: str
    width: float  # points, fitted to the type area
    height: float
    alt: str = ""
    space_before: float = 0.0
    space_after: float = 0.0
    pos: SourcePos | None = _pos()
    kind = "image"


@dataclass(frozen=True, slots=True)
class RuleBox:
    """Markdown ``---``: a thin rule with ``gap`` above and below."""

    width: float
    gap: float
    pos: SourcePos | None = _pos()
    kind = "rule"


@dataclass(frozen=True, slots=True)
class PageBreak:
    pos: SourcePos | None = _pos()
    kind = "page_break"


@dataclass(frozen=True, slots=True)
class PartStart:
    """A document of a volume starts here: a new page (the next odd page when
    ``odd_page``, a blank unnumbered verso before it if need be), page
    numbers from 1, a bookmark / navigation entry ``label`` one level above
    its headings."""

    label: str
    first: bool
    odd_page: bool = False
    blank_before: bool = False  # decided after pagination: a blank verso precedes it
    pos: SourcePos | None = _pos()
    kind = "part_start"


Item = Union[Official, ColophonBox, Para, TableBox, ImageBox, RuleBox, PageBreak, PartStart]
ITEM_KINDS = ("official", "colophon", "para", "table", "image", "rule", "page_break", "part_start")


@dataclass(frozen=True, slots=True)
class PageNumbers:
    """Page numbers as both formats print them: ``before`` + number +
    ``after`` in the page_number role; on odd pages aligned ``odd`` with
    ``inset`` points from that edge, on even pages ``even``; the text's top
    ``below`` points under the type area.  Empty ``before``/``after`` and
    ``enabled`` False: no numbers."""

    enabled: bool
    before: str
    after: str
    odd: str
    even: str
    inset: float
    below: float
    first_page: bool


@dataclass(frozen=True, slots=True)
class Layout:
    """The document as both formats draw it; ``unnumbered`` pages carry no
    page number (GB/T 9704 7.5: a blank page before the 版记 page, and that page)."""

    meta: Meta
    items: tuple[Item, ...]
    page_numbers: PageNumbers
    unnumbered: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Pagination:
    """What paginating a Layout showed: the page count, the page the last
    block before the 版记 ended on and the room left under it (points), the
    page the 版记 fell on and its height."""

    pages: int
    text_end: int | None = None
    colophon: int | None = None
    room: float | None = None
    colophon_height: float | None = None
    part_pages: tuple[int, ...] = ()  # where each part of a volume starts
    blanks: tuple[int, ...] = ()  # blank versos put before parts that must start on an odd page
