"""Map a line of rendered Markdown back to the template line that produced it.

Jinja keeps no map from output lines to template lines, so markup errors
(found after rendering) are located by matching: a template line whose
literal text (what lies outside ``{{ }}``, ``{% %}`` and ``{# #}``) appears,
in order, in the rendered line.  The line with the most literal text wins.
"""
from __future__ import annotations

import re

_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


def _in_order(chunks: list[str], text: str) -> bool:
    pos = 0
    for chunk in chunks:
        pos = text.find(chunk, pos)
        if pos < 0:
            return False
        pos += len(chunk)
    return True


def template_line(template_source: str, rendered_line: str) -> int | None:
    """The 1-based template line that best explains ``rendered_line``."""
    target = rendered_line.strip()
    if not target:
        return None
    best, best_score = None, 0
    for number, line in enumerate(template_source.splitlines(), start=1):
        chunks = [c.strip() for c in _TAGS.split(line) if c.strip()]
        score = sum(len(c) for c in chunks)
        if score > best_score and _in_order(chunks, target):
            best, best_score = number, score
    return best
