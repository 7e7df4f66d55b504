"""Characters that would corrupt a DOCX (XML 1.0 forbids them) or confuse a
reader are removed from every string at load time, with a warning, so both
writers are safe.  Tab and newline are kept; CR and CRLF become newline."""
from __future__ import annotations

import re
from typing import Any, Callable

from ..diagnostics import Diagnostic
from .fieldpath import join

# C0 controls except \t \n (\r handled separately), DEL, C1 controls,
# surrogates (only reachable through escapes) and the two non-characters.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CR = re.compile("\r\n?")


def clean_text(text: str) -> tuple[str, list[str]]:
    """``text`` without forbidden characters, and the ones removed (as U+XXXX)."""
    text = _CR.sub("\n", text)
    found = sorted({f"U+{ord(c):04X}" for c in _BAD.findall(text)})
    if found:
        text = _BAD.sub("", text)
    return text, found


def clean_values(value: Any, where: Callable[[str], tuple[int | None, int | None]],
                 source: str, path: str = "") -> tuple[Any, list[Diagnostic]]:
    """A copy of ``value`` with every string (and key) cleaned; a warning
    per changed field, located with ``where(path)``."""
    warnings: list[Diagnostic] = []

    def walk(v: Any, p: str) -> Any:
        if isinstance(v, str):
            cleaned, found = clean_text(v)
            if found:
                line, col = where(p)
                warnings.append(Diagnostic(
                    f"{p or '(value)'}: removed control character(s) {', '.join(found)}",
                    file=source, line=line, col=col, severity="warning",
                    hint="they cannot appear in a DOCX; check the data for pasted garbage"))
            return cleaned
        if isinstance(v, dict):
            out = {}
            for k, item in v.items():
                key = walk(k, p) if isinstance(k, str) else k
                out[key] = walk(item, join(p, k))
            return out if type(v) is dict else type(v)(out)  # keeps Units
        if isinstance(v, list):
            return [walk(item, join(p, i)) for i, item in enumerate(v)]
        return v

    return walk(value, path), warnings
