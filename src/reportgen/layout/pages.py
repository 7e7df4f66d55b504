"""Decisions that need the pages: where the 版记 goes (GB/T 9704 7.4.1, 7.5).

The 版记 ends a 公文 on its last, even page (documents are printed on both
sides; it is the back cover).  After a first pagination of the Layout (the
PDF writer paginates for both formats) the 版记 is placed:

- the text ends on an even page and the 版记 fits under it: it stays;
- the text ends on an odd page: the 版记 goes to the next (even) page;
- the text ends on an even page with no room for the 版记: a blank page
  follows and the 版记 takes the page after it; the blank page and the 版记
  page carry no page number (7.5).

Volumes (``build --bundle``) number each part from 1 and are left as they are.
"""
from __future__ import annotations

from dataclasses import replace

from .items import ColophonBox, Layout, Pagination, PartStart


def needs_pages(layout: Layout) -> bool:
    """Does placing this layout's 版记 need a pagination first?"""
    return any(isinstance(i, ColophonBox) and i.even_page for i in layout.items) and \
        not any(isinstance(i, PartStart) for i in layout.items)


def place_colophon(layout: Layout, pagination: Pagination) -> Layout:
    p, c = pagination.text_end, pagination.colophon
    if not needs_pages(layout) or p is None or c is None:
        return layout
    if p % 2:
        breaks, unnumbered = 1, ()
    elif c > p:
        breaks, unnumbered = 2, (p + 1, p + 2)
    else:
        return layout
    items = tuple(replace(i, breaks=breaks) if isinstance(i, ColophonBox) else i for i in layout.items)
    return replace(layout, items=items, unnumbered=unnumbered)
