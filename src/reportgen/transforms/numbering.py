"""Heading numbering: Heading.number from the theme's per-level patterns.

``theme.numbering`` holds one pattern per heading level, e.g.
``("{cn}、", "（{cn}）", "{n}.", "（{n}）")`` — ``{cn}`` is the count in
Chinese numerals (一 二 … 九十九), ``{n}`` in Arabic numerals; an empty
pattern (or a level beyond the tuple) leaves that level unnumbered.

Counters: a heading bumps its level's counter and resets every deeper level;
a Title or an ``article`` Div starts the count afresh.  A heading whose text
already begins with a label (一、 （一） 1. （1） …) keeps its text, gets
``number=None``, and still counts.  Writers print ``number + text``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model.nodes import Div, Document, Heading, Title, plain_text
from ..templating.filters import cn_ordinal

_CN = "[一二三四五六七八九十百〇零]+"
LABEL = re.compile(
    rf"^\s*(?:{_CN}\s*[、.．]|[（(]\s*{_CN}\s*[)）]|\d+\s*[.．、](?!\d)|[（(]\s*\d+\s*[)）]|第{_CN}[章节部分条])"
)


def has_label(heading: Heading) -> bool:
    """True when the heading's text already starts with a number label."""
    return bool(LABEL.match(plain_text(heading.children)))


def _label(pattern: str, count: int) -> str | None:
    if not pattern:
        return None
    cn = cn_ordinal(count) if "{cn}" in pattern else ""
    return pattern.replace("{cn}", cn).replace("{n}", str(count))


class _Counter:
    def __init__(self, patterns: tuple[str, ...]):
        self.patterns = patterns
        self.counts: list[int] = []

    def reset(self) -> None:
        self.counts = []

    def number(self, heading: Heading) -> Heading:
        level = heading.level
        self.counts = (self.counts + [0] * level)[:level]
        self.counts[level - 1] += 1
        if has_label(heading):
            return replace(heading, number=None)
        pattern = self.patterns[level - 1] if level <= len(self.patterns) else ""
        return replace(heading, number=_label(pattern, self.counts[level - 1]))


def _blocks(blocks, counter: _Counter) -> tuple:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            block = counter.number(block)
        elif isinstance(block, Title):
            counter.reset()
        elif isinstance(block, Div):
            if block.role == "article":
                counter.reset()
            block = replace(block, children=_blocks(block.children, counter))
        out.append(block)
    return tuple(out)


def number_headings(doc: Document, theme) -> Document:
    """A new Document whose headings carry their numbers (see module doc)."""
    counter = _Counter(tuple(getattr(theme, "numbering", ()) or ()))
    return replace(doc, body=_blocks(doc.body, counter))


__all__ = ["number_headings", "has_label"]
