"""Field paths such as ``sections[0].facts[2].value``: one spelling shared by
the loaders (positions) and the schema checker (error locations)."""
from __future__ import annotations

import re
from typing import Iterable

_PLAIN = re.compile(r"^[^\s.\[\]'\"]+$")


def join(prefix: str, part: str | int) -> str:
    """The path of child ``part`` (a key or a list index) under ``prefix``."""
    if isinstance(part, int) and not isinstance(part, bool):
        return f"{prefix}[{part}]"
    key = str(part)
    if not _PLAIN.match(key):
        key = repr(key)
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def format_path(parts: Iterable[str | int]) -> str:
    path = ""
    for part in parts:
        path = join(path, part)
    return path


def parents(path: str) -> list[str]:
    """``a.b[1].c`` → ``['a.b[1]', 'a.b', 'a', '']``: where to look for a
    position when the path itself has none (e.g. a missing key)."""
    out = []
    cur = path
    while cur:
        m = re.search(r"(\.[^.\[]+|\[[^\]]*\])$", cur)
        cur = cur[: m.start()] if m else ""
        out.append(cur)
    return out
