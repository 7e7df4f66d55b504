"""Role face names → TrueType files registered with ReportLab (PDF only).

Resolution order for a face name: a file named for it in the theme →
(an installed system font of that name: see the fonts issue) → the open
substitutes installed with reportgen through pip (Noto Serif SC / Noto Sans SC,
package ``pylopdf-fonts-zh-cn``, SIL OFL 1.1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FontError
from .convert import is_truetype, to_truetype

_SANS = re.compile(r"黑|hei|sans|雅黑|yahei|gothic|arial|helvetica|等线|dengxian", re.I)


def bundled_fonts() -> dict[str, Path]:
    """The open CJK faces that ``pip install reportgen`` brings."""
    import pylopdf_fonts_zh_cn

    d = Path(pylopdf_fonts_zh_cn.__file__).parent
    return {"serif": d / "NotoSerifSC-Regular.otf", "sans": d / "NotoSansSC-Regular.otf"}


def generic_family(face: str) -> str:
    """The bundled family that stands in for ``face``: sans for 黑体-like
    faces, serif (Song) for everything else (宋体, 仿宋, 楷体, 小标宋, Times)."""
    return "sans" if _SANS.search(face) else "serif"


@dataclass
class PdfFace:
    face: str  # the name the theme asked for
    name: str  # ReportLab's registered name
    path: Path  # TrueType file used
    reason: str  # why this file: theme file / system font / bundled substitute
    cmap: frozenset[int] = field(repr=False, default=frozenset())

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap


_REGISTERED: dict[tuple[str, int], PdfFace] = {}


def _register(face: str, path: Path, index: int, reason: str) -> PdfFace:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = (str(path), index)
    hit = _REGISTERED.get(key)
    if hit is None:
        tt_path = path if is_truetype(path, index) else to_truetype(path, index)
        name = f"RG{len(_REGISTERED)}-{re.sub(r'[^A-Za-z0-9]', '', path.stem)[:24]}"
        try:
            ttf = TTFont(name, str(tt_path), subfontIndex=index if tt_path == path else 0)
        except Exception as exc:
            raise FontError(f"cannot load font file {path}: {exc}", hint="point the theme at a .ttf/.otf/.ttc file") from None
        pdfmetrics.registerFont(ttf)
        cmap = frozenset(ttf.face.charToGlyph.keys())
        hit = PdfFace(face=face, name=name, path=tt_path, reason=reason, cmap=cmap)
        _REGISTERED[key] = hit
    if hit.face != face or hit.reason != reason:
        return PdfFace(face=face, name=hit.name, path=hit.path, reason=reason, cmap=hit.cmap)
    return hit


class FontSet:
    """The PDF faces of one theme.  Build once per process and reuse: loading
    and registering fonts is the expensive part, drawing with them is cheap."""

    def __init__(self, theme):
        self.theme = theme
        self._faces: dict[str, PdfFace] = {}

    def face(self, name: str) -> PdfFace:
        """The file that draws face ``name`` (registered with ReportLab)."""
        if name not in self._faces:
            self._faces[name] = self._resolve(name)
        return self._faces[name]

    def _resolve(self, name: str) -> PdfFace:
        file = self.theme.font_files.get(name)
        if file:
            p = Path(file)
            if not p.exists():
                raise FontError(f"font file for {name!r} not found: {p}", file=self.theme.source,
                                hint="fix the path under fonts: in the theme")
            return _register(name, p, 0, f"theme file {p}")
        fam = generic_family(name)
        return _register(name, bundled_fonts()[fam], 0, f"bundled substitute (Noto {fam.title()} SC)")

    def chain(self, name: str) -> tuple[PdfFace, ...]:
        """``name``'s face, then the fallbacks tried for characters it lacks."""
        out = [self.face(name)]
        for fam, path in bundled_fonts().items():
            f = _register(f"{fam} fallback", path, 0, f"bundled fallback (Noto {fam.title()} SC)")
            if all(f.name != o.name for o in out):
                out.append(f)
        return tuple(out)

    def face_for(self, ch: str, name: str) -> PdfFace | None:
        """The first face in ``name``'s chain that has a glyph for ``ch``."""
        for f in self.chain(name):
            if f.has(ch):
                return f
        return None


_SETS: dict[str, FontSet] = {}


def fontset_for(theme) -> FontSet:
    """One FontSet per theme per process."""
    key = theme.digest()
    if key not in _SETS:
        _SETS[key] = FontSet(theme)
    return _SETS[key]
