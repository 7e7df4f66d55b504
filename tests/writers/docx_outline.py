"""Turn a .docx (bytes) into a readable text outline for tests.

Reads the package back with python-docx and lxml: section settings, styles
with their fonts, footers with fields, and the body as paragraphs/tables with
style ids and run fonts.  Tests compare lines of this outline (never bytes).
"""
from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes):
    return docx.Document(BytesIO(data))


def attrs(e, *names) -> str:
    if e is None:
        return "-"
    return " ".join(f"{n}={e.get(qn('w:' + n))}" for n in names if e.get(qn("w:" + n)) is not None)


def run_fonts(r) -> dict:
    f = r.find(f"{W}rPr/{W}rFonts")
    if f is None:
        return {}
    return {k: f.get(qn("w:" + k)) for k in ("eastAsia", "ascii", "hAnsi") if f.get(qn("w:" + k))}


def para_text(p) -> str:
    """Text of a paragraph, with {PAGE} for a PAGE field and \\t for tabs."""
    out, in_instr = [], False
    for e in p.iter():
        tag = e.tag.replace(W, "")
        if tag == "fldChar":
            kind = e.get(qn("w:fldCharType"))
            in_instr = kind in ("begin", "separate") and kind == "begin"
            if kind == "separate":
                in_instr = "skip"
            if kind == "end":
                in_instr = False
        elif tag == "instrText":
            out.append("{" + (e.text or "").strip() + "}")
        elif tag == "t" and in_instr != "skip":
            out.append(e.text or "")
        elif tag == "tab" and e.getparent().tag == f"{W}r":
            out.append("\\t")
        elif tag == "br":
            out.append("\\n")
    return "".join(out)


def para_line(p) -> str:
    ppr = p.find(f"{W}pPr")
    sid = ppr.find(f"{W}pStyle").get(qn("w:val")) if ppr is not None and ppr.find(f"{W}pStyle") is not None else "-"
    jc = ppr.find(f"{W}jc") if ppr is not None else None
    fonts = sorted({run_fonts(r).get("eastAsia", "?") for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None})
    bits = [f"p {sid}"]
    if jc is not None:
        bits.append(f"jc={jc.get(qn('w:val'))}")
    if ppr is not None and ppr.find(f"{W}pBdr") is not None:
        b = ppr.find(f"{W}pBdr")[0]
        bits.append(f"rule={attrs(b, 'sz', 'color')}")
    if fonts:
        bits.append("fonts=" + ",".join(fonts))
    return " ".join(bits) + " | " + para_text(p)


def body_lines(root) -> list[str]:
    lines = []
    for e in root:
        tag = e.tag.replace(W, "")
        if tag == "p":
            lines.append(para_line(e))
        elif tag == "tbl":
            pp = e.find(f"{W}tblPr/{W}tblpPr")
            lines.append("tbl" + (f" float {attrs(pp, 'vertAnchor', 'tblpYSpec')}" if pp is not None else ""))
            for tr in e.iter(f"{W}tr"):
                head = " header" if tr.find(f"{W}trPr/{W}tblHeader") is not None else ""
                cells = []
                for tc in tr.iter(f"{W}tc"):
                    span = tc.find(f"{W}tcPr/{W}gridSpan")
                    vm = tc.find(f"{W}tcPr/{W}vMerge")
                    mark = ""
                    if span is not None:
                        mark += f"[span={span.get(qn('w:val'))}]"
                    if vm is not None:
                        mark += f"[vmerge={vm.get(qn('w:val')) or 'continue'}]"
                    cells.append(mark + "".join(para_text(p) for p in tc.iter(f"{W}p")))
                lines.append(f"  tr{head} | " + " | ".join(cells))
    return lines


def outline(data: bytes) -> str:
    d = open_docx(data)
    sect = d.element.body.find(f"{W}sectPr")
    lines = [
        "pgSz " + attrs(sect.find(f"{W}pgSz"), "w", "h"),
        "pgMar " + attrs(sect.find(f"{W}pgMar"), "top", "left", "right", "bottom", "footer"),
        "docGrid " + attrs(sect.find(f"{W}docGrid"), "type", "linePitch", "charSpace"),
        "evenAndOddHeaders " + str(d.settings.element.find(f"{W}evenAndOddHeaders") is not None),
    ]
    sec = d.sections[0]
    for name, footer in (("footer", sec.footer), ("even", sec.even_page_footer)):
        if not footer.is_linked_to_previous:
            for p in footer._element.iter(f"{W}p"):
                ind = p.find(f"{W}pPr/{W}ind")
                lines.append(f"{name} ind[{attrs(ind, 'left', 'right')}] " + para_line(p))
    lines += body_lines(d.element.body)
    return "\n".join(lines)


def style_el(data_or_doc, style_id: str):
    d = open_docx(data_or_doc) if isinstance(data_or_doc, bytes) else data_or_doc
    for s in d.styles.element.iterchildren(f"{W}style"):
        if s.get(qn("w:styleId")) == style_id:
            return s
    return None
