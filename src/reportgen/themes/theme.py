"""Themes: YAML → Theme.

A theme gives the page, the optional character grid, a text style per role
(title, body, heading1–4, masthead, page_number, table, …), heading numbering,
page numbers, colours and the measurements of official-document elements.
Themes can ``extend`` another (built-in name or path); mappings merge deeply.

All lengths are stored in points.  See ``builtin/*.yaml`` for every key.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from ..diagnostics import Diagnostic, did_you_mean
from ..errors import ConfigError
from .elements import Elements

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


def _read(ref: str | Path, relative_to: Path | None, chain: tuple[str, ...],
          named_in: tuple[str | None, int | None] = (None, None)) -> tuple[dict, Path, dict]:
    """The merged theme mapping, the file it came from, and where each key
    was written: dotted key → (file, line, col) (a child theme's keys win).
    ``named_in`` is the file and line that asked for ``ref`` (for messages)."""
    ref_s = str(ref)
    path: Path
    own = _project_theme(ref_s, relative_to)
    if own is not None and str(own.resolve()) not in chain:  # the project's themes/NAME.yaml wins
        path = own
    elif ref_s in builtin_themes() and not ref_s.endswith((".yaml", ".yml")):
        path = BUILTIN_DIR / f"{ref_s}.yaml"
    else:
        path = Path(ref_s)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        if not path.is_file():
            close = did_you_mean(ref_s, builtin_themes())
            raise ConfigError(f"theme {ref_s!r} not found", file=named_in[0], line=named_in[1],
                              hint=close if close.startswith("did you mean") else
                              f"use a built-in theme ({', '.join(builtin_themes())}) or the path of a theme YAML file")
    key = str(path.resolve())
    if key in chain:
        cycle = " → ".join(Path(c).name for c in (*chain, key))
        raise ConfigError(f"themes extend each other in a loop ({cycle})", file=named_in[0], line=named_in[1],
                          hint="one theme of the loop must extend a built-in theme or none")
    from ..data.yamlsrc import read_mapping

    positions: dict = {}
    data = read_mapping(path, "a theme", positions)
    if not data:
        raise ConfigError("the theme file is empty", file=str(path),
                          hint="write at least 'extends: gongwen' (or briefing, default) and the keys to change")
    where = {k: (str(path), line, col) for k, (line, col) in positions.items()}
    _absolute_font_files(data, path.parent)  # before merging: paths are relative to *this* file
    parent = data.pop("extends", None)
    if parent is not None:
        if not isinstance(parent, str) or not parent:
            raise ConfigError(f"extends: give a theme name or file, not {parent!r}", file=str(path),
                              line=positions.get("extends", (None,))[0])
        base, _, base_where = _read(parent, path.parent, chain + (key,),
                                    (str(path), positions.get("extends", (None,))[0]))
        data = _merge(base, data)
        where = {**base_where, **where}
    return data, path, where


def _project_theme(name: str, folder: Path | None) -> Path | None:
    """``themes/NAME.yaml`` of the project ``folder`` lies in, for a bare theme
    name: a project's theme overrides the built-in of the same name (and may
    extend it: inside that file the name means the built-in)."""
    if folder is None or not name or "/" in name or "\\" in name or name.endswith((".yaml", ".yml")):
        return None
    for parent in (folder, *folder.parents):
        if (parent / "reportgen.yaml").is_file():
            candidate = parent / "themes" / f"{name}.yaml"
            return candidate if candidate.is_file() else None
    return None


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


def load_theme(ref: str | Path = "default", relative_to: Path | None = None,
               named_in: tuple[str | None, int | None] = (None, None)) -> Theme:
    """Load a built-in theme by name or a theme YAML file by path.  Raises
    ConfigError with one diagnostic per problem, each at the file and line
    that holds the key (a child theme or the theme it extends)."""
    from .reader import ThemeProblems, build

    data, path, where = _read(ref, relative_to, (), named_in)
    try:
        return build(data, path)
    except ThemeProblems as exc:
        diags = []
        for key, message, hint in exc.items:
            file, line, col = _position(where, key, str(path))
            diags.append(Diagnostic(message, file=file, line=line, col=col, hint=hint))
        raise ConfigError(diags) from None


def _position(where: dict, key: str, default: str) -> tuple[str, int | None, int | None]:
    """Where the dotted ``key`` (or its nearest written parent) is written."""
    parts = key.split(".")
    while parts:
        hit = where.get(".".join(parts))
        if hit:
            return hit
        parts.pop()
    return default, None, None
