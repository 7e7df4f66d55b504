"""Role face names → font files registered with ReportLab (PDF only).

Resolution order for a face name (docs/fonts.md has the tables):

1. a file for it in the project mapping (``FontSet(extra_files=…)``) or the
   theme (``fonts: {仿宋_GB2312: {file: …, index: 0}}``);
2. an installed system font of that name or another name of the same face
   (仿宋_GB2312 = FangSong_GB2312, 宋体 = SimSun, …);
3. an installed open substitute (FandolFang/朱雀仿宋 for 仿宋, LXGW WenKai /
   AR PL UKai for 楷体, Liberation Serif for Times New Roman, …);
4. the open faces installed with reportgen through pip (Noto Serif SC /
   Noto Sans SC, package ``pylopdf-fonts-zh-cn``, SIL OFL 1.1).

Characters the chosen face lacks fall back to the bundled faces, optional
pip font packages, then wide-coverage system fonts (``FALLBACK_FAMILIES``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path

from ..errors import FontError
from . import system
from .sources import PdfFace, Source, source

# Other names of the same face: tried as "system font".
SAME_FACE = [
    ["仿宋_GB2312", "FangSong_GB2312"], ["仿宋", "FangSong"], ["楷体_GB2312", "KaiTi_GB2312"],
    ["楷体", "KaiTi"], ["宋体", "SimSun"], ["新宋体", "NSimSun"], ["黑体", "SimHei"],
    ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"],
    ["微软雅黑", "Microsoft YaHei"],
]
# Category of a face name → installed open substitutes, best first.
CATEGORIES = [  # (pattern, category, bundled family)
    (r"仿宋|fang\s*song", "fangsong", "serif"),
    (r"楷|kai", "kai", "serif"),
    (r"小标宋|标宋|biao\s*song", "xiaobiaosong", "serif"),
    (r"黑|hei|yahei|雅黑|等线|dengxian|gothic|sans", "hei", "sans"),
    (r"arial|helvetica|verdana|calibri", "latin-sans", "sans"),
    (r"courier|mono", "latin-mono", "sans"),
    (r"times|georgia|cambria|roman", "latin-serif", "serif"),
]
SUBSTITUTES = {
    "fangsong": ["仿宋", "FangSong", "FandolFang", "朱雀仿宋", "Zhuque Fangsong (technical preview)", "Zhuque Fangsong"],
    "kai": ["楷体", "KaiTi", "LXGW WenKai GB", "霞鹜文楷 GB", "LXGW WenKai", "霞鹜文楷", "AR PL UKai CN",
            "AR PL KaitiM GB", "FandolKai"],
    "xiaobiaosong": ["Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "FandolSong"],
    "song": ["宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "FandolSong", "AR PL UMing CN"],
    "hei": ["黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "思源黑体", "WenQuanYi Zen Hei",
            "文泉驿正黑", "FandolHei"],
    "latin-serif": ["Times New Roman", "Liberation Serif", "Tinos", "TeX Gyre Termes", "Nimbus Roman"],
    "latin-sans": ["Arial", "Liberation Sans", "Arimo", "Nimbus Sans"],
    "latin-mono": ["Courier New", "Liberation Mono", "Cousine", "Nimbus Mono PS"],
}
# Last resorts for characters no earlier face has (rare and Ext-B hanzi).
FALLBACK_FAMILIES = ["Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC",
                     "WenQuanYi Zen Hei", "AR PL UMing CN", "HanaMinB", "BabelStone Han", "Jigmo2", "Jigmo3",
                     "Unifont Upper", "Unifont"]
# pip font packages used as last fallbacks when installed (pylopdf-fonts-jp is a dependency).
OPTIONAL_PACKAGES = [("pylopdf_fonts_zh_tw", "NotoSerifTC-Regular.otf"), ("pylopdf_fonts_jp", "NotoSerifJP-Regular.otf")]


@functools.lru_cache(maxsize=None)
def bundled_fonts() -> dict[str, Path]:
    """The open CJK faces that ``pip install reportgen`` brings."""
    import pylopdf_fonts_zh_cn

    d = Path(pylopdf_fonts_zh_cn.__file__).parent
    return {"serif": d / "NotoSerifSC-Regular.otf", "sans": d / "NotoSansSC-Regular.otf"}


BUNDLED_NAMES = {"serif": "Noto Serif SC", "sans": "Noto Sans SC"}


def category(face: str) -> tuple[str, str]:
    """(category, bundled family) of a face name; Song/serif by default."""
    for pat, cat, fam in CATEGORIES:
        if re.search(pat, face, re.I):
            return cat, fam
    return "song", "serif"


def generic_family(face: str) -> str:
    """The bundled family that stands in for ``face``: ``sans`` or ``serif``."""
    return category(face)[1]


def same_face_names(face: str) -> list[str]:
    key = system.norm(face)
    for group in SAME_FACE:
        if key in (system.norm(n) for n in group):
            return [face] + [n for n in group if system.norm(n) != key]
    return [face]


class FontSet:
    """The PDF faces of one theme.  Build once per process and reuse (see
    ``fontset_for``): loading fonts is the expensive part.

    ``face_for(ch, name)`` always finds the best face for a character,
    converting a missing part of a CFF face on demand.  ``chain(name)`` lists
    the faces registered so far; call ``prepare(name, text)`` (or
    ``coverage.check_text``) first so it holds everything the text needs."""

    def __init__(self, theme, extra_files: dict[str, str] | None = None, font_dirs: list[Path] | None = None):
        self.theme = theme
        self.extra_files = dict(extra_files or {})
        self.font_dirs = [Path(d) for d in font_dirs] if font_dirs is not None else None
        self._resolved: dict[str, tuple[Source, str, str | None]] = {}
        self._fallbacks: list[tuple[Source, str]] | None = None
        self._face_for: dict[tuple[str, str], PdfFace | None] = {}

    # -- resolution (no conversion) ----------------------------------------
    def resolve(self, name: str) -> tuple[Source, str]:
        """(source, reason) for face ``name``; reads no outlines."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        src, reason, _ = self._resolved[name]
        return src, reason

    def _resolve(self, name: str) -> tuple[Source, str, str | None]:
        file, where = self.extra_files.get(name), "project font file"
        if not file:
            file, where = self.theme.font_files.get(name), "theme file"
        if file:
            p = Path(file)
            if not p.exists():
                raise FontError(f"font file for {name!r} not found: {p}", file=self.theme.source,
                                hint="fix the path under fonts: in the theme or project")
            return source(p, self._theme_index(name)), f"{where} {p}", None
        for alt in same_face_names(name):
            sf = system.find(alt, self.font_dirs)
            if sf:
                return source(sf.path, sf.index), f"system font {sf.family} ({sf.path})", self._bold(sf)
        cat, fam = category(name)
        for alt in SUBSTITUTES.get(cat, []):
            sf = system.find(alt, self.font_dirs)
            if sf:
                return source(sf.path, sf.index), f"system substitute: {sf.family} for {name} ({sf.path})", self._bold(sf)
        return source(bundled_fonts()[fam]), f"bundled substitute: {BUNDLED_NAMES[fam]} for {name}", None

    def _theme_index(self, name: str) -> int:
        spec = (getattr(self.theme, "raw", {}) or {}).get("fonts", {}) or {}
        spec = spec.get(name)
        return int(spec.get("index", 0)) if isinstance(spec, dict) else 0

    def _bold(self, sf: system.SysFont) -> str | None:
        b = system.find_bold(sf, self.font_dirs)
        if b is None:
            return None
        src = source(b.path, b.index)
        return src.first().name if src.truetype else None

    def fallbacks(self) -> list[tuple[Source, str]]:
        """Sources tried after a face's own: bundled, wide-coverage system fonts
        (Simplified-Chinese designs first), then the pip font packages (Noto
        Serif TC/JP: Ext-B characters such as 𠮷)."""
        if self._fallbacks is None:
            out = [(source(p), f"fallback: bundled {BUNDLED_NAMES[f]}") for f, p in bundled_fonts().items()]
            for fam in FALLBACK_FAMILIES:
                sf = system.find(fam, self.font_dirs)
                if sf:
                    out.append((source(sf.path, sf.index), f"fallback: system font {sf.family} ({sf.path})"))
            for mod, fn in OPTIONAL_PACKAGES:
                try:
                    pkg = __import__(mod)
                except ImportError:
                    continue
                p = Path(pkg.__file__).parent / fn
                if p.exists():
                    out.append((source(p), f"fallback: {fn} (package {mod})"))
            self._fallbacks = out
        return self._fallbacks

    def sources(self, name: str) -> list[tuple[Source, str]]:
        """``name``'s own source, then the fallbacks (bundled one of its kind first)."""
        own = self.resolve(name)
        fam = generic_family(name)
        rest = sorted(self.fallbacks(), key=lambda sr: 0 if sr[0].path == bundled_fonts()[fam] else 1)
        out = [own]
        for s, r in rest:
            if all(s is not o for o, _ in out):
                out.append((s, r))
        return out

    # -- faces (register, convert on demand) ---------------------------------
    def _wrap(self, f: PdfFace, name: str, reason: str) -> PdfFace:
        bold = self._resolved[name][2] if reason == self.resolve(name)[1] else None
        return replace(f, face=name, reason=reason, has_bold=bold is not None, bold_name=bold)

    def face(self, name: str) -> PdfFace:
        """The main face that draws ``name`` (registered with ReportLab)."""
        src, reason = self.resolve(name)
        return self._wrap(src.first(), name, reason)

    def chain(self, name: str) -> tuple[PdfFace, ...]:
        """``name``'s face, then every face registered so far that may draw
        characters it lacks (more after ``prepare``)."""
        self.face(name)
        out = []
        for src, reason in self.sources(name):
            out += [self._wrap(f, name, reason) for f in src.faces()]
        return tuple(out)

    def face_for(self, ch: str, name: str) -> PdfFace | None:
        """The first face in ``name``'s chain that has ``ch`` (converting the
        part of a CFF face that holds it if needed); None if no face has it.
        Answers are cached: a document asks this for every character."""
        key = (ch, name)
        if key not in self._face_for:
            self._face_for[key] = self._find(ch, name)
        return self._face_for[key]

    def _find(self, ch: str, name: str) -> PdfFace | None:
        cp = ord(ch)
        for src, reason in self.sources(name):
            f = src.part_for(cp)
            if f is not None:
                return self._wrap(f, name, reason)
        return None

    def prepare(self, name: str, text: str) -> None:
        """Register every face part needed to draw ``text`` in face ``name``."""
        todo = {ord(c) for c in text if not c.isspace() or c == "\u3000"}
        self.face(name)
        for src, _ in self.sources(name):
            if not todo:
                break
            mine = {c for c in todo if src.covers(c)}
            if mine:
                src.load_for(mine)
                todo -= mine


_SETS: dict[tuple, FontSet] = {}


def fontset_for(theme, extra_files: dict[str, str] | None = None) -> FontSet:
    """One FontSet per theme (and project font mapping) per process."""
    key = (theme.digest(), tuple(sorted((extra_files or {}).items())), tuple(system.env_dirs() or ()))
    if key not in _SETS:
        _SETS[key] = FontSet(theme, extra_files)
    return _SETS[key]
