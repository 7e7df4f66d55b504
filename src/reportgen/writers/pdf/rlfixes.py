"""Fixes for ReportLab behaviour that breaks Chinese PDFs.

ReportLab (5.x) writes each subset font's ToUnicode CMap with ``<%04X>``, so
a character outside the Basic Multilingual Plane (CJK Ext-B, e.g. 𠮷
U+20BB7) is written as five hex digits and text extraction, search and copy
read back a wrong character.  The PDF format wants UTF-16BE there: a
surrogate pair for such characters.  ``makeToUnicodeCMap`` is looked up as a
module global when a font is written, so replacing it fixes every font.
"""
from __future__ import annotations

from reportlab.pdfbase import ttfonts

_original = ttfonts.makeToUnicodeCMap


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def make_to_unicode_cmap(fontname: str, subset) -> str:
    text = _original(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return text
    lines = text.split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    lines[start:start + len(subset)] = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
