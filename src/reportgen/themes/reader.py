"""A merged theme mapping → Theme, checked key by key: every unknown key,
wrong shape and value out of range is noted with its dotted key (and then
placed at its file and line by ``theme.load_theme``), not just the first.
"""
from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..diagnostics import did_you_mean
from .elements import load_elements
from .theme import PAGE_SIZES, ROLE_FALLBACK, Grid, Page, PageNumber, Style, Theme
from .units import parse_color, pt_to_mm, to_pt

_SECTIONS = ("page", "grid", "fonts", "colors", "roles", "numbering", "page_number", "typography", "elements")
_TOP = {"name", "description", "locale", "extends", *_SECTIONS}
_PAGE_KEYS = {"size", "margin", "header_distance", "footer_distance"}
_MARGINS = ("top", "bottom", "left", "right")
_GRID_KEYS = {"lines", "chars", "line_pitch"}
_PAGE_NUMBER_KEYS = ("format", "position", "inset", "below", "first_page")
_TYPOGRAPHY_KEYS = ("transform", "kinsoku", "note_brackets")
ROLES = {"body", "title", "heading1", *ROLE_FALLBACK}
MAX_SIZE = 200.0  # points: a 200 pt glyph is larger than any real heading
MAX_PAGE = 2000 * 72 / 25.4  # 2 m


class ThemeProblems(ValueError):
    """Every problem found in one theme: (dotted key, message, hint) each."""

    def __init__(self, items: list[tuple[str, str, str | None]]):
        super().__init__("; ".join(m for _k, m, _h in items))
        self.items = items


class _Reader:
    """Reads a merged theme mapping key by key, noting every problem (with
    its dotted key) instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str, str | None]] = []

    def bad(self, key: str, message: str, hint: str | None = None) -> None:
        self.problems.append((key, f"{key}: {message}" if key else message, hint))

    def section(self, d: dict, key: str) -> dict:
        value = d.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.bad(key, f"must be a mapping of 'key: value' lines, not {_kind(value)}")
            return {}
        return value

    def known(self, mapping: dict, prefix: str, known) -> None:
        for key in mapping:
            if key not in known:
                self.bad(f"{prefix}.{key}" if prefix else str(key), "unknown key", did_you_mean(str(key), known))

    def length(self, key: str, value: Any, default: Any, *, least: float = 0.0, most: float = MAX_PAGE,
               strict: bool = False, **units: float) -> float:
        """``value`` in points, checked to lie in [least, most] (> least when ``strict``)."""
        try:
            pt = to_pt(default if value is None else value, **units)
        except ValueError as exc:
            self.bad(key, str(exc))
            return to_pt(default, **units)
        if pt < least or (strict and pt == least) or pt > most or not math.isfinite(pt):
            limit = f"more than {least:g}pt" if strict else f"at least {least:g}pt"
            self.bad(key, f"{value!r} is out of range (give {limit} and at most {most:g}pt)")
            return to_pt(default, **units)
        return pt

    def number(self, key: str, value: Any, default: float, least: float = -100.0, most: float = 100.0) -> float:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not least <= value <= most:
            self.bad(key, f"{value!r} is not a number from {least:g} to {most:g}")
            return default
        return float(value)

    def flag(self, key: str, value: Any, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.bad(key, f"write true or false, not {value!r}")
            return default
        return value

    def text(self, key: str, value: Any, default: str | None, choices: tuple[str, ...] = ()) -> str | None:
        if value is None:
            return default
        if not isinstance(value, str) or (choices and value not in choices):
            self.bad(key, f"write {' or '.join(choices) if choices else 'a text'}, not {value!r}")
            return default
        return value

    def color(self, key: str, value: Any, colors: dict) -> tuple[float, float, float]:
        if isinstance(value, str) and value in colors:
            return colors[value]
        try:
            return parse_color(value)
        except (ValueError, TypeError):
            named = f" or a colour named under colors: ({', '.join(colors)})" if colors else ""
            self.bad(key, f"{value!r} is not a colour", f"write #RRGGBB{named}")
            return (0.0, 0.0, 0.0)


def _kind(value: Any) -> str:
    return {str: "a text", list: "a list", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__)


def build(d: dict, path: Path) -> Theme:
    """The Theme a merged mapping describes; raises ThemeProblems listing
    every unknown key, wrong shape and value out of range."""
    r = _Reader()
    r.known(d, "", _TOP)
    page = _page(r, r.section(d, "page"))
    grid = _grid(r, r.section(d, "grid"), page)

    colors = {"text": (0.0, 0.0, 0.0), "red": (1.0, 0.0, 0.0)}
    for k, v in r.section(d, "colors").items():
        colors[str(k)] = r.color(f"colors.{k}", v, {})

    roles = r.section(d, "roles")
    body = roles.get("body") if isinstance(roles.get("body"), dict) else {}
    try:
        body_size = to_pt(body.get("size", 12)) if body else 12.0
    except ValueError:
        body_size = 12.0  # reported with the role below
    body_size = body_size if 0 < body_size <= MAX_SIZE else 12.0
    base_line = grid.line_pitch if grid else body_size * 1.5
    styles: dict[str, Style] = {}
    for role, spec in roles.items():
        if role not in ROLES:
            r.bad(f"roles.{role}", "unknown role", did_you_mean(str(role), ROLES))
        elif spec is not None and not isinstance(spec, dict):
            r.bad(f"roles.{role}", f"must be a mapping of 'key: value' lines (size, font, …), not {_kind(spec)}",
                  f"e.g. {role}: {{font: 仿宋_GB2312, size: 三号}}")
        else:
            styles[role] = _style(r, role, spec or {}, colors, base_line)
    if page.type_width < 10 * body_size or page.type_height < 5 * base_line:
        r.bad("page.margin", f"the margins leave a type area of {pt_to_mm(page.type_width):.0f} × "
              f"{pt_to_mm(page.type_height):.0f} mm on a {pt_to_mm(page.width):.0f} × {pt_to_mm(page.height):.0f} mm "
              f"page, too small for text", "leave room for at least 10 characters a line and 5 lines a page")

    pn = r.section(d, "page_number")
    r.known(pn, "page_number", _PAGE_NUMBER_KEYS)
    page_number = PageNumber(
        format=_page_format(r, pn.get("format")),
        position=r.text("page_number.position", pn.get("position"), "outside", ("outside", "center", "left", "right")),
        inset=r.number("page_number.inset", pn.get("inset"), 1.0, 0, 50),
        below=r.length("page_number.below", pn.get("below"), "7mm"),
        first_page=r.flag("page_number.first_page", pn.get("first_page"), True),
    )
    numbering = r.section(d, "numbering")
    r.known(numbering, "numbering", ("headings",))
    headings = numbering.get("headings") or ()
    if not isinstance(headings, list) or not all(isinstance(h, str) for h in headings):
        r.bad("numbering.headings", "give a list of patterns, one per heading level, e.g. ['{cn}、', '（{cn}）']")
        headings = ()
    for i, h in enumerate(headings):
        rest = h.replace("{cn}", "").replace("{n}", "")
        if "{" in rest or "}" in rest:
            r.bad(f"numbering.headings[{i}]", f"{h!r}: only {{cn}} (一、二、…) and {{n}} (1, 2, …) can be filled in")
    typography = r.section(d, "typography")
    r.known(typography, "typography", _TYPOGRAPHY_KEYS)
    for k in _TYPOGRAPHY_KEYS:
        r.flag(f"typography.{k}", typography.get(k), True)

    elements = load_elements(r.section(d, "elements"), base_line, r.problems)
    font_files = _font_files(r, r.section(d, "fonts"), path)
    name = r.text("name", d.get("name"), path.stem)
    r.text("description", d.get("description"), "")
    locale = r.text("locale", d.get("locale"), "zh")
    if r.problems:
        raise ThemeProblems(r.problems)
    return Theme(
        name=str(name), source=str(path), locale=str(locale), page=page, grid=grid, styles=styles,
        numbering=tuple(headings), page_number=page_number, colors=colors, typography=dict(typography),
        elements=elements, font_files=font_files, raw=d,
    )


def _page(r: _Reader, pg: dict) -> Page:
    r.known(pg, "page", _PAGE_KEYS)
    size = pg.get("size", "A4")
    width, height = to_pt("210mm"), to_pt("297mm")
    if isinstance(size, str) and size.upper() in PAGE_SIZES:
        width, height = (to_pt(f"{v}mm") for v in PAGE_SIZES[size.upper()])
    elif isinstance(size, list) and len(size) == 2:
        width = r.length("page.size", size[0], "210mm", least=to_pt("50mm"))
        height = r.length("page.size", size[1], "297mm", least=to_pt("50mm"))
    else:
        r.bad("page.size", f"{size!r} is not a page size",
              f"write one of {', '.join(PAGE_SIZES)}, or [width, height] such as [210mm, 297mm]")
    m = pg.get("margin") or {}
    if not isinstance(m, dict):
        r.bad("page.margin", "must be a mapping: {top: 37mm, bottom: 35mm, left: 28mm, right: 26mm}")
        m = {}
    r.known(m, "page.margin", _MARGINS)
    margins = {k: r.length(f"page.margin.{k}", m.get(k), "25mm") for k in _MARGINS}
    return Page(width=width, height=height, **margins,
                header_distance=r.length("page.header_distance", pg.get("header_distance"), "15mm"),
                footer_distance=r.length("page.footer_distance", pg.get("footer_distance"), "15mm"))


def _grid(r: _Reader, g: dict, page: Page) -> Grid | None:
    if not g:
        return None
    r.known(g, "grid", _GRID_KEYS)
    lines, chars = g.get("lines"), g.get("chars")
    if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= 200:
        r.bad("grid.lines", f"{lines!r} is not a number of lines from 1 to 200", "GB/T 9704: 22 lines a page")
        lines = 22
    if chars is not None and (isinstance(chars, bool) or not isinstance(chars, int) or not 1 <= chars <= 200):
        r.bad("grid.chars", f"{chars!r} is not a number of characters from 1 to 200", "GB/T 9704: 28 a line")
        chars = None
    pitch = page.type_height / lines
    if g.get("line_pitch") is not None:
        pitch = r.length("grid.line_pitch", g["line_pitch"], pitch, strict=True, most=MAX_SIZE * 2)
    return Grid(lines=lines, chars=chars or None, line_pitch=pitch,
                char_pitch=page.type_width / chars if chars else None)


def _page_format(r: _Reader, value: Any) -> str:
    fmt = r.text("page_number.format", value, "— {page} —")
    if fmt and ("{" in fmt.replace("{page}", "") or "}" in fmt.replace("{page}", "")):
        r.bad("page_number.format", f"{fmt!r}: only {{page}} can be filled in",
              "write {page} where the number goes, e.g. '— {page} —'")
        return "— {page} —"
    return fmt or ""


FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2")


def _font_files(r: _Reader, fonts: dict, path: Path) -> dict[str, str]:
    """``fonts:`` face → file (absolute), each checked to be a font file."""
    out = {}
    for face, spec in fonts.items():
        file = spec.get("file") if isinstance(spec, dict) else spec
        if not isinstance(file, str) or not file:
            r.bad(f"fonts.{face}", "give the path of a font file (.ttf, .otf, .ttc)")
            continue
        fp = Path(file).expanduser()
        fp = fp if fp.is_absolute() else path.parent / fp
        problem = font_file_problem(fp)
        if problem:
            r.bad(f"fonts.{face}", problem, "paths are relative to the theme file")
        out[str(face)] = str(fp)
    return out


def font_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be used as a font file (None when it can)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except FileNotFoundError:
        return f"font file {path.name!r} not found ({path})"
    except OSError as exc:
        return f"cannot read font file {path}: {exc.strerror or exc}"
    if head not in FONT_MAGIC:
        return f"{path.name!r} is not a font file (TrueType, OpenType or a collection)"
    return None


_STYLE_FIELDS = {f.name for f in fields(Style)}


def _style(r: _Reader, role: str, spec: dict, colors: dict, base_line: float) -> Style:
    key = f"roles.{role}"
    r.known(spec, key, _STYLE_FIELDS)
    size = r.length(f"{key}.size", spec.get("size"), 12, strict=True, most=MAX_SIZE)
    kw: dict[str, Any] = {"size": size}
    for name in ("font", "latin"):
        if spec.get(name) is not None:
            kw[name] = r.text(f"{key}.{name}", spec[name], None)
    kw["align"] = r.text(f"{key}.align", spec.get("align"), "justify", ("left", "center", "right", "justify"))
    for name in ("bold", "italic", "keep_with_next"):
        kw[name] = r.flag(f"{key}.{name}", spec.get(name), False)
    for name in ("indent", "left_indent", "right_indent"):
        kw[name] = r.number(f"{key}.{name}", spec.get(name), 0.0, -20, 50)
    for name in ("space_before", "space_after"):
        kw[name] = r.length(f"{key}.{name}", spec.get(name), 0, line=base_line, char=size)
    if spec.get("line_pitch") not in (None, "grid"):
        kw["line_pitch"] = r.length(f"{key}.line_pitch", spec["line_pitch"], base_line, strict=True,
                                    most=MAX_SIZE * 2, line=base_line)
    if "color" in spec:
        kw["color"] = r.color(f"{key}.color", spec["color"], colors)
    return Style(**{k: v for k, v in kw.items() if v is not None})
