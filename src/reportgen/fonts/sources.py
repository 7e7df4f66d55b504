"""One font file face that PDF text may be drawn from, registered with
ReportLab lazily.  A TrueType face is registered as it is; a CFF face is
converted in parts (``parts.py``) and each part registered when first needed.
Sources are shared by the whole process (ReportLab's registry is global)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FontError
from . import convert, parts


@dataclass
class PdfFace:
    face: str  # the name the theme asked for
    name: str  # ReportLab's registered name
    path: Path  # TrueType file used (a cached part for CFF sources)
    reason: str  # why this file: theme file / system font / bundled substitute / fallback
    cmap: frozenset[int] = field(repr=False, default=frozenset())
    has_bold: bool = False  # False: the writer fakes bold (stroke); True: draw with bold_name
    bold_name: str | None = None

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap


class Source:
    """Face ``index`` of font file ``path``."""

    _count = 0

    def __init__(self, path: Path, index: int = 0):
        self.path, self.index = Path(path), index
        self._truetype: bool | None = None
        self._cmap: frozenset[int] | None = None
        self._plan: parts.Plan | None = None
        self.loaded: dict[str, PdfFace] = {}  # part name → registered face (face/reason blank)

    @property
    def truetype(self) -> bool:
        if self._truetype is None:
            try:
                self._truetype = convert.is_truetype(self.path, self.index)
            except Exception as exc:
                raise FontError(f"cannot read font file {self.path}: {exc}",
                                hint="use a .ttf/.otf/.ttc file") from None
        return self._truetype

    @property
    def cmap(self) -> frozenset[int]:
        """Every code point the source face maps (cheap: no outlines read)."""
        if self._cmap is None:
            if self.truetype:
                self._cmap = self._register("tt", self.path, self.index).cmap
            else:
                from fontTools.ttLib import TTFont

                self._cmap = frozenset(TTFont(str(self.path), fontNumber=self.index, lazy=True).getBestCmap())
        return self._cmap

    def covers(self, cp: int) -> bool:
        return cp in self.cmap

    def first(self) -> PdfFace:
        """The part that draws most text: the file itself, or the ``core`` part."""
        if self.truetype:
            return self._register("tt", self.path, self.index)
        return self.load(["core"])[0]

    def part_for(self, cp: int) -> PdfFace | None:
        if not self.covers(cp):
            return None
        if self.truetype:
            return self.first()
        return self.load([self.plan.part_of(cp)])[0]

    def load_for(self, cps) -> None:
        """Register every part needed to draw ``cps``."""
        if self.truetype:
            self.first()
        else:
            self.load(self.plan.parts_for(cps))

    @property
    def plan(self) -> parts.Plan:
        if self._plan is None:
            self._plan = parts.plan(self.cmap)
        return self._plan

    def load(self, names: list[str]) -> list[PdfFace]:
        """Convert (if not cached) and register the named parts."""
        todo = [n for n in names if n not in self.loaded]
        src = None
        for n in todo:
            cps = self.plan.parts[n]
            if src is None and not convert.part_path(self.path, self.index, n, cps).exists():
                from fontTools.ttLib import TTFont

                src = TTFont(str(self.path), fontNumber=self.index, lazy=True)
            tt = convert.cached_part(self.path, self.index, n, cps, source=src)
            self._register(n, tt, 0)
        return [self.loaded[n] for n in names]

    def faces(self) -> list[PdfFace]:
        """Registered parts so far, ``core`` (or the file) first."""
        return list(self.loaded.values())

    def _register(self, part: str, tt_path: Path, index: int) -> PdfFace:
        if part in self.loaded:
            return self.loaded[part]
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        Source._count += 1
        stem = re.sub(r"[^A-Za-z0-9]", "", self.path.stem)[:24]
        name = f"RG{Source._count}-{stem}" + ("" if part == "tt" else f"-{part}")
        try:
            ttf = TTFont(name, str(tt_path), subfontIndex=index)
        except Exception as exc:
            raise FontError(f"cannot load font file {self.path}: {exc}",
                            hint="point the theme at a TrueType or OpenType font file") from None
        pdfmetrics.registerFont(ttf)
        face = PdfFace(face="", name=name, path=Path(tt_path), reason="", cmap=frozenset(ttf.face.charToGlyph))
        self.loaded[part] = face
        return face


_SOURCES: dict[tuple[str, int], Source] = {}


def source(path: Path | str, index: int = 0) -> Source:
    """The process-wide Source for face ``index`` of ``path``."""
    key = (str(Path(path).resolve()), index)
    if key not in _SOURCES:
        _SOURCES[key] = Source(Path(path), index)
    return _SOURCES[key]
