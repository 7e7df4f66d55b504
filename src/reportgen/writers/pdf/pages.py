"""Page furniture: the page number (GB/T 9704 7.5: "— 1 —", 4号宋体, the
一字线 7 mm under the type area, odd pages right and even pages left, each
inset one character)."""
from __future__ import annotations

from functools import lru_cache

from .flowables import draw_units
from .linebreak import Run


@lru_cache(maxsize=16)
def ink_top(path: str, ch: str) -> float:
    """The top of ``ch``'s outline above the baseline, in em (fontTools);
    0.5 em when the glyph has no outline data."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    try:
        name = font.getBestCmap().get(ord(ch))
        glyf = font["glyf"] if "glyf" in font else None
        if name is None or glyf is None:
            return 0.5
        g = glyf[name]
        if not hasattr(g, "yMax") or g.numberOfContours == 0:
            return 0.5
        return g.yMax / font["head"].unitsPerEm
    finally:
        font.close()


def draw_page_number(writer, pn, canv, page: int) -> None:
    """Page ``page``'s number as the layout's PageNumbers say."""
    if not pn.enabled or (page == 1 and not pn.first_page):
        return
    role = "page_number"
    style = writer.run_style(role)
    text = f"{pn.before}{page}{pn.after}"
    units = writer.units([Run(text, style)], role)
    width = sum(u.advance for u in units)
    pg = writer.theme.page
    inset = pn.inset
    position = pn.odd if page % 2 else pn.even
    if position == "right":
        x = pg.left + pg.type_width - inset - width
    elif position == "left":
        x = pg.left + inset
    else:
        x = pg.left + (pg.type_width - width) / 2
    dash = next((u for u in units if "—" in u.text), None)
    faces = {f.name: f for f in writer.fonts.chain(style.face)}
    top = 0.88
    if dash is not None and dash.pieces[0].font in faces:
        top = ink_top(str(faces[dash.pieces[0].font].path), "—")
    baseline = pg.bottom - pn.below - top * style.size
    xs, acc = [], 0.0
    for u in units:
        xs.append(acc)
        acc += u.advance
    canv.saveState()
    draw_units(canv, units, xs, x, baseline)
    canv.restoreState()
