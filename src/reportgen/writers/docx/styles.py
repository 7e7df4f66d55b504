"""The styled base document: styles per theme role, page section, footers.

Built once per process and theme (keyed by the theme digest) and kept as
bytes; every render opens a copy with ``Document(BytesIO(base))`` and sets
paragraph styles by id (no python-docx name lookups).
"""
from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ...themes import Theme
from . import oxml as ox
from .props import clean_base

# Roles drawn with a real Word style of their own.
BUILTIN_IDS = {
    "body": ("Normal", "Normal"), "title": ("Title", "Title"), "caption": ("Caption", "Caption"),
    "heading1": ("Heading1", "heading 1"), "heading2": ("Heading2", "heading 2"),
    "heading3": ("Heading3", "heading 3"), "heading4": ("Heading4", "heading 4"),
    "subtitle": ("Subtitle", "Subtitle"),
}
LIST_STYLES = {"bullet": ("ListBullet", "List Bullet"), "number": ("ListNumber", "List Number")}
WRITER_ROLES = (
    "body", "title", "subtitle", "heading1", "heading2", "heading3", "heading4", "lead", "addressee",
    "signature", "attachments", "note", "editor_note", "table", "table_header", "caption", "colophon",
    "page_number", "masthead", "masthead_meta", "issue_no", "article_title", "list",
)
# Roles that never end a page whatever the theme says: titles stay with the
# text under them, a caption with its table.
KEEP_WITH_NEXT = ("title", "subtitle", "article_title", "caption")
_BASES: dict[str, bytes] = {}


def role_style_id(role: str) -> str:
    if role in BUILTIN_IDS:
        return BUILTIN_IDS[role][0]
    return "RG" + "".join(w.capitalize() for w in role.split("_"))


def role_style_name(role: str) -> str:
    if role in BUILTIN_IDS:
        return BUILTIN_IDS[role][1]
    return "RG " + " ".join(w.capitalize() for w in role.split("_"))


def theme_roles(theme: Theme) -> list[str]:
    roles = list(WRITER_ROLES)
    roles += [r for r in theme.styles if r not in roles]
    return roles


def base_document(theme: Theme) -> bytes:
    """The styled, empty document for ``theme`` (cached per process)."""
    key = theme.digest() + theme.source
    if key not in _BASES:
        _BASES[key] = _build(theme)
    return _BASES[key]


def _build(theme: Theme) -> bytes:
    doc = docx.Document()
    styles_el = doc.styles.element
    _doc_defaults(styles_el, theme)
    for role in theme_roles(theme):
        _fill_style(styles_el, theme, role, role_style_id(role), role_style_name(role))
    for sid, name in LIST_STYLES.values():
        _fill_style(styles_el, theme, "list", sid, name)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    sect = body.find(qn("w:sectPr"))
    _section(sect, theme)
    from .footers import add_page_numbers
    add_page_numbers(doc, theme)
    clean_base(doc, theme.locale)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _doc_defaults(styles_el, theme: Theme):
    body = theme.style("body")
    dd = styles_el.find(qn("w:docDefaults"))
    rpr = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for c in list(rpr):
        rpr.remove(c)
    ox.fill_rpr(rpr, east=body.font, latin=body.latin, size=body.size)
    ox.put(rpr, ox.el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"), ox.RPR_ORDER)
    ppd = dd.find(qn("w:pPrDefault"))
    if ppd is None:
        ppd = OxmlElement("w:pPrDefault")
        dd.append(ppd)
    ppr = ppd.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppd.append(ppr)
    ox.set_spacing(ppr, before=0, after=0)
    # widow and orphan control everywhere, as the PDF splits paragraphs (two lines each side)
    ox.set_flag(ppr, "w:widowControl")


def _fill_style(styles_el, theme: Theme, role: str, sid: str, name: str):
    st = theme.style(role)
    style = None
    for s in styles_el.iterchildren(qn("w:style")):
        if s.get(qn("w:styleId")) == sid:
            style = s
            break
    if style is None:
        style = ox.el("w:style", type="paragraph", customStyle=1, styleId=sid)
        styles_el.append(style)
    for c in list(style):
        if c.tag in (qn("w:pPr"), qn("w:rPr"), qn("w:basedOn"), qn("w:next"), qn("w:name"),
                     qn("w:qFormat"), qn("w:link")):
            style.remove(c)
    head = [ox.el("w:name", val=name)]
    if sid != "Normal":
        head.append(ox.el("w:basedOn", val="Normal"))
        head.append(ox.el("w:next", val="Normal"))
    head.append(OxmlElement("w:qFormat"))
    for i, e in enumerate(head):
        style.insert(i, e)
    style.append(_style_ppr(theme, role, st))
    rpr = ox.fill_rpr(OxmlElement("w:rPr"), east=st.font, latin=st.latin, size=st.size,
                      bold=st.bold, italic=st.italic, color=st.color)
    condense = grid_condense(theme, role)
    if condense:
        ox.put(rpr, ox.el("w:spacing", val=condense), ox.RPR_ORDER)
    style.append(rpr)


def grid_condense(theme: Theme, role: str) -> int:
    """Character spacing (twentieths of a point, ≤ 0) that makes a grid-set
    glyph narrower than the grid's character pitch, with one twentieth of a
    point to spare (三号 16 pt on a 15.79 pt pitch → −6, i.e. −0.3 pt).
    Measured in LibreOffice 7.4: −0.25 pt still broke lines after 27 字,
    −0.3 pt gives 28 a line; 29 × 15.7 pt exceeds the 442.2 pt line."""
    return int(round(theme.char_tracking(role) * 20))


def _style_ppr(theme: Theme, role: str, st) -> "OxmlElement":
    ppr = OxmlElement("w:pPr")
    if st.keep_with_next or role in KEEP_WITH_NEXT:
        ox.set_flag(ppr, "w:keepNext")
    ox.set_flag(ppr, "w:kinsoku")
    # No hanging punctuation: a line-end 。 stays inside the type area (Word).
    # LibreOffice 7.4 reads this attribute inverted (writerfilter: hanging =
    # val == 0) and hangs a line-end 。 ~12 pt into the margin either way
    # unless val is 1, which would make Word hang it: Word wins.
    ox.set_flag(ppr, "w:overflowPunct", False)
    # No extra space between Chinese and Latin letters or digits ("2021 年"):
    # the PDF sets none, and GB/T 9704 text has none.
    ox.set_flag(ppr, "w:autoSpaceDE", False)
    ox.set_flag(ppr, "w:autoSpaceDN", False)
    # Paragraphs do not snap to the document grid: LibreOffice gives a 16 pt glyph
    # two 15.79 pt grid cells (14 字 a line).  The exact grid line pitch and the
    # condensed character spacing give 22 × 28 in Word and LibreOffice alike.
    ox.set_flag(ppr, "w:snapToGrid", False)
    ox.set_spacing(ppr, line=theme.line_pitch(role), before=st.space_before, after=st.space_after)
    # Every style writes its own indents (0 when the role has none): a style
    # based on Normal would otherwise inherit the body's 两字 first-line indent.
    # In points only, one 字 being the layout's (the grid pitch on the grid):
    # Word and LibreOffice read "characters" (firstLineChars) differently.
    c = theme.char_width(role)
    ox.set_ind(ppr, first=st.indent * c, left=st.left_indent * c, right=st.right_indent * c)
    ox.set_jc(ppr, st.align)
    if role.startswith("heading") and role[-1].isdigit():
        ox.put(ppr, ox.el("w:outlineLvl", val=int(role[-1]) - 1), ox.PPR_ORDER)
    return ppr


def _section(sect, theme: Theme):
    pg = theme.page
    ox.set_section(sect, width=pg.width, height=pg.height, top=pg.top, bottom=pg.bottom, left=pg.left,
                   right=pg.right, header=pg.header_distance, footer=pg.footer_distance)
    if theme.grid is None:
        ox.set_doc_grid(sect, None, None)
        return
    char_space = None
    if theme.grid.char_pitch:
        char_space = int(round((theme.grid.char_pitch - theme.style("body").size) * 4096))
    ox.set_doc_grid(sect, theme.grid.line_pitch, char_space)
