"""Every raw-OOXML helper of the DOCX writer.

Elements are built with python-docx's ``OxmlElement`` and inserted in the
order the WordprocessingML schema requires (Word rejects a file whose pPr or
rPr children are out of order; LibreOffice is more forgiving).
"""
from __future__ import annotations


from docx.oxml import OxmlElement
from docx.oxml.ns import qn  # noqa: F401  (re-exported for the writer modules)

from ...themes.units import color_hex

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
               "tblLayout", "tblCellMar", "tblLook")
SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
              "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
              "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings")
CELL_MARGIN = 2.85  # points: left/right cell margin of ordinary tables (57 twips)
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def twips(pt: float) -> int:
    return int(round(pt * 20))


def el(tag: str, **attrs) -> "OxmlElement":
    """``el("w:spacing", line=579, lineRule="exact")`` → an element with w: attributes."""
    e = OxmlElement(tag)
    for k, v in attrs.items():
        if v is None:
            continue
        name = k if ":" in k else f"w:{k}"
        e.set(qn(name), str(v))
    return e


def put(parent, child, order):
    """Insert ``child`` into ``parent`` in schema order, replacing a same-named child."""
    local = child.tag.rsplit("}", 1)[-1]
    old = parent.find(child.tag)
    if old is not None:
        old.addprevious(child)
        parent.remove(old)
        return child
    rank = order.index(local) if local in order else len(order)
    for i, existing in enumerate(parent):
        name = existing.tag.rsplit("}", 1)[-1]
        if name in order and order.index(name) > rank:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def child(parent, tag: str, order):
    """The ``tag`` child of ``parent``, created in schema order if missing."""
    found = parent.find(qn(tag))
    return found if found is not None else put(parent, OxmlElement(tag), order)


# ---------------------------------------------------------------- run properties


def rfonts(east: str, latin: str | None) -> "OxmlElement":
    lat = latin or east
    return el("w:rFonts", ascii=lat, hAnsi=lat, eastAsia=east, cs=lat)


def fill_rpr(rpr, *, east=None, latin=None, size=None, bold=None, italic=None, color=None,
             underline=False, vert=None):
    """Set run properties on an rPr (style or run level)."""
    if east:
        put(rpr, rfonts(east, latin), RPR_ORDER)
    if bold is not None:
        put(rpr, el("w:b", val=None if bold else "0"), RPR_ORDER)
        put(rpr, el("w:bCs", val=None if bold else "0"), RPR_ORDER)
    if italic:
        put(rpr, el("w:i"), RPR_ORDER)
        put(rpr, el("w:iCs"), RPR_ORDER)
    if color is not None:
        put(rpr, el("w:color", val=color_hex(color)), RPR_ORDER)
    if size:
        half = int(round(size * 2))
        put(rpr, el("w:sz", val=half), RPR_ORDER)
        put(rpr, el("w:szCs", val=half), RPR_ORDER)
    if underline:
        put(rpr, el("w:u", val="single"), RPR_ORDER)
    if vert:
        put(rpr, el("w:vertAlign", val=vert), RPR_ORDER)
    return rpr


def run(text: str, **props) -> "OxmlElement":
    """A w:r with its rPr and text; ``\\n`` becomes w:br."""
    r = OxmlElement("w:r")
    fill_rpr(r.append(OxmlElement("w:rPr")) or r[0], **props)
    for i, part in enumerate(text.split("\n")):
        if i:
            r.append(OxmlElement("w:br"))
        if part:
            t = OxmlElement("w:t")
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
    return r


def br(kind: str | None = None) -> "OxmlElement":
    r = OxmlElement("w:r")
    r.append(el("w:br", type=kind))
    return r


def tab_run() -> "OxmlElement":
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:tab"))
    return r


def field_runs(instr: str, placeholder: str, **props) -> list:
    """A complex field (``PAGE``) as begin / instrText / separate / result / end runs."""
    runs = []
    for kind in ("begin", None, "separate", "result", "end"):
        r = OxmlElement("w:r")
        fill_rpr(r.append(OxmlElement("w:rPr")) or r[0], **props)
        if kind is None:
            t = el("w:instrText")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = f" {instr} "
            r.append(t)
        elif kind == "result":
            t = OxmlElement("w:t")
            t.text = placeholder
            r.append(t)
        else:
            r.append(el("w:fldChar", fldCharType=kind))
        runs.append(r)
    return runs


def hyperlink(rid: str) -> "OxmlElement":
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    return h


# ---------------------------------------------------------------- paragraph properties


def new_p(style_id: str) -> "OxmlElement":
    p = OxmlElement("w:p")
    ppr = p.append(OxmlElement("w:pPr")) or p[0]
    put(ppr, el("w:pStyle", val=style_id), PPR_ORDER)
    return p


def ppr(p):
    found = p.find(qn("w:pPr"))
    if found is None:
        found = OxmlElement("w:pPr")
        p.insert(0, found)
    return found


def set_jc(pp, align: str):
    put(pp, el("w:jc", val=JC.get(align, align)), PPR_ORDER)


def set_spacing(pp, *, line: float | None = None, exact: bool = True, before: float | None = None,
                after: float | None = None):
    """Line pitch (exact) and space before/after, all in points."""
    sp = child(pp, "w:spacing", PPR_ORDER)
    if before is not None:
        sp.set(qn("w:before"), str(twips(before)))
        sp.set(qn("w:beforeLines"), "0")
    if after is not None:
        sp.set(qn("w:after"), str(twips(after)))
        sp.set(qn("w:afterLines"), "0")
    if line is not None:
        sp.set(qn("w:line"), str(twips(line)))
        sp.set(qn("w:lineRule"), "exact" if exact else "atLeast")
    return sp


def set_ind(pp, *, left: float | None = None, right: float | None = None, first: float | None = None,
            hanging: float | None = None, first_chars: float | None = None,
            left_chars: float | None = None, right_chars: float | None = None):
    """Indents in points; ``*_chars`` in characters (written as hundredths)."""
    ind = child(pp, "w:ind", PPR_ORDER)
    for attr, val in (("left", left), ("right", right), ("firstLine", first), ("hanging", hanging)):
        if val is not None:
            ind.set(qn(f"w:{attr}"), str(twips(val)))
    for attr, val in (("firstLineChars", first_chars), ("leftChars", left_chars), ("rightChars", right_chars)):
        if val is not None:
            ind.set(qn(f"w:{attr}"), str(int(round(val * 100))))
    if hanging is not None:  # neutralise a style's first-line indent in characters
        ind.attrib.pop(qn("w:firstLine"), None)
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:hangingChars"), "0")
    return ind


def set_flag(pp, tag: str, on: bool = True):
    put(pp, el(tag, val=None if on else "0"), PPR_ORDER)


def set_tabs(pp, stops: list[tuple[str, float]]):
    """Tab stops: (alignment, position in points)."""
    tabs = OxmlElement("w:tabs")
    for align, pos in stops:
        tabs.append(el("w:tab", val=align, pos=twips(pos)))
    put(pp, tabs, PPR_ORDER)


def border(tag: str, width_pt: float, color: str = "000000", space: float = 0) -> "OxmlElement":
    """A single border line; width in points (w:sz is eighths of a point, 2..96)."""
    sz = max(2, min(96, int(round(width_pt * 8))))
    return el(tag, val="single", sz=sz, space=int(space), color=color)


def set_bottom_rule(pp, width_pt: float, color: str = "000000"):
    bdr = OxmlElement("w:pBdr")
    bdr.append(border("w:bottom", width_pt, color))
    put(pp, bdr, PPR_ORDER)


# ---------------------------------------------------------------- tables


def tbl(style_id: str | None, width_pt: float, col_widths_pt: list[float], *, jc="center",
        borders: dict[str, float] | None = None, margin: float = CELL_MARGIN) -> "OxmlElement":
    """A w:tbl with tblPr (fixed layout, given width, cell margins of ``margin``
    points on every side) and tblGrid."""
    t = OxmlElement("w:tbl")
    pr = t.append(OxmlElement("w:tblPr")) or t[0]
    if style_id:
        put(pr, el("w:tblStyle", val=style_id), TBLPR_ORDER)
    put(pr, el("w:tblW", w=twips(width_pt), type="dxa"), TBLPR_ORDER)
    put(pr, el("w:jc", val=jc), TBLPR_ORDER)
    if borders is not None:
        b = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            w = borders.get(side, 0)
            b.append(border(f"w:{side}", w) if w else el(f"w:{side}", val="nil"))
        put(pr, b, TBLPR_ORDER)
    put(pr, el("w:tblLayout", type="fixed"), TBLPR_ORDER)
    mar = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        mar.append(el(f"w:{side}", w=twips(margin), type="dxa"))
    put(pr, mar, TBLPR_ORDER)
    grid = OxmlElement("w:tblGrid")
    for w in col_widths_pt:
        grid.append(el("w:gridCol", w=twips(w)))
    t.append(grid)
    return t


def float_at_bottom(t, left_margin_pt: float):
    """Anchor a table to the bottom edge of the type area (vertAnchor=margin,
    tblpYSpec=bottom): its last border lies on the 版心 bottom edge.
    Horizontally it is placed from the page edge at the left margin: LibreOffice
    (7.4) keeps a full-width table anchored to the margin inline, but floats one
    anchored to the page."""
    pr = t.find(qn("w:tblPr"))
    put(pr, el("w:tblpPr", leftFromText=0, rightFromText=0, topFromText=0, bottomFromText=0,
               vertAnchor="margin", horzAnchor="page", tblpX=twips(left_margin_pt),
               tblpYSpec="bottom"), TBLPR_ORDER)
    put(pr, el("w:tblOverlap", val="never"), TBLPR_ORDER)
    mar = pr.find(qn("w:tblCellMar"))
    for side in mar:
        side.set(qn("w:w"), "0")


def tr(header: bool = False, height_pt: float | None = None) -> "OxmlElement":
    row = OxmlElement("w:tr")
    if header or height_pt:
        pr = row.append(OxmlElement("w:trPr")) or row[0]
        if height_pt:
            pr.append(el("w:trHeight", val=twips(height_pt), hRule="atLeast"))
        if header:
            pr.append(OxmlElement("w:tblHeader"))
    return row


def tc(width_pt: float, *, span: int = 1, vmerge: str | None = None, valign: str = "center",
       borders: dict[str, float] | None = None) -> "OxmlElement":
    """A cell; ``vmerge`` is "restart", "continue" or None."""
    cell = OxmlElement("w:tc")
    pr = cell.append(OxmlElement("w:tcPr")) or cell[0]
    put(pr, el("w:tcW", w=twips(width_pt), type="dxa"), TCPR_ORDER)
    if span > 1:
        put(pr, el("w:gridSpan", val=span), TCPR_ORDER)
    if vmerge == "restart":
        put(pr, el("w:vMerge", val="restart"), TCPR_ORDER)
    elif vmerge:
        put(pr, el("w:vMerge"), TCPR_ORDER)
    if borders:
        b = OxmlElement("w:tcBorders")
        for side in ("top", "left", "bottom", "right"):
            if side in borders:
                w = borders[side]
                b.append(border(f"w:{side}", w) if w else el(f"w:{side}", val="nil"))
        put(pr, b, TCPR_ORDER)
    put(pr, el("w:vAlign", val=valign), TCPR_ORDER)
    return cell


# ---------------------------------------------------------------- section and settings


def set_section(sect, *, width, height, top, bottom, left, right, header, footer):
    put(sect, el("w:pgSz", w=twips(width), h=twips(height)), SECT_ORDER)
    put(sect, el("w:pgMar", top=twips(top), right=twips(right), bottom=twips(bottom), left=twips(left),
                 header=twips(header), footer=twips(footer), gutter=0), SECT_ORDER)


def set_doc_grid(sect, line_pitch_pt: float | None, char_space: int | None):
    """``w:docGrid``: linesAndChars when a character pitch is given, else lines only."""
    if line_pitch_pt is None:
        put(sect, el("w:docGrid", linePitch=360), SECT_ORDER)
        return
    kind = "linesAndChars" if char_space is not None else "lines"
    put(sect, el("w:docGrid", type=kind, linePitch=twips(line_pitch_pt), charSpace=char_space), SECT_ORDER)


def set_even_odd(settings_el):
    """``w:evenAndOddHeaders`` in settings.xml (it goes near the start of w:settings)."""
    if settings_el.find(qn("w:evenAndOddHeaders")) is not None:
        return
    after = None
    for name in ("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
                 "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
                 "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
                 "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData",
                 "w:mirrorMargins", "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader",
                 "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
                 "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
                 "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod",
                 "w:documentType", "w:mailMerge", "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves",
                 "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
                 "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
                 "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
                 "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle"):
        found = settings_el.find(qn(name))
        if found is not None:
            after = found
    new = OxmlElement("w:evenAndOddHeaders")
    if after is None:
        settings_el.insert(0, new)
    else:
        after.addnext(new)


# ---------------------------------------------------------------- volumes (bundles)


def restart_numbering(sect, odd: bool = False) -> None:
    """Page numbers of this section start again at 1, on a new page (the
    next odd one when ``odd``: the reader inserts a blank page if need be)."""
    put(sect, el("w:type", val="oddPage" if odd else "nextPage"), SECT_ORDER)
    put(sect, el("w:pgNumType", start=1), SECT_ORDER)


def section_end(body_sect):
    """An empty paragraph carrying a copy of the body's section properties:
    it closes the section before it with the same page setup, footers, start
    (next or odd page) and numbering; the next section starts on a new page."""
    import copy

    p = OxmlElement("w:p")
    put(ppr(p), copy.deepcopy(body_sect), PPR_ORDER)
    return p
