"""What fonts a theme's roles get in PDF, for ``reportgen fonts``."""
from __future__ import annotations

from ..text import display_width
from .resolve import FontSet, fontset_for


def describe_fonts(theme, fs: FontSet | None = None) -> list[dict]:
    """One row per role: role, face asked for, latin face, file used for PDF, reason.
    Resolves names only: converts nothing."""
    fs = fs or fontset_for(theme)
    rows = []
    for role in sorted(theme.styles):
        st = theme.style(role)
        src, reason = fs.resolve(st.font)
        latin = st.latin or st.font
        lsrc, lreason = fs.resolve(latin)
        rows.append({
            "role": role, "face": st.font, "latin": latin,
            "file": str(src.path) + (f"#{src.index}" if src.index else ""),
            "reason": reason,
            "latin_file": str(lsrc.path) + (f"#{lsrc.index}" if lsrc.index else ""),
            "latin_reason": lreason,
        })
    return rows


def format_fonts_table(rows: list[dict]) -> str:
    """A plain-text table of ``describe_fonts`` rows, then each distinct face's reason."""
    head = ("role", "face", "latin")
    widths = [max(display_width(str(r[k])) for r in rows + [dict(zip(head, head))]) for k in head]
    lines = ["  ".join(_pad(h, w) for h, w in zip(head, widths)) + "  PDF file"]
    for r in rows:
        lines.append("  ".join(_pad(str(r[k]), w) for k, w in zip(head, widths)) + f"  {r['file']}")
    lines.append("")
    seen = {}
    for r in rows:
        seen.setdefault(r["face"], r["reason"])
        seen.setdefault(r["latin"], r["latin_reason"])
    lines += [f"{face}: {reason}" for face, reason in seen.items()]
    return "\n".join(lines)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - display_width(s))
