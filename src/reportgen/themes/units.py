"""Lengths and font sizes: pt, mm, cm, in, px (at 96 dpi) and Chinese 号 sizes.

>>> to_pt("三号"), to_pt("16pt"), round(to_pt("37mm"), 2), to_pt(12)
(16.0, 16.0, 104.88, 12.0)
"""
from __future__ import annotations

import re

MM = 72 / 25.4

# Word / WPS / CTeX values (GB/T 9704 spec sheet §2); 三号 = 16 pt.
HAO_SIZES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}

_UNITS = {"pt": 1.0, "bp": 1.0, "mm": MM, "cm": 10 * MM, "in": 72.0, "px": 0.75, "twip": 1 / 20}
_LEN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.I)


def to_pt(value, *, line: float | None = None, char: float | None = None) -> float:
    """A length or size in points.

    ``value`` is a number (points), a string with a unit (``"37mm"``,
    ``"16pt"``, ``"1.5cm"``), a 号 name (``"三号"``), or, when ``line`` /
    ``char`` are given, ``"2 lines"`` / ``"2 chars"`` (also ``行`` / ``字``).
    Raises ValueError with a readable message otherwise.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a length")
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a length (write e.g. 16pt, 37mm or 三号)")
    text = value.strip()
    if text in HAO_SIZES:
        return float(HAO_SIZES[text])
    m = re.match(r"^\s*(-?\d+(?:\.\d+)?)\s*(lines?|行|chars?|字)\s*$", text)
    if m:
        n, unit = float(m.group(1)), m.group(2)
        if unit in ("line", "lines", "行"):
            if line is None:
                raise ValueError(f"{value!r}: a length in lines is not allowed here")
            return n * line
        if char is None:
            raise ValueError(f"{value!r}: a length in characters is not allowed here")
        return n * char
    m = _LEN.match(text)
    if m:
        unit = (m.group(2) or "pt").lower()
        if unit in _UNITS:
            return float(m.group(1)) * _UNITS[unit]
    raise ValueError(f"{value!r} is not a length (write e.g. 16pt, 37mm, 1.2cm or a 号 size like 三号)")


def pt_to_mm(pt: float) -> float:
    return pt / MM


def parse_color(value) -> tuple[float, float, float]:
    """``"#FF0000"`` or ``[1, 0, 0]`` → an (r, g, b) triple in 0..1."""
    if isinstance(value, (list, tuple)) and len(value) == 3:
        rgb = tuple(float(v) for v in value)
        if all(0 <= v <= 1 for v in rgb):
            return rgb  # type: ignore[return-value]
        if all(0 <= v <= 255 for v in rgb):
            return tuple(v / 255 for v in rgb)  # type: ignore[return-value]
    if isinstance(value, str) and re.fullmatch(r"#?[0-9a-fA-F]{6}", value.strip()):
        h = value.strip().lstrip("#")
        return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    raise ValueError(f"{value!r} is not a colour (write #RRGGBB)")


def color_hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{round(c * 255):02X}" for c in rgb)
