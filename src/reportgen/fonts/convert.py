"""CFF (PostScript-outline) OpenType → TrueType, once, cached.

ReportLab embeds TrueType (glyf) outlines only.  CFF fonts are converted with
fontTools (cu2qu) and cached in the user's cache directory, keyed by the
source file's content hash, so later runs pay nothing.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from platformdirs import user_cache_dir

MAX_ERR = 1.0  # font units; cu2qu approximation tolerance


def cache_dir() -> Path:
    """``$REPORTGEN_CACHE`` or the platform's user cache dir, + ``fonts``."""
    base = os.environ.get("REPORTGEN_CACHE") or user_cache_dir("reportgen")
    d = Path(base) / "fonts"
    d.mkdir(parents=True, exist_ok=True)
    return d


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_truetype(path: Path, index: int = 0) -> bool:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        return "glyf" in font
    finally:
        font.close()


def to_truetype(path: Path, index: int = 0) -> Path:
    """A TrueType-outline version of ``path`` (face ``index`` of a collection)."""
    key = f"{file_hash(path)[:24]}-{index}"
    out = cache_dir() / f"{key}.ttf"
    if out.exists():
        return out
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(path), fontNumber=index)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        try:
            glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        except Exception:  # a broken glyph becomes empty rather than failing the face
            pen = TTGlyphPen(glyphs)
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and ReportLab does not need them
    for tag in ("CFF ", "VORG", "CFF2"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".part")
    os.close(fd)
    try:
        font.save(tmp)
        os.replace(tmp, out)  # atomic: concurrent workers never see half a file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
