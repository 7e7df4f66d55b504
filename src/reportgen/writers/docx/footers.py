"""Page numbers: ``— PAGE —`` footers per theme.page_number (GB/T 9704 7.5).

``outside``: odd pages right-aligned with a right indent of ``inset`` 字,
even pages left-aligned with a left indent (settings: evenAndOddHeaders).
``center`` / ``left`` / ``right``: one footer.  An empty format: no footer.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from ...themes import Theme
from . import oxml as ox
from .styles import role_style_id


def add_page_numbers(doc, theme: Theme) -> None:
    pn = theme.page_number
    if not pn.format:
        return
    section = doc.sections[0]
    inset = pn.inset * theme.style("page_number").size
    if pn.position == "outside":
        doc.settings.odd_and_even_pages_header_footer = True
        ox.set_even_odd(doc.settings.element)
        _fill(section.footer, theme, "right", right=inset)
        _fill(section.even_page_footer, theme, "left", left=inset)
    else:
        kw = {"right": inset} if pn.position == "right" else {"left": inset} if pn.position == "left" else {}
        _fill(section.footer, theme, pn.position, **kw)
    if not pn.first_page:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False


def _fill(footer, theme: Theme, align: str, left: float | None = None, right: float | None = None):
    footer.is_linked_to_previous = False
    root = footer._element
    for p in list(root.iterchildren(qn("w:p"))):
        root.remove(p)
    p = ox.new_p(role_style_id("page_number"))
    pp = ox.ppr(p)
    ox.set_flag(pp, "w:snapToGrid", False)
    ox.set_ind(pp, left=left or 0, right=right or 0, first=0)
    ox.set_jc(pp, align)
    st = theme.style("page_number")
    props = dict(east=st.font, latin=st.latin, size=st.size)
    before, _, after = theme.page_number.format.partition("{page}")
    if before:
        p.append(ox.run(before, **props))
    if "{page}" in theme.page_number.format:
        for r in ox.field_runs("PAGE", "1", **props):
            p.append(r)
    if after:
        p.append(ox.run(after, **props))
    root.append(p)
