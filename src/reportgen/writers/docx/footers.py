"""Page numbers: ``— PAGE —`` footers as the layout's PageNumbers say (GB/T 9704 7.5).

Odd and even pages differ (``outside``: odd right with a right inset, even
left with a left inset; settings: evenAndOddHeaders); otherwise one footer.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from ...layout import page_numbers
from ...themes import Theme
from . import oxml as ox
from .styles import role_style_id


def add_page_numbers(doc, theme: Theme) -> None:
    pn = page_numbers(theme)
    if not pn.enabled:
        return
    section = doc.sections[0]
    if pn.odd != pn.even:
        doc.settings.odd_and_even_pages_header_footer = True
        ox.set_even_odd(doc.settings.element)
        _fill(section.footer, theme, pn, pn.odd)
        _fill(section.even_page_footer, theme, pn, pn.even)
    else:
        _fill(section.footer, theme, pn, pn.odd)
    if not pn.first_page:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False


def _fill(footer, theme: Theme, pn, align: str):
    footer.is_linked_to_previous = False
    root = footer._element
    for p in list(root.iterchildren(qn("w:p"))):
        root.remove(p)
    p = ox.new_p(role_style_id("page_number"))
    pp = ox.ppr(p)
    ox.set_flag(pp, "w:snapToGrid", False)
    ox.set_ind(pp, left=pn.inset if align == "left" else 0, right=pn.inset if align == "right" else 0, first=0)
    ox.set_jc(pp, align)
    st = theme.style("page_number")
    props = dict(east=st.font, latin=st.latin, size=st.size)
    if pn.before:
        p.append(ox.run(pn.before, **props))
    for r in ox.field_runs("PAGE", "1", **props):
        p.append(r)
    if pn.after:
        p.append(ox.run(pn.after, **props))
    root.append(p)
