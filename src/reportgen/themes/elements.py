"""Typed theme elements: the measurements of official-document parts,
tables, lists and rules, each key with exactly one default.

A theme's ``elements:`` section holds one mapping per element below.  Every
value is converted once, here: ``Length`` fields take pt, mm, cm, in, a 号
size or ``N lines`` (of the body line pitch) and are stored in points;
``Chars`` fields are counts of 字 (characters of the element's own role).
An unknown element or key is an error naming the theme file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..diagnostics import did_you_mean
from .units import to_pt


class Length(float):
    """A length in points (from any unit the theme allows)."""


class Chars(float):
    """A distance in 字 (characters of the element's role)."""


def _len(default: str, most: float = 1000.0) -> Any:
    """A Length field (converted by load_elements), at most ``most`` points."""
    return field(default=default, metadata={"kind": Length, "most": most})


def _chars(default: float) -> Any:
    return field(default=default, metadata={"kind": Chars})


@dataclass(frozen=True)
class Masthead:
    """版头 (公文) and 报头 (简报)."""

    issuer_top: float = _len("35mm")  # 发文机关标志 top edge below the type-area top (7.2.4)
    issuer_max_width: float = _len("0pt")  # shrink the mark to this width; 0 = the type width
    doc_no_gap: float = _len("2 lines")  # 发文字号: 标志下空二行
    side_chars: float = _chars(1)  # 上行文: 文号 左空一字, 签发人 右空一字
    signers_per_line: int = 2  # 签发人: 一般每行排两个姓名
    rule_gap: float = _len("4mm")  # red rule below the 文号 (or the 编印 line of a 简报)
    rule_width: float = _len("1pt", most=10)
    title_gap: float = _len("2 lines")  # 公文: 标题 below the red rule
    issue_gap: float = _len("0.5 line")  # 简报: 第N期 under the name
    meta_gap: float = _len("1 line")  # 简报: the 编印单位 / date line above the rule
    body_gap: float = _len("1 line")  # 简报: first text below the rule


@dataclass(frozen=True)
class Addressee:
    gap_before: float = _len("0pt")  # 主送机关 (omitted right after a title, which has its own gap)


@dataclass(frozen=True)
class Attachments:
    gap_before: float = _len("1 line")  # 附件说明: 正文下空一行


@dataclass(frozen=True)
class Signature:
    gap_before: float = _len("1 line")  # 7.3.5.2: 正文下空一行
    right_chars: float = _chars(2)  # 7.3.5.2: 署名右空二字
    date_shift: float = _chars(2)  # 7.3.5.2: 成文日期首字比署名首字右移二字
    sealed_gap_before: float = _len("3 lines")  # 7.3.5.1: room for the seal
    sealed_right_chars: float = _chars(4)  # 7.3.5.1: 成文日期右空四字


@dataclass(frozen=True)
class Colophon:
    """版记 (公文) and 报尾 (简报)."""

    thick: float = _len("0.35mm", most=10)  # first and last rule
    thin: float = _len("0.25mm", most=10)  # rules between entries
    inset: float = _chars(1)  # 左右各空一字
    row_pad: float = _len("3pt")  # above and below the text of a row
    even_page: bool = True  # a 版记 ends the document on an even page (the 报尾 of a 简报 never moves)


@dataclass(frozen=True)
class Table:
    rule: float = _len("0.5pt", most=6)  # grid lines
    padding: float = _len("3pt", most=30)  # cell padding, every side
    space_before: float = _len("0pt")  # above the table (or its caption)
    space_after: float = _len("0.5 line")  # below the table: text never touches its bottom rule


@dataclass(frozen=True)
class Image:
    space_before: float = _len("0.5 line")
    space_after: float = _len("0.5 line")


@dataclass(frozen=True)
class Volume:
    """``build --bundle``: where each record's document starts."""

    start: str = "next"  # next: the next page; odd: the next odd page (a blank, unnumbered verso before it)


@dataclass(frozen=True)
class Lists:
    indent: float = _chars(2)  # the first level's marker, from the text's left edge
    hang: float = _chars(2)  # from the marker to the item's text
    markers: tuple[str, ...] = ("•", "◦", "▪")  # bullets by nesting depth


@dataclass(frozen=True)
class Rule:
    """Markdown ``---``."""

    width: float = _len("0.5pt", most=10)
    gap: float = _len("0.5 line")  # above and below


@dataclass(frozen=True)
class Elements:
    """Every element of a theme (``load_elements`` fills the defaults)."""

    masthead: Masthead
    addressee: Addressee
    attachments: Attachments
    signature: Signature
    colophon: Colophon
    table: Table
    image: Image
    volume: Volume
    lists: Lists
    rule: Rule


GROUPS = {"masthead": Masthead, "addressee": Addressee, "attachments": Attachments, "signature": Signature,
          "colophon": Colophon, "table": Table, "image": Image, "volume": Volume, "lists": Lists, "rule": Rule}


def _convert(name: str, f, value: Any, base_line: float) -> Any:
    kind = f.metadata.get("kind")
    if kind is Length:
        pt = to_pt(value, line=base_line)
        most = f.metadata.get("most", 1000.0)
        if not 0 <= pt <= most:
            raise ValueError(f"elements.{name}: {value!r} is out of range (give 0 to {most:g}pt)")
        return pt
    if f.type == "str":
        choices = {"start": ("next", "odd")}.get(name.split(".")[-1])
        if not isinstance(value, str) or (choices and value not in choices):
            raise ValueError(f"elements.{name}: write one of {', '.join(choices or ('a text',))}, not {value!r}")
        return value
    if f.type == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"elements.{name}: write true or false, not {value!r}")
        return value
    if kind is Chars or f.type == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -20 <= value <= 50:
            raise ValueError(f"elements.{name}: {value!r} is not a number of characters from -20 to 50")
        return float(value)
    if f.type == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"elements.{name}: {value!r} is not a whole number of at least 1")
        return value
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"elements.{name}: give a list of texts, e.g. ['•', '◦']")
    return tuple(value)


def load_elements(raw: dict, base_line: float, problems: list) -> Elements:
    """``elements:`` of a theme → Elements (all lengths in points).  Every
    unknown or malformed key is appended to ``problems`` as (dotted key,
    message, hint) and left at its default."""
    out = {}
    for group, spec in raw.items():
        key = f"elements.{group}"
        if group not in GROUPS:
            problems.append((key, f"{key}: unknown element", did_you_mean(str(group), GROUPS)))
            continue
        cls = GROUPS[group]
        if spec is None:
            continue
        if not isinstance(spec, dict):
            problems.append((key, f"{key} must be a mapping of 'key: value' lines", None))
            continue
        known = {f.name: f for f in fields(cls)}
        kw = {}
        for name, value in spec.items():
            if name not in known:
                problems.append((f"{key}.{name}", f"{key}.{name}: unknown key", did_you_mean(str(name), known)))
                continue
            try:
                kw[name] = _convert(f"{group}.{name}", known[name], value, base_line)
            except ValueError as exc:
                text = str(exc) if str(exc).startswith("elements.") else f"{key}.{name}: {exc}"
                problems.append((f"{key}.{name}", text, None))
        out[group] = _defaults(cls, base_line, kw)
    return Elements(**{g: out.get(g) or _defaults(cls, base_line, {}) for g, cls in GROUPS.items()})


def _defaults(cls, base_line: float, given: dict):
    """An element with the given values and every other key at its default
    (length defaults converted with this theme's line pitch)."""
    kw = {}
    for f in fields(cls):
        if f.name in given:
            kw[f.name] = given[f.name]
        elif f.metadata.get("kind") is Length:
            kw[f.name] = to_pt(f.default, line=base_line)
        else:
            kw[f.name] = f.default
    return cls(**kw)
