"""Themes: YAML → Theme.

A theme gives the page, the optional character grid, a text style per role
(title, body, heading1–4, masthead, page_number, table, …), heading numbering,
page numbers, colours and the measurements of official-document elements.
Themes can ``extend`` another (built-in name or path); mappings merge deeply.

All lengths are stored in points.  See ``builtin/*.yaml`` for every key.
"""
from __future__ import annotations

import hashlib
import math
import os
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


from ..errors import ConfigError
from .elements import ElementError, Elements, load_elements
from .units import parse_color, to_pt

BUILTIN_DIR = Path(__file__).parent / "builtin"

PAGE_SIZES = {"A4": (210, 297), "A3": (297, 420), "A5": (148, 210), "B5": (176, 250), "LETTER": (215.9, 279.4)}

# Role fallbacks: a role not defined in the theme takes the first defined one.
ROLE_FALLBACK = {
    "heading2": "heading1", "heading3": "heading2", "heading4": "heading3",
    "lead": "body", "addressee": "body", "list": "body", "signature": "body",
    "attachments": "body", "note": "body", "editor_note": "body", "table": "body",
    "table_header": "table", "caption": "body", "colophon": "body", "page_number": "body",
    "masthead": "title", "masthead_meta": "body", "article_title": "title", "subtitle": "body",
    "secrecy": "heading1", "signer": "subtitle", "quote": "body", "code": "body", "issue_no": "subtitle",
}


@dataclass(frozen=True)
class Style:
    """How text of one role is set.  Sizes and spacings in points; indents in
    characters of this role's size (a 两字 indent is ``indent: 2``)."""

    font: str = "宋体"  # east-Asian face name (written to DOCX w:eastAsia; resolved to a file for PDF)
    latin: str | None = None  # face for Latin letters and digits; None = same as font
    size: float = 12.0
    bold: bool = False
    italic: bool = False
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    align: str = "justify"  # left / center / right / justify
    indent: float = 0.0  # first-line indent, characters
    left_indent: float = 0.0  # characters
    right_indent: float = 0.0  # characters
    space_before: float = 0.0  # points
    space_after: float = 0.0  # points
    line_pitch: float | None = None  # baseline-to-baseline, points; None = grid pitch or 1.5 × size
    keep_with_next: bool = False


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    header_distance: float
    footer_distance: float

    @property
    def type_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def type_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class Grid:
    """A line and character grid (公文: 22 lines × 28 characters)."""

    lines: int
    chars: int | None
    line_pitch: float  # points
    char_pitch: float | None  # points; None when no character grid


@dataclass(frozen=True)
class PageNumber:
    format: str = "— {page} —"  # {page}; empty string = no page numbers
    position: str = "outside"  # outside (odd right, even left) / center / right / left
    inset: float = 1.0  # characters (of the page_number role's size) from the type-area edge
    below: float = 20.0  # points from the type area's bottom edge to the number's top
    first_page: bool = True


@dataclass(frozen=True)
class Theme:
    name: str
    source: str  # file the theme came from
    locale: str
    page: Page
    grid: Grid | None
    styles: dict[str, Style]
    numbering: tuple[str, ...]  # per heading level, e.g. "{cn}、"; "" = unnumbered
    page_number: PageNumber
    colors: dict[str, tuple[float, float, float]]
    typography: dict[str, Any]
    elements: Elements  # masthead / signature / colophon / tables / lists measurements (points)
    font_files: dict[str, str]  # face name → font file path given by the theme
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def style(self, role: str) -> Style:
        """The style of ``role``, following ROLE_FALLBACK to ``body``."""
        seen = role
        while seen not in self.styles:
            seen = ROLE_FALLBACK.get(seen, "body")
            if seen == "body" and "body" not in self.styles:
                return Style()
        return self.styles[seen]

    def line_pitch(self, role: str = "body") -> float:
        st = self.style(role)
        if st.line_pitch is not None:
            return st.line_pitch
        if self.grid is not None:
            return self.grid.line_pitch
        return round(st.size * 1.5, 2)

    def on_line_grid(self, role: str = "body") -> bool:
        """Do ``role``'s lines sit on the grid's line pitch?"""
        return self.grid is not None and abs(self.line_pitch(role) - self.grid.line_pitch) < 0.01

    def char_pitch(self, role: str = "body") -> float | None:
        """The grid's character pitch when ``role`` is set on the character
        grid (body-sized text on the line grid: 公文 正文, headings), else None."""
        if not self.on_line_grid(role) or not self.grid.char_pitch:  # type: ignore[union-attr]
            return None
        return self.grid.char_pitch if self.style(role).size == self.style("body").size else None  # type: ignore[union-attr]

    def char_tracking(self, role: str = "body") -> float:
        """Points taken from every character of a role set on the character
        grid, so that a line of the grid's characters fits in Word (三号 16 pt
        on a 15.79 pt pitch: −0.3 pt; 0 off the grid).  Both writers set text
        with it: Word as character spacing, the PDF as the advance it breaks
        lines with (then justifies full lines onto the grid)."""
        pitch = self.char_pitch(role)
        over = self.style(role).size - pitch if pitch else 0.0
        return -(math.ceil(over * 20) + 1) / 20 if over > 0 else 0.0

    def char_width(self, role: str = "body") -> float:
        """The width of one 字 in ``role``: the grid's character pitch on the
        character grid, else the font size."""
        return self.char_pitch(role) or self.style(role).size

    def color(self, name: str) -> tuple[float, float, float]:
        return self.colors.get(name, (0.0, 0.0, 0.0))

    def digest(self) -> str:
        """A stable hash of everything the theme says (for incremental builds)."""
        return hashlib.sha256(json.dumps(self.raw, sort_keys=True, default=str).encode()).hexdigest()

    def faces(self) -> list[str]:
        """Every face name the theme uses (east-Asian and Latin)."""
        out: list[str] = []
        for st in self.styles.values():
            for f in (st.font, st.latin):
                if f and f not in out:
                    out.append(f)
        return out


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def builtin_themes() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        elif v is None and isinstance(out.get(k), dict):
            continue  # an empty section (``body:``) changes nothing
        else:
            out[k] = v
    return out


def _read(ref: str | Path, relative_to: Path | None, chain: tuple[str, ...]) -> tuple[dict, Path, dict]:
    """The merged theme mapping, the file it came from, and where each key
    was written: dotted key → (file, line) (a child theme's keys win)."""
    ref_s = str(ref)
    path: Path
    if ref_s in builtin_themes() and not ref_s.endswith((".yaml", ".yml")):
        path = BUILTIN_DIR / f"{ref_s}.yaml"
    else:
        path = Path(ref_s)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        if not path.exists():
            raise ConfigError(
                f"theme {ref_s!r} not found",
                hint=f"use a built-in theme ({', '.join(builtin_themes())}) or a path to a theme YAML file",
            )
    key = str(path.resolve())
    if key in chain:
        raise ConfigError(f"theme {path} extends itself (cycle: {' → '.join(chain + (key,))})", file=str(path))
    from ..data.yamlsrc import read_mapping

    positions: dict = {}
    data = read_mapping(path, "a theme", positions)
    where = {k: (str(path), line) for k, (line, _col) in positions.items()}
    _absolute_font_files(data, path.parent)  # before merging: paths are relative to *this* file
    parent = data.pop("extends", None)
    if parent:
        base, _, base_where = _read(parent, path.parent, chain + (key,))
        data = _merge(base, data)
        where = {**base_where, **where}
    return data, path, where


def _absolute_font_files(data: dict, folder: Path) -> None:
    fonts = data.get("fonts")
    if not isinstance(fonts, dict):
        return
    for face, spec in fonts.items():
        file = spec.get("file") if isinstance(spec, dict) else spec
        if isinstance(file, str) and file:
            p = Path(file).expanduser()
            p = p if p.is_absolute() else Path(os.path.normpath(folder / p))
            fonts[face] = {**spec, "file": str(p)} if isinstance(spec, dict) else str(p)


def load_theme(ref: str | Path = "default", relative_to: Path | None = None) -> Theme:
    """Load a built-in theme by name or a theme YAML file by path."""
    data, path, where = _read(ref, relative_to, ())
    try:
        return _build(data, path)
    except ElementError as exc:
        file, line = where.get(exc.path, (str(path), None))
        raise ConfigError(f"theme: {exc}", file=file, line=line,
                          hint="see the elements of the built-in themes (reportgen/themes/builtin/*.yaml)") from None
    except (ValueError, TypeError, KeyError) as exc:
        raise ConfigError(f"theme: {exc}", file=str(path)) from None


_SECTIONS = ("page", "grid", "fonts", "colors", "roles", "numbering", "page_number", "typography", "elements")


_TOP = {"name", "locale", "extends", *_SECTIONS}
_PAGE_NUMBER_KEYS = ("format", "position", "inset", "below", "first_page")


def _build(d: dict, path: Path) -> Theme:
    for key in d:
        if key not in _TOP:
            raise ElementError(f"unknown key {key!r}; known: {', '.join(sorted(_TOP))}", key)
    for key in (d.get("page_number") or {}):
        if key not in _PAGE_NUMBER_KEYS:
            raise ElementError(f"page_number: unknown key {key!r}; known: {', '.join(_PAGE_NUMBER_KEYS)}",
                               f"page_number.{key}")
    for key in _SECTIONS:
        if d.get(key) is not None and not isinstance(d[key], dict):
            raise ValueError(f"{key} must be a mapping of 'key: value' lines, not {type(d[key]).__name__}")
        if key in d and d[key] is None:
            d[key] = {}
    pg = d.get("page", {})
    size = pg.get("size", "A4")
    if isinstance(size, str):
        if size.upper() not in PAGE_SIZES:
            raise ValueError(f"page.size {size!r} is not one of {', '.join(PAGE_SIZES)} (or give [width, height])")
        w_mm, h_mm = PAGE_SIZES[size.upper()]
        width, height = to_pt(f"{w_mm}mm"), to_pt(f"{h_mm}mm")
    else:
        width, height = to_pt(size[0]), to_pt(size[1])
    m = pg.get("margin") or {}
    page = Page(
        width=width, height=height,
        top=to_pt(m.get("top", "25mm")), bottom=to_pt(m.get("bottom", "25mm")),
        left=to_pt(m.get("left", "25mm")), right=to_pt(m.get("right", "25mm")),
        header_distance=to_pt(pg.get("header_distance", "15mm")),
        footer_distance=to_pt(pg.get("footer_distance", "15mm")),
    )

    grid = None
    g = d.get("grid")
    if g:
        lines = int(g["lines"])
        chars = int(g["chars"]) if g.get("chars") else None
        pitch = to_pt(g["line_pitch"]) if g.get("line_pitch") else page.type_height / lines
        grid = Grid(lines=lines, chars=chars, line_pitch=pitch,
                    char_pitch=page.type_width / chars if chars else None)

    colors = {k: parse_color(v) for k, v in (d.get("colors") or {}).items()}
    colors.setdefault("text", (0.0, 0.0, 0.0))
    colors.setdefault("red", (1.0, 0.0, 0.0))

    roles = d.get("roles", {})
    body_size = to_pt((roles.get("body") or {}).get("size", 12))
    base_line = grid.line_pitch if grid else body_size * 1.5
    styles: dict[str, Style] = {}
    for role, spec in roles.items():
        styles[role] = _style(role, spec or {}, colors, base_line)

    pn = d.get("page_number", {}) or {}
    page_number = PageNumber(
        format=pn.get("format", "— {page} —"),
        position=pn.get("position", "outside"),
        inset=float(pn.get("inset", 1)),
        below=to_pt(pn.get("below", "7mm")),
        first_page=bool(pn.get("first_page", True)),
    )
    if page_number.position not in ("outside", "center", "left", "right"):
        raise ValueError(f"page_number.position {page_number.position!r} is not outside/center/left/right")

    elements = load_elements(d.get("elements", {}) or {}, base_line)
    fonts = d.get("fonts", {}) or {}
    font_files = {}
    for face, spec in fonts.items():
        file = spec.get("file") if isinstance(spec, dict) else spec
        if file:
            fp = Path(str(file)).expanduser()
            font_files[face] = str(fp if fp.is_absolute() else (path.parent / fp))
    return Theme(
        name=str(d.get("name", path.stem)), source=str(path), locale=str(d.get("locale", "zh")),
        page=page, grid=grid, styles=styles,
        numbering=tuple(d.get("numbering", {}).get("headings", ())) if d.get("numbering") else (),
        page_number=page_number, colors=colors, typography=dict(d.get("typography", {}) or {}),
        elements=elements, font_files=font_files, raw=d,
    )


_STYLE_FIELDS = {f.name for f in fields(Style)}


def _style(role: str, spec: dict, colors: dict, base_line: float) -> Style:
    unknown = set(spec) - _STYLE_FIELDS
    if unknown:
        raise ValueError(f"roles.{role}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_STYLE_FIELDS))}")
    size = to_pt(spec.get("size", 12))
    kw: dict[str, Any] = {"size": size}
    for key in ("font", "latin", "align"):
        if key in spec:
            kw[key] = spec[key]
    for key in ("bold", "italic", "keep_with_next"):
        if key in spec:
            kw[key] = bool(spec[key])
    for key in ("indent", "left_indent", "right_indent"):
        if key in spec:
            kw[key] = float(spec[key])
    for key in ("space_before", "space_after"):
        if key in spec:
            kw[key] = to_pt(spec[key], line=base_line, char=size)
    if spec.get("line_pitch") not in (None, "grid"):
        kw["line_pitch"] = to_pt(spec["line_pitch"], line=base_line)
    if "color" in spec:
        c = spec["color"]
        kw["color"] = colors[c] if isinstance(c, str) and c in colors else parse_color(c)
    if kw.get("align", "justify") not in ("left", "center", "right", "justify"):
        raise ValueError(f"roles.{role}.align must be left, center, right or justify")
    return Style(**kw)
