"""Decisions that need the pages: where the 版记 goes (GB/T 9704 7.4.1, 7.5).

The 版记 ends a 公文 on its last, even page (documents are printed on both
sides; it is the back cover).  After a first pagination of the Layout (the
PDF writer paginates for both formats) the 版记 is placed:

- the text ends on an even page and the 版记 fits under it: it stays;
- the text ends on an odd page: the 版记 goes to the next (even) page;
- the text ends on an even page with no room for the 版记: a blank page
  follows and the 版记 takes the page after it; the blank page and the 版记
  page carry no page number (7.5).

A 版记 or 报尾 that falls to the page after the text for want of a few
points is first pulled back by tightening the space around its rows (down to
MIN_PAD above and below each line, keeping MIN_GAP clear under the text), so
no page holds it alone when the page before has nearly room.  Volumes (``build --bundle``) number each part from 1
and are left as they are.
"""
from __future__ import annotations

from dataclasses import replace

from .items import ColophonBox, Layout, Pagination, PartStart

MIN_PAD = 0.5  # points above and below a 版记 row (its line box already has room around the text)
MIN_GAP = 12.0  # points kept clear between the text and a pulled-back 版记


def needs_pages(layout: Layout) -> bool:
    """Does placing this layout's 版记 (or 报尾), or its volume parts, need a pagination first?"""
    parts = [i for i in layout.items if isinstance(i, PartStart)]
    if parts:
        return any(p.odd_page and not p.first for p in parts)
    return any(isinstance(i, ColophonBox) for i in layout.items)


def place(layout: Layout, pagination: Pagination) -> Layout:
    """The decisions that needed the pages, made."""
    if any(isinstance(i, PartStart) for i in layout.items):
        return place_parts(layout, pagination)
    return place_colophon(layout, pagination)


def place_parts(layout: Layout, pagination: Pagination) -> Layout:
    """The blank versos the pagination put before parts that start on odd
    pages, written into the layout, so a DOCX reader draws them too."""
    starts, blanks = pagination.part_pages, set(pagination.blanks)
    parts = [i for i in layout.items if isinstance(i, PartStart)]
    if not blanks or len(starts) != len(parts):
        return layout
    marked = {id(p): (s - 1) in blanks for p, s in zip(parts, starts)}
    items = tuple(replace(i, blank_before=True) if isinstance(i, PartStart) and marked[id(i)] else i
                  for i in layout.items)
    return replace(layout, items=items, unnumbered=tuple(sorted(blanks)))


def place_colophon(layout: Layout, pagination: Pagination) -> Layout:
    p, c = pagination.text_end, pagination.colophon
    box = next((i for i in layout.items if isinstance(i, ColophonBox)), None)
    if not needs_pages(layout) or box is None or p is None or c is None:
        return layout
    breaks, unnumbered = 0, ()
    if c > p and not (box.even_page and p % 2):
        pad = _tighter_pad(box, pagination)
        if pad is not None:  # fits under the text with less space around its rows
            box = replace(box, pad=pad)
            c = p
    if box.even_page and p % 2:
        breaks = 1
    elif box.even_page and c > p:
        breaks, unnumbered = 2, (p + 1, p + 2)
    if box == next(i for i in layout.items if isinstance(i, ColophonBox)) and breaks == box.breaks:
        return layout  # where it fell is right: the same layout (and its pagination) stands
    box = replace(box, breaks=breaks)
    items = tuple(box if isinstance(i, ColophonBox) else i for i in layout.items)
    return replace(layout, items=items, unnumbered=unnumbered)


def _tighter_pad(box: ColophonBox, pagination: Pagination) -> float | None:
    """The row padding that lets the box fit the room under the text, or None."""
    if pagination.room is None or pagination.colophon_height is None:
        return None
    rows = 2 * len(box.rows)
    base = pagination.colophon_height - rows * box.pad
    pad = min(box.pad, (pagination.room - MIN_GAP - base) / rows) if rows else box.pad
    return pad if pad >= MIN_PAD else None
